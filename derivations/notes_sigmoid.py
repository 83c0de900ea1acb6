"""Chains of lines 72-112: the sigmoid's derivative, the sigmoid model's gradient, the cubic."""

import sympy as sp

from . import symbolic as sym
from .audit import Chain, Spec
from .notes_linear import SUM_REASON, mse_context, t0, t1, theta
from .texparse import Context

S = Spec  # one side of an equation in the notes (see audit.Spec)

A = sp.Symbol("a", real=True)
FRAC = r"\frac{1}{1 + e^{-a}}"
SIGMA_PRIME = rf"{FRAC} \cdot (1 - {FRAC})"
NO_CAP = (
    "the model fitted (and fitting/'s) is 20 sigma: the cap of 2M EUR is missing; the lines "
    "below differentiate 1/(1 + e^-a) alone, correct as such"
)


def sigmoid_derivative():
    """Line 74 and the long chain of line 92: d/da 1/(1 + e^-a) = sigma (1 - sigma)."""
    ctx = Context()
    x = sp.Symbol("x", real=True)
    chain = [
        S("definition", 74, r"\frac{1}{1+e^{-x}}", relation="", expect=sym.sigmoid(x)),
        S(
            "start",
            92,
            rf"\frac{{\partial}}{{\partial a}} {FRAC}",
            relation="",
            expect=sym.sigmoid(A).diff(A),
        ),
        S("power", 92, r"\frac{\partial}{\partial a} (1 + e^{-a})^{-1}"),
        S("outer", 92, r"-(1 + e^{-a})^{-2} \cdot \frac{\partial}{\partial a} (1 + e^{-a})"),
        S(
            "sum_rule",
            92,
            r"-(1 + e^{-a})^{-2} \cdot (\frac{\partial}{\partial a} 1 + "
            r"\frac{\partial}{\partial a} e^{-a})",
        ),
        S(
            "inner",
            92,
            r"-(1 + e^{-a})^{-2} \cdot (0 + e^{-a} \cdot "
            r"\frac{\partial}{\partial a} [-a])",
        ),
        S("minus_one", 92, r"-(1 + e^{-a})^{-2} \cdot (e^{-a} \cdot -1)"),
        S("quotient", 92, r"\frac{e^{-a}}{(1 + e^{-a})^2}"),
        S("split", 92, r"\frac{e^{-a}}{(1 + e^{-a}) \cdot (1 + e^{-a})}"),
        S("one", 92, r"\frac{1 \cdot e^{-a}}{(1 + e^{-a}) \cdot (1 + e^{-a})}"),
        S("product", 92, rf"{FRAC} \cdot \frac{{e^{{-a}}}}{{1 + e^{{-a}}}}"),
        S("plus_minus", 92, rf"{FRAC} \cdot \frac{{e^{{-a}} + 1 - 1}}{{1 + e^{{-a}}}}"),
        S("difference", 92, rf"{FRAC} \cdot (\frac{{1 + e^{{-a}}}}{{1 + e^{{-a}}}} - {FRAC})"),
        S("result", 92, SIGMA_PRIME),
    ]
    return Chain("sigmoid_derivative", ctx, chain)


def _sigmoid_context():
    ctx = mse_context("sigmoid", aliases=True)
    ctx.intermediates[A] = t0 + t1 * sp.Symbol("x", real=True)
    ctx.symbols["a_i"] = t0 + t1 * sym.xs[sym.i]
    return ctx


def _gradient_of_h(p, tex_p, line_label, result_factor):
    """Line 92's last two lines: d/d theta_p 1/(1 + e^-a) via the chain rule."""
    ctx_p = {"theta_0": ("b", "1"), "theta_1": ("W", "x")}[p]
    name, factor = ctx_p
    label_fix = None
    specs = [
        S(
            f"{p}.start",
            92,
            rf"\frac{{\partial}}{{\partial {tex_p}}} {FRAC}",
            relation="",
            expect=None,
        )
    ]
    if name == "b":
        specs.append(S(f"{p}.b", 92, rf"\frac{{\partial}}{{\partial b}} {FRAC}"))
    else:
        label_fix = r"\frac{\partial}{\partial W} " + FRAC
        specs.append(
            S(
                f"{p}.b",
                92,
                rf"\frac{{\partial}}{{\partial b}} {FRAC}",
                verdict="typo",
                fix=label_fix,
                reason=r"\partial/\partial b copied from the line above: theta_1 is W",
            )
        )
    reason = (
        r"operators multiplied without operands: the chain rule is "
        rf"\partial sigma/\partial a \cdot \partial a/\partial {name}"
    )
    if name == "W":
        reason += r", and \partial b should be \partial W"
    specs += [
        S(
            f"{p}.chain_rule",
            92,
            r"\frac{\partial}{\partial a} \cdot \frac{\partial}{\partial b}",
            verdict="typo",
            fix=r"\frac{\partial \sigma(a)}{\partial a} \cdot \frac{\partial a}{\partial "
            + name
            + "}",
            reason=reason,
        ),
        S(f"{p}.quotient", 92, rf"\frac{{e^{{-a}}}}{{(1 + e^{{-a}})^2}} \cdot {factor}"),
        S(f"{p}.result", 92, rf"{SIGMA_PRIME} \cdot {factor}"),
    ]
    return specs


def _as_gradient(p, line, factor, grad, factor_i):
    """The notes use d sigma / d theta as if it were dJ/d theta: what is missing."""
    return S(
        f"{p}.as_gradient",
        line,
        rf"{SIGMA_PRIME} \cdot {factor}",
        relation="",
        label=rf"\frac{{\partial J}}{{\partial \theta_{p[-1]}}} \;?\;",
        expect=grad,
        verdict="incomplete",
        fix=rf"\frac{{2}}{{N}} \sum_{{i=1}}^{{N}} (20 \sigma(a_i) - y_i) \cdot 20 \sigma(a_i) "
        rf"(1 - \sigma(a_i)) \cdot {factor_i}",
        reason=(
            r"this is \partial h/\partial theta of 1/(1 + e^-a) only; dJ/dtheta also needs the cap "
            r"20, the MSE factor 2(h - y) and the mean over the houses"
        ),
    )


def sigmoid():
    """Lines 88-92: the sigmoid model's dJ/d theta, as the notes derive it."""
    ctx = _sigmoid_context()
    g_W, g_b = (theta(g) for g in sym.gradient("sigmoid"))
    model = theta(sym.forward("sigmoid"))
    bad = r"\frac{\partial}{\partial \theta_0} \cdot \frac{1}{N} \cdot \sum_{i=0}^{N} "
    h = r"(h_{\theta}(x_i) - y_i)^2"
    fix20 = dict(verdict="wrong", reason=NO_CAP)
    specs = [
        S(
            "dJ.start",
            88,
            r"\frac{\partial}{\partial \theta_0} J(\theta_0, \theta_1)",
            relation="",
            expect=g_b,
        ),
        S(
            "dJ.sum",
            88,
            bad + h,
            verdict="wrong",
            fix=(bad + h).replace("i=0", "i=1"),
            reason=SUM_REASON,
        ),
        S(
            "model.theta",
            89,
            r"\frac{1}{1 + e^{-(\theta_0 + \theta_1 \cdot x)}}",
            relation="",
            label=r"h_{\theta}(x) =",
            expect=model,
            fix=r"\frac{20}{1 + e^{-(\theta_0 + \theta_1 \cdot x)}}",
            **fix20,
        ),
        S(
            "model.Wb",
            89,
            r"\frac{1}{1 + e^{-(b + W \cdot x)}}",
            fix=r"\frac{20}{1 + e^{-(b + W \cdot x)}}",
            **fix20,
        ),
        S("a", 90, "a", relation="", expect=None),
        S("a.formula", 90, r"b + W \cdot x"),
        S(
            "model.a",
            90,
            FRAC,
            relation="",
            label=r"h_{\theta}(x) =",
            expect=model,
            fix=r"\frac{20}{1 + e^{-a}}",
            **fix20,
        ),
    ]
    specs += _gradient_of_h("theta_0", r"\theta_0", 92, "1")
    specs.append(_as_gradient("theta_0", 92, "1", g_b, "1"))
    specs += _gradient_of_h("theta_1", r"\theta_1", 92, "x")
    specs.append(_as_gradient("theta_1", 92, "x", g_W, "x_i"))
    return Chain("sigmoid", ctx, specs)


def cubic():
    """Lines 104-106: the cubic model b + W x^3, its dW, db and dx."""
    ctx = mse_context("cubic", aliases=True)
    g_W, g_b = (theta(g) for g in sym.gradient("cubic"))
    dh = r"\frac{2}{N} \sum_{i=1}^{N} (h_{\theta}(x_i) - y_i) \cdot "
    return Chain(
        "cubic",
        ctx,
        [
            S(
                "model",
                104,
                r"b+W\cdot x^3",
                relation="",
                label=r"h_{\theta}(x) =",
                expect=theta(sym.forward("cubic")),
            ),
            S(
                "db",
                104,
                dh + "1",
                relation="",
                label=r"\frac{\partial J}{\partial b} =",
                expect=g_b,
            ),
            S(
                "dW",
                104,
                dh + "x_i",
                relation="",
                label=r"\frac{\partial J}{\partial W} =",
                expect=g_W,
                verdict="wrong",
                fix=dh + "x_i^3",
                reason="dW is not the same as for linear: dh/dW = x^3 here, not x",
            ),
            S(
                "dx",
                106,
                r"\frac{\partial}{\partial x} [W \cdot x^3 + b]",
                relation="",
                label=r"dx \, cubic :",
                expect=None,
            ),
            S("dx.result", 106, r"W \cdot 3 \cdot x^2"),
        ],
    )
