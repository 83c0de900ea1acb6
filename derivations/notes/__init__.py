"""The audit of a lecturer's notes file, read as written (see docs/notes-dialect.md).

audit(path) -> Audit       every equation of the file, step by step, each step judged
NotesError                 the file cannot be read at all (missing, not UTF-8, no equations)
The declarations beside the notes (NOTES.toml, declarations.py) name the parts, the models
they fit, and carry the lecturer's own reasons; everything else is computed from the file.
"""

import hashlib
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from .declarations import load, squash
from .judge import judge, reading
from .source import NotesError
from .walk import walk

__all__ = ["Audit", "NotesError", "audit"]


@dataclass(frozen=True)
class Audit:
    path: str
    steps: tuple  # every Step, in the notes' order (claims after the step they follow)
    chains: dict  # chain name -> tuple of its Steps
    warnings: tuple  # declarations that no longer match the notes


def audit(path):
    """The Audit of the notes at `path` (cached while the file and its declarations are same)."""
    path = Path(path)
    toml = path.with_suffix(".toml")
    digest = hashlib.sha256()
    for f in (path, toml):
        digest.update(f.read_bytes() if f.exists() else b"")
    return _audit(str(path), digest.hexdigest())


@lru_cache(maxsize=8)
def _audit(path, digest):
    decl = load(path)
    walked, warnings = walk(path, decl)
    walked = _with_claims(walked, decl, warnings)
    walked = _renamed(walked, decl, warnings)
    steps = _named(walked)
    chains = {}
    for s in steps:
        chains.setdefault(s.id.split(".")[0], []).append(s)
    return Audit(path, tuple(steps), {k: tuple(v) for k, v in chains.items()}, tuple(warnings))


def _with_claims(walked, decl, warnings):
    """Insert each [[claim]] after the step it follows, judged against what it `means`."""
    walked = list(walked)
    for claim in decl.claims:
        chain = claim.name.split(".")[0]
        at = next(
            (
                k
                for k, w in enumerate(walked)
                if w.part.chain == chain and squash(w.step.tex) == squash(claim.after)
            ),
            None,
        )
        if at is None:
            warnings.append(f"claim {claim.name}: no step {claim.after!r} in {chain}")
            continue
        w = walked[at]
        target = reading(claim.means, w.ctx)[0]
        v = judge(claim.tex, w.ctx, target, w.tests, [claim])
        step = replace(
            w.step,
            verdict=v.verdict,
            tex=claim.tex,
            corrected_tex=v.corrected_tex,
            reason=v.reason,
            relation="",
            label=rf"{claim.means} \;?\;",
            expr=v.expr,
            corrected_expr=v.corrected_expr,
            check=v.check,
            repeated=1,
        )
        walked.insert(at + 1, replace(w, step=replace(step, id=claim.name)))
    return walked


def _renamed(walked, decl, warnings):
    """A name whose TeX the notes no longer have follows its step when the lecturer edits it:
    it goes to the most similar unnamed step of its chain (at least 3/4 alike), with a warning,
    so that the lectures keep showing the edited step."""
    bound = {w.step.id for w in walked if w.step.id}
    walked = list(walked)
    for note in decl.steps:
        chain = note.name.split(".")[0]
        if not note.name or note.name in bound:
            continue
        alike = [
            (SequenceMatcher(None, squash(w.step.tex), squash(note.tex)).ratio(), k)
            for k, w in enumerate(walked)
            if w.part.chain == chain and not w.step.id
        ]
        score, k = max(alike, default=(0, None))
        if score < 0.75:
            warnings.append(f"name {note.name}: no step {note.tex!r} in {chain}")
            continue
        w = walked[k]
        walked[k] = replace(w, step=replace(w.step, id=note.name))
        bound.add(note.name)
        warnings.append(f"name {note.name}: its TeX changed, now line {w.step.line}")
    return walked


def _named(walked):
    """Every step with its id: its declared name (bound while walking), else generated."""
    taken, out = {w.step.id for w in walked if w.step.id}, []
    for w in walked:
        step_id = w.step.id or _generated(w, taken)
        taken.add(step_id)
        out.append(replace(w.step, id=step_id))
    return out


def _generated(w, taken):
    """chain[.tag].line<N>, then .2, .3 ... for the next steps of that line."""
    tag = f"{w.part.tag}." if w.part.tag else ""
    base = f"{w.part.chain}.{tag}line{w.step.line}"
    step_id, n = base, 1
    while step_id in taken:
        n += 1
        step_id = f"{base}.{n}"
    return step_id
