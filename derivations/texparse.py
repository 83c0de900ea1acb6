r"""Read the TeX of the notes into SymPy, for checking.

Not a LaTeX parser: it reads the small dialect the notes are written in (\frac, ^, _, \cdot,
\sum, \lim, \sqrt, |.|, cases, e^{..}, Linear(...), ...), resolving names through a Context,
so that the TeX a scene shows is the very TeX that was checked. It reads the lecturer's
derivative notations: \frac{\partial}{\partial v} X (an operator on the rest of the product),
\frac{\partial X}{\partial v}, and the notes' slips \frac{X}{\partial v} (no \partial on top)
and \delta for \partial, which it records in ``slips``. Anything else it cannot read raises
TexError naming the token: such a step is shown as the lecturer wrote it, "not readable".
A Context with ``known`` names (a part of the notes that fits a model) refuses any other
name ("Q is never defined") rather than reading it silently as a new variable.
"""

import re
from dataclasses import dataclass, field

import sympy as sp

from fitting.ops import Linear

from .symbolic import ReLU, sigmoid


class TexError(ValueError):
    pass


_TOKEN = re.compile(
    r"\\begin\{cases\}|\\end\{cases\}|\\\\|\\[a-zA-Z]+|\\[,!;: ]|:=|[A-Za-z]+|\d+(?:\.\d+)?|\S"
)
_SKIP = {r"\left", r"\right", r"\,", r"\!", r"\;", r"\:", r"\ ", r"\mathrm", r"\mathit"}
_SKIP |= {r"\boldsymbol", r"\operatorname"}
_GREEK = {r"\theta": "theta", r"\alpha": "alpha", r"\sigma": "sigma", r"\delta": "delta"}
_RELATIONS = {r"\ge": sp.Ge, r"\le": sp.Le, ">": sp.Gt, "<": sp.Lt}


@dataclass
class Context:
    """How names in one chain's TeX resolve.

    symbols: name -> SymPy expression (e.g. "x_i" -> x[i]); unknown names become real symbols.
    functions: name -> callable(*args) -> expression (e.g. "Linear").
    intermediates: symbol -> definition (a = y - M(x), q = W_1 x + b_1, ...): differentiating
        with respect to an intermediate keeps it as a variable; values are fully expanded.
    """

    symbols: dict = field(default_factory=dict)
    functions: dict = field(default_factory=dict)
    intermediates: dict = field(default_factory=dict)
    known: set | None = None  # the names a strict part knows; None: any one-letter name

    def defines(self, name):
        """May `name` stand as a variable here? (A strict part knows only its own names.)"""
        if self.known is None or name in self.symbols:
            return True
        return name in self.known or any(s.name == name for s in self.intermediates)

    def symbol(self, name):
        if name in self.symbols:
            return self.symbols[name]
        if name == "e":
            return sp.E
        return sp.Symbol(name, real=True)

    def expand(self, expr, keep=None):
        """Substitute intermediates (all but `keep`) until none is left."""
        subs = {s: d for s, d in self.intermediates.items() if s != keep}
        for _ in range(len(subs) + 1):
            new = expr.xreplace(subs)
            if new == expr:
                return expr
            expr = new
        return expr


def _functions():
    """Functions every chain knows: the notes' vocabulary."""
    return {
        "Linear": Linear,  # fitting/'s own
        "ReLU": ReLU,
        "tanh": sp.tanh,
        "sigma": sigmoid,
        "sqrt": sp.sqrt,
        "sign": sp.sign,
    }


_NAMED = re.compile(r"\\(?:operatorname|mathrm|mathit)\{([A-Za-z]+)\}")


class _Parser:
    def __init__(self, tex, ctx):
        tex = _NAMED.sub(r" \1 ", tex)  # \mathit{MAE} -> MAE
        self.toks = [t for t in _TOKEN.findall(tex) if t not in _SKIP]
        self.pos = 0
        self.ctx = ctx
        self.funcs = {**_functions(), **ctx.functions}
        self.slips = []
        self.in_abs = 0

    # token helpers
    def peek(self, k=0):
        j = self.pos + k
        return self.toks[j] if j < len(self.toks) else None

    def take(self, expected=None):
        tok = self.peek()
        if tok is None or (expected is not None and tok != expected):
            raise TexError(f"expected {expected or 'more'} at token {self.pos}, got {tok!r}")
        self.pos += 1
        return tok

    def group_tokens(self):
        """The tokens of a {...} group (or a single token), as a sub-list."""
        if self.peek() != "{":
            return [self.take()]
        self.take("{")
        depth, start = 1, self.pos
        while depth:
            tok = self.take()
            depth += {"{": 1, "}": -1}.get(tok, 0)
        return self.toks[start : self.pos - 1]

    def sub(self, toks):
        p = _Parser("", self.ctx)
        p.toks, p.funcs, p.slips = toks, self.funcs, self.slips
        return p

    # grammar
    def parse(self):
        value = self.expr()
        if self.peek() is not None:
            raise TexError(f"unread tokens from {self.peek()!r}")
        return value

    def expr(self):
        value = self.term()
        while self.peek() in ("+", "-"):
            sign = 1 if self.take() == "+" else -1
            value = value + sign * self.term()
        return value

    def _ends_term(self, tok):
        return tok in (None, "+", "-", ")", "]", "}", ",", "=", ":=", "&", r"\\", r"\end{cases}")

    def term(self):
        factors = []
        if self.peek() == "-":
            self.take()
            factors.append(sp.S.NegativeOne)
        while True:
            tok = self.peek()
            if tok == r"\cdot":
                self.take()
                if self.peek() == "-":  # "e^{-a} \cdot -1"
                    self.take()
                    factors.append(sp.S.NegativeOne)
                continue
            if self._ends_term(tok) or tok in _RELATIONS or (tok == "|" and self.in_abs):
                break
            if tok == r"\sum":
                factors.append(self.summation())
                break
            if tok == r"\lim":
                factors.append(self.limit())
                break
            op = self.operator()
            if op is not None:
                operand = self.term_rest()
                factors.append(self.derivative(operand, op))
                break
            factors.append(self.power())
        if not factors:
            raise TexError(f"empty term at token {self.pos}")
        return sp.Mul(*factors)

    def term_rest(self):
        """The rest of the product after an operator (\\partial/\\partial v, \\sum, \\lim)."""
        if self._ends_term(self.peek()) or (self.peek() == "|" and self.in_abs):
            raise TexError("an operator without an operand")
        return self.term()

    def operator(self):
        r"""\frac{\partial}{\partial v} (or \delta v written before the operand): v, else None."""
        ahead = [self.peek(n) for n in range(4)]
        if ahead == [r"\frac", "{", r"\partial", "}"]:  # \frac{\partial}{\partial v}
            self.take(r"\frac")
            self.group_tokens()
            return self.variable(self.group_tokens())
        if self.peek() == r"\delta" and self.peek(1) not in (None, "}"):
            self.take()
            self.slips.append(r"\delta x written as an operator in front of the expression")
            return self.variable([self.take()])
        return None

    def variable(self, toks):
        if toks and toks[0] in (r"\partial", r"\delta"):
            if toks[0] == r"\delta":
                self.slips.append(r"\delta written for \partial")
            toks = toks[1:]
        return self.sub(toks).parse()

    def derivative(self, operand, v):
        if not isinstance(v, sp.Symbol | sp.Indexed):
            v = self.ctx.expand(v)
            return (
                sp.diff(self.ctx.expand(operand), v)
                if v.is_Symbol
                else self._by_subexpr(operand, v)
            )
        if v in self.ctx.intermediates:
            return self.ctx.expand(sp.diff(self.ctx.expand(operand, keep=v), v))
        return sp.diff(self.ctx.expand(operand), v)

    def _by_subexpr(self, operand, v):
        """d operand / d v for a sub-expression v, e.g. d(e^x - e^-x)^-1 / d(e^x - e^-x)."""
        u = sp.Dummy("u", real=True)
        return sp.diff(self.ctx.expand(operand).subs(v, u), u).subs(u, v)

    def power(self):
        base = self.primary()
        while self.peek() in ("^", "'"):
            if self.take() == "'":  # {W_{i}}' : the updated W_i
                if not base.is_Symbol:
                    raise TexError("a prime on an expression")
                base = self.ctx.symbol(base.name + "'")
                continue
            exponent = self.sub(self.group_tokens()).parse()
            base = sp.exp(exponent) if base == sp.E else base**exponent
        return base

    def primary(self):
        tok = self.peek()
        if tok in ("(", "[", "{"):
            closing = {"(": ")", "[": "]", "{": "}"}[self.take()]
            outer, self.in_abs = self.in_abs, 0
            value = self.expr()
            self.in_abs = outer
            self.take(closing)
            return value
        if tok == "|":
            self.take()
            self.in_abs += 1
            value = self.expr()
            self.in_abs -= 1
            self.take("|")
            return sp.Abs(value)
        if tok == r"\frac":
            return self.fraction()
        if tok == r"\sqrt":
            self.take()
            return sp.sqrt(self.sub(self.group_tokens()).parse())
        if tok == r"\begin{cases}":
            return self.cases()
        if re.fullmatch(r"\d+(\.\d+)?", tok or ""):
            self.take()
            return sp.nsimplify(tok)
        return self.name()

    def fraction(self):
        self.take(r"\frac")
        top, bottom = self.group_tokens(), self.group_tokens()
        if bottom and bottom[0] in (r"\partial", r"\delta"):
            v = self.variable(bottom)
            if top and top[0] == r"\partial":
                top = top[1:]
            else:
                self.slips.append(r"\partial missing in the numerator of a derivative")
            return self.derivative(self.sub(top).parse(), v)
        return self.sub(top).parse() / self.sub(bottom).parse()

    def summation(self):
        self.take(r"\sum")
        self.take("_")
        lower = self.group_tokens()
        if "=" not in lower:
            raise TexError(r"\sum without i = start")
        k = lower.index("=")
        index = self.ctx.symbol(self.sub(lower[:k]).name_string())
        start = self.sub(lower[k + 1 :]).parse()
        self.take("^")
        stop = self.sub(self.group_tokens()).parse()
        return sp.Sum(self.term_rest(), (index, start, stop))

    def limit(self):
        self.take(r"\lim")
        self.take("_")
        toks = self.group_tokens()
        if r"\to" not in toks:
            raise TexError(r"\lim without \to")
        k = toks.index(r"\to")
        v = self.sub(toks[:k]).parse()
        target = self.sub(toks[k + 1 :]).parse()
        return sp.Limit(self.ctx.expand(self.term_rest()), v, target, dir="+-")

    def cases(self):
        self.take(r"\begin{cases}")
        rows = []
        while self.peek() != r"\end{cases}":
            value = self.expr()
            self.take(",")
            lhs = self.expr()
            relation = _RELATIONS.get(self.take())
            if relation is None:
                raise TexError("a case without a condition")
            rows.append((value, relation(lhs, self.expr())))
            if self.peek() == r"\\":
                self.take()
        self.take(r"\end{cases}")
        return sp.Piecewise(*rows)

    def name_string(self):
        """A name with its subscript and primes: W_{2} -> 'W_2', h_{\\theta} -> 'h_theta'."""
        tok = self.take()
        name = _GREEK.get(tok, tok)
        if not re.fullmatch(r"[A-Za-z]+", name):
            raise TexError(f"unexpected {tok!r}")
        if self.peek() == "_":
            self.take()
            sub = self.group_tokens()
            name += "_" + "".join(_GREEK.get(t, t) for t in sub)
        while self.peek() == "'":
            self.take()
            name += "'"
        return name

    def name(self):
        tok = self.peek()
        if tok == r"\tanh":
            self.take()
            return sp.tanh(self.call_args()[0])
        if tok in _GREEK or re.fullmatch(r"[A-Za-z]+", tok or ""):
            name = self.name_string()
            if self.peek() == "(" and name in self.funcs:
                return self.call(name)
            if not self.ctx.defines(name):
                raise TexError(f"{name} is never defined")
            base = name.split("_")[0].rstrip("'")
            if name in self.ctx.symbols or len(base) == 1 or base in _GREEK.values():
                return self.ctx.symbol(name)
            raise TexError(f"unknown name {name!r}")
        raise TexError(f"unexpected {tok!r}")

    def call_args(self):
        self.take("(")
        outer, self.in_abs = self.in_abs, 0
        args = [self.expr()]
        while self.peek() == ",":
            self.take()
            args.append(self.expr())
        self.in_abs = outer
        self.take(")")
        return args

    def call(self, name):
        args = self.call_args()
        try:
            return self.funcs[name](*args)
        except TypeError as err:
            raise TexError(f"{name} with {len(args)} arguments") from err


def read(tex, ctx):
    """(SymPy value of `tex` in `ctx`, slips found). Raises TexError if it cannot be read."""
    p = _Parser(tex, ctx)
    value = p.parse()
    return ctx.expand(sp.sympify(value)), tuple(p.slips)
