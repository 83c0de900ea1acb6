"""What the names of one part of the notes mean, from the model that part fits (fitting/).

The notes write h_theta, J, M, y', MAE, Linear, LeakyReLu; the declarations file says which
model of fitting/ a part fits, and this module turns that model (symbolic.py runs fitting/'s
own forward pass on SymPy symbols) into a texparse Context. A part with no model is generic
calculus: any one-letter name is a variable. A part with a model is strict: a name that is
neither the model's, the data's, nor defined by the notes is "never defined" (not readable).
"""

from functools import cache

import sympy as sp

from .. import symbolic as sym
from ..texparse import Context, TexError, read
from .source import NotesError

t0, t1 = sp.symbols("theta_0 theta_1", real=True)
W, b = sp.symbols("W b", real=True)
ALPHA = sp.Symbol("alpha", real=True)  # the notes' alpha: learning rate, or the slope
SLOPE = sp.nsimplify(sym.LEAKY_SLOPE, rational=True)
DATA = {"x_i": sym.xs[sym.i], "y_i": sym.ys[sym.i], "i": sym.i, "N": sym.N}
COMMON = {"x", "y", "e", "alpha"}  # names every strict part knows


def theta(expr):
    """A two-parameter expression in the notes' theta names: b -> theta_0, W -> theta_1."""
    return expr.xreplace({W: t1, b: t0})


def generic(slope=False):
    """A part with no model: every one-letter name is a variable (x, W, a, ...)."""
    ctx = Context()
    if slope:
        ctx.functions.update(_leaky(ALPHA))
    return ctx


def abstract(name, stand_in):
    """An unknown f(x, y), written f, f_x, f_y; `stand_in` (x, y -> expr) is used to check."""
    X, Y = sp.symbols("x y", real=True)
    f = sp.Function(name, real=True)
    ctx = Context(
        symbols={
            name: f(X, Y),
            f"{name}_x": sp.Derivative(f(X, Y), X),
            f"{name}_y": sp.Derivative(f(X, Y), Y),
        },
        functions={name: f},
    )
    return ctx, [{f: sp.Lambda((X, Y), stand_in(X, Y))}]


def _leaky(slope):
    def leaky(v, s=slope):
        return sym.LeakyReLU(v, s)

    return {"LeakyReLU": leaky, "LeakyReLu": leaky}


def mse(model):
    """h_theta(x) is the model, J(theta_0, theta_1) its MSE over the data; b, W = theta_0, 1."""
    forward, J = theta(sym.forward(model)), theta(sym.loss(model))
    W_, b_ = sym.params(model)
    ctx = Context(
        symbols={**DATA, "b": t0, "W": t1, "L_MSE": J},
        functions={
            "h_theta": lambda xv: forward.xreplace({sym.x: xv}),
            "J": lambda p0, p1: J.xreplace({t0: p0, t1: p1}),
        },
    )
    ctx.known = set(ctx.symbols) | COMMON | {"theta_0", "theta_1"}
    return ctx, theta(sym.loss(model)), (t0, t1)


def _linear_or_net(net):
    """Linear(W, b, x) is a layer; the notes' Linear(W_1, b_1, W_2, b_2, x) is the whole net."""

    def linear(*args):
        if len(args) == 3:
            W_, b_, v = args
            return W_ * v + b_
        if len(args) == 5:
            return net(args[4])
        raise TypeError("Linear takes (W, b, x) or (W_1, b_1, W_2, b_2, x)")

    return linear


def _mae(M, J):
    """MAE(y', y) is the loss over the data; MAE(y, M(x)) and MAE(y, W_1, ..., x) one house's."""
    y = sym.y

    def mae(*args):
        if len(args) == 2 and args[0] != y:
            return J
        return sp.Abs(y - M)

    return mae


def net(model, slope=None):
    """relu_net or tanh_net: M(x), y', Linear (a layer or the net), MAE; alpha the slope."""
    alpha = ALPHA if slope else SLOPE
    M = sym.forward(model).xreplace({SLOPE: alpha})
    M_i = sym.forward(model, sym.xs[sym.i]).xreplace({SLOPE: alpha})
    J = sym.loss(model).xreplace({SLOPE: alpha})
    inner = M.args[0] if model == "tanh_net" else M  # W_2 tanh(W_1 x + b_1) + b_2
    ctx = Context(
        symbols={**DATA, "y'": M, "y_i'": M_i, "y": sym.y},
        functions={
            "M": lambda xv: M.xreplace({sym.x: xv}),
            "Linear": _linear_or_net(lambda xv: inner.xreplace({sym.x: xv})),
            "MAE": _mae(M, J),
            **_leaky(alpha),
        },
    )
    params = sym.params(model)
    ctx.known = set(ctx.symbols) | COMMON | {p.name for p in params} | {"W_i", "b_i"}
    return ctx, sp.Abs(sym.y - M), params


@cache
def for_part(part):
    """(Context, the loss an update rule descends, its parameters, the checks' substitutions)
    for a declared part (built once per part; walk.py copies the Context before use)."""
    if part.abstract:
        name, stand_in = part.abstract
        try:
            value, _ = read(stand_in, generic())
        except TexError as err:
            raise NotesError(f"[[part]] {part.chain}: stand-in {stand_in!r}: {err}") from err
        X, Y = sp.symbols("x y", real=True)
        ctx, tests = abstract(name, lambda u, v: value.xreplace({X: u, Y: v}))
        return ctx, None, (), tests
    if part.model is None:
        return generic(part.slope), None, (), [{}]
    if part.model in ("relu_net", "tanh_net"):
        return (*net(part.model, part.slope), [{}])
    return (*mse(part.model), [{}])


def each(ctx, names, n):
    """The context for instance n of the notes' W_i, b_i (W_i' -> W_n', ...)."""
    out = Context(dict(ctx.symbols), dict(ctx.functions), dict(ctx.intermediates))
    out.known = None if ctx.known is None else set(ctx.known)
    for name in names:
        for suffix in ("", "'"):
            out.symbols[f"{name}_i{suffix}"] = sp.Symbol(f"{name}_{n}{suffix}", real=True)
            if out.known is not None:
                out.known.add(f"{name}_i{suffix}")
    return out
