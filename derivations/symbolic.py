"""The models in SymPy: fitting/'s one definition, run on a SymPy ``op`` namespace.

``op`` has the names of fitting.ops, with the same conventions at the kinks:
    sigmoid' = sigma(1 - sigma)     (a Function that prints as \\sigma)
    ReLU'(q) = dReLU(q) = Heaviside(q, 0)          (0 at the kink)
    LeakyReLU'(k) = dLeakyReLU(k) = 1 if k > 0 else alpha (alpha at the kink, as the notes)
    d|a|/da = sign(a), sign(0) = 0  (real symbols, so Abs differentiates to sign)
Running ``model.forward(op, x, *params)`` gives the SymPy model; the loss J is the mean
of the per-sample loss over IndexedBase data x_i, y_i, i = 1..N, and SymPy derives dJ/dparam.
"""

from functools import cache
from types import SimpleNamespace

import sympy as sp

from fitting.models import LEAKY_SLOPE, MODELS, sample_loss


class sigmoid(sp.Function):  # noqa: N801 (fitting.ops' name)
    """The logistic function; its derivative is written as sigma(1 - sigma)."""

    nargs = 1

    @classmethod
    def eval(cls, a):
        if a.is_Number:
            return 1 / (1 + sp.exp(-a))

    def fdiff(self, argindex=1):
        return self * (1 - self)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_rewrite_as_exp(self, a, **kwargs):
        return 1 / (1 + sp.exp(-a))

    def _latex(self, printer, exp=None):
        tex = rf"\sigma\left({printer._print(self.args[0])}\right)"
        return tex if exp is None else rf"{tex}^{{{exp}}}"


class ReLU(sp.Function):
    """max(q, 0), printed as ReLU; its derivative is dReLU."""

    nargs = 1

    @classmethod
    def eval(cls, q):
        if q.is_Number:
            return q if q > 0 else sp.S.Zero

    def fdiff(self, argindex=1):
        return dReLU(self.args[0])

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_rewrite_as_Piecewise(self, q, **kwargs):
        return sp.Piecewise((q, q > 0), (0, True))

    def _latex(self, printer, exp=None):
        tex = rf"\mathrm{{ReLU}}\left({printer._print(self.args[0])}\right)"
        return tex if exp is None else rf"{tex}^{{{exp}}}"


class dReLU(sp.Function):  # noqa: N801 (fitting.ops' name)
    """ReLU'(q) = Heaviside(q, 0): 1 for q > 0, 0 otherwise (0 at the kink)."""

    nargs = 1

    @classmethod
    def eval(cls, q):
        if q.is_Number:
            return sp.Heaviside(q, 0)

    def fdiff(self, argindex=1):
        return sp.S.Zero  # almost everywhere; only first derivatives are used

    def _eval_is_real(self):
        return True

    def _eval_rewrite_as_Heaviside(self, q, **kwargs):
        return sp.Heaviside(q, 0)

    def _latex(self, printer, exp=None):
        tex = rf"\mathrm{{ReLU}}'\left({printer._print(self.args[0])}\right)"
        return tex if exp is None else rf"{tex}^{{{exp}}}"


class LeakyReLU(sp.Function):
    """k for k > 0, alpha*k otherwise."""

    nargs = 2

    @classmethod
    def eval(cls, k, alpha):
        if k.is_Number:
            return k if k > 0 else alpha * k

    def fdiff(self, argindex=1):
        k, alpha = self.args
        if argindex == 1:
            return dLeakyReLU(k, alpha)
        return sp.Piecewise((0, k > 0), (k, True))

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_rewrite_as_Piecewise(self, k, alpha, **kwargs):
        return sp.Piecewise((k, k > 0), (alpha * k, True))

    def _latex(self, printer, exp=None):
        args = ", ".join(printer._print(a) for a in self.args)
        tex = rf"\mathrm{{LeakyReLU}}\left({args}\right)"
        return tex if exp is None else rf"{tex}^{{{exp}}}"


class dLeakyReLU(sp.Function):  # noqa: N801 (fitting.ops' name)
    """LeakyReLU'(k): 1 for k > 0, alpha otherwise (alpha at the kink, as the notes write it)."""

    nargs = 2

    @classmethod
    def eval(cls, k, alpha):
        if k.is_Number:
            return sp.S.One if k > 0 else alpha

    def fdiff(self, argindex=1):
        return sp.S.Zero  # almost everywhere; only first derivatives are used

    def _eval_is_real(self):
        return self.args[1].is_real

    def _eval_rewrite_as_Piecewise(self, k, alpha, **kwargs):
        return sp.Piecewise((1, k > 0), (alpha, True))

    def _latex(self, printer, exp=None):
        args = ", ".join(printer._print(a) for a in self.args)
        tex = rf"\mathrm{{LeakyReLU}}'\left({args}\right)"
        return tex if exp is None else rf"{tex}^{{{exp}}}"


def Linear(W, b, x):
    return W * x + b


op = SimpleNamespace(
    Linear=Linear,
    sigmoid=sigmoid,
    tanh=sp.tanh,
    ReLU=ReLU,
    LeakyReLU=LeakyReLU,
    abs=sp.Abs,
    dReLU=dReLU,
    dLeakyReLU=dLeakyReLU,
    sign=sp.sign,
)

# The data: one house (x, y) for per-sample work, IndexedBase x_i, y_i for the loss J.
x, y = sp.symbols("x y", real=True)
i = sp.Symbol("i", integer=True, positive=True)
N = sp.Symbol("N", integer=True, positive=True)
xs, ys = sp.IndexedBase("x", real=True), sp.IndexedBase("y", real=True)
alpha = sp.Symbol("alpha", positive=True)


def param_symbol(name):
    """W1 -> W_1 (prints as W_{1}), b -> b."""
    return sp.Symbol(name[0] + "_" + name[1:] if len(name) > 1 else name, real=True)


def exact(expr):
    """fitting/'s float constants as exact numbers: 20.0 -> 20, 0.01 -> 1/100."""
    return expr.xreplace({f: sp.nsimplify(f, rational=True) for f in expr.atoms(sp.Float)})


def model(name):
    """The fitting.models entry, or a clear error naming the known models."""
    if name not in MODELS:
        raise KeyError(f"unknown model {name!r}; known: {', '.join(MODELS)}")
    return MODELS[name]


@cache
def params(name):
    return tuple(param_symbol(p) for p in model(name).params)


@cache
def forward(name, xv=x):
    """y' for one house, from fitting/'s forward pass."""
    return exact(sp.sympify(model(name).forward(op, xv, *params(name))))


@cache
def per_sample_loss(name, xv=x, yv=y):
    m = model(name)
    return exact(sp.sympify(sample_loss(op, m, forward(name, xv), yv)))


@cache
def loss(name):
    """J = 1/N sum_{i=1}^{N} loss_i over the data."""
    return sp.Sum(per_sample_loss(name, xs[i], ys[i]), (i, 1, N)) / N


@cache
def gradient(name):
    """SymPy's dJ/dparam for every parameter, in params order."""
    J = loss(name)
    return tuple(sp.factor_terms(J.diff(p)) for p in params(name))


@cache
def sample_gradient(name):
    """SymPy's d loss_i / dparam for one house (x, y)."""
    ell = per_sample_loss(name)
    return tuple(ell.diff(p) for p in params(name))


@cache
def hand_gradient(name, backward=None):
    """fitting/'s hand-written gradient (or a given backward), run on SymPy symbols."""
    bw = backward or model(name).backward
    return tuple(exact(sp.sympify(g)) for g in bw(op, x, y, *params(name)))


def tex(expr):
    """sympy.latex as the lecture prints it: 1/N in front of sums, alpha for the slope."""
    alpha_value = sp.nsimplify(LEAKY_SLOPE, rational=True)
    shown = expr.xreplace({alpha_value: alpha})
    return sp.latex(shown, long_frac_ratio=1)


def model_tex(name):
    """y' = the model, per house."""
    return rf"y' = {tex(forward(name))}"


def loss_tex(name):
    """J(params) = 1/N sum ..., over the data."""
    args = ", ".join(sp.latex(p) for p in params(name))
    return rf"J\left({args}\right) = {tex(loss(name))}"


def gradient_tex(name):
    """{param: TeX of dJ/dparam}, as SymPy derives it."""
    return {
        p: rf"\frac{{\partial J}}{{\partial {sp.latex(s)}}} = {tex(g)}"
        for p, s, g in zip(model(name).params, params(name), gradient(name), strict=True)
    }
