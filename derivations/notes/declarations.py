"""The declarations beside a notes file (NOTES.toml): what a reader of the notes cannot infer.

    [[part]]   where a part starts (the TeX of its first side), its chain, the model it fits
    [names]    id = TeX: the ids the lectures use, attached to the first step with that TeX
    [[step]]   the lecturer's voice on one step, attached by its TeX: name, verdict, fix, reason
    [[slip]]   a slip repeated on many lines: every step containing `find` is fixed by `replace`
    [[claim]]  a statement the notes make in words, as TeX: "dW, db is the same as for linear"
    text       equations the notes write as plain text, without $ ("a = y - M(x)")
    [kinks]    the conventions at the kinks, quoted in the generated reasons
See docs/notes-dialect.md. A notes file without declarations is one generic part.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .source import NotesError


def squash(tex):
    """TeX with no whitespace, \\left or \\right: how declarations are matched to the notes."""
    return "".join(tex.replace(r"\left", "").replace(r"\right", "").split())


@dataclass(frozen=True)
class Part:
    chain: str  # "" for a part that is not audited (results, not derivations)
    start: str  # the TeX of the part's first side
    model: str | None = None  # fitting/'s model the part's names mean
    tag: str = ""  # id prefix inside the chain (update_rule.linear....)
    means: str | None = None  # what the first side claims to equal, when the notes omit it
    slope: bool = False  # alpha is the LeakyReLU slope here
    each: tuple = ()  # names X with X_i meaning X_1 and X_2 (checked for both)
    abstract: tuple | None = None  # (f, TeX of a stand-in f(x, y) to check an unknown f)


@dataclass(frozen=True)
class Note:
    """One [[step]], [[slip]] or [[claim]] entry."""

    tex: str = ""  # [[step]]: the step as written; [[claim]]: the statement as TeX
    name: str = ""  # the step's id (chain.key)
    verdict: str = ""  # the lecturer's judgement: typo, wrong or incomplete
    fix: str = ""
    reason: str = ""
    find: str = ""  # [[slip]]
    replace: str = ""
    flipped: bool = False  # [[slip]]: speaks only for steps whose sign is flipped
    after: str = ""  # [[claim]]: the TeX of the step it follows
    means: str = ""  # [[claim]], [[step]]: what the (first) step stands for


@dataclass(frozen=True)
class Declarations:
    parts: tuple = ()
    steps: tuple = ()
    slips: tuple = ()
    claims: tuple = ()
    texts: tuple = ()
    kinks: dict = field(default_factory=dict)
    path: str = ""


_PART_KEYS = set(Part.__dataclass_fields__)
_NOTE_KEYS = set(Note.__dataclass_fields__)


def path_for(notes):
    return Path(notes).with_suffix(".toml")


def load(notes):
    """The declarations beside `notes` (NOTES.toml), or none."""
    path = path_for(notes)
    if not path.exists():
        return Declarations()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise NotesError(f"{path}: {err}; fix the declarations file") from err
    return Declarations(
        parts=tuple(_part(path, p) for p in data.get("part", [])),
        steps=tuple(Note(tex=tex, name=name) for name, tex in data.get("names", {}).items())
        + tuple(_note(path, "step", n) for n in data.get("step", [])),
        slips=tuple(_note(path, "slip", n) for n in data.get("slip", [])),
        claims=tuple(_note(path, "claim", n) for n in data.get("claim", [])),
        texts=tuple(data.get("text", [])),
        kinks=dict(data.get("kinks", {})),
        path=str(path),
    )


def _part(path, entry):
    unknown = set(entry) - _PART_KEYS
    if unknown or "chain" not in entry or "start" not in entry:
        raise NotesError(f"{path}: [[part]] {entry}: needs chain and start; unknown {unknown}")
    entry = dict(entry)
    if "abstract" in entry:
        entry["abstract"] = tuple(entry["abstract"])
    entry["each"] = tuple(entry.get("each", ()))
    return Part(**entry)


def _note(path, kind, entry):
    unknown = set(entry) - _NOTE_KEYS
    if unknown:
        raise NotesError(f"{path}: [[{kind}]] with unknown keys {sorted(unknown)}")
    if entry.get("verdict", "typo") not in ("typo", "wrong", "incomplete"):
        raise NotesError(f"{path}: [[{kind}]] verdict must be typo, wrong or incomplete")
    return Note(**entry)
