"""media/erratum/erratum.html: the erratum of the notes, its math typeset, one offline page.

    python -m publish erratum [NOTES] [--out DIR]     (default: the notes chain() reads,
                                                      media/erratum)

The same findings, in the same order and grouping, as derivations/erratum.py's erratum.md
(wrong first, then incomplete, not readable, typos; one reason listed once with its lines),
built from the same Audit rather than by reading the Markdown: every formula is MathJax SVG
(publish/math_svg.py), so the page shows no raw TeX and fetches nothing.
"""

import argparse
import sys
from pathlib import Path

from derivations import NotesError, audit, notes_path
from derivations.erratum import ORDER, TITLES, _groups, _shown, _where
from publish import math_svg
from publish.templates import badge, esc, fill, math, write_page


def _tex(label, tex):
    return " ".join(f"{label} {tex}".split())


def findings(steps):
    """[(verdict, [group of steps with one reason])], in the erratum's order."""
    bad = [s for s in steps if s.verdict != "correct"]
    return [(v, groups) for v in ORDER if (groups := _groups(bad, v))]


def html(result, index=None):
    """The erratum of an Audit as one HTML page (linking `index`, the lectures, if given)."""
    found = findings(result.steps)
    firsts = [g[0] for _, groups in found for g in groups]
    texs = [_tex(s.label, t) for s in firsts for t in (s.tex, s.corrected_tex) if t is not None]
    typeset = dict(zip(texs, math_svg.render(texs), strict=True))

    def formula(s, tex):
        return (
            "none: no correction could be made"
            if tex is None
            else math(typeset[_tex(s.label, tex)], tex)
        )

    sections = []
    for verdict, groups in found:
        items = []
        for group in groups:
            s = group[0]
            more = f" (and {len(group) - 1} more like it)" if len(group) > 1 else ""
            items.append(
                f"<li>{badge(verdict)}<strong>{esc(_where(group))}</strong>: {esc(s.reason)}"
                f'<div class="pair"><span class="label">as written{esc(more)}</span>'
                f"<span>{formula(s, s.tex)}</span>"
                f'<span class="label">corrected</span><span>{formula(s, s.corrected_tex)}</span>'
                "</div></li>"
            )
        count = sum(len(g) for g in groups)
        sections.append(f"<h2>{esc(TITLES[verdict])} ({count})</h2>\n"
                        f'<ul class="findings">\n' + "\n".join(items) + "\n</ul>")  # fmt: skip
    total = len(result.steps)
    bad = sum(s.verdict != "correct" for s in result.steps)
    summary = (f"SymPy read and checked every equation of the notes: {total} steps, {bad} to "
               "correct. Wrong steps come first: they change a result.")  # fmt: skip
    nav = f'<nav><a href="{esc(index)}">All lectures</a></nav>' if index else ""
    notes, body = _shown(result.path), "\n".join(sections) or "<p>Every step is correct.</p>"
    return fill("erratum.html", f"Erratum: {notes}", notes=esc(notes), summary=esc(summary),
                nav=nav, sections=body)  # fmt: skip


def write(directory, result, linked=None):
    """Write directory/erratum.html atomically; return its path. It links the index of
    lectures beside it (../site/index.html) if `linked`, by default if that index exists."""
    index = Path(directory).parent / "site" / "index.html"
    linked = index.is_file() if linked is None else linked
    return write_page(
        Path(directory) / "erratum.html", html(result, "../site/index.html" if linked else None)
    )


def main_erratum(argv) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m publish erratum", description=__doc__.split("\n")[0]
    )
    parser.add_argument("notes", nargs="?", help="the notes file (default: chain()'s)")
    parser.add_argument("--out", default="media/erratum", help="the erratum's folder")
    args = parser.parse_args(argv)
    try:
        result = audit(args.notes or notes_path())
        path = write(args.out, result)
    except (NotesError, math_svg.MathError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"error: cannot write in {args.out}: {err}; pass --out DIR", file=sys.stderr)
        return 2
    print(f"erratum: {path}")
    return 0
