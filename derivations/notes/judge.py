r"""The verdict on one step: read it, compare it with what it must equal, classify, correct.

    correct       reads, equals what it must, no notational slip
    typo          a slip (no \partial on top, \delta for \partial, a copied label) where the
                  intended step is equal; or the lecturer's annotation says so and its fix equals
    wrong         the mathematics differs: SymPy's corrected step and what differs
    incomplete    cut off, undefined at a kink, or (annotated) a derivative short of the loss
    not readable  the reader stopped at a named token; the step is shown as written
An annotation (the declarations' [[step]] or [[slip]]) only speaks where its fix checks out:
it reads cleanly and equals what the step must equal. It can never make a correct step wrong.
"""

import re
from dataclasses import dataclass

import sympy as sp

from ..audit import compare, plain
from ..texparse import TexError, read
from . import reasons

NO_PARTIAL = r"\partial missing in the numerator of a derivative"
SLIP_REASONS = {
    NO_PARTIAL: r"\partial missing in the numerator: \frac{X}{\partial v} should read "
    r"\frac{\partial X}{\partial v}",
    r"\delta written for \partial": r"\delta written for \partial",
    r"\delta x written as an operator in front of the expression": r"\delta x in front of the "
    r"expression for \frac{\partial}{\partial x}",
}


@dataclass
class Verdict:
    verdict: str
    check: str
    expr: object
    corrected_tex: str | None
    corrected_expr: object
    reason: str


def reading(tex, ctx):
    """(value, slips, error): error names the token the reader stopped at."""
    try:
        value, slips = read(tex, ctx)
        return value, slips, ""
    except TexError as err:
        return None, (), str(err)
    except (TypeError, ValueError, AttributeError, sp.SympifyError) as err:
        return None, (), f"cannot be evaluated ({err})"


_TOP = re.compile(r"\\frac\{(?!\\partial)((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}\{\\partial ")


def add_partials(tex):
    r"""The notes' \frac{X}{\partial v} as \frac{\partial X}{\partial v}; \delta as \partial."""
    tex = re.sub(r"\\delta x\s+(?=\\frac)", r"\\frac{\\partial}{\\partial x} ", tex)
    tex = tex.replace(r"\delta", r"\partial")
    return _TOP.sub(lambda m: rf"\frac{{\partial {_grouped(m.group(1))}}}{{\partial ", tex)


def _grouped(top):
    """A numerator that is a sum, in parentheses: \\partial (W x + b), not \\partial W x + b."""
    bare = top.replace(r"\left", "").replace(r"\right", "")
    bare = re.sub(r"\([^()]*\)|\{[^{}]*\}|\|[^|]*\|", "", bare)
    return f"({top})" if re.search(r"\S\s*[+-]", bare) and not top.startswith("(") else top


def repairs(tex):
    """Corrections to try, in order: the notation repaired, u/|u| as sign(u), the sign flipped."""
    fixed = add_partials(tex)
    signed = _SIGN_AS_RATIO_SPACED.sub(r"\\operatorname{sign}(\1)", fixed)
    return list(dict.fromkeys((fixed, signed, f"-{fixed}", f"-{signed}")))


def _fits(tex, ctx, target, tests, equal_value=None):
    """The value of a correction if it reads cleanly and equals the target (None otherwise).
    `equal_value`: a value already known to equal the target (no need to compare again)."""
    if not tex:
        return None
    value, slips, _ = reading(tex, ctx)
    if value is None or slips:
        return None
    known = equal_value is not None and value == equal_value
    if target is not None and not known and compare(value, target, tests, prove=False) is None:
        return None
    if target is not None and undefined_at_kink(tex):
        return None
    return value


_SIGN_AS_RATIO = re.compile(r"\\frac\{([^{}]+)\}\{\|\1\|\}")
_SIGN_AS_RATIO_SPACED = re.compile(r"\\frac\{([^{}]+)\}\{\|\s*\1\s*\|\}")


def undefined_at_kink(tex):
    r"""The u of a sign(u) written \frac{u}{|u|}: 0/0 at u = 0, where sign(0) = 0. Or None."""
    m = _SIGN_AS_RATIO.search(tex.replace(" ", ""))
    return m.group(1) if m else None


def judge(tex, ctx, target, tests, notes, cut=False, kinks=None, fallback=""):
    """The Verdict on `tex` (one side) that must equal `target` (None: a start).
    `fallback`: TeX known to equal the target (the step before, corrected): when no repair of
    `tex` fits, the correction is the shorter of it and SymPy's own latex of the target."""
    value, slips, error = reading(tex, ctx)
    if cut:
        how = "cut off"
    elif value is None:
        how = "not readable"
    elif target is None:
        how = "start"
    else:
        how = compare(value, target, tests) or "differs"
    kink = value is not None and how in ("symbolic", "numeric") and undefined_at_kink(tex)
    if how in ("symbolic", "numeric", "start") and not slips and not kink:
        return Verdict("correct", how, value, None, None, "")
    equal_value = value if how in ("symbolic", "numeric", "start") else None
    fix, fixed, said = _correction(tex, ctx, target, tests, notes, slips, equal_value)
    reason = said.reason if said else ""
    verdict = said.verdict if said and said.verdict else ""
    if cut:
        verdict = verdict or "incomplete"
        reason = reason or "the formula breaks off here, before its result"
    elif value is None:
        verdict = verdict or "not readable"
        reason = reason or f"not readable: {error}"
    elif kink and how != "differs":
        verdict = verdict or "incomplete"
        reason = reason or _kink_reason(kink, kinks or {})
    elif how == "differs":
        verdict = verdict or "wrong"
        reason = reason or reasons.difference(value, target)
    else:
        verdict = verdict or "typo"
        reason = reason or "; ".join(SLIP_REASONS.get(s, s) for s in dict.fromkeys(slips))
    if fixed is None and target is not None:
        fix, fixed = _shorter(sp.latex(target), fallback), target
    check = "not readable" if value is None else how
    return Verdict(verdict, check, value, fix, fixed, plain(reason))


def _correction(tex, ctx, target, tests, notes, slips, equal_value):
    """(fix TeX, its value, the note that gave it): the lecturer's first, then the slips',
    then the notation repaired (\\partial on top), then the sign flipped."""
    for note in notes:
        if note.flipped:
            continue
        candidate = note.fix or (tex.replace(note.find, note.replace) if note.find else "")
        for attempt in dict.fromkeys((candidate, add_partials(candidate))):
            fixed = _fits(attempt, ctx, target, tests, equal_value)
            if fixed is not None:
                return attempt, fixed, note
    for attempt in repairs(tex):
        fixed = _fits(attempt, ctx, target, tests, equal_value)
        if fixed is not None:
            flipped = [n for n in notes if n.flipped] if attempt.startswith("-") else []
            return attempt, fixed, (flipped or [None])[0]
    return None, None, None


def _shorter(*texs):
    """The shorter correction: SymPy's latex of the target, or the step before as corrected."""
    return min((t for t in texs if t), key=len)


def _kink_reason(u, kinks):
    convention = kinks.get("abs", "")
    said = f"{u}/|{u}| is 0/0 where {u} = 0"
    return f"{said}; {convention}" if convention else said
