"""Audit a notes file: its equations, cut into parts and steps, each step judged in order.

Every side of every equation is a step. A step continues the one before it (it must equal
it); a step after ":=" or after a parameter's "=" is an update rule (p - alpha dJ/dp); the
first side of an equation or of a part starts afresh. Names the notes define themselves
(a = b + W x, q = Linear(W_1, b_1, x), m, k, l, ...) hold from their line on, a later
definition shadowing an earlier one; the rest come from the part's model (contexts.py).
"""

import re
from dataclasses import dataclass, replace

import sympy as sp

from ..audit import Step
from ..texparse import Context
from . import contexts
from .declarations import Part, squash
from .judge import judge, reading
from .source import NotesError, Side, equations, read_text, sides, text_sides

_DEFINED = re.compile(r"^([A-Za-z])(?:_\{?([A-Za-z0-9]+)\}?)?$")
_CALL_BEFORE = re.compile(r"([A-Za-z]+\([^()$]*\))\s*=\s*$")
_CONTINUES = re.compile(r"(?:equals to|equals|is equal to)\s*:?\s*$|=\s*$", re.I)
GENERIC = Part(chain="notes", start="")


@dataclass
class _Walked:
    part: Part
    side: Side
    step: Step
    ctx: Context
    tests: list


def collect(text, decl, path):
    """Every side of the notes in order; verbatim repeats in one equation kept once."""
    found = []
    for line, tex, between in equations(text, path):
        prose = between.split("\n")[-1]
        first = []
        call = _CALL_BEFORE.search(prose)
        if call:  # LeakyReLU(x)= $\begin{cases}...$
            first = [Side(line, call.group(1), "")]
        out = first + sides(line, tex)
        if out and not first and _CONTINUES.search(between.strip()):  # "equals to:", "$ = $"
            out[0] = replace(out[0], relation="=")
        found += out
    lines = text.splitlines()
    for written in decl.texts:
        where = [n for n, t in enumerate(lines, 1) if written in t]
        if not where:
            raise NotesError(f"{decl.path}: text equation {written!r} is not in the notes")
        at = next(k for k, s in enumerate(found + [Side(10**9, "", "")]) if s.line > where[0])
        found[at:at] = text_sides(text, where[0], written)
    return _once(found)


def _once(found):
    """[(side, how many times the notes write it in a row)]: 'x = x = x' is one step."""
    out, counts = [], []
    for s in found:
        if out and s.relation == "=" and s.tex == out[-1].tex and s.line == out[-1].line:
            counts[-1] += 1
            continue
        out.append(s)
        counts.append(1)
    return list(zip(out, counts, strict=True))


def assign(found, parts):
    """([(part, side, repeats, starts the part)], warnings): a part runs from its start (the
    first side with its TeX after the previous part's start) to the next part's start."""
    parts = parts or (GENERIC,)
    starts, k, warnings = {}, 0, []
    for n, part in enumerate(parts):
        hit = next(
            (j for j in range(k, len(found)) if squash(found[j][0].tex) == squash(part.start)),
            None,
        )
        if n == 0 and hit is None:
            hit = 0
        if hit is None:
            warnings.append(f"part {part.chain!r}: its start {part.start!r} is not in the notes")
            continue
        starts[hit], k = part, hit + 1
    current, out = parts[0], []
    for j, (side, repeats) in enumerate(found):
        first = j in starts
        current = starts.get(j, current)
        if first:
            side = replace(side, relation="")
        out.append((current, side, repeats, first))
    return out, warnings


def _definitions(assigned):
    """{name: first line} of the names the notes define (a single letter, maybe indexed) that
    their part's model does not already name (f_x, y' and the parameters are not redefined)."""
    names = {}
    for (part, side, _, _), nxt in zip(assigned, assigned[1:], strict=False):
        name = side.tex.replace("{", "").replace("}", "")
        base = contexts.for_part(part)[0] if part.chain else None
        taken = base is None or name in base.symbols or name in (base.known or ())
        if _DEFINED.match(side.tex) and not taken and nxt[1].relation == "=" and not nxt[3]:
            names.setdefault(name, side.line)
    return names


def _context(base, defined, values, line):
    """A copy of the part's Context with the notes' definitions so far (a, a_i, q, z, ...)."""
    ctx = Context(dict(base.symbols), dict(base.functions), {})
    ctx.intermediates = {sp.Symbol(n, real=True): v for n, v in values.items()}
    for n, v in values.items():
        if v.has(contexts.sym.x):
            ctx.symbols[f"{n}_i"] = v.xreplace({contexts.sym.x: contexts.sym.xs[contexts.sym.i]})
    if base.known is not None:
        ctx.known = set(base.known) | {n for n, at in defined.items() if at <= line}
        ctx.known |= {f"{n}_i" for n in values}
    return ctx


def _instances(part, ctx):
    """The contexts a step is checked in: one, or W_i as W_1 and as W_2."""
    if not part.each:
        return [ctx]
    return [contexts.each(ctx, part.each, n) for n in (1, 2)]


def _rule_target(value, params, loss):
    """p - alpha dJ/dp if `value` is a parameter (or W_1', the updated one), else None."""
    if loss is None or not isinstance(value, sp.Symbol):
        return None
    p = sp.Symbol(value.name.rstrip("'"), real=True)
    if p not in params:
        return None
    return p - contexts.ALPHA * sp.diff(loss, p)


def _define(side, nxt, start, defined, values, part, base):
    """If `side` starts a definition (q = Linear(W_1, b_1, x)), record its value from its line."""
    name = side.tex.replace("{", "").replace("}", "")
    if start and name in defined and nxt and not nxt[3] and nxt[1].relation == "=":
        ctx = _instances(part, _context(base, defined, values, side.line))[0]
        value = reading(nxt[1].tex, ctx)[0]
        if value is not None:
            values[name] = value


def _next_target(judged, target, start, params, loss):
    """What the next step must equal: an update rule after a parameter, else this step."""
    rule = _rule_target(judged.expr, params, loss) if start else None
    if rule is not None:
        return rule
    return next((e for e in (judged.corrected_expr, judged.expr) if e is not None), target)


def _step(step_id, side, repeats, start, judged):
    """The Step shown: the first instance's reading, the verdict of the first that is not
    correct (W_i is checked as W_1 and as W_2)."""
    v = next((j for j in judged if j.verdict != "correct"), judged[0])
    return Step(
        id=step_id,
        line=side.line,
        verdict=v.verdict,
        tex=side.tex,
        corrected_tex=v.corrected_tex,
        reason=v.reason,
        relation="" if start else side.relation,
        label=side.label,
        expr=judged[0].expr,
        corrected_expr=v.corrected_expr,
        check=v.check,
        repeated=repeats,
    )


def notes_for(tex, chain, decl, bound):
    """(id, the declarations that speak about a step): a named [[step]] binds to the first
    step of its chain with its TeX; unnamed ones speak for every such step; then the slips."""
    key, name, own = squash(tex), "", []
    for n in decl.steps:
        if squash(n.tex) != key:
            continue
        if not n.name:
            own.append(n)
        elif not name and n.name not in bound and n.name.split(".")[0] == chain:
            name = n.name
            bound.add(name)
            own.insert(0, n)
    return name, own + [s for s in decl.slips if s.find and s.find in tex]


def walk(path, decl):
    """[_Walked] for every audited side of the notes at `path`, and the warnings."""
    text = read_text(path)
    found = collect(text, decl, path)
    if not found:
        raise NotesError(f"{path}: no equations ($$...$$ or $...$) in the notes")
    assigned, warnings = assign(found, decl.parts)
    defined = _definitions(assigned)
    values, out, bound = {}, [], set()
    follow = [None, None]  # per instance (W_i as W_1, W_2): what the next step must equal
    previous = ""  # the step before, as corrected: it equals what this one must (not a rule)
    for n, (part, side, repeats, first) in enumerate(assigned):
        if not part.chain:
            continue
        base, loss, params, tests = contexts.for_part(part)
        start = first or side.relation == ""
        step_id, notes = notes_for(side.tex, part.chain, decl, bound)
        nxt = assigned[n + 1] if n + 1 < len(assigned) else None
        _define(side, nxt, start, defined, values, part, base)
        ctxs = _instances(part, _context(base, defined, values, side.line))
        means = (
            part.means if first and part.means else next((m.means for m in notes if m.means), "")
        )
        targets = [
            reading(means, c)[0] if means and start else None if start else follow[k]
            for k, c in enumerate(ctxs)
        ]
        fallback = "" if start else previous
        judged = [
            judge(side.tex, c, t, tests, notes, side.cut, decl.kinks, fallback)
            for c, t in zip(ctxs, targets, strict=True)
        ]
        step = _step(step_id, side, repeats, start, judged)
        out.append(_Walked(part, side, step, ctxs[0], tests))
        follow = [
            _next_target(j, t, start, params, loss) for j, t in zip(judged, targets, strict=True)
        ]
        is_rule = start and _rule_target(judged[0].expr, params, loss) is not None
        previous = "" if is_rule else (step.corrected_tex or step.tex)
    return out, warnings
