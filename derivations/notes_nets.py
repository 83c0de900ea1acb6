"""Chains of the backpropagation part (lines 114-201): |a|', the ReLU net, tanh, LeakyReLU.

The notes write derivatives as \\frac{X}{\\partial v} (no \\partial on top): texparse reads them
as meant and records the slip, so those steps are "typo". Their LaTeX blocks at lines 131,
135 and 137 end in long garbage runs (a step repeated a dozen times, undefined U_2, Q, u,
w_1): each distinct garbled step is kept once, and the runs are summarised, not copied.
"""

import sympy as sp

from . import symbolic as sym
from .audit import Chain, Spec
from .notes_linear import linear_layer_specs
from .texparse import Context

S = Spec  # one side of an equation in the notes (see audit.Spec)

x, y = sym.x, sym.y
W1, b1, W2, b2 = sym.params("relu_net")
ALPHA = sp.Symbol("alpha", real=True)
q, z, a = sp.symbols("q z a", real=True)
m, k, l = sp.symbols("m k l", real=True)
SLOPE = sp.nsimplify(sym.LEAKY_SLOPE, rational=True)

MINUS = (
    r"a = y - M(x), so \partial a/\partial\theta = -\partial M/\partial\theta: "
    "the minus sign is lost"
)
NO_PARTIAL = (
    r"\partial missing in the numerator: \frac{X}{\partial v} should read "
    r"\frac{\partial X}{\partial v}"
)


def D(top, v):
    """The notes' derivative notation, without \\partial on top."""
    return rf"\frac{{{top}}}{{\partial {v}}}"


def P(top, v):
    """The same derivative, correctly written."""
    return rf"\frac{{\partial {top}}}{{\partial {v}}}"


def typo(key, line, tex, fix, reason=NO_PARTIAL, **kw):
    return S(key, line, tex, verdict="typo", fix=fix, reason=reason, **kw)


def wrong(key, line, tex, fix, reason, **kw):
    return S(key, line, tex, verdict="wrong", fix=fix, reason=reason, **kw)


def _tanh_forward():
    """fitting/'s tanh_net with its slope 1/100 written as alpha, as the notes do."""
    return sym.forward("tanh_net").xreplace({SLOPE: ALPHA})


def relu_context():
    M = sym.forward("relu_net")
    return Context(
        symbols={
            "y'": M,
            "y_i'": sym.forward("relu_net", sym.xs[sym.i]),
            "y_i": sym.ys[sym.i],
            "i": sym.i,
            "N": sym.N,
        },
        functions={
            "M": lambda xv: M.xreplace({x: xv}),
            "Linear": _linear_or_net(lambda xv: M.xreplace({x: xv})),
            "MAE": _mae(M, sym.loss("relu_net")),
        },
        intermediates={
            a: y - M.xreplace({sym.ReLU(W1 * x + b1): z}),
            z: sym.ReLU(q),
            q: W1 * x + b1,
        },
    )


def _mae(M, J):
    """MAE(y', y) is the loss over the data; MAE(y, M(x)) and MAE(y, W_1, ..., x) one house's."""

    def mae(*args):
        if len(args) == 2 and args[0] != y:
            return J
        return sp.Abs(y - M)

    return mae


def _linear_or_net(net):
    """Linear(W, b, x) is a layer; the notes' Linear(W_1, b_1, W_2, b_2, x) is the whole net."""

    def linear(*args):
        if len(args) == 3:
            W, b, v = args
            return W * v + b
        if len(args) == 5:
            return net(args[4])
        raise TypeError("Linear takes (W, b, x) or (W_1, b_1, W_2, b_2, x)")

    return linear


def abs_derivative():
    """Lines 122-125: d|a|/da, with a = y - M(x)."""
    ctx = Context(functions={"M": lambda xv: sym.forward("relu_net", xv)})
    M = sym.forward("relu_net")
    half = r"\frac{1}{2} \cdot (a^{2})^{-\frac{1}{2}}"
    return Chain(
        "abs_derivative",
        ctx,
        [
            S("a", 122, "a", relation="", expect=None),
            S("a.formula", 122, "y - M(x)", relation="", expect=None, label="a ="),
            typo("start", 125, D("|a|", "a"), P("|a|", "a"), relation="", expect=sp.sign(a)),
            typo("sqrt", 125, D(r"\sqrt{a^{2}}", "a"), P(r"\sqrt{a^{2}}", "a")),
            typo("power", 125, D(r"(a^{2})^{\frac{1}{2}}", "a"), P(r"(a^{2})^{\frac{1}{2}}", "a")),
            typo(
                "chain",
                125,
                rf"{half} \cdot " + D("a^{2}", "a"),
                rf"{half} \cdot " + P("a^{2}", "a"),
            ),
            S("chain.result", 125, rf"{half} \cdot 2a"),
            S("simplified", 125, r"a \cdot (a^{2})^{-\frac{1}{2}}"),
            S("inverse", 125, r"a \cdot \frac{1}{|a|}"),
            S(
                "ratio",
                125,
                r"\frac{a}{|a|}",
                verdict="incomplete",
                fix=r"\operatorname{sign}(a)",
                kink={a: 0},
                expect=sp.sign(a),
                reason="|a| has no derivative at a = 0 (a/|a| is 0/0 there); fitting/ uses the "
                "convention sign(0) = 0",
            ),
            S(
                "in_y",
                125,
                r"\frac{y - M(x)}{|y - M(x)|}",
                relation="",
                label="=",
                expect=sp.sign(y - M),
                verdict="incomplete",
                kink={y: M},
                fix=r"\operatorname{sign}(y - M(x))",
                reason="0/0 where y = M(x); this is d|a|/da, and dMAE/dM = -sign(y - M(x))",
            ),
        ],
    )


def _relu_grad(p):
    """SymPy's d|y - M(x)|/dp for one house, from fitting/'s relu_net."""
    return sp.diff(sp.Abs(y - sym.forward("relu_net")), p)


NET = "Linear(W_{2}, b_{2}, ReLU(Linear(W_{1}, b_{1}, x)))"
MAE6 = r"MAE(y, W_{1}, b_{1}, W_{2}, b_{2}, x)"
DA = D("|a|", "a")
PA = P("|a|", "a")
RATIO = r"\frac{y - M(x)}{|y - M(x)|}"


def _relu_definitions():
    """Line 116: the model, Linear, ReLU and MAE; line 133: the names q, z."""
    true_mae = sym.loss("relu_net")
    return [
        S("model", 116, "y'", relation="", expect=None),
        S("model.M", 116, "M(x)"),
        S("model.shorthand", 116, "Linear(W_1, b_1, W_2, b_2, x)"),
        S(
            "model.layers",
            116,
            "Linear(W_2, b_2, ReLU(Linear(W_1, b_1, x)))",
            expect=sym.forward("relu_net"),
        ),
        S("linear", 116, "Linear(W_i, b_i, x_i)", relation="", expect=None),
        S("linear.formula", 116, r"W_i \cdot x_i + b_i"),
        S("relu", 116, "ReLU(x_i)", relation="", expect=None),
        S("relu.cases", 116, r"\begin{cases} x_i, x_i \ge 0 \\ 0, x_i < 0 \end{cases}"),
        S("mae", 116, "MAE(y', y)", relation="", expect=true_mae),
        wrong(
            "mae.sum",
            116,
            r"\frac{1}{N} \sum_{i=1}^{N} (y_i - y_i')",
            r"\frac{1}{N} \sum_{i=1}^{N} |y_i - y_i'|",
            "MAE needs |y_i - y_i'|: without it errors of opposite sign cancel (mean error)",
        ),
    ]


def _linear_partials():
    """Lines 127-129: dLinear/dW_i and dLinear/db_i."""
    lin = "Linear(W_{i}, b_{i}, x)"
    body = r"W_{i} \cdot x + b_{i}"
    return [
        typo("dW", 127, D(lin, "W_{i}"), P(lin, "W_{i}"), relation="", expect=None),
        typo(
            "dW.formula",
            127,
            D(body, "b_{i}"),
            P(f"({body})", "W_{i}"),
            reason=r"\partial b_i should be \partial W_i (and \partial is missing on top)",
        ),
        S("dW.result", 127, "x"),
        typo("db", 129, D(lin, "b_{i}"), P(lin, "b_{i}"), relation="", expect=None),
        typo("db.formula", 129, D(body, "b_{i}"), P(f"({body})", "b_{i}")),
        S("db.result", 129, "1"),
    ]


def _layer2(p, line):
    """Line 131: dMAE/dW_2 and dMAE/db_2, then the garbage run."""
    net = NET
    factor = "ReLU(Linear(W_{1}, b_{1}, x))" if p == "W_{2}" else "1"
    key = "dW2" if p == "W_{2}" else "db2"
    start_reason = NO_PARTIAL
    if p == "b_{2}":
        start_reason = (
            r"a new equation glued to the dW_2 result by \cdot; \partial missing on "
            "top"
        )
    specs = [
        typo(
            f"{key}",
            line,
            D(MAE6, p),
            P(MAE6, p),
            relation="",
            expect=_relu_grad(sym.param_symbol(p.replace("_{", "").replace("}", ""))),
            reason=start_reason,
        ),
        wrong(
            f"{key}.chain",
            line,
            f"{DA} \\cdot {D('M(x)', p)}",
            rf"{PA} \cdot {P('a', p)}",
            MINUS + r" (and \partial is missing on top)",
        ),
        wrong(
            f"{key}.expanded",
            line,
            rf"{RATIO} \cdot {D(net, p)}",
            rf"-{RATIO} \cdot {P(net, p)}",
            MINUS,
        ),
    ]
    if p == "W_{2}":
        return specs
    return specs + [
        wrong(
            "db2.repeated",
            line,
            rf"{D('y - M(x)', 'b_{2}')} \cdot {D(net, 'b_{2}')}",
            rf"-{RATIO} \cdot {factor}",
            r"|y - M(x)| became \partial b_2 (this is -1 \cdot 1); the notes repeat it 12 times",
        ),
        S(
            "db2.garbage",
            line,
            r"\frac{U_{2}}{\partial b_{2}} \cdot \frac{U_{2}}{\partial b_{2}} \cdot "
            r"\frac{U_{2}}{\partial b_{2}} + \cdots",
            verdict="incomplete",
            fix=r"-\operatorname{sign}(y - M(x))",
            reason="the line ends in a run of U_2/\\partial b_2 products (U_2 is never defined) "
            "and is cut off: the result -sign(y - M(x)) is never reached",
        ),
    ]


def _layer1_W():
    """Line 135: dMAE/dW_1, garbled from the fourth step on."""
    lz = "Linear(W_{2}, b_{2}, z)"
    relu_q = D("ReLU(q)", "q")
    fix_head = rf"-{PA} \cdot W_{{2}} \cdot {P('ReLU(q)', 'q')}"
    lost = MINUS
    return [
        typo("dW1", 135, D(MAE6, "W_{1}"), P(MAE6, "W_{1}"), relation="", expect=_relu_grad(W1)),
        wrong(
            "dW1.chain",
            135,
            f"{DA} \\cdot {D('M(x)', 'W_{1}')}",
            rf"{PA} \cdot {P('a', 'W_{1}')}",
            lost,
        ),
        wrong(
            "dW1.z", 135, f"{DA} \\cdot {D(lz, 'W_{1}')}", rf"-{PA} \cdot {P(lz, 'W_{1}')}", lost
        ),
        wrong(
            "dW1.u",
            135,
            f"{DA} \\cdot {D(lz, 'z')} \\cdot {D('z', 'u')}",
            rf"-{PA} \cdot {P(lz, 'z')} \cdot {P('z', 'W_{1}')}",
            r"\partial z/\partial u: u is never defined, the chain rule needs "
            r"\partial z/\partial W_1; "
            "and the minus sign is lost",
        ),
        wrong(
            "dW1.w1",
            135,
            f"{DA} \\cdot {D(lz, 'z')} \\cdot {D('z', 'w_{1}')}",
            rf"-{PA} \cdot {P(lz, 'z')} \cdot {P('z', 'W_{1}')}",
            "lower-case w_1 for W_1; and the minus sign is lost",
        ),
        wrong(
            "dW1.relu",
            135,
            rf"{DA} \cdot W_{{2}} \cdot {D('ReLU(Linear(W_{1}, b_{1}, x))', 'W_{1}')}",
            rf"-{PA} \cdot W_{{2}} \cdot {P('ReLU(Linear(W_{1}, b_{1}, x))', 'W_{1}')}",
            lost,
        ),
        wrong(
            "dW1.Q",
            135,
            rf"{DA} \cdot W_{{2}} \cdot {relu_q} \cdot {D('Q', 'w_{1}')}",
            rf"{fix_head} \cdot {P('q', 'W_{1}')}",
            "Q and w_1 for q and W_1 (so the factor reads 0); and the minus sign is lost",
        ),
        wrong(
            "dW1.Q2",
            135,
            rf"{DA} \cdot W_{{2}} \cdot {D('ReLU(q)', 'w_{1}')} \cdot {D('Q', 'w_{1}')}",
            rf"{fix_head} \cdot {P('q', 'W_{1}')}",
            r"\partial ReLU(q)/\partial w_1 for \partial ReLU(q)/\partial q, Q for q, w_1 for "
            "W_1; and the minus sign is lost",
        ),
        wrong(
            "dW1.linear",
            135,
            rf"{DA} \cdot W_{{2}} \cdot {D('ReLU(q)', 'w_{1}')} \cdot "
            + D(r"W_{1} \cdot x + b_{1}", "w_{1}"),
            rf"{fix_head} \cdot " + P(r"(W_{1} \cdot x + b_{1})", "W_{1}"),
            r"w_1 for W_1 and q (reads 0); and the minus sign is lost",
        ),
        wrong(
            "dW1.x",
            135,
            rf"{DA} \cdot W_{{2}} \cdot {D('ReLU(q)', 'w_{1}')} \cdot x",
            rf"{fix_head} \cdot x",
            r"\partial ReLU(q)/\partial w_1 for \partial ReLU(q)/\partial q (repeated 5 times); "
            "and the minus sign is lost",
        ),
        S(
            "dW1.garbage",
            135,
            rf"{DA} \cdot {D('|a|', 'w_{1}')} \cdot {D('|a|', 'w_{1}')} \cdots",
            verdict="incomplete",
            fix=r"-\operatorname{sign}(y - M(x)) \cdot W_{2} \cdot "
            + P("ReLU(q)", "q")
            + r" \cdot x",
            reason="the block ends in a run of |a|/\\partial w_1 and is cut off mid-formula",
        ),
    ]


def _layer1_b():
    """Line 137: dMAE/db_1 (its left side is missing), garbled from the fourth step on."""
    head = rf"{DA} \cdot W_2 \cdot {D('ReLU(q)', 'q')}"
    fix_head = rf"-{PA} \cdot W_2 \cdot {P('ReLU(q)', 'q')}"
    dq = D("|a|", "q")
    lin_q = D(r"W_1 \cdot x + b_1", "q")
    fix_final = rf"{fix_head} \cdot 1"
    lin = r"W_1 \cdot x + b_1"
    d_lin, p_lin = D(lin, "b_1"), P(f"({lin})", "b_1")
    d_w2relu = D(r"W_2 \cdot ReLU(q)", "q")
    by_q = (
        r"every factor now differentiates by q: \partial(W_1 x + b_1)/\partial q is not a "
        r"chain-rule factor and \partial|a|/\partial q already contains the rest"
    )
    return [
        wrong(
            "db1",
            137,
            rf"{head} \cdot {D('Linear(W_1, b_1, x)', 'b_1')}",
            relation="",
            expect=_relu_grad(b1),
            fix=rf"{fix_head} \cdot {P('Linear(W_1, b_1, x)', 'b_1')}",
            reason=r"the left side \partial MAE/\partial b_1 is missing (the line starts with "
            r"=); the minus sign is lost; \partial is missing on top",
        ),
        wrong("db1.linear", 137, rf"{head} \cdot {d_lin}", rf"{fix_head} \cdot {p_lin}", MINUS),
        wrong("db1.result", 137, rf"{head} \cdot 1", fix_final, MINUS),
        wrong(
            "db1.by_q",
            137,
            rf"{dq} \cdot W_2 \cdot {D('ReLU(q)', 'q')} \cdot {lin_q}",
            fix_final,
            by_q + " (repeated 7 times)",
        ),
        wrong("db1.by_q.short", 137, rf"{dq} \cdot {lin_q}", fix_final, by_q),
        wrong(
            "db1.by_q.W2",
            137,
            rf"{dq} \cdot {d_w2relu} \cdot {lin_q}",
            fix_final,
            by_q + " (repeated 8 times, then the short form about 30 times)",
        ),
        S(
            "db1.garbage",
            137,
            rf"{dq} \cdot {lin_q} \cdots",
            verdict="incomplete",
            fix=fix_final,
            reason="the line breaks off in the middle of a fraction",
        ),
    ]


def relu_net():
    ctx = relu_context()
    defs = [
        S("names.M", 133, "M(x)", relation="", expect=None),
        S("names.M.layers", 133, "Linear(W_2, b_2, ReLU(Linear(W_1, b_1, x)))"),
        S("names.z", 133, "z", relation="", expect=None),
        S("names.z.formula", 133, "ReLU(q)"),
        S("names.q", 133, "q", relation="", expect=None),
        S("names.q.formula", 133, "Linear(W_1, b_1, x)"),
        S("names.Mz", 133, "M(x)", relation="", expect=None),
        S("names.Mz.linear", 133, "Linear(W_2, b_2, z)"),
        S("names.Mz.formula", 133, r"W_2 \cdot z + b_2"),
    ]
    stray = wrong(
        "db1.stray",
        157,
        rf"{RATIO} \cdot W_2 \cdot {D('ReLU(q)', 'q')}",
        relation="",
        expect=_relu_grad(b1),
        fix=rf"-{RATIO} \cdot W_2 \cdot {P('ReLU(q)', 'q')}",
        reason="a stray copy of dMAE/db_1 inside the tanh section; " + MINUS,
    )
    specs = (
        _relu_definitions()
        + _linear_partials()
        + _layer2("W_{2}", 131)
        + _layer2("b_{2}", 131)
        + defs
        + _layer1_W()
        + _layer1_b()
        + [stray]
    )
    return Chain("relu_net", ctx, specs)


def tanh_derivative():
    """Lines 155 and 159: tanh as exponentials, and its derivative by the product rule."""
    X = sp.Symbol("x", real=True)
    ep, em = "(e^{x} + e^{-x})", "(e^{x} - e^{-x})"
    delta = r"\delta written for \partial, and \partial missing on top"
    inner_fix = (
        rf"{P(em, em)} \cdot {P(em, 'x')} \cdot {ep}^{{-1}} + {em} \cdot "
        rf"{P(ep + '^{-1}', ep)} \cdot {P(ep, 'x')}"
    )
    return Chain(
        "tanh_derivative",
        Context(),
        [
            S("definition", 155, "tanh(x)", relation="", expect=sp.tanh(X)),
            S("exp", 155, r"\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}"),
            typo(
                "start",
                159,
                r"\frac{\tanh(x)}{\delta x}",
                P(r"\tanh(x)", "x"),
                relation="",
                expect=sp.diff(sp.tanh(X), X),
                reason=delta,
            ),
            typo(
                "operator",
                159,
                r"\delta x \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
                r"\frac{\partial}{\partial x} \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
                reason=r"\delta x in front of the fraction for \frac{\partial}{\partial x}",
            ),
            typo(
                "product",
                159,
                rf"\frac{{{em} \cdot {ep}^{{-1}}}}{{\delta x}}",
                P(rf"{em} \cdot {ep}^{{-1}}", "x"),
                reason=delta,
            ),
            typo(
                "product_rule",
                159,
                rf"\frac{{{em}}}{{\delta x}} \cdot {ep}^{{-1}} + {em} \cdot "
                rf"\frac{{{ep}^{{-1}}}}{{\delta x}}",
                rf"{P(em, 'x')} \cdot {ep}^{{-1}} + {em} \cdot {P(ep + '^{-1}', 'x')}",
                reason=delta,
            ),
            wrong(
                "chain_rule",
                159,
                rf"{D(em, em)} \cdot {D(em, 'x')} \cdot {ep}^{{-1}} + {em} \cdot "
                rf"{D(ep + '^{-1}', ep)} \cdot {D(ep + '^{-1}', 'x')}",
                inner_fix,
                r"the inner derivative must be \partial(e^x + e^{-x})/\partial x, not of its "
                r"inverse (and \partial is missing on top); the next line uses the right one",
            ),
            S("derivatives", 159, rf"{ep} \cdot {ep}^{{-1}} - {em} \cdot {ep}^{{-2}} \cdot {em}"),
            S("result", 159, rf"1 - {em}^{{2}} \cdot {ep}^{{-2}}"),
        ],
    )


def leaky_relu():
    """Lines 161-163: LeakyReLU and its derivative (alpha at 0: the code's convention)."""
    X = sp.Symbol("x", real=True)
    ctx = Context(functions={"LeakyReLU": lambda v: sym.LeakyReLU(v, ALPHA)})
    return Chain(
        "leaky_relu",
        ctx,
        [
            S("definition", 161, "LeakyReLU(x)", relation="", expect=sym.LeakyReLU(X, ALPHA)),
            S("cases", 161, r"\begin{cases} x, x>0 \\ \alpha \cdot x, x \le 0 \end{cases}"),
            typo(
                "derivative",
                163,
                D("LeakyReLU(x)", "x"),
                P("LeakyReLU(x)", "x"),
                relation="",
                expect=sym.dLeakyReLU(X, ALPHA),
            ),
            S(
                "derivative.cases",
                163,
                r"\begin{cases} 1, x > 0 \\ \alpha, x \le 0 \end{cases}",
                kink={X: 0},
            ),
        ],
    )


def tanh_context(alpha=ALPHA):
    M = sym.forward("tanh_net").xreplace({SLOPE: alpha})
    M_i = sym.forward("tanh_net", sym.xs[sym.i]).xreplace({SLOPE: alpha})

    def leaky(v, slope=alpha):
        return sym.LeakyReLU(v, slope)

    net = sym.forward("tanh_net").args[0]  # W_2 tanh(W_1 x + b_1) + b_2
    J = sym.loss("tanh_net").xreplace({SLOPE: alpha})

    return Context(
        symbols={
            "y'": M,
            "y_i'": M_i,
            "y_i": sym.ys[sym.i],
            "i": sym.i,
            "N": sym.N,
            "alpha": alpha,
        },
        functions={
            "M": lambda xv: M.xreplace({x: xv}),
            "Linear": _linear_or_net(lambda xv: net.xreplace({x: xv})),
            "LeakyReLu": leaky,
            "LeakyReLU": leaky,
            "MAE": _mae(M, J),
        },
        intermediates={m: W1 * x + b1, l: sp.tanh(m), k: W2 * l + b2},
    )


def _tanh_grad(p):
    """d y'/dp and d|y' - y|/dp for one house, from fitting/'s tanh_net (slope as alpha)."""
    M = sym.forward("tanh_net").xreplace({SLOPE: ALPHA})
    return sp.diff(M, p), sp.diff(sp.Abs(M - y), p)


LK = D("LeakyReLu(k)", "k")
PLK = P("LeakyReLu(k)", "k")
L2 = "Linear(W_2, b_2, l)"
TM = D(r"\tanh(m)", "m")
PTM = P(r"\tanh(m)", "m")


def _fix(tex):
    """The notes' \\frac{X}{\\partial v} written as \\frac{\\partial X}{\\partial v}."""
    import re

    return re.sub(
        r"\\frac\{(?!\\partial)([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\{\\partial ",
        r"\\frac{\\partial \1}{\\partial ",
        tex,
    )


def _y_chain(key, line, sides, p):
    """d y'/dp: every side in the notes' notation (a typo each), checked against SymPy."""
    specs = []
    for n, (ln, tex) in enumerate(sides):
        extra = dict(relation="", expect=_tanh_grad(p)[0]) if n == 0 else {}
        if "\\partial" in tex and _fix(tex) != tex:
            specs.append(typo(f"{key}.{n}", ln, tex, _fix(tex), **extra))
        else:
            specs.append(S(f"{key}.{n}", ln, tex, **extra))
    return specs


def _as_mae(key, line, tex, p, factor):
    """The notes stop at d y'/dp: dMAE/dp also needs d|y' - y|/dy' = sign(y' - y)."""
    return S(
        f"{key}.as_gradient",
        line,
        tex,
        relation="",
        label=rf"\frac{{\partial MAE}}{{\partial {sp.latex(p)}}} \;?\;",
        expect=_tanh_grad(p)[1],
        verdict="incomplete",
        fix=rf"\operatorname{{sign}}(y' - y) \cdot {_fix(tex)}",
        reason=r"this is \partial y'/\partial\theta; the descent needs "
        r"\partial MAE/\partial\theta, "
        r"which also has the factor d|y' - y|/dy' = sign(y' - y)",
    )


def tanh_net():
    ctx = tanh_context()
    full = r"LeakyReLu(Linear(W_2,b_2,tanh(Linear(W_1,b_1,x))),\alpha)"
    short = r"LeakyReLu(Linear(W_1,b_1,W_2,b_2,x),\alpha)"
    model = [
        S("model.140", 140, "y'", relation="", expect=None),
        S("model.140.M", 140, "M(x)"),
        S(
            "model.140.layers",
            140,
            r"LeakyReLU(Linear(tanh(Linear(W\cdot x+b))))",
            verdict="incomplete",
            fix=r"LeakyReLU(Linear(W_2, b_2, \tanh(Linear(W_1, b_1, x))), "
            r"\alpha)",
            reason="the layers' W_1, b_1, W_2, b_2 and the slope alpha are left out; "
            "lines 142-143 give the full model",
        ),
        S("model.142", 142, "y'", relation="", expect=None),
        S("model.142.M", 142, "M(x)"),
        S("model.142.short", 142, short),
        S("model.143", 143, full, expect=_tanh_forward()),
        typo(
            "linear.147",
            147,
            "Linear(x)",
            "Linear(W, b, x)",
            relation="",
            expect=None,
            reason="Linear has the parameters W, b as arguments too",
        ),
        S("linear.147.formula", 147, r"W \cdot x + b"),
    ]
    model += [S(**{**s.__dict__, "key": "layer." + s.key}) for s in linear_layer_specs(149)]
    mae = [
        S(
            "mae",
            167,
            "MAE(y', y)",
            relation="",
            expect=sym.loss("tanh_net").xreplace({SLOPE: ALPHA}),
        ),
        wrong(
            "mae.sum",
            167,
            r"\frac{1}{N} \sum_{i=1}^{N} (y_i - y_i')",
            r"\frac{1}{N} \sum_{i=1}^{N} |y_i - y_i'|",
            "MAE needs |y_i - y_i'|: without it errors of opposite sign cancel (mean error)",
        ),
        S("model.173", 173, "y'", relation="", expect=None),
        S("model.173.M", 173, "M(x)"),
        S("model.173.short", 173, short),
        S("model.173.full", 173, full),
    ]
    names = []
    for ln, name, tex in (
        (175, "m", "Linear(W_1, b_1, x)"),
        (177, "k", "Linear(W_2, b_2, tanh(Linear(W_1, b_1, x)))"),
        (179, "l", "tanh(Linear(W_1, b_1, x))"),
    ):
        names += [
            S(f"names.{name}", ln, name, relation="", expect=None),
            S(f"names.{name}.formula", ln, tex),
        ]
    dW2 = _y_chain(
        "dW2",
        181,
        [
            (181, D("y'", "W_2")),
            (181, rf"{LK} \cdot {D('k', 'W_2')}"),
            (181, rf"{LK} \cdot {D(L2, 'W_2')}"),
            (181, rf"{LK} \cdot l"),
            (181, rf"{LK} \cdot tanh(Linear(W_1, b_1, x))"),
        ],
        W2,
    )
    db2 = _y_chain(
        "db2",
        183,
        [
            (183, D("y'", "b_2")),
            (183, rf"{LK} \cdot {D('k', 'b_2')}"),
            (183, rf"{LK} \cdot {D(L2, 'b_2')}"),
            (183, rf"{LK} \cdot 1"),
        ],
        b2,
    )
    dW1 = _y_chain(
        "dW1",
        185,
        [
            (185, D("y'", "W_1")),
            (185, rf"{LK} \cdot {D('k', 'W_1')}"),
            (187, rf"{LK} \cdot {D(L2, 'W_1')}"),
            (189, rf"{LK} \cdot {D(L2, 'l')} \cdot {D('l', 'W_1')}"),
            (191, rf"{LK} \cdot {D(L2, 'l')} \cdot {D('tanh(Linear(W_1, b_1, x))', 'W_1')}"),
            (193, rf"{LK} \cdot {D(L2, 'l')} \cdot {TM} \cdot {D('m', 'W_1')}"),
            (195, rf"{LK} \cdot {D(L2, 'l')} \cdot {TM} \cdot {D('Linear(W_1, b_1, x)', 'W_1')}"),
            (197, rf"{LK} \cdot {D(L2, 'l')} \cdot {TM} \cdot x"),
        ],
        W1,
    )
    db1_x = rf"{LK} \cdot {D(L2, 'l')} \cdot {TM} \cdot x"
    db1 = [
        typo("db1.0", 199, D("y'", "b_1"), P("y'", "b_1"), relation="", expect=_tanh_grad(b1)[0]),
        wrong(
            "db1.1",
            199,
            db1_x,
            _fix(db1_x).replace(r"\cdot x", r"\cdot 1"),
            r"\cdot x copied from \partial y'/\partial W_1: \partial m/\partial b_1 = 1 (line 201 "
            r"corrects it); \partial is missing on top",
        ),
        typo(
            "db1.2",
            201,
            db1_x.replace(r"\cdot x", r"\cdot 1"),
            _fix(db1_x).replace(r"\cdot x", r"\cdot 1"),
        ),
    ]
    results = [
        _as_mae("dW2", 181, rf"{LK} \cdot l", W2, "l"),
        _as_mae("db2", 183, rf"{LK} \cdot 1", b2, "1"),
        _as_mae("dW1", 197, db1_x, W1, "x"),
        _as_mae("db1", 201, db1_x.replace(r"\cdot x", r"\cdot 1"), b1, "1"),
    ]
    return Chain("tanh_net", ctx, model + mae + names + dW2 + db2 + dW1 + db1 + results)


def update_rule_mae():
    """Lines 120 (ReLU net) and 171 (tanh net): W_i' = W_i - alpha dMAE/dW_i, for i = 1, 2."""
    lr = sp.Symbol("alpha", real=True)  # here alpha is the learning rate

    def instances(base):
        out = []
        for n, (Wn, bn) in enumerate(((W1, b1), (W2, b2)), start=1):
            ctx = base()
            ctx.symbols.update(
                {
                    "W_i": Wn,
                    "b_i": bn,
                    "alpha": lr,
                    "W_i'": sp.Symbol(f"W_{n}'", real=True),
                    "b_i'": sp.Symbol(f"b_{n}'", real=True),
                }
            )
            out.append(ctx)
        return tuple(out)

    def rule(p_name):
        def expect(ctx):
            p = ctx.symbols[p_name]
            return p - lr * sp.diff(ctx.functions["MAE"](*range(6)), p)

        return expect

    relu, tanh = instances(relu_context), instances(lambda: tanh_context(SLOPE))
    specs = []
    for line, ctxs, mae, tag in (
        (120, relu, r"MAE\left(y, W_{1}, b_{1}, W_{2}, b_{2}, x\right)", "relu"),
        (171, tanh, r"\mathit{MAE}\left(y, W_{1}, b_{1}, W_{2}, b_{2}, x\right)", "tanh"),
    ):
        for p in ("W", "b"):
            lhs = f"{p}_{{i}}'" if line == 120 else f"{{{p}_{{i}}}}'"
            rhs = rf"{p}_{{i}} - \alpha \cdot {D(mae, p + '_{i}')}"
            specs += [
                S(f"{tag}.{p}.lhs", line, lhs, relation="", expect=None, ctx=ctxs),
                typo(f"{tag}.{p}.rhs", line, rhs, _fix(rhs), expect=rule(f"{p}_i"), ctx=ctxs),
            ]
    one = r"\frac{MAE\left(y, M\left(x\right)\right)}{\partial W_{i}}"
    two = r"\frac{\left|y - M\left(x\right)\right|}{\partial W_{i}}"
    specs += [
        typo("relu.mae", 120, one, _fix(one), relation="", expect=None, ctx=relu),
        typo("relu.mae.abs", 120, two, _fix(two), ctx=relu),
    ]
    return specs
