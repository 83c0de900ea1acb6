"""Generated one-line reasons: what differs between a step and what it should equal."""

from collections import Counter

import numpy as np
import sympy as sp

from fitting.data import NOTES

from .. import equality
from ..audit import plain

POINTS = ({}, {"W": 1, "b": 0}, {"W": 1, "b": 1}, {"W": 2, "b": -1})


def text(expr):
    """An expression as short plain text (for a reason)."""
    return plain(sp.latex(expr)).replace("\\left", "").replace("\\right", "")


def difference(value, target):
    """'the factor x should be 1', 'the sign is flipped', or 'differs at W=1, b=0: 2 vs 1'."""
    if value == 0:
        return "this reads 0: it differentiates an expression without the variable"
    factors = _factor_difference(value, target)
    if factors:
        return factors
    try:
        if equality.numeric_equal(value, -target)[0]:
            return "the sign is flipped: the step is minus what it should be"
    except ValueError:
        pass
    return _at_a_point(value, target)


def _factor_difference(value, target):
    have, want = Counter(sp.Mul.make_args(value)), Counter(sp.Mul.make_args(target))
    extra, missing = list((have - want).elements()), list((want - have).elements())
    small = all(sp.count_ops(f) <= 4 for f in extra + missing)
    if not small or len(extra) + len(missing) > 2 or not extra + missing:
        return ""
    if len(extra) == 1 and len(missing) == 1:
        return f"the factor {text(extra[0])} should be {text(missing[0])}"
    if len(extra) == 1:
        return f"the factor {text(extra[0])} should not be there"
    if len(missing) == 1 and sp.Mul(*have.elements()) != 0:
        return f"the factor {text(missing[0])} is missing"
    return ""


def _at_a_point(value, target):
    """The first simple point (on the notes' four houses) where the two sides differ."""
    a, b = (equality.concrete(e) for e in (value, target))
    houses = {**_data("x", NOTES.x), **_data("y", NOTES.y)}
    a, b = a.xreplace(houses), b.xreplace(houses)
    free = sorted((a.free_symbols | b.free_symbols), key=sp.default_sort_key)
    for point in POINTS:
        subs = {s: point.get(s.name, 0.5 + k / 4) for k, s in enumerate(free)}
        try:
            va, vb = (complex(e.xreplace(subs).evalf()) for e in (a, b))
        except (TypeError, ValueError):
            continue
        if np.isfinite(va) and np.isfinite(vb) and abs(va - vb) > 1e-9 * max(abs(va), 1):
            where = ", ".join(f"{s}={_num(v)}" for s, v in subs.items()) or "every point"
            return f"differs at {where}: {_num(va.real)}, should be {_num(vb.real)}"
    return "differs from what it should equal"


def _data(name, values):
    base = sp.IndexedBase(name, real=True)
    return {base[k + 1]: sp.nsimplify(float(v)) for k, v in enumerate(values)}


def _num(v):
    return f"{v:.4g}" if isinstance(v, float) else str(v)
