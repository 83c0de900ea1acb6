"""Difference quotients: how far the loss, or a model's output, moves per unit of nudge.

A partial derivative is the limit of such a quotient as the nudge h shrinks to zero: the
calculus lecture shows the secant slopes (J(θ + h) − J(θ)) / h settling on the slope descent
uses, and the output of Linear(W, b, x) moving x, W and 1 times a nudge of W, x and b.
"""

import numpy as np

from .data import NOTES
from .descent import dataset_loss, predict


def shrinking_steps(h_start, h_end, count):
    """`count` nudges from h_start down to h_end, evenly spaced on a log scale."""
    if not 0 < h_end < h_start or count < 2:
        raise ValueError("shrinking_steps needs 0 < h_end < h_start and count >= 2")
    return np.geomspace(h_start, h_end, count)


def secant_slopes(model, params, name, hs, data=NOTES):
    """(J(params with `name` + h) − J(params)) / h for each h in hs: J's secant slopes along
    the parameter `name`, the others held where they are."""
    if name not in params:
        raise KeyError(f"{name!r} is not a parameter here; known: {', '.join(params)}")
    base = dataset_loss(model, params, data)
    moved = [dataset_loss(model, {**params, name: params[name] + h}, data) for h in hs]
    return (np.asarray(moved) - base) / np.asarray(hs, dtype=float)


def output_nudge(model, params, x, name, by):
    """(y' before, y' after, (after − before) / by) when one input of the model at floors x,
    a parameter or x itself, is nudged by `by`."""
    inputs = {**params, "x": float(x)}
    if name not in inputs:
        raise KeyError(f"{name!r} is not an input here; known: {', '.join(inputs)}")
    moved = {**inputs, name: inputs[name] + by}
    before = float(predict(model, params, inputs["x"]))
    after = float(predict(model, {k: v for k, v in moved.items() if k != "x"}, moved["x"]))
    return before, after, (after - before) / by
