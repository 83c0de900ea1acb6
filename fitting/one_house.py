"""One house through a one-hidden-unit net: forward values, local derivatives, chain-rule products.

What the backpropagation lectures draw on the net's computational graph, computed here so the
scenes compute nothing. Each node's value comes from the ops the model is written in (checked
against the model's forward pass), each edge's local derivative from the same pieces its
hand-written backward uses, and the products multiplied back along the edges are checked
against that backward (fitting/models.py), so the graph cannot drift from the model.
"""

import math
from dataclasses import dataclass

import numpy as np

from .models import LEAKY_SLOPE, MODELS, sample_loss
from .ops import array
from .ops import scalar as op


@dataclass(frozen=True)
class Graph:
    """A net as a chain x -> hidden nodes -> y' -> L, with parameters feeding its Linear nodes."""

    model: str
    path: tuple[str, ...]  # the main chain of node names, x first, L last
    inputs: dict  # Linear node -> its (W, b) parameter names


GRAPHS = {
    "relu_net": Graph("relu_net", ("x", "q", "z", "y_hat", "L"),
                      {"q": ("W1", "b1"), "y_hat": ("W2", "b2")}),
    "tanh_net": Graph("tanh_net", ("x", "m", "l", "k", "y_hat", "L"),
                      {"m": ("W1", "b1"), "k": ("W2", "b2")}),
}  # fmt: skip


@dataclass(frozen=True)
class OneHouse:
    """One house (x floors, price y) through the net at some parameters."""

    model: str
    values: dict  # node or parameter name -> value (x, y, hidden nodes, y_hat, L, parameters)
    local: dict  # edge (src, dst) -> d dst / d src at this house, edges listed input to output
    upstream: dict  # name -> dL/dname, multiplied back along the edges from L
    grad: dict  # parameter -> the model's hand-written backward for this house

    def path_to_loss(self, start):
        """The edges from `start` forward to L, in order."""
        edges = [e for e in self.local if e[0] == start]
        while edges and edges[-1][1] != "L":
            edges += [e for e in self.local if e[0] == edges[-1][1]]
        return edges

    def reaches_every_parameter(self):
        """No local derivative is zero, so the backward pass reaches all four parameters."""
        return all(v != 0 for v in self.local.values())


def _relu_net(x, y, W1, b1, W2, b2):
    q = op.Linear(W1, b1, x)
    z = op.ReLU(q)
    y_hat = op.Linear(W2, b2, z)
    values = {"x": x, "y": y, "q": q, "z": z, "y_hat": y_hat}
    local = {
        ("W1", "q"): x, ("b1", "q"): 1.0, ("q", "z"): op.dReLU(q),  # Linear: dW = x, db = 1
        ("W2", "y_hat"): z, ("b2", "y_hat"): 1.0, ("z", "y_hat"): W2,  # dx = W
        ("y_hat", "L"): op.sign(y_hat - y),  # d|y' - y| / dy'
    }  # fmt: skip
    return values, local


def _tanh_net(x, y, W1, b1, W2, b2):
    m = op.Linear(W1, b1, x)
    l = op.tanh(m)
    k = op.Linear(W2, b2, l)
    y_hat = op.LeakyReLU(k, LEAKY_SLOPE)
    values = {"x": x, "y": y, "m": m, "l": l, "k": k, "y_hat": y_hat}
    local = {
        ("W1", "m"): x, ("b1", "m"): 1.0, ("m", "l"): op.dtanh(m),  # tanh' = 1 - tanh^2
        ("W2", "k"): l, ("b2", "k"): 1.0, ("l", "k"): W2,
        ("k", "y_hat"): op.dLeakyReLU(k, LEAKY_SLOPE), ("y_hat", "L"): op.sign(y_hat - y),
    }  # fmt: skip
    return values, local


_PIECES = {"relu_net": _relu_net, "tanh_net": _tanh_net}


class GraphMismatchError(RuntimeError):
    """The graph's pieces disagree with the model's one forward pass or one backward."""


def one_house(model_name, x, y, params):
    """Run one house (x floors, price y) through the net `model_name` at `params` (by name)."""
    if model_name not in _PIECES:
        raise KeyError(f"no graph for model {model_name!r}; choose one of {sorted(_PIECES)}")
    model = MODELS[model_name]
    x, y = float(x), float(y)  # the scalar ops expect Python floats
    p = [float(params[name]) for name in model.params]
    values, local = _PIECES[model_name](x, y, *p)
    values.update(zip(model.params, p, strict=True))
    values["L"] = sample_loss(op, model, values["y_hat"], y)
    _check(math.isclose(values["y_hat"], model.forward(op, x, *p)), model_name, "forward", values)
    upstream = {"L": 1.0}
    for src, dst in reversed(list(local)):  # edges are listed input to output
        upstream[src] = upstream.get(src, 0.0) + upstream[dst] * local[src, dst]
    grad = dict(zip(model.params, model.backward(op, x, y, *p), strict=True))
    for name in model.params:
        agree = math.isclose(upstream[name], grad[name], rel_tol=1e-12, abs_tol=1e-12)
        _check(agree, model_name, name, upstream)
    return OneHouse(model_name, values, local, upstream, grad)


def _check(ok, model_name, what, numbers):
    if not ok:
        raise GraphMismatchError(
            f"{model_name}: the graph's {what} disagrees with fitting/models.py: {numbers}; "
            "fix fitting/one_house.py to use the model's pieces"
        )


def pick_house(model_name, data, params):
    """The house to follow: the one the net misses most among those whose every local
    derivative is non-zero (so the backward pass reaches all four parameters)."""
    houses = [one_house(model_name, x, y, params) for x, y in zip(data.x, data.y, strict=True)]
    alive = [h for h in houses if h.reaches_every_parameter()] or houses
    return max(alive, key=lambda h: h.values["L"])


# The pieces the nets' lectures plot (name -> the piece and its slope, over numpy arrays), with
# the kink conventions of ops.py: sign(0) = 0, LeakyReLU'(0) = alpha.
_CURVES = {
    "abs": (lambda a: array.abs(a), lambda a: array.sign(a)),
    "tanh": (lambda a: array.tanh(a), lambda a: array.dtanh(a)),
    "LeakyReLU": (lambda a: array.LeakyReLU(a, LEAKY_SLOPE),
                  lambda a: array.dLeakyReLU(a, LEAKY_SLOPE)),
}  # fmt: skip


def piece_curve(name, a):
    """(values, slopes) of the piece `name` (abs, tanh, LeakyReLU) at the points a."""
    if name not in _CURVES:
        raise KeyError(f"no curve for piece {name!r}; choose one of {sorted(_CURVES)}")
    value, slope = _CURVES[name]
    a = np.asarray(a, dtype=float)
    return value(a), slope(a)
