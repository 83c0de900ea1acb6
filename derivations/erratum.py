"""The erratum a lecturer reads: every step of the notes that is not correct, fixed, and why."""

import os
import tempfile
from pathlib import Path

from .chains import NAMES, chain

NOTES = "../shared/notes/house-prices.txt"


def markdown():
    """The erratum as Markdown with $$ math."""
    out = [
        "# Erratum: house-prices notes",
        "",
        f"Every equation of `{NOTES}` was read and checked by SymPy (`python -m derivations`).",
        "Each entry gives the line, the step as written, the correction and why.",
        "",
    ]
    for name in NAMES:
        bad = [s for s in chain(name) if s.verdict != "correct"]
        if not bad:
            continue
        out += [f"## {name}", ""]
        for s in bad:
            out += [
                f"### line {s.line}: {s.verdict} (`{s.id}`)",
                "",
                s.reason,
                "",
                "As written:",
                "",
                f"$$ {s.label} {s.tex} $$".replace("  ", " "),
                "",
                "Corrected:",
                "",
                f"$$ {s.label} {s.corrected_tex} $$".replace("  ", " "),
                "",
            ]
    return "\n".join(out)


def write(directory):
    """Write directory/erratum.md atomically; return its path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "erratum.md"
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".erratum-", suffix=".md")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(markdown())
    os.replace(tmp, path)
    return path
