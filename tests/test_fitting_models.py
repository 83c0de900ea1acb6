"""The five models: forward passes against formulas, hand gradients against finite differences."""

import math

import numpy as np
import pytest

from fitting import LEAKY_SLOPE, MODELS, SIGMOID_CAP
from fitting.models import NOTES_GRADIENTS, sample_loss
from fitting.ops import EXPR, array, scalar

ALPHA = LEAKY_SLOPE

# Each forward pass written out independently, in numpy, from the definitions.
FORMULAS = {
    "linear": lambda x, W, b: W * x + b,
    "sigmoid": lambda x, W, b: SIGMOID_CAP / (1 + np.exp(-(W * x + b))),
    "cubic": lambda x, W, b: W * x**3 + b,
    "relu_net": lambda x, W1, b1, W2, b2: W2 * np.maximum(W1 * x + b1, 0) + b2,
    "tanh_net": lambda x, W1, b1, W2, b2: (lambda k: np.where(k > 0, k, ALPHA * k))(
        W2 * np.tanh(W1 * x + b1) + b2
    ),
}


def random_points(model, n, seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.5, 4.5, n)
    y = rng.uniform(0.0, 10.0, n)
    params = rng.normal(0.0, 1.5, (n, len(model.params)))
    return x, y, params


def pieces(name, x, y, p):
    """The values whose sign picks a branch; a point is away from kinks if all are far from 0."""
    if name in ("linear", "sigmoid", "cubic"):
        return []
    W1, b1, W2, b2 = p
    q = W1 * x + b1
    if name == "relu_net":
        return [q, W2 * max(q, 0.0) + b2 - y]
    k = W2 * math.tanh(q) + b2
    return [k, (k if k > 0 else ALPHA * k) - y]


def loss_of(model, x, y, p):
    return sample_loss(scalar, model, model.forward(scalar, x, *p), y)


@pytest.mark.parametrize("name", MODELS)
def test_forward_matches_formula(name):
    model = MODELS[name]
    x, _, params = random_points(model, 200, seed=1)
    for xi, p in zip(x, params, strict=True):
        expected = FORMULAS[name](xi, *p)
        assert model.forward(scalar, float(xi), *map(float, p)) == pytest.approx(
            expected, rel=1e-12
        )
    vectorized = model.forward(array, x, *params.T)
    assert vectorized == pytest.approx(FORMULAS[name](x, *params.T), rel=1e-12)


@pytest.mark.parametrize("name", MODELS)
def test_backward_matches_finite_differences(name):
    """Central differences of the per-sample loss at random points away from the kinks."""
    model = MODELS[name]
    x, y, params = random_points(model, 300, seed=2)
    h, checked = 1e-6, 0
    for xi, yi, p in zip(x.tolist(), y.tolist(), params.tolist(), strict=True):
        if any(abs(v) < 1e-3 for v in pieces(name, xi, yi, p)):
            continue  # too near a kink for a finite difference to mean anything
        grad = model.backward(scalar, xi, yi, *p)
        for j in range(len(p)):
            up, down = list(p), list(p)
            up[j] += h
            down[j] -= h
            fd = (loss_of(model, xi, yi, up) - loss_of(model, xi, yi, down)) / (2 * h)
            assert grad[j] == pytest.approx(fd, rel=1e-5, abs=1e-6), (name, model.params[j], p)
        checked += 1
    assert checked > 200


@pytest.mark.parametrize("name", MODELS)
def test_backward_scalar_and_array_agree(name):
    model = MODELS[name]
    x, y, params = random_points(model, 100, seed=3)
    vectorized = model.backward(array, x, y, *params.T)
    for i, (xi, yi, p) in enumerate(zip(x.tolist(), y.tolist(), params.tolist(), strict=True)):
        one = model.backward(scalar, xi, yi, *p)
        for j, g in enumerate(one):
            # abs: 1 - tanh^2 cancels when tanh is near 1, and np.tanh, math.tanh differ by an ulp
            assert np.broadcast_to(vectorized[j], x.shape)[i] == pytest.approx(
                g, rel=1e-12, abs=1e-12
            )


def test_kink_convention():
    """ReLU'(0) = 0, LeakyReLU'(0) = alpha, d|a|/da at 0 = sign(0) = 0, in both namespaces."""
    for op in (scalar, array):
        assert float(op.dReLU(0.0)) == 0.0
        assert float(op.dLeakyReLU(0.0, ALPHA)) == ALPHA
        assert float(op.sign(0.0)) == 0.0
        assert float(op.ReLU(0.0)) == 0.0
        assert float(op.LeakyReLU(-2.0, ALPHA)) == -2.0 * ALPHA
    # relu_net exactly at its kink (q = 0) and with a zero residual: no gradient through them
    W1, b1, W2, b2 = 1.0, -2.0, 3.0, 0.5
    assert MODELS["relu_net"].backward(scalar, 2.0, 0.5, W1, b1, W2, b2) == (0.0, 0.0, 0.0, 0)


def test_scalar_ops_built_from_their_text():
    """The compiled descent inlines ops.EXPR; scalar's branching ops are those texts."""
    values = [-2.5, -1e-300, -0.0, 0.0, 1e-300, 3.0]
    for name in EXPR:
        fn = getattr(scalar, name)
        for v in values:
            args = (v, ALPHA) if "alpha" in EXPR[name] else (v,)
            assert fn(*args) == float(getattr(array, name)(*map(np.float64, args)))


def test_sigmoid_saturates_without_overflow():
    for a in (-1000.0, 1000.0):
        assert 0.0 <= scalar.sigmoid(a) <= 1.0
    with np.errstate(over="raise"):
        assert array.sigmoid(np.array([-1000.0, 1000.0])).tolist() == [0.0, 1.0]


def test_notes_sigmoid_gradient_is_the_linear_models():
    """The notes' sigmoid code (kept to reproduce their figures) misses 20·s(1 - s)."""
    wrong, right = NOTES_GRADIENTS["sigmoid"], MODELS["sigmoid"].backward
    x, y, W, b = 2.0, 1.5, 0.8, -3.0
    s = 1 / (1 + math.exp(-(W * x + b)))
    dy = 2 * (SIGMOID_CAP * s - y)
    assert wrong(scalar, x, y, W, b) == pytest.approx((dy * x, dy))
    assert right(scalar, x, y, W, b) == pytest.approx(
        (dy * SIGMOID_CAP * s * (1 - s) * x, dy * SIGMOID_CAP * s * (1 - s))
    )
