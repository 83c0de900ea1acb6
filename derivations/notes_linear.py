"""Chains of the notes' first part (lines 1-66): limits, linear layer, MSE, updates, linear.

Every ``S(...)`` is one side of an equation in the notes: line, TeX as the lecturer wrote it
(layout such as \\boldsymbol or \\! dropped), and, where it is not correct, the fix and why.
The models behind the names (h_theta, J) come from fitting/'s forward passes via symbolic.
"""

import sympy as sp

from . import symbolic as sym
from .audit import Chain, Spec
from .texparse import Context

S = Spec  # one side of an equation in the notes (see audit.Spec)

t0, t1 = sp.symbols("theta_0 theta_1", real=True)
W, b, X, Y, h = sp.symbols("W b x y h", real=True)
f = sp.Function("f", real=True)
SUM_REASON = r"the sum runs over the N houses, i = 1..N; i = 0..N has N + 1 terms"


def theta(expr):
    """A linear-model expression in the notes' theta names: b -> theta_0, W -> theta_1."""
    return expr.xreplace({W: t1, b: t0})


def J_of(model):
    """J(p0, p1) with the model's (b, W) in the given order of the notes: J(theta_0, theta_1)."""
    J = sym.loss(model)
    return lambda p0, p1: J.xreplace({b: p0, W: p1})


def mse_context(model="linear", aliases=False):
    """Names of the MSE part: h_theta(x) is fitting/'s model, J its loss, x_i the data.

    With aliases, b and W are the notes' other names for theta_0 and theta_1.
    """
    forward = sym.forward(model)
    names = {"b": t0, "W": t1} if aliases else {}
    return Context(
        symbols={"x_i": sym.xs[sym.i], "y_i": sym.ys[sym.i], "i": sym.i, "N": sym.N, **names},
        functions={
            "h_theta": lambda xv: theta(forward.xreplace({sym.x: xv})),
            "J": J_of(model),
        },
    )


def limits():
    ctx = Context(
        symbols={
            "f": f(X, Y),
            "f_x": sp.Derivative(f(X, Y), X),
            "f_y": sp.Derivative(f(X, Y), Y),
        },
        functions={"f": f},
    )
    tests = [{f: sp.Lambda((X, Y), X**3 * Y**2 + sp.exp(X - 2 * Y))}]
    lim_x = r"\lim_{h \to 0} \frac{f(x+h, y) - f(x, y)}{h}"
    lim_y = r"\lim_{h \to 0} \frac{f(x, y+h) - f(x, y)}{h}"
    return Chain(
        "limits",
        ctx,
        [
            S("fx.name", 5, "f_{x}", relation="", expect=None),
            S("fx.partial", 5, r"\frac{\partial f}{\partial x}"),
            S("fx.limit", 5, lim_x),
            S(
                "fy.name",
                8,
                "f_{x}",
                relation="",
                expect=sp.Derivative(f(X, Y), Y),
                verdict="typo",
                fix="f_{y}",
                reason="the limit moves y (f(x, y+h)): this is f_y, copied as f_x from line 5",
            ),
            S("fy.partial", 8, r"\frac{\partial f}{\partial y}"),
            S("fy.limit", 8, lim_y),
        ],
        tests,
    )


def linear_layer():
    return Chain("linear_layer", Context(), linear_layer_specs())


def linear_layer_specs(first_line=12):
    """dw, dx, db of Linear (lines 12-16; repeated at 149-153)."""
    lines = first_line, first_line + 2, first_line + 4
    specs = []
    for line, v, result in zip(lines, ("W", "x", "b"), ("x", "W", "1"), strict=True):
        name = {"W": "dw", "x": "dx", "b": "db"}[v]
        specs += [
            S(
                f"{name}.{line}",
                line,
                rf"\frac{{\partial}}{{\partial {v}}} [W \cdot x + b]",
                relation="",
                expect=None,
                label=rf"{name} \, linear :",
            ),
            S(f"{name}.{line}.result", line, result),
        ]
    return specs


def mse():
    J = theta(sym.loss("linear"))
    model_i = theta(sym.forward("linear", sym.xs[sym.i]))
    return Chain(
        "mse",
        mse_context(),
        [
            S("J", 22, r"J(\theta_0, \theta_1)", relation="", expect=J),
            S(
                "sum",
                22,
                r"\frac{1}{N} \cdot \sum_{i=0}^{N} (h_{\theta}(x_i) - y_i)^2",
                verdict="wrong",
                fix=r"\frac{1}{N} \cdot \sum_{i=1}^{N} (h_{\theta}(x_i) - y_i)^2",
                reason=SUM_REASON,
            ),
            S("model", 24, r"h_{\theta}(x_i)", relation="", expect=None),
            S("model.formula", 24, r"\theta_0 + \theta_1 \cdot x_i", expect=model_i),
        ],
    )


def _update(key, line, p, rhs, grad, **kw):
    """p := p - alpha * dJ/dp: the left side starts, the right side must be the rule."""
    alpha = sp.Symbol("alpha", real=True)
    return [
        S(f"{key}.lhs", line, p, relation="", expect=None),
        S(f"{key}.rhs", line, rhs, relation=":=", expect=lambda ctx: grad(ctx, alpha), **kw),
    ]


def _rule(p_name, p_sym, J_args):
    def rule(ctx, alpha):
        J = ctx.functions["J"](*J_args)
        return p_sym - alpha * sp.diff(J, p_sym)

    return rule


def update_rule_mse(model, lines):
    """The four rules theta_0, b, theta_1, W := ... - alpha dJ/d. (lines 32-36 and 78-86)."""
    l0, lb, l1, lw = lines
    ctx = mse_context(model)
    th0 = _rule("theta_0", t0, (t0, t1))
    th1 = _rule("theta_1", t1, (t0, t1))
    rb, rw = _rule("b", b, (b, W)), _rule("W", W, (b, W))
    k = model
    d0 = r"\theta_0 - \alpha \cdot \frac{\partial}{\partial \theta_0} J(\theta_0, \theta_1)"
    d1 = r"\theta_1 - \alpha \cdot \frac{\partial}{\partial \theta_1} J(\theta_0, \theta_1)"
    dw = r"W - \alpha \cdot \frac{\partial}{\partial W} J(b, W)"
    db = r"b - \alpha \cdot \frac{\partial}{\partial b} J(b, W)"
    specs = _update(f"{k}.theta0", l0, r"\theta_0", d0, th0)
    if model == "linear":
        specs += _update(
            f"{k}.b",
            lb,
            "b",
            r"b - \alpha \cdot \frac{\partial}{\partial h} J(b, W)",
            rb,
            verdict="typo",
            fix=db,
            reason=r"\partial/\partial h should be \partial/\partial b: b is the parameter updated",
        )
    else:
        specs += _update(f"{k}.b", lb, "b", db, rb)
    specs += _update(f"{k}.theta1", l1, r"\theta_1", d1, th1)
    specs += _update(f"{k}.W", lw, "W", dw, rw)
    return [S(**{**s.__dict__, "ctx": ctx}) for s in specs]


def linear():
    """The linear model's gradient, lines 48-62: d/d theta_0 and d/d theta_1 of J."""
    ctx = mse_context(aliases=True)
    g_b, g_W = (theta(g) for g in (sym.gradient("linear")[1], sym.gradient("linear")[0]))
    bad_sum = r"\frac{\partial}{\partial \theta_0} \cdot \frac{1}{N} \cdot \sum_{i=0}^{N} "
    bad_sum_1 = bad_sum.replace(r"\theta_0} \cdot", r"\theta_1} \cdot")
    good = lambda tex: tex.replace("i=0", "i=1")  # noqa: E731 (the fix of the sums)
    wrong = dict(verdict="wrong", reason=SUM_REASON)

    def side(key, line, tex, **kw):
        if "i=0" in tex:
            return S(key, line, tex, fix=good(tex), **{**wrong, **kw})
        return S(key, line, tex, **kw)

    first = r"\frac{2}{N} \sum_{i=0}^{N} (\theta_0 + \theta_1 x_i - y_i) \cdot 1"
    return Chain(
        "linear",
        ctx,
        [
            side(
                "db.start",
                48,
                r"\frac{\partial}{\partial \theta_0} J(\theta_0, \theta_1)",
                relation="",
                expect=g_b,
            ),
            side("db.model", 48, bad_sum + r"(h_{\theta}(x_i) - y_i)^2"),
            side("db.theta", 48, bad_sum + r"(\theta_0 + \theta_1 x_i - y_i)^2"),
            S(
                "db.cut",
                48,
                r"\frac{2}{N} \sum \cdots",
                verdict="incomplete",
                fix=good(first),
                reason="the line breaks off after the sum sign; line 52 continues it",
            ),
            side("db.result", 52, first),
            side("db.result.Wb", 52, r"\frac{2}{N} \sum_{i=0}^{N} (b + W \cdot x_i - y_i) \cdot 1"),
            side(
                "dW.start",
                57,
                r"\frac{\partial}{\partial \theta_1} J(\theta_0, \theta_1)",
                relation="",
                expect=g_W,
            ),
            side("dW.model", 57, bad_sum_1 + r"\left(h_{\theta}(x_i) - y_i \right)^2"),
            side("dW.theta", 57, bad_sum_1 + r"\left(\theta_0 + \theta_1 x_i - y_i \right)^2"),
            side(
                "dW.result",
                57,
                r"\frac{2}{N} \sum_{i=0}^{N} \left(\theta_0 + \theta_1 x_i - y_i \right) \cdot x_i",
            ),
            side(
                "dW.result.62",
                62,
                r"\frac{2}{N} \sum_{i=0}^{N} (\theta_0 + \theta_1 x_i - y_i) \cdot x_i",
            ),
            side(
                "dW.result.Wb",
                62,
                r"\frac{2}{N} \sum_{i=0}^{N} (b + W \cdot x_i - y_i) \cdot x_i",
            ),
        ],
    )
