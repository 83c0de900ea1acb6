"""A step of the audit (Step), and how two SymPy values are compared.

Each step of the notes is one side of an equation; derivations/notes/ reads it from the
notes file and judges it (see derivations/notes/judge.py for the verdicts):
  correct, typo, wrong, incomplete, not readable.
"""

import re
from dataclasses import dataclass

import sympy as sp

from . import equality

VERDICTS = ("correct", "wrong", "typo", "incomplete", "not readable")


@dataclass(frozen=True)
class Step:
    id: str
    line: int  # line in the notes file (notes/house-prices.md)
    verdict: str
    tex: str  # the lecturer's step, as shown (one side of an equation)
    corrected_tex: str | None
    reason: str  # one line; empty when correct
    relation: str = "="  # how it follows the previous step: "=", ":=" or "" (a new equation)
    label: str = ""  # TeX shown before it (e.g. "dw \\, linear :"), not part of the math
    expr: sp.Basic | None = None  # SymPy value of tex (None if it cannot be read)
    corrected_expr: sp.Basic | None = None
    check: str = ""  # how it was decided: symbolic, numeric, start, differs, cut off, not readable
    repeated: int = 1  # the notes write this very step this many times in a row

    @property
    def shown(self):
        """The step as a scene writes it after the previous one: relation and TeX."""
        return f"{self.relation} {self.tex}".strip()


def compare(a, b, tests=({},), prove=True):
    """'symbolic' or 'numeric' if a == b (proved / at random points), None if they differ.
    prove=False: the numeric check only (enough to accept a correction).

    The notes repeat steps and their corrections often equal the step: each pair is decided
    once per process, and the very same expression is equal without a check."""
    key = (a, b, tuple(tuple(sorted(t.items(), key=str)) for t in tests), prove)
    if key not in _COMPARED:
        _COMPARED[key] = _compare(a, b, tests, prove)
    return _COMPARED[key]


_COMPARED = {}


def _compare(a, b, tests, prove):
    proved = prove
    for subs in tests:
        sa, sb = (e.subs(subs).doit() if subs else e for e in (a, b))
        if sa == sb:
            continue
        equal, _ = equality.numeric_equal(sa, sb)
        if not equal:
            return None
        proved = proved and equality.proved_equal(sa, sb)
    return "symbolic" if proved else "numeric"


_UNICODE = {
    r"\partial missing": "∂ missing",
    r"\partial is": "∂ is",
    r"\partial ": "∂",
    r"\partial": "∂",
    r"\theta": "θ",
    r"\cdot": "·",
    r"\delta": "δ",
}


def plain(reason):
    """A reason as one line of plain text: \\frac{X}{\\partial v} -> X/∂v, \\theta -> θ, ..."""
    reason = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"\1/\2", reason)
    for tex, text in _UNICODE.items():
        reason = reason.replace(tex, text)
    return reason
