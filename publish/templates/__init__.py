"""The site's HTML: page templates (string.Template files here) and the pieces pages share.

    fill("lecture.html", page_title, body=...)    a template with every $field filled
    math(formula)                                 a typeset formula (math_svg.Formula) as HTML
    badge("typo")                                 a verdict as a coloured label

Each page inlines style.css (and its script): a page is one file plus what it names beside
it, and opens from file:// with nothing fetched. Values are escaped by the caller (esc) except
the HTML the modules build on purpose (formulas, lists).
"""

import html
from pathlib import Path
from string import Template

HERE = Path(__file__).resolve().parent
esc = html.escape


def read(name):
    return (HERE / name).read_text(encoding="utf-8")


def fill(name, page_title, **fields):
    """The template `name` with every $field substituted (a missing one is a KeyError), under
    the one <head> every page shares (head.html: its title, style.css inlined)."""
    head = Template(read("head.html")).substitute(title=esc(page_title), style=read("style.css"))
    return Template(read(name)).substitute(head=head, **fields)


def math(formula, tex=""):
    """A formula's <svg> in a span; TeX MathJax could not read is shown as written, and said."""
    if formula.svg is not None:
        return f'<span class="math">{formula.svg}</span>'
    return (f'<span class="math unreadable">not typeset ({esc(formula.error or "")}): '
            f"<code>{esc(tex)}</code></span>")  # fmt: skip


def badge(verdict):
    return f'<span class="verdict {verdict.replace(" ", "-")}">{esc(verdict)}</span>'


def write_page(path, text):
    """Write one page atomically: a temporary file beside it, then a rename over the old one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
