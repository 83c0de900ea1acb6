"""The notes' five models: each forward pass written once, each gradient by hand.

A model is written per sample (one house: floors ``x``, price ``y``) over an
``op`` namespace (see ops.py), so the same function runs on floats, numpy arrays
and SymPy symbols. The loss over the data is the mean of the per-sample loss:
    MSE = 1/N sum (y' - y)^2        MAE = 1/N sum |y' - y|

``*_backward`` returns the per-sample gradient (dw_, db_ for each layer): the
chain rule through the named pieces, as the notes derive it, with the notes'
mistakes fixed. It is the one deliberate second copy of a model; derivations/
checks it against SymPy's derivative of the forward pass.
"""

from collections.abc import Callable
from dataclasses import dataclass

SIGMOID_CAP = 20.0  # 20·sigmoid caps the price at 2M EUR (prices in 100,000 EUR)
LEAKY_SLOPE = 0.01  # LeakyReLU's alpha: a slope, not the learning rate


# linear: y' = W·x + b, MSE
def linear(op, x, W, b):
    return op.Linear(W, b, x)


def linear_backward(op, x, y, W, b):
    dy = 2 * (op.Linear(W, b, x) - y)  # d(y' - y)^2 / dy'
    return dy * x, dy  # dy'/dW = x, dy'/db = 1


# sigmoid: y' = 20·sigmoid(W·x + b), MSE
def sigmoid(op, x, W, b):
    return SIGMOID_CAP * op.sigmoid(op.Linear(W, b, x))


def sigmoid_backward(op, x, y, W, b):
    s = op.sigmoid(op.Linear(W, b, x))
    da = 2 * (SIGMOID_CAP * s - y) * SIGMOID_CAP * s * (1 - s)  # sigmoid' = s(1 - s)
    return da * x, da  # a = W·x + b: da/dW = x, da/db = 1


def sigmoid_backward_notes(op, x, y, W, b):
    """The notes' sigmoid run, as its printed figures show: the linear model's gradient.

    The chain rule stops at y': the factor d(20·sigmoid(a))/da = 20·s(1 - s) is
    missing. Descent then heads for where sum (y' - y)·x = sum (y' - y) = 0 (MSE
    0.014001), not the least-squares optimum (0.012054); the notes' decaying rate
    stops it near their W=1.13465, b=-4.64826. Kept only to reproduce the notes.
    """
    dy = 2 * (sigmoid(op, x, W, b) - y)
    return dy * x, dy


# cubic: y' = W·x³ + b, MSE
def cubic(op, x, W, b):
    return op.Linear(W, b, x**3)


def cubic_backward(op, x, y, W, b):
    dy = 2 * (op.Linear(W, b, x**3) - y)
    return dy * x**3, dy  # dW is x³, not x: not "the same as for linear"


# relu_net: y' = Linear(W2, b2, ReLU(Linear(W1, b1, x))), MAE
def relu_net(op, x, W1, b1, W2, b2):
    return op.Linear(W2, b2, op.ReLU(op.Linear(W1, b1, x)))


def relu_net_backward(op, x, y, W1, b1, W2, b2):
    q = op.Linear(W1, b1, x)
    z = op.ReLU(q)
    dy = op.sign(op.Linear(W2, b2, z) - y)  # d|y' - y| / dy'
    dq = dy * W2 * op.dReLU(q)  # back through Linear(W2, b2, z), then ReLU
    return dq * x, dq, dy * z, dy  # dw_1, db_1, dw_2, db_2


# tanh_net: y' = LeakyReLU(Linear(W2, b2, tanh(Linear(W1, b1, x))), alpha), MAE
def tanh_net(op, x, W1, b1, W2, b2):
    return op.LeakyReLU(op.Linear(W2, b2, op.tanh(op.Linear(W1, b1, x))), LEAKY_SLOPE)


def tanh_net_backward(op, x, y, W1, b1, W2, b2):
    m = op.Linear(W1, b1, x)
    l = op.tanh(m)  # noqa: E741 (the notes' name)
    k = op.Linear(W2, b2, l)
    dk = op.sign(op.LeakyReLU(k, LEAKY_SLOPE) - y) * op.dLeakyReLU(k, LEAKY_SLOPE)
    dm = dk * W2 * (1 - l * l)  # tanh' = 1 - tanh^2
    return dm * x, dm, dk * l, dk  # dw_1, db_1, dw_2, db_2


@dataclass(frozen=True)
class Model:
    name: str
    params: tuple[str, ...]
    loss: str  # "MSE" or "MAE"
    forward: Callable  # (op, x, *params) -> y'
    backward: Callable  # (op, x, y, *params) -> per-sample dJ/dparam, in params order
    formula: str  # plain-text form for messages and titles


MODELS = {
    m.name: m
    for m in (
        Model("linear", ("W", "b"), "MSE", linear, linear_backward, "W·x + b"),
        Model("sigmoid", ("W", "b"), "MSE", sigmoid, sigmoid_backward, "20·sigmoid(W·x + b)"),
        Model("cubic", ("W", "b"), "MSE", cubic, cubic_backward, "W·x³ + b"),
        Model(
            "relu_net",
            ("W1", "b1", "W2", "b2"),
            "MAE",
            relu_net,
            relu_net_backward,
            "Linear(W2, b2, ReLU(Linear(W1, b1, x)))",
        ),
        Model(
            "tanh_net",
            ("W1", "b1", "W2", "b2"),
            "MAE",
            tanh_net,
            tanh_net_backward,
            "LeakyReLU(Linear(W2, b2, tanh(Linear(W1, b1, x))), α)",
        ),
    )
}


# The original code's gradients where they differ from the correct ones: wrong, kept
# to reproduce the notes' printed figures (hyper-parameter gradient="notes").
NOTES_GRADIENTS = {"sigmoid": sigmoid_backward_notes}


def sample_loss(op, model, y_hat, y):
    """One house's loss: (y' - y)^2 for MSE, |y' - y| for MAE."""
    return (y_hat - y) ** 2 if model.loss == "MSE" else op.abs(y_hat - y)
