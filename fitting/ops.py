"""The operations the models are written in, as swappable namespaces.

Every model's forward pass and hand-written gradient is written once, over an
``op`` namespace, so the same function runs on Python floats (``scalar``: the
descent's hot loop), on numpy arrays (``array``: curves and loss surfaces) and,
in derivations/, on SymPy symbols.

Convention at the kinks, used everywhere (derivations/ mirrors it):
    ReLU'(0) = 0,   LeakyReLU'(0) = alpha (the notes: alpha for x <= 0),
    d|a|/da at a = 0 is sign(0) = 0.
"""

import math
import re
from types import SimpleNamespace

import numpy as np


def Linear(W, b, x):
    return W * x + b


def _sigmoid_scalar(a):
    if a >= 0:  # the two branches keep exp() from overflowing
        return 1.0 / (1.0 + math.exp(-a))
    e = math.exp(a)
    return e / (1.0 + e)


def _sigmoid_array(a):
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# The scalar ops that branch, as Python expressions over their argument names.
# `scalar` is built from them, and the descent's compiled loop (compiled.py)
# inlines them, since a function call costs more than the arithmetic: one text each.
EXPR = {
    "ReLU": "({q} if {q} > 0 else 0.0)",
    "LeakyReLU": "({k} if {k} > 0 else {alpha} * {k})",
    "dReLU": "(1.0 if {q} > 0 else 0.0)",
    "dLeakyReLU": "(1.0 if {k} > 0 else {alpha})",
    "sign": "(1.0 if {a} > 0 else (-1.0 if {a} < 0 else 0.0))",
}


def _from_expr(text):
    names = list(dict.fromkeys(re.findall(r"{(\w+)}", text)))
    return eval(f"lambda {', '.join(names)}: {text.format(**{n: n for n in names})}")


scalar = SimpleNamespace(
    Linear=Linear,
    sigmoid=_sigmoid_scalar,
    tanh=math.tanh,
    abs=abs,
    dtanh=lambda m: 1.0 - math.tanh(m) ** 2,  # tanh' = 1 - tanh^2: the tanh net's graph shows it
    **{name: _from_expr(text) for name, text in EXPR.items()},
)

array = SimpleNamespace(
    Linear=Linear,
    sigmoid=_sigmoid_array,
    tanh=np.tanh,
    ReLU=lambda q: np.where(q > 0, q, 0.0),
    LeakyReLU=lambda k, alpha: np.where(k > 0, k, alpha * k),
    abs=np.abs,
    dReLU=lambda q: np.where(q > 0, 1.0, 0.0),
    dLeakyReLU=lambda k, alpha: np.where(k > 0, 1.0, alpha),
    sign=np.sign,
    dtanh=lambda m: 1.0 - np.tanh(m) ** 2,
)
