"""The audit engine: each step of a chain read, checked, and given a verified verdict.

A chain is a list of ``Spec``: the lecturer's TeX for one side of an equation (``tex``),
what it must equal (``expect``: the previous step's value, SymPy's own result, or nothing
for a definition), the declared verdict and, unless correct, the corrected TeX and why.
``build`` reads every TeX with texparse (so what a scene shows is what was checked),
compares it with ``expect`` (numerically at random points, then symbolically case by
case), and raises AuditError if a declared verdict does not match what the checks find:
  correct     the TeX reads, equals what it should, with no notational slip;
  typo        a notational slip (no \\partial on top, a wrong label, ...): the fix equals it;
  wrong       the TeX reads but is not equal; the fix is;
  incomplete  the TeX cannot be read or stops short; the fix is the complete step.
"""

import re
from dataclasses import dataclass, field

import sympy as sp

from . import equality
from .texparse import Context, TexError, read

VERDICTS = ("correct", "wrong", "typo", "incomplete")
PREV = "previous step"


class AuditError(AssertionError):
    """A declared verdict disagrees with the checks: the audit tables need fixing."""


@dataclass(frozen=True)
class Step:
    id: str
    line: int  # line in ../shared/notes/house-prices.txt
    verdict: str
    tex: str  # the lecturer's step, as shown (one side of an equation)
    corrected_tex: str | None
    reason: str  # one line; empty when correct
    relation: str = "="  # how it follows the previous step: "=", ":=" or "" (a new equation)
    label: str = ""  # TeX shown before it (e.g. "dw \\, linear :"), not part of the math
    expr: sp.Basic | None = None  # SymPy value of tex (None if it cannot be read)
    corrected_expr: sp.Basic | None = None
    check: str = ""  # how it was decided: symbolic, numeric, start (nothing to equal), not readable

    @property
    def shown(self):
        """The step as a scene writes it after the previous one: relation and TeX."""
        return f"{self.relation} {self.tex}".strip()


@dataclass(frozen=True)
class Spec:
    key: str
    line: int
    tex: str
    relation: str = "="
    expect: object = PREV  # PREV, a SymPy expression, ctx -> expression, or None (a start)
    verdict: str = "correct"
    fix: str | None = None
    reason: str = ""
    label: str = ""
    ctx: object = None  # a Context, or a tuple of them (checked in each: W_i for i = 1, 2)
    kink: dict | None = None  # also compare at this substitution (e.g. a = 0), off the samples


@dataclass
class Chain:
    """A chain's context and specs; ``tests`` substitute opaque functions (f, J) for checks."""

    name: str
    ctx: Context
    specs: list
    tests: list = field(default_factory=lambda: [{}])


def _read(tex, ctx):
    try:
        return read(tex, ctx)
    except TexError:
        return None, ()
    except (TypeError, ValueError, sp.SympifyError) as err:
        raise AuditError(f"reading {tex!r}: {err}") from err


def compare(a, b, tests=({},)):
    """'symbolic' or 'numeric' if a == b (proved / at random points), None if they differ."""
    proved = True
    for subs in tests:
        sa, sb = (e.subs(subs).doit() if subs else e for e in (a, b))
        equal, _ = equality.numeric_equal(sa, sb)
        if not equal:
            return None
        proved = proved and equality.proved_equal(sa, sb)
    return "symbolic" if proved else "numeric"


def _check(spec, chain, ctx, running):
    value, slips = _read(spec.tex, ctx)
    target = running if spec.expect is PREV else spec.expect
    target = target(ctx) if callable(target) and not isinstance(target, sp.Basic) else target
    if spec.expect is PREV and running is None:
        raise AuditError(f"{spec.key}: nothing before it to equal")
    how = "not readable" if value is None else "start" if target is None else ""
    if not how:
        how = compare(value, target, chain.tests) or "differs"
    if spec.kink and how in ("symbolic", "numeric") and not _same_at(value, target, spec.kink):
        how = "differs at the kink"
    fixed = None
    if spec.fix is not None:
        fixed, fix_slips = _read(spec.fix, ctx)
        if fixed is None or fix_slips:
            raise AuditError(f"{spec.key}: the correction cannot be read cleanly: {spec.fix}")
        if target is not None and compare(fixed, target, chain.tests) is None:
            raise AuditError(f"{spec.key}: the correction is not equal either: {spec.fix}")
        if spec.kink and target is not None and not _same_at(fixed, target, spec.kink):
            raise AuditError(f"{spec.key}: the correction differs at {spec.kink}: {spec.fix}")
    _agree(spec, value, slips, how)
    return value, fixed, how


def _same_at(a, b, kink):
    """Do a and b agree at the kink (where samples never land)? Undefined (0/0) never agrees."""
    va, vb = (sp.simplify(e.subs(kink)) for e in (a, b))
    if va.has(sp.nan, sp.zoo) or vb.has(sp.nan, sp.zoo):
        return False
    return sp.simplify(va - vb) == 0


def _agree(spec, value, slips, how):
    """Raise AuditError unless the checks bear out the declared verdict."""
    v, equal = spec.verdict, how in ("symbolic", "numeric", "start")
    if v not in VERDICTS:
        raise AuditError(f"{spec.key}: unknown verdict {v!r}")
    if v != "correct" and (spec.fix is None or not spec.reason):
        raise AuditError(f"{spec.key}: a {v} step needs a correction and a reason")
    problems = {
        "correct": value is None or not equal or bool(slips),
        "typo": value is not None and equal and not slips,
        "wrong": value is None or equal,
        "incomplete": value is not None and equal and not slips,
    }
    if problems[v]:
        raise AuditError(f"{spec.key}: declared {v}, but checks say {how}, slips {list(slips)}")


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


def build(chain):
    """The chain's Steps, every verdict confirmed by the checks."""
    steps, running = [], {}
    for spec in chain.specs:
        ctxs = spec.ctx or chain.ctx
        ctxs = ctxs if isinstance(ctxs, tuple) else (ctxs,)
        for n, ctx in enumerate(ctxs):  # the value shown is the first instance's
            value, fixed, how = _check(spec, chain, ctx, running.get(n, running.get(0)))
            running[n] = fixed if fixed is not None else value
            if n == 0:
                shown = value, fixed, how
        value, fixed, how = shown
        steps.append(
            Step(
                id=f"{chain.name}.{spec.key}",
                line=spec.line,
                verdict=spec.verdict,
                tex=spec.tex,
                corrected_tex=spec.fix,
                reason=plain(spec.reason),
                relation=spec.relation,
                label=spec.label,
                expr=value,
                corrected_expr=fixed,
                check=how,
            )
        )
    return steps
