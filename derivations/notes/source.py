r"""Find the equations in a notes file and cut them into sides: the reader's first half.

A notes file is Markdown with TeX math: ``$$...$$`` displays (rows of ``split`` / ``aligned``
separated by ``\\``, ``&`` alignment marks) and inline ``$...$``. Each equation is cut at its
top-level ``=`` and ``:=`` into ``Side``s, one per step. A display whose braces never close
was cut off mid-formula: its last side is marked ``cut``. What cannot be delimited at all (a
file that is not UTF-8, an unclosed ``$$``) raises NotesError naming the line.
"""

import re
from dataclasses import dataclass
from pathlib import Path


class NotesError(ValueError):
    """The notes cannot be read at all: the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Side:
    line: int
    tex: str  # one side of an equation, layout removed
    relation: str  # "=" or ":=" to the side before it; "" starts an equation
    label: str = ""  # text before a colon, e.g. "dw \, linear :"
    cut: bool = False  # the formula breaks off inside this side


_LAYOUT = re.compile(r"\\begin\{(?:split|aligned)\}|\\end\{(?:split|aligned)\}|\\!|&")
_BOLD = re.compile(r"\\boldsymbol\{((?:[^{}]|\{[^{}]*\})*)\}")
_OPEN, _CLOSE = "{([", "})]"


def read_text(path):
    """The notes' text; NotesError if the file is missing or not UTF-8."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise NotesError(f"{path}: cannot read the notes ({err.strerror}); check the path") from err
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise NotesError(
            f"{path}:{line}: not UTF-8 (byte {data[err.start]:#x}); save the notes as UTF-8"
        ) from err


def equations(text, path="notes"):
    """[(line, tex, prose since the formula before)] of every display and inline formula."""
    found, pos, line_of = [], 0, _line_index(text)
    while True:
        start = text.find("$", pos)
        if start < 0:
            return found
        display = text.startswith("$$", start)
        mark = "$$" if display else "$"
        end = text.find(mark, start + len(mark))
        if end < 0 or (not display and "\n" in text[start:end]):
            kind = "display $$" if display else "inline $"
            raise NotesError(
                f"{path}:{line_of(start)}: unclosed {kind}; close it with {mark} on that line"
            )
        found.append((line_of(start), text[start + len(mark) : end], text[pos:start]))
        pos = end + len(mark)


def _line_index(text):
    starts = [m.end() for m in re.finditer("\n", text)]

    def line_of(pos):
        return 1 + sum(1 for s in starts if s <= pos)

    return line_of


def clean(tex):
    """The TeX without layout: \\boldsymbol{X} -> X, no \\!, &, split or aligned; one space."""
    for _ in range(3):
        tex = _BOLD.sub(r"\1", tex)
    return " ".join(_LAYOUT.sub(" ", tex).split())


def balanced(tex):
    """Does every brace and bracket that opens also close?"""
    return _depths(tex)[-1] == 0 if tex else True


def _depths(tex):
    """Nesting depth after each character ({[( and \\begin{cases})."""
    out, depth, k = [], 0, 0
    while k < len(tex):
        if tex.startswith(r"\begin{cases}", k) or tex.startswith(r"\end{cases}", k):
            step = 1 if tex[k + 1] == "b" else -1
            n = len(r"\begin{cases}") if step == 1 else len(r"\end{cases}")
            depth += step
            out += [depth] * n
            k += n
            continue
        if tex[k] == "\\" and k + 1 < len(tex):  # \{ \| \\ are not brackets
            out += [depth, depth]
            k += 2
            continue
        depth += (tex[k] in _OPEN) - (tex[k] in _CLOSE)
        out.append(depth)
        k += 1
    return out or [0]


def top_level_split(tex, seps):
    """Split at the separators that stand at depth 0: [(separator before, part)]."""
    depths = _depths(tex)
    parts, last, sep, k = [], 0, "", 0
    while k < len(tex):
        hit = next((s for s in seps if tex.startswith(s, k)), None)
        before = depths[k - 1] if k else 0
        if hit and before == 0:
            parts.append((sep, tex[last:k]))
            sep, last, k = hit, k + len(hit), k + len(hit)
            continue
        k += 2 if tex[k] == "\\" and not hit else 1
    parts.append((sep, tex[last:]))
    return parts


def cut_off(tex):
    r"""Does the formula break off: a brace never closed, or a \frac without its bottom?"""
    return not balanced(tex) or re.search(r"\\frac\s*\{[^{}]*\}\s*$", tex) is not None


def shown_cut(tex):
    r"""A cut-off side as a formula that compiles: what is complete of it, then \cdots."""
    k = len(tex)
    while k and (not balanced(tex[:k]) or cut_off(tex[:k])):
        k = _last_open(tex[:k])
    kept = re.sub(r"(\\[A-Za-z]+|[_^+\-=])\s*$", "", tex[:k].rstrip()).rstrip()
    return f"{kept} \\cdots".strip()


def _last_open(tex):
    """Where the innermost group still open at the end of `tex` begins (its command too)."""
    depth = 0
    for k in range(len(tex) - 1, -1, -1):
        depth += (tex[k] in _CLOSE) - (tex[k] in _OPEN)
        if depth < 0 or (tex[k] == "{" and depth <= 0):
            start = k
            while start and (tex[start - 1].isalpha() or tex[start - 1] in "\\_^"):
                start -= 1
            return start
    return 0


def _label(tex):
    """'dw \\, linear : X' -> ('dw \\, linear :', 'X'); a colon that is not ':='."""
    m = re.match(r"^([^=:${}]*[A-Za-z][^=:${}]*?)\s:\s(.+)$", tex)
    return (m.group(1).strip() + " :", m.group(2)) if m else ("", tex)


def sides(line, tex):
    """The sides of one formula (rows split at \\\\, then at = and :=)."""
    out, cut = [], cut_off(tex)
    rows = top_level_split(tex, [r"\\"])
    for n, (_, row) in enumerate(rows):
        parts = top_level_split(row.replace(r"\!:=\!", ":="), [":=", "="])
        for k, (rel, part) in enumerate(parts):
            label, body = _label(clean(part)) if k == 0 else ("", clean(part))
            if not body:
                continue
            last = n == len(rows) - 1 and k == len(parts) - 1
            if cut and last:
                body = shown_cut(body)
            out.append(Side(line, body, rel, label, cut and last))
    return out


def text_sides(text, line, written):
    """A plain-text equation the notes write without $ ('Linear(x)=W·x+b'), as sides."""
    tex = written.replace("·", r" \cdot ")
    return [Side(line, clean(p), rel) for rel, p in top_level_split(tex, [":=", "="])]
