r"""A formula cut into pieces a board can colour, match and mark, and what changed between two.

(Two rewrites for legibility at 480p, where scripts of scripts are too small to read: an exponent
of e holding scripts, e^{-(\theta_0 + \theta_1 x)}, is drawn \exp(-(\theta_0 + \theta_1 x)), and a
fraction inside a script, a^{-\frac{1}{2}}, is drawn a^{-1/2}.)

`pieces(tex)` cuts one TeX formula into the smallest pieces MathTex can draw as separate parts:
one per symbol, command, word or number (`\partial`, `W`, `MAE`, `20`). MathTex compiles its
parts as one formula with a marker around each part, so a part may open a brace that a later part
closes (`\frac{` ... `}`): each piece carries such structural text (`prefix`, `suffix`) around
its `core`, the symbol it draws. Where a marker would change the layout (between a symbol and its
script, between the two arguments of a fraction) no cut is made.

`diff(a, b)` compares two formulas piece by piece (difflib over the pieces' keys): which pieces
of b are new and which of a are gone. That is the highlight between two steps, the offending
piece of a wrong step (its tex against its corrected_tex), and the pairs a transform moves.
"""

import difflib
import re
from dataclasses import dataclass

# --- the pieces ------------------------------------------------------------------------------
SPACES = {r"\,", r"\;", r"\:", r"\!", r"\ ", r"\quad", r"\qquad"}
FRACTIONS = {r"\frac", r"\dfrac", r"\tfrac"}
OPAQUE_ARG = {  # one argument, drawn as one piece (words, accents)
    r"\text", r"\textrm", r"\mathit", r"\mathrm", r"\mathbf", r"\mathsf", r"\mathcal",
    r"\mathbb", r"\operatorname", r"\boldsymbol", r"\hat", r"\bar", r"\tilde", r"\vec",
    r"\dot", r"\overline",
}  # fmt: skip
LIMITS = {r"\sum", r"\prod", r"\lim", r"\int", r"\max", r"\min"}  # scripts drawn above/below
BREAKS = {r"\cdot", "+", "-", r"\times"}  # where a long formula may go on to the next line
OPENING = {"(", "[", r"\left(", r"\left[", r"\left|", r"\left\{"}
CLOSING = {")", "]", r"\right)", r"\right]", r"\right|", r"\right\}"}


class TexError(ValueError):
    """A formula this module cannot cut (unbalanced braces, a dangling script)."""


@dataclass(frozen=True)
class Piece:
    """One drawable part of a formula.

    tex = prefix + core + suffix is what MathTex receives; `key` (the core without spaces, with
    its primes) is what two formulas are compared by; `name` is the symbol with its script
    ("W_1", "\\theta_0") and `base` the symbol alone ("W"), for the palette.
    """

    prefix: str
    core: str
    suffix: str
    key: str
    name: str
    base: str

    @property
    def tex(self):
        return self.prefix + self.core + self.suffix


class _Parser:
    """TeX source -> a tree of nodes: ("token", text), ("group", [atoms]),
    ("frac", cmd, a, b), ("sqrt", [atoms]), ("atom", nucleus, scripts, primes), ("space", text)."""

    def __init__(self, source):
        self.s, self.i = source, 0

    def fail(self, what):
        raise TexError(f"cannot cut {self.s!r} at character {self.i}: {what}")

    def peek(self):
        return self.s[self.i] if self.i < len(self.s) else ""

    def sequence(self, closing=""):
        items = []
        while self.i < len(self.s) and self.peek() != "}":
            items.append(self.atom())
        if closing:
            if self.peek() != "}":
                self.fail("a brace is never closed")
            self.i += 1
        elif self.i < len(self.s):
            self.fail("a closing brace without its opening one")
        return items

    def atom(self):
        nucleus = self.nucleus()
        if nucleus[0] == "space":
            return nucleus
        scripts, primes = [], ""
        while self.peek() in ("_", "^", "'"):
            if self.peek() == "'":
                primes += "'"
                self.i += 1
                continue
            kind = self.peek()
            self.i += 1
            self.skip_spaces()
            if not self.peek() or self.peek() in "_^}":
                self.fail(f"'{kind}' with nothing to attach")
            scripts.append((kind, self.argument()))
        if not scripts and not primes:
            return nucleus
        return ("atom", nucleus, scripts, primes)

    def skip_spaces(self):
        while self.peek().isspace():
            self.i += 1

    def argument(self):
        """A command's or script's argument: a braced group, a command, or one character."""
        self.skip_spaces()
        if self.peek() == "{":
            self.i += 1
            return ("group", self.sequence(closing="}"))
        if self.peek() == "\\":
            return ("token", self.command_name())
        char = self.peek()
        self.i += 1
        return ("token", char)

    def command_name(self):
        match = re.compile(r"\\([A-Za-z]+|.)").match(self.s, self.i)
        if not match:
            self.fail("a lone backslash")
        self.i = match.end()
        return match.group(0)

    def raw_argument(self):
        """The source text of the next argument, braces included."""
        start = self.i
        self.argument()
        return self.s[start : self.i]

    def nucleus(self):
        char = self.peek()
        if char.isspace():
            start = self.i
            self.skip_spaces()
            return ("space", self.s[start : self.i])
        if char == "{":
            self.i += 1
            return ("group", self.sequence(closing="}"))
        if char == "\\":
            return self.command()
        if char.isalpha():
            return ("token", self.run(str.isalpha))
        if char.isdigit():
            return ("token", self.run(lambda c: c.isdigit() or c == "."))
        if char in "_^":
            self.fail(f"'{char}' with nothing before it")
        self.i += 1
        return ("token", char)

    def run(self, accepts):
        """A word or a number; a script after it belongs to its last character only."""
        start = self.i
        while self.i < len(self.s) and accepts(self.s[self.i]):
            self.i += 1
        if self.peek() in ("_", "^", "'") and self.i - start > 1:
            self.i -= 1
        return self.s[start : self.i]

    def command(self):
        start = self.i
        name = self.command_name()
        if name in SPACES:
            return ("space", name)
        if name in (r"\left", r"\right"):
            self.skip_spaces()
            delimiter = self.command_name() if self.peek() == "\\" else self.s[self.i]
            self.i += 0 if delimiter.startswith("\\") else 1
            return ("token", name + delimiter)
        if name == r"\begin":
            environment = self.raw_argument()
            end = self.s.find(r"\end" + environment, self.i)
            if end < 0:
                self.fail(f"\\begin{environment} without its \\end")
            self.i = end + len(r"\end" + environment)
            return ("token", self.s[start : self.i])
        if name in FRACTIONS:
            return ("frac", name, self.argument(), self.argument())
        if name == r"\sqrt":
            if self.peek() == "[":
                self.i = self.s.index("]", self.i) + 1
                return ("token", self.s[start : self.i] + self.raw_argument())
            return ("sqrt", self.argument())
        if name in OPAQUE_ARG:
            return ("token", name + self.raw_argument())
        return ("token", name)


def _key(text):
    return re.sub(r"\s+", "", text)


def _new(core):
    key = _key(core)
    return {"prefix": "", "core": core, "suffix": "", "key": key, "name": key, "base": key}


def _cut(node, script=False):
    """The pieces (mutable dicts) of one node; [] for a node that draws nothing. In a script
    (script=True) a fraction is written a/b: its digits would be too small to read."""
    kind = node[0]
    if kind == "token":
        return [_new(node[1])]
    if kind == "group":
        inner = _cut_sequence(node[1], script)
        if inner:
            inner[0]["prefix"] = "{" + inner[0]["prefix"]
            inner[-1]["suffix"] += "}"
        return inner
    if kind == "frac":
        top, bottom = _cut_inner(node[2], script), _cut_inner(node[3], script)
        if not top or not bottom:  # nothing to hold the marker inside a brace
            return [_new(_source(node))]
        if script:
            return [*_parenthesised(top), _new("/"), *_parenthesised(bottom)]
        top[0]["prefix"] = node[1] + "{" + top[0]["prefix"]
        top[-1]["suffix"] += "}{"
        bottom[-1]["suffix"] += "}"
        return top + bottom
    if kind == "sqrt":
        inner = _cut_inner(node[1], script)
        if not inner:
            return [_new(_source(node))]
        inner[0]["prefix"] = r"\sqrt{" + inner[0]["prefix"]
        inner[-1]["suffix"] += "}"
        return inner
    if kind == "atom":
        return _cut_atom(*node[1:], script=script)
    return []  # a space


def _cut_inner(argument, script=False):
    """Pieces of an argument without its own braces (the caller writes them)."""
    if argument[0] == "group":
        return _cut_sequence(argument[1], script)
    return _cut(argument, script)


def _parenthesised(pieces):
    return [_new("("), *pieces, _new(")")] if len(pieces) > 1 else pieces


def _cut_sequence(items, script=False):
    """Pieces of a list of atoms; spacing goes with the piece before it (or after, at the start)."""
    pieces, pending = [], ""
    for item in items:
        if item[0] == "space":
            if pieces:
                pieces[-1]["suffix"] += " " + item[1] if item[1].startswith("\\") else " "
            else:
                pending += item[1] if item[1].startswith("\\") else ""
            continue
        cut = _cut(item, script)
        if cut and pending:
            cut[0]["prefix"] = pending + " " + cut[0]["prefix"]
            pending = ""
        pieces += cut
    return pieces


def _cut_atom(nucleus, scripts, primes, script=False):
    """A symbol with scripts: the symbol, then each script's pieces inside its braces.

    Two scripts on one symbol are drawn as one piece (TeX draws the upper one first, which would
    cross the markers), except on a sum or limit: there the lower limit is cut and the upper one
    drawn with the symbol.
    """
    if len(scripts) == 2 and nucleus[0] == "token" and nucleus[1] in LIMITS and not primes:
        return _cut_limits(nucleus, scripts)
    if len(scripts) > 1 or (scripts and primes):
        return [_new(_source(("atom", nucleus, scripts, primes)))]
    head = _cut(nucleus, script)
    if not head:
        raise TexError(f"a script on nothing: {_source(('atom', nucleus, scripts, primes))!r}")
    if primes:
        head[-1]["suffix"] += primes
        head[-1]["key"] += primes
        head[-1]["name"] += primes
        return head
    kind, argument = scripts[0]
    if kind == "^" and nucleus == ("token", "e") and _scripted(argument):
        # e^{-(theta_0 + ...)}: a script inside an exponent is too small to read; exp says it
        return [_new(r"\exp"), _new(r"\left("), *_cut_inner(argument), _new(r"\right)")]
    body = _cut_inner(argument, script=True)
    if not body:
        return head
    head[-1]["suffix"] += kind + "{"  # the script's brace opens on the symbol
    body[-1]["suffix"] += "}"
    if len(head) == 1 and len(body) == 1:  # W_1, \theta_0, x_i: one quantity for the palette
        name = f"{head[0]['key']}{kind}{body[0]['key']}"
        for piece in (*head, *body):
            piece["name"], piece["base"] = name, head[0]["key"]
    return head + body


def _scripted(node):
    """Whether a script appears anywhere inside node."""
    if node[0] == "atom":
        return True
    if node[0] == "group":
        return any(_scripted(item) for item in node[1])
    if node[0] == "frac":
        return _scripted(node[2]) or _scripted(node[3])
    return node[0] == "sqrt" and _scripted(node[1])


def _cut_limits(nucleus, scripts):
    (first, a), (second, b) = scripts
    lower, upper = (a, b) if first == "_" else (b, a)
    symbol = _new(nucleus[1])
    symbol["key"] = symbol["name"] = f"{nucleus[1]}^{_key(_source(upper))}"
    body = _cut_inner(lower, script=True)
    if not body:
        return [_new(_source(("atom", nucleus, scripts, "")))]
    upper_tex = "^" + _braced(upper)
    if first == "_":
        symbol["suffix"] = "_{"
        body[-1]["suffix"] += "}" + upper_tex
    else:
        body[-1]["suffix"] += "}"
        symbol["suffix"] = upper_tex + "_{"
    return [symbol, *body]


def _source(node):
    """A node written back as TeX (scripts always braced)."""
    kind = node[0]
    if kind in ("token", "space"):
        return node[1]
    if kind == "group":
        return "{" + " ".join(_source(item) for item in node[1]) + "}"
    if kind == "frac":
        return node[1] + _braced(node[2]) + _braced(node[3])
    if kind == "sqrt":
        return r"\sqrt" + _braced(node[1])
    _, nucleus, scripts, primes = node
    return _source(nucleus) + primes + "".join(k + _braced(arg) for k, arg in scripts)


def _braced(node):
    return _source(node) if node[0] == "group" else "{" + _source(node) + "}"


def pieces(tex):
    """The formula's pieces, left to right (see the module docstring)."""
    parser = _Parser(tex.strip())
    cut = _cut_sequence(parser.sequence())
    if not cut:
        raise TexError(f"nothing to draw in {tex!r}")
    for piece in cut:  # MathTex reads "{{" as its own part-splitting notation
        for side in ("prefix", "suffix"):
            piece[side] = piece[side].replace("{{", "{ {")
    return [Piece(**piece) for piece in cut]


def keys(tex):
    return [piece.key for piece in pieces(tex)]


# --- what changed ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Diff:
    """How formula b follows from a: `pairs` (i in a, j in b) of the same piece, `removed`
    (indices in a with no partner), `added` (indices in b with no partner)."""

    pairs: tuple[tuple[int, int], ...]
    removed: tuple[int, ...]
    added: tuple[int, ...]

    @property
    def changed(self):
        return bool(self.removed or self.added)


def diff(a, b):
    """Diff of two lists of pieces (or of keys), by difflib: deterministic, order-preserving."""
    a_keys = [p.key if isinstance(p, Piece) else p for p in a]
    b_keys = [p.key if isinstance(p, Piece) else p for p in b]
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    pairs, removed, added = [], [], []
    for op, i0, i1, j0, j1 in matcher.get_opcodes():
        if op == "equal":
            pairs += zip(range(i0, i1), range(j0, j1), strict=True)
        else:
            removed += range(i0, i1)
            added += range(j0, j1)
    return Diff(tuple(pairs), tuple(removed), tuple(added))


def insertion_point(d, j):
    """For a piece j of b that is new: the index in a before which it goes (len(a) at the end)."""
    before = [i for i, jj in d.pairs if jj < j]
    return before[-1] + 1 if before else 0


# --- where a long formula may break ----------------------------------------------------------
def _depths(parts):
    """Brace and \\left/\\right depth after each piece."""
    depth, out = 0, []
    for p in parts:
        text = p.tex.replace(r"\{", "").replace(r"\}", "")
        depth += text.count("{") - text.count("}")
        depth += text.count(r"\left") - text.count(r"\right")
        out.append(depth)
    return out


def breaks(parts):
    """Indices k where a line may end before parts[k]: a binary operator, or the argument after
    a comma, outside all braces.

    Returns (k, level) pairs, level = how many parentheses are open there (0 is best; a comma
    counts one more, so an operator at the same depth is preferred).
    """
    depths, level, found = _depths(parts), 0, []
    for k, piece in enumerate(parts):
        before = parts[k - 1].key if k else ""
        outside = k > 0 and depths[k - 1] == 0 and not piece.prefix
        binary = before not in BREAKS | OPENING | {"=", ":=", ","}
        if outside and piece.key in BREAKS and binary:
            found.append((k, level))
        elif outside and before == "," and piece.key not in CLOSING:
            found.append((k, level + 1))
        level += piece.key in OPENING
        level -= piece.key in CLOSING
    return found


def changed(a, b):
    """Indices of the pieces of b that are new since a, when b is a step from a (at least half
    of its pieces carry over); () when b is a new expression rather than a step, or the same."""
    d = diff(a, b)
    if 2 * len(d.pairs) < len(b):
        return ()
    return d.added
