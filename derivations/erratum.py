"""The erratum a lecturer reads in two minutes: what matters first, a repeated slip once.

Wrong steps first (they change a result), then incomplete ones, then what cannot be read,
then typos; a slip written on many lines (the same reason) is listed once with its lines.
"""

import os
import tempfile
from pathlib import Path

ORDER = ("wrong", "incomplete", "not readable", "typo")
TITLES = {
    "wrong": "Wrong: the mathematics differs",
    "incomplete": "Incomplete: cut off, or short of the result",
    "not readable": "Not readable",
    "typo": "Typos: the intended step is right",
}


def _groups(steps, verdict):
    """[[steps]] of one verdict, in notes order: the steps with one reason together."""
    groups = {}
    for s in steps:
        if s.verdict == verdict:
            groups.setdefault(s.reason, []).append(s)
    return list(groups.values())


def _where(group):
    """'line 22' or 'lines 48, 52, 57 (6 steps)'; a step the notes repeat says so."""
    lines = sorted({s.line for s in group})
    head = f"line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"
    count = sum(s.repeated for s in group)
    if count > len(lines):
        head += f" ({count} steps)"
    return head


def _shown(path):
    """The notes' path as the lecturer typed it: relative to here when it is below here."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _math(label, tex):
    return "$$ " + " ".join(f"{label} {tex}".split()) + " $$"


def markdown(audit):
    """The erratum of an Audit as Markdown with $$ math."""
    steps = audit.steps
    bad = [s for s in steps if s.verdict != "correct"]
    out = [
        f"# Erratum: `{_shown(audit.path)}`",
        "",
        f"SymPy read and checked every equation of the notes: {len(steps)} steps, "
        f"{len(bad)} to correct (`python -m derivations audit`).",
        "",
    ]
    for verdict in ORDER:
        groups = _groups(bad, verdict)
        if not groups:
            continue
        out += [f"## {TITLES[verdict]} ({sum(len(g) for g in groups)})", ""]
        for group in groups:
            s = group[0]
            more = f" (and {len(group) - 1} more like it)" if len(group) > 1 else ""
            out += [f"- **{_where(group)}**: {s.reason}", ""]
            out += [f"  as written{more}: {_math(s.label, s.tex)}"]
            out += [f"  corrected: {_math(s.label, s.corrected_tex)}", ""]
    return "\n".join(out)


def write(directory, audit):
    """Write directory/erratum.md atomically; return its path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "erratum.md"
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".erratum-", suffix=".md")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(markdown(audit))
    os.chmod(tmp, 0o644)  # mkstemp makes it private; an erratum is for reading
    os.replace(tmp, path)
    return path
