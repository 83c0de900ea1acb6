"""The registry of the notes' chains: name -> checked Steps (built once per process)."""

from functools import cache

from . import notes_linear, notes_nets, notes_sigmoid
from .audit import Chain, build
from .texparse import Context


def update_rule():
    """Every update rule of the notes: MSE (lines 32-36, 78-86), MAE (lines 120, 171)."""
    specs = notes_linear.update_rule_mse("linear", (32, 34, 36, 36))
    specs += notes_linear.update_rule_mse("sigmoid", (78, 80, 83, 86))
    specs += notes_nets.update_rule_mae()
    return Chain("update_rule", Context(), specs)


BUILDERS = {
    "limits": notes_linear.limits,
    "linear_layer": notes_linear.linear_layer,
    "mse": notes_linear.mse,
    "update_rule": update_rule,
    "linear": notes_linear.linear,
    "sigmoid_derivative": notes_sigmoid.sigmoid_derivative,
    "sigmoid": notes_sigmoid.sigmoid,
    "cubic": notes_sigmoid.cubic,
    "abs_derivative": notes_nets.abs_derivative,
    "relu_net": notes_nets.relu_net,
    "tanh_derivative": notes_nets.tanh_derivative,
    "leaky_relu": notes_nets.leaky_relu,
    "tanh_net": notes_nets.tanh_net,
}
NAMES = tuple(BUILDERS)


@cache
def _built(name):
    return tuple(build(BUILDERS[name]()))


def chain(name):
    """The notes' derivation `name`, step by step, each step checked (see audit.py)."""
    if name not in BUILDERS:
        raise KeyError(f"unknown chain {name!r}; known: {', '.join(BUILDERS)}")
    return list(_built(name))
