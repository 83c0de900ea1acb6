"""Difference quotients (fitting/quotients.py): J's secant slopes approach the hand-written
gradient as h shrinks, and Linear's output moves x, W and 1 times a nudge of W, x and b."""

import numpy as np
import pytest

from fitting import MODELS, NOTES
from fitting.ops import scalar as op
from fitting.quotients import output_nudge, secant_slopes, shrinking_steps

PARAMS = {"W": 0.5, "b": -1.0}


def gradient(name):
    """The mean of the hand-written per-house gradient: what descent uses."""
    k = MODELS["linear"].params.index(name)
    houses = zip(NOTES.x.tolist(), NOTES.y.tolist(), strict=True)
    return np.mean([MODELS["linear"].backward(op, x, y, *PARAMS.values())[k] for x, y in houses])


def test_steps_shrink_on_a_log_scale():
    hs = shrinking_steps(1.0, 1e-3, 4)
    assert hs == pytest.approx([1.0, 0.1, 0.01, 0.001])
    with pytest.raises(ValueError, match="h_end < h_start"):
        shrinking_steps(1e-3, 1.0, 4)


@pytest.mark.parametrize("name", ["W", "b"])
def test_secant_slopes_approach_the_gradient(name):
    # J is quadratic in each parameter: the quotient is the slope plus h times half J''
    hs = shrinking_steps(1.0, 1e-4, 9)
    slopes = secant_slopes("linear", PARAMS, name, hs)
    curvature = np.mean(NOTES.x**2) if name == "W" else 1.0  # half of J'' = mean of x², or 1
    assert slopes == pytest.approx(gradient(name) + curvature * hs, rel=1e-9)
    assert abs(slopes[-1] - gradient(name)) < abs(slopes[0] - gradient(name))


def test_secant_slopes_name_an_unknown_parameter():
    with pytest.raises(KeyError, match="W2"):
        secant_slopes("linear", PARAMS, "W2", [0.1])


@pytest.mark.parametrize(("name", "ratio"), [("W", 4.0), ("x", 0.5), ("b", 1.0)])
def test_linear_output_moves_by_its_derivative(name, ratio):
    before, after, moved = output_nudge("linear", PARAMS, 4.0, name, 0.75)
    assert before == pytest.approx(0.5 * 4.0 - 1.0)
    assert moved == pytest.approx(ratio) and after == pytest.approx(before + 0.75 * ratio)
