"""Is a == b? Symbolically, split by the sign of every kink argument, and numerically.

``simplify`` on a whole MAE/ReLU expression can take minutes, so ``proved_equal`` first
replaces every |u|, sign(u), ReLU(u), ... by its branch for u > 0 and for u < 0 (innermost
kinks first) and simplifies each smooth case, each under a 5 s alarm. ``numeric_equal``
evaluates both sides at random points away from the kinks: the second opinion, and the
verdict where the proof is out of reach.
"""

import signal
import threading
from contextlib import contextmanager

import numpy as np
import sympy as sp
from scipy.special import expit

from .symbolic import LeakyReLU, N, ReLU, dLeakyReLU, dReLU, sigmoid

CHECK_SECONDS = 5  # no single symbolic check may take longer
KINKS = (sp.Abs, sp.sign, sp.Heaviside, ReLU, dReLU, LeakyReLU, dLeakyReLU)


class CheckTimeout(BaseException):  # not an Exception: SymPy must not swallow it
    pass


@contextmanager
def time_limit(seconds):
    """Raise CheckTimeout after `seconds` (SIGALRM; a no-op off the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum, frame):
        raise CheckTimeout

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _canonical(u):
    return -u if u.could_extract_minus_sign() else u


def kink_args(expr):
    """The arguments u whose sign picks a branch: |u|, sign(u), ReLU(u), u > 0 in Piecewise."""
    found = {_canonical(f.args[0]) for f in expr.atoms(*KINKS)}
    for pw in expr.atoms(sp.Piecewise):
        for _, cond in pw.args:
            if isinstance(cond, sp.core.relational.Relational):
                found.add(_canonical(cond.lhs - cond.rhs))
    return found


def _branch(expr, u, s):
    """expr with u's sign fixed to s (+1 or -1); u is canonical."""

    def sgn(v):
        return s if v == u else -s if v == -u else None

    def pick(f):
        v = f.args[0]
        sv = sgn(v)
        if sv is None:
            return f
        if f.func is sp.Abs:
            return sv * v
        if f.func is sp.sign:
            return sp.Integer(sv)
        if f.func in (sp.Heaviside, dReLU):
            return sp.Integer(1 if sv > 0 else 0)
        if f.func is ReLU:
            return v if sv > 0 else sp.S.Zero
        if f.func is LeakyReLU:
            return v if sv > 0 else f.args[1] * v
        if f.func is dLeakyReLU:
            return sp.S.One if sv > 0 else f.args[1]
        return f

    def rel(r):
        sv = sgn(r.lhs - r.rhs)
        if sv is None:
            return r
        positive = sv > 0
        if isinstance(r, sp.StrictGreaterThan | sp.GreaterThan):
            return sp.true if positive else sp.false
        if isinstance(r, sp.StrictLessThan | sp.LessThan):
            return sp.false if positive else sp.true
        return r

    expr = expr.replace(lambda e: isinstance(e, sp.Function) and e.func in KINKS, pick)
    return expr.replace(lambda e: isinstance(e, sp.core.relational.Relational), rel)


def _innermost(args):
    """A kink argument that contains no other kink: it can be split first."""
    for u in sorted(args, key=sp.count_ops):
        if not kink_args(u):
            return u
    return None


def cases(expr):
    """The smooth pieces of expr, one per sign pattern of its kink arguments."""
    u = _innermost(kink_args(expr))
    if u is None:
        return [expr]
    return [c for s in (1, -1) for c in cases(_branch(expr, u, s))]


def _is_zero(d):
    if d == 0:
        return True
    attempts = (
        sp.expand,
        lambda e: sp.cancel(sp.expand(e.rewrite(sp.exp))),  # tanh, sigmoid: fast, most cases
        sp.simplify,
        lambda e: sp.simplify(e.rewrite(sp.exp)),
    )
    return any(attempt(d) == 0 for attempt in attempts)  # in order: cheap first


def _merge_sums(d):
    """c1 Sum(f1) + c2 Sum(f2) over the same range -> Sum(c1 f1 + c2 f2); None if not possible."""
    summands, limits = [], set()
    for term in sp.Add.make_args(sp.expand(d, deep=False)):
        sums = [f for f in sp.Mul.make_args(term) if isinstance(f, sp.Sum)]
        if len(sums) != 1 or len(sums[0].limits) != 1:
            return None
        (s,) = sums
        summands.append(term / s * s.function)
        limits.add(s.limits[0])
    if len(limits) != 1:
        return None
    return sp.Add(*summands)


def proved_equal(a, b):
    """True if SymPy proves a == b in every sign case; None if it cannot (or runs out of time)."""
    d = sp.sympify(a) - sp.sympify(b)
    if d.has(sp.Sum):
        d = _merge_sums(d)
        if d is None:
            return None
    try:
        with time_limit(CHECK_SECONDS):
            d = d.doit()
        for piece in cases(d):
            with time_limit(CHECK_SECONDS):
                if not _is_zero(piece):
                    return None
        return True
    except CheckTimeout:
        return None


# Numeric evaluation: the custom functions in numpy terms.
_NUMPY = {
    "sigmoid": expit,
    "ReLU": lambda q: np.where(q > 0, q, 0.0),
    "dReLU": lambda q: np.where(q > 0, 1.0, 0.0),
    "LeakyReLU": lambda k, a: np.where(k > 0, k, a * k),
    "dLeakyReLU": lambda k, a: np.where(k > 0, 1.0, a),
}
_ = sigmoid  # printed by name; evaluated by _NUMPY


def lambdify(args, expr):
    return sp.lambdify(args, expr, modules=[_NUMPY, "numpy"])


def _leaves(exprs):
    """Symbols and Indexed data the expressions depend on, in a stable order."""
    leaves = set()
    for e in exprs:
        leaves |= {s for s in e.free_symbols if not isinstance(s, sp.IndexedBase)}
        leaves |= e.atoms(sp.Indexed)
    leaves -= {idx for e in exprs for ix in e.atoms(sp.Indexed) for idx in ix.indices}
    leaves = {s for s in leaves if not (isinstance(s, sp.Symbol) and s in _bound(exprs))}
    return sorted(leaves, key=sp.default_sort_key)


def _bound(exprs):
    return {v for e in exprs for s in e.atoms(sp.Sum) for v in s.variables}


def sample(leaves, rng, n, low=-2.0, high=2.0):
    """n random points: positive symbols in [0.5, 2], the others in [low, high]."""
    cols = []
    for s in leaves:
        if getattr(s, "is_positive", False):
            cols.append(rng.uniform(0.5, 2.0, n))
        else:
            cols.append(rng.uniform(low, high, n))
    return cols


def relative_error(a, b, floor=1e-8):
    """cs231n's |a - b| / max(|a|, |b|), with a floor so that 0 vs 1e-17 is not an error."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    return np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), floor)


def concrete(expr, houses=4):
    """Sums over i up to N written out for `houses` houses (N = houses), limits evaluated."""
    return sp.sympify(expr).subs(N, houses).doit()


def numeric_equal(a, b, n=40, seed=0, tol=1e-9, kink_gap=1e-3):
    """(equal, max relative error) of a and b at n random points away from their kinks."""
    a, b = concrete(a), concrete(b)
    leaves = _leaves([a, b])
    kinks = sorted(kink_args(a) | kink_args(b), key=sp.default_sort_key)
    rng = np.random.default_rng(seed)
    cols = sample(leaves, rng, 8 * n)
    with np.errstate(all="ignore"):  # one lambdify for both sides and the kinks: it is slow
        va, vb, *vk = (
            np.broadcast_to(v, (8 * n,)) for v in lambdify(leaves, [a, b, *kinks])(*cols)
        )
        keep = np.isfinite(va) & np.isfinite(vb)
        for vu in vk:
            keep &= np.abs(vu) > kink_gap
    if keep.sum() < n:
        raise ValueError(f"fewer than {n} usable points to compare {a} and {b}")
    err = float(relative_error(va[keep][:n], vb[keep][:n]).max())
    return err <= tol, err
