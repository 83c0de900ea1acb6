"""derivations.optimum: the independent optimum (SymPy's J and gradient + scipy)."""

import tempfile
from pathlib import Path

import numpy as np
import pytest

from derivations import optimum
from fitting import NOTES, Data, dataset_loss, ensure_trajectory


def test_linear_and_cubic_match_least_squares():
    for name, g in (("linear", NOTES.x), ("cubic", NOTES.x**3)):
        opt = optimum(name)
        A = np.column_stack([g, np.ones_like(g)])
        (W, b), *_ = np.linalg.lstsq(A, NOTES.y, rcond=None)
        assert opt.unique
        np.testing.assert_allclose([opt.params["W"], opt.params["b"]], [W, b], rtol=1e-9)
        assert opt.loss == pytest.approx(np.mean((A @ [W, b] - NOTES.y) ** 2), rel=1e-12)


def test_notes_reported_linear_fit_is_near_the_optimum():
    """Line 66: w = 2.9393..., b = -3.2979..., loss = 1.103000695674468; optimum 2.94, -3.3."""
    opt = optimum("linear")
    assert opt.params["W"] == pytest.approx(2.94, abs=1e-9)
    assert opt.params["b"] == pytest.approx(-3.3, abs=1e-9)
    notes_params = {"W": 2.939305864784624, "b": -3.2979591578193053}
    notes_loss = dataset_loss("linear", notes_params, NOTES)
    assert notes_loss == pytest.approx(1.103000695674468, rel=1e-9)
    assert 0 < notes_loss - opt.loss < 1e-6


def test_sigmoid_optimum_beats_the_notes_reported_fit():
    """Line 94 reports loss 0.014018 for 20 sigma(W x + b): the descent had not converged."""
    opt = optimum("sigmoid")
    notes_params = {"W": 1.1346469402126882, "b": -4.6482628586296135}
    notes_loss = dataset_loss("sigmoid", notes_params, NOTES)
    assert notes_loss == pytest.approx(0.014018127818400896, rel=1e-6)  # the 20 is in the fit
    assert opt.unique and opt.loss < 0.0121 < notes_loss


def test_relu_net_best_mae_is_0_2_and_not_unique():
    opt = optimum("relu_net")
    assert opt.loss == pytest.approx(0.2, abs=1e-9)
    assert not opt.unique
    assert "c W1" in opt.note


def test_tanh_net_fits_every_house_exactly():
    opt = optimum("tanh_net")
    assert opt.loss < 1e-12
    assert "exactly" in opt.note


@pytest.mark.parametrize("name", ["linear", "sigmoid", "cubic", "relu_net", "tanh_net"])
def test_no_descent_beats_the_optimum(name):
    with tempfile.TemporaryDirectory() as tmp:
        traj = ensure_trajectory(name, Path(tmp))
    assert float(np.min(traj.loss)) >= optimum(name).loss - 1e-9


def test_other_data():
    data = Data(np.array([0.0, 1.0, 2.0]), np.array([1.0, 3.0, 5.0]))
    opt = optimum("linear", data)
    assert opt.params["W"] == pytest.approx(2.0) and opt.params["b"] == pytest.approx(1.0)
    with pytest.raises(KeyError, match="known: linear"):
        optimum("quadratic")
