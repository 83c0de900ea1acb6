"""media/site/index.html: every lecture, linked where its page is built, with how to build it.

A lecture is every scenes/*.py but __init__.py (the one rule tests/conftest.py states too); its
title is the first line of its module docstring. The index is rewritten after each page build,
so it lists what is on disk now.
"""

import ast
from pathlib import Path

from publish.templates import esc, fill, write_page

ROOT = Path(__file__).resolve().parents[1]
SCENES = ROOT / "scenes"


def lectures(scenes=SCENES):
    """Every lecture's name (scenes/NAME.py), sorted."""
    return sorted(p.stem for p in Path(scenes).glob("*.py") if p.stem != "__init__")


def lecture_title(path):
    """The first line of a lecture file's docstring, without 'Lecture: ' and the final period."""
    doc = ast.get_docstring(ast.parse(Path(path).read_text(encoding="utf-8"))) or ""
    line = doc.strip().splitlines()[0] if doc.strip() else Path(path).stem
    line = line.removeprefix("Lecture:").strip().rstrip(".")
    return line[:1].upper() + line[1:]


def html(site, scenes=SCENES):
    """The index page's HTML for the site folder `site` (pages at site/NAME/index.html)."""
    site = Path(site)
    items = []
    for name in lectures(scenes):
        title = esc(lecture_title(Path(scenes) / f"{name}.py"))
        if (site / name / "index.html").is_file():
            head = f'<a class="name" href="{name}/index.html">{esc(name)}</a>'
            state = ""
        else:
            head = f'<span class="name">{esc(name)}</span>'
            state = f"<br>Not built yet: <code>./dev page scenes/{esc(name)}.py</code>"
        items.append(f"<li>{head}<br>{title}{state}</li>")
    erratum = site.parent / "erratum" / "erratum.html"
    if erratum.is_file():
        link = '<a href="../erratum/erratum.html">The erratum of the notes</a>: every step to fix.'
    else:
        link = "The erratum of the notes: <code>python -m publish erratum</code> writes it."
    return fill("index.html", "House prices: the lectures", lectures="\n".join(items), erratum=link)


def write(site, scenes=SCENES):
    """Write site/index.html atomically; return its path."""
    return write_page(Path(site) / "index.html", html(site, scenes))
