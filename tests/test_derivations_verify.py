"""derivations.verify: fitting/'s hand gradients against SymPy and finite differences.

Mutation tests: a hand gradient with a dropped chain-rule factor or a flipped sign must
fail every judge, for every model. Mutants are built here, never by editing fitting/.
"""

import time

import numpy as np
import pytest
import sympy as sp

from derivations import equality, gradient_tex, loss_tex, model_tex, symbolic, verify
from fitting import ops
from fitting.models import LEAKY_SLOPE, MODELS, SIGMOID_CAP


@pytest.mark.parametrize("name", list(MODELS))
def test_code_gradient_is_verified(name):
    v = verify(name)
    assert v.symbolic_ok, v.symbolic
    assert v.numeric_max_rel_err <= 1e-9
    assert v.fd_max_rel_err <= 1e-5
    assert v.points >= 100
    assert v.ok


@pytest.mark.parametrize("name", list(MODELS))
def test_sympy_model_is_fittings_forward_pass(name):
    """One definition: SymPy's model is fitting/'s forward pass, evaluated the same."""
    rng = np.random.default_rng(1)
    x = rng.uniform(0.5, 4, 50)
    P = rng.uniform(-2, 2, (50, len(MODELS[name].params)))
    f = equality.lambdify((symbolic.x, *symbolic.params(name)), symbolic.forward(name))
    want = MODELS[name].forward(ops.array, x, *P.T)
    np.testing.assert_allclose(f(x, *P.T), want, rtol=1e-12)


def test_trajectory_points_are_checked():
    pytest.importorskip("fitting", reason="needs fitting.ensure_trajectory")
    import fitting

    if not hasattr(fitting, "ensure_trajectory"):
        pytest.skip("fitting.ensure_trajectory is not built yet")
    for name in MODELS:
        v = verify(name)
        assert v.trajectory_points > 0, name
        assert v.trajectory_max_rel_err <= 1e-5, name


def test_kink_conventions_match_fitting_ops():
    q = sp.Symbol("q", real=True)
    assert float(symbolic.ReLU(q).diff(q).subs(q, 0)) == ops.scalar.dReLU(0.0) == 0
    alpha = sp.Rational(1, 100)
    dleaky = symbolic.LeakyReLU(q, alpha).diff(q)
    assert float(dleaky.subs(q, 0)) == ops.scalar.dLeakyReLU(0.0, LEAKY_SLOPE)
    assert float(sp.Abs(q).diff(q).subs(q, 0)) == ops.scalar.sign(0.0) == 0
    assert symbolic.sigmoid(q).diff(q) == symbolic.sigmoid(q) * (1 - symbolic.sigmoid(q))


def test_tex_is_sympys_latex():
    grads = gradient_tex("sigmoid")
    assert set(grads) == {"W", "b"}
    assert r"\sigma\left(W {x}_{i} + b\right)" in grads["W"]
    assert r"\left(1 - \sigma\left(W {x}_{i} + b\right)\right)" in grads["W"]
    assert grads["W"].startswith(r"\frac{\partial J}{\partial W} = \frac{40}{N}")  # 2 * 20
    assert gradient_tex("cubic")["W"].count("{x}_{i}^{3}") == 2  # dW has x^3, not x
    assert model_tex("linear") == "y' = W x + b"
    assert r"\sum_{i=1}^{N}" in loss_tex("relu_net")
    assert int(SIGMOID_CAP) == 20


def test_mae_gradient_is_proved_by_cases_quickly():
    """No single symbolic check over 5 s: the MAE/ReLU gradients are split by sign."""
    for name in ("relu_net", "tanh_net"):
        pairs = zip(symbolic.sample_gradient(name), symbolic.hand_gradient(name), strict=True)
        for sym_g, hand_g in pairs:
            start = time.perf_counter()
            assert equality.proved_equal(sym_g, hand_g) is True
            assert time.perf_counter() - start < 5
    assert len(equality.cases(sp.Abs(symbolic.per_sample_loss("relu_net")))) == 4


# Mutants: altered copies of the hand gradients (a chain-rule factor dropped) ...
def linear_no_x(op, x, y, W, b):
    dy = 2 * (op.Linear(W, b, x) - y)
    return dy, dy  # dW without the factor x


def sigmoid_no_sigma_prime(op, x, y, W, b):
    s = op.sigmoid(op.Linear(W, b, x))
    da = 2 * (SIGMOID_CAP * s - y) * SIGMOID_CAP  # s(1 - s) dropped
    return da * x, da


def cubic_as_linear(op, x, y, W, b):
    dy = 2 * (op.Linear(W, b, x**3) - y)
    return dy * x, dy  # the notes' "dW the same as for linear"


def relu_no_drelu(op, x, y, W1, b1, W2, b2):
    q = op.Linear(W1, b1, x)
    z = op.ReLU(q)
    dy = op.sign(op.Linear(W2, b2, z) - y)
    dq = dy * W2  # ReLU'(q) dropped
    return dq * x, dq, dy * z, dy


def tanh_no_tanh_prime(op, x, y, W1, b1, W2, b2):
    m = op.Linear(W1, b1, x)
    l = op.tanh(m)  # noqa: E741
    k = op.Linear(W2, b2, l)
    dk = op.sign(op.LeakyReLU(k, LEAKY_SLOPE) - y) * op.dLeakyReLU(k, LEAKY_SLOPE)
    dm = dk * W2  # 1 - tanh^2 dropped
    return dm * x, dm, dk * l, dk


DROPPED = {
    "linear": linear_no_x,
    "sigmoid": sigmoid_no_sigma_prime,
    "cubic": cubic_as_linear,
    "relu_net": relu_no_drelu,
    "tanh_net": tanh_no_tanh_prime,
}


def flipped(name, k):
    """... or the sign of one component flipped."""
    backward = MODELS[name].backward

    def mutant(op, x, y, *params):
        g = list(backward(op, x, y, *params))
        g[k] = -g[k]
        return tuple(g)

    return mutant


def _assert_rejected(v):
    assert not v.ok
    assert not v.symbolic_ok
    assert not v.numeric_ok
    assert not v.fd_ok


@pytest.mark.parametrize("name", list(MODELS))
def test_dropped_chain_factor_fails(name):
    _assert_rejected(verify(name, backward=DROPPED[name]))


@pytest.mark.parametrize("name", list(MODELS))
def test_flipped_sign_fails_for_every_parameter(name):
    for k in range(len(MODELS[name].params)):
        _assert_rejected(verify(name, backward=flipped(name, k)))
