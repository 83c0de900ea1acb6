"""The descent's hot loop, compiled from the model's own ``backward``.

Calling ``backward(scalar, x, y, ...)`` once per house per epoch spends more
time in Python calls than in arithmetic. So the loop is generated: the model's
``backward`` runs once on symbols (``Sym``), which write each operation as a line
of Python; the lines for every house and the update go into one loop, which is
compiled. The branching ops are pasted in from ``ops.EXPR``, the text ``scalar``
itself is built from. Same operations, same order as the scalar calls, so the
results are bit-identical (tests check it). No gradient is written here.

    run = runner(model, data, "batch")
    last = run(params, lrs, None, buffer.append)  # records each epoch's parameters
"""

from functools import lru_cache

from . import ops

# How each scalar op enters the loop: ops.EXPR texts are pasted in; TRACED ops are plain
# arithmetic and run on the symbols as they are; any other op (tanh, sigmoid, ...) is
# called, bound as a local of the loop.
TRACED = {"Linear"}
CALLED = {
    name: fn for name, fn in vars(ops.scalar).items() if name not in ops.EXPR and name not in TRACED
}
UNROLL = 16  # up to this many houses, each gets its own lines with x, y as constants


class Sym:
    """A value in the traced code: arithmetic on it emits a line and returns a new Sym."""

    __slots__ = ("code", "tape")

    def __init__(self, code, tape):
        self.code, self.tape = code, tape

    def _op(self, fmt, other=None):
        return self.tape.emit(fmt.format(a=self.code, b=_code(other)))

    def __add__(self, o):
        return self._op("{a} + {b}", o)

    def __radd__(self, o):
        return self._op("{b} + {a}", o)

    def __sub__(self, o):
        return self._op("{a} - {b}", o)

    def __rsub__(self, o):
        return self._op("{b} - {a}", o)

    def __mul__(self, o):
        return self if _is_one(o) else self._op("{a} * {b}", o)

    def __rmul__(self, o):
        return self if _is_one(o) else self._op("{b} * {a}", o)

    def __truediv__(self, o):
        return self._op("{a} / {b}", o)

    def __rtruediv__(self, o):
        return self._op("{b} / {a}", o)

    def __pow__(self, o):
        return self._op("{a} ** {b}", o)

    def __neg__(self):
        return self._op("-{a}")

    def __bool__(self):
        raise TypeError("a traced op branched on its value: write it as a text in ops.EXPR")


def _is_one(v):
    """a * 1.0 is a, bit for bit (sign of zero, inf and nan included): skip the line."""
    return not isinstance(v, Sym) and type(v) in (int, float) and v == 1


def _code(v):
    if isinstance(v, Sym):
        return v.code
    if v is None:
        return ""
    # a constant: repr round-trips a float exactly; an int becomes a float (1 - t and
    # 1.0 - t are equal, and float-float arithmetic skips Python's mixed-type path)
    return f"({float(v)!r})"


class Tape:
    def __init__(self):
        self.lines, self.count = [], 0

    def emit(self, expr) -> Sym:
        name = f"t{self.count}"
        self.count += 1
        self.lines.append(f"{name} = {expr}")
        return Sym(name, self)

    def namespace(self):
        """The op namespace the traced backward runs on."""
        names = {}
        for name in vars(ops.scalar):
            if name in ops.EXPR:
                names[name] = self._inline(ops.EXPR[name])
            elif name in TRACED:
                names[name] = getattr(ops.scalar, name)
            else:
                names[name] = self._call(name)
        return type("TracedOps", (), {k: staticmethod(v) for k, v in names.items()})

    def _inline(self, text):
        fields = list(dict.fromkeys(f.split("}")[0] for f in text.split("{")[1:]))
        return lambda *args: self.emit(
            text.format(**dict(zip(fields, map(_code, args), strict=True)))
        )

    def _call(self, name):
        return lambda *args: self.emit(f"{name}({', '.join(map(_code, args))})")


def _trace(model, tape, x, y, params):
    """Lines computing one house's gradient; returns the code of each dJ/dparam."""
    grads = model.backward(tape.namespace(), x, y, *params)
    return [_code(g) for g in grads]


def source(model, xs, ys, method) -> str:
    """The Python source of the compiled loop (readable: print it to see what runs)."""
    k = len(model.params)
    p = [f"p{j}" for j in range(k)]
    tape = Tape()
    syms = [Sym(name, tape) for name in p]
    head = f"def run({', '.join(p)}, rates, orders, record, xs, ys, {_bound()}):"
    if method == "sgd":
        grads = _trace(model, tape, Sym("x", tape), Sym("y", tape), syms)
        body = ["for lr, order in zip(rates, orders):", "    for i in order:"]
        body += ["        x = xs[i]", "        y = ys[i]"]
        body += [f"        {line}" for line in tape.lines]
        # every gradient is computed above, before any parameter is assigned
        body += [f"        {pj} -= lr * {g}" for pj, g in zip(p, grads, strict=True)]
    elif method == "sequential":
        # full batch, one parameter at a time: each gradient sees the parameters already updated
        # this epoch (what the notes' temporary variables avoid)
        grads = _trace(model, tape, Sym("x", tape), Sym("y", tape), syms)
        body = ["for rate in rates:"]
        for j, pj in enumerate(p):
            body += [f"    g{j} = 0.0", "    for x, y in zip(xs, ys):"]
            body += [f"        {line}" for line in tape.lines]
            body += [f"        g{j} += {grads[j]}", f"    {pj} -= rate * g{j}"]
    else:
        body = ["for rate in rates:"]
        if len(xs) <= UNROLL:
            for i, (x, y) in enumerate(zip(xs, ys, strict=True)):
                start = len(tape.lines)
                grads = _trace(model, tape, x, y, syms)
                body += [f"    # house {i}: x = {x!r}, y = {y!r}"]
                body += [f"    {line}" for line in tape.lines[start:]]
                body += [f"    g{j} {'=' if i == 0 else '+='} {g}" for j, g in enumerate(grads)]
        else:
            grads = _trace(model, tape, Sym("x", tape), Sym("y", tape), syms)
            body += [f"    g{j} = 0.0" for j in range(k)] + ["    for x, y in zip(xs, ys):"]
            body += [f"        {line}" for line in tape.lines]
            body += [f"        g{j} += {g}" for j, g in enumerate(grads)]
        body += [f"    {pj} -= rate * g{j}" for j, pj in enumerate(p)]
    body += [f"    record({pj})" for pj in p]
    body += [f"return ({', '.join(p)},)"]
    return "\n".join([head] + [f"    {line}" for line in body]) + "\n"


def _bound():
    return ", ".join(f"{name}={name}" for name in CALLED)


@lru_cache(maxsize=64)
def _compiled(model, xs, ys, method):
    code = source(model, xs, ys, method)
    scope = dict(CALLED)
    exec(compile(code, f"<fitting.compiled {model.name} {method}>", "exec"), scope)
    return scope["run"]


def runner(model, data, method):
    """run(params, lrs, orders, record) -> the last parameters.

    Runs one epoch per learning rate in ``lrs`` (SGD: in the house order of the
    matching row of ``orders``) and calls ``record(value)`` with each parameter,
    in order, after every epoch.
    """
    xs, ys = tuple(data.x.tolist()), tuple(data.y.tolist())
    fn = _compiled(model, xs, ys, method)
    n = 1 if method == "sgd" else len(xs)  # full batch: the gradient is the mean over houses

    def run(params, lrs, orders, record):
        return fn(*params, (lrs / n).tolist(), orders, record, xs, ys)

    return run
