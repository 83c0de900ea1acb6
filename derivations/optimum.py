"""The independent optimum of each model: SymPy's lambdified J (and gradient) + scipy.

Nothing here uses fitting/'s gradients: the loss and its gradient are SymPy's, the search
is scipy's, from many starts. Linear and cubic are also solved in closed form (least
squares) as a cross-check. The MAE nets are not smooth, so they are searched with
Nelder-Mead from many starts; their optimum is reported as the best MAE found and
whether the optimal fit (the predictions) is unique.
"""

from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy.optimize import least_squares, minimize

from . import equality, symbolic

STARTS = 40
RESTARTS = 4  # Nelder-Mead restarted from where it stopped: it stalls on kinks
SAME = 1e-6  # losses and predictions closer than this count as the same optimum
SYMMETRY = {  # parameter changes that leave the net's function unchanged
    "relu_net": "(W1, b1, W2) -> (c W1, c b1, W2 / c) for any c > 0 (ReLU is homogeneous)",
    "tanh_net": "(W1, b1, W2) -> (-W1, -b1, -W2) (tanh is odd)",
}


@dataclass(frozen=True)
class Optimum:
    params: dict  # param name -> value, the best found
    loss: float  # J there
    unique: bool  # is the best fit (its predictions at the data) the only one found?
    note: str  # how it was found and why (non-)unique


@cache
def _functions(name):
    """J(theta; x, y), dJ/dtheta, y' and dy'/dtheta as numpy functions of (x, y, *params)."""
    args = (symbolic.x, symbolic.y, *symbolic.params(name))
    loss = equality.lambdify(args, symbolic.per_sample_loss(name))
    grads = [equality.lambdify(args, g) for g in symbolic.sample_gradient(name)]
    y_hat = equality.lambdify(args, symbolic.forward(name))
    dy = [equality.lambdify(args, symbolic.forward(name).diff(p)) for p in symbolic.params(name)]
    return loss, grads, y_hat, dy


def _objective(name, x, y):
    loss, grads, y_hat, _ = _functions(name)

    def J(p):
        return float(np.mean(loss(x, y, *p)))

    def dJ(p):
        return np.array([np.mean(np.broadcast_to(g(x, y, *p), x.shape)) for g in grads])

    def predict(p):
        return np.broadcast_to(y_hat(x, y, *p), x.shape)

    return J, dJ, predict


def _interpolations(name, x, y, starts):
    """Parameters fitting every house exactly (MAE = 0, the global minimum), if any are found."""
    _, _, y_hat, dy = _functions(name)

    def residuals(p):
        return np.broadcast_to(y_hat(x, y, *p), x.shape) - y

    def jac(p):
        return np.column_stack([np.broadcast_to(d(x, y, *p), x.shape) for d in dy])

    exact = []
    for start in starts:
        res = least_squares(residuals, start, jac=jac, xtol=1e-15, ftol=1e-15, gtol=1e-15)
        if np.abs(res.fun).max() < 1e-9:
            exact.append(res.x)
    return exact


def _nelder_mead(J, start):
    p = start
    for _ in range(RESTARTS):
        options = {"xatol": 1e-10, "fatol": 1e-12, "maxfev": 4000, "adaptive": True}
        p = minimize(J, p, method="Nelder-Mead", options=options).x
    return p


def _search(name, x, y, smooth):
    """Local optima from STARTS random starts, best first: (J, params, curve over the data)."""
    J, dJ, predict = _objective(name, x, y)
    starts = np.random.default_rng(0).uniform(-3, 3, (STARTS, len(symbolic.params(name))))
    grid = np.linspace(x.min(), x.max(), 50)
    _, _, y_hat, _ = _functions(name)

    def curve(p):
        return np.broadcast_to(y_hat(grid, 0.0, *p), grid.shape)

    if smooth:
        params = [minimize(J, s, jac=dJ, method="BFGS", options={"gtol": 1e-10}).x for s in starts]
    else:
        params = _interpolations(name, x, y, starts) or [_nelder_mead(J, s) for s in starts]
    found = [(J(p), p, curve(p)) for p in params if np.isfinite(J(p))]
    return sorted(found, key=lambda f: f[0])


def _least_squares(name, x, y):
    """Closed form for y' = W*g(x) + b (linear: g = x; cubic: g = x^3)."""
    g = x if name == "linear" else x**3
    A = np.column_stack([g, np.ones_like(g)])
    (W, b), *_ = np.linalg.lstsq(A, y, rcond=None)
    return np.array([W, b]), np.linalg.matrix_rank(A) == 2


def _optimum(name, x, y):
    model = symbolic.model(name)
    smooth = model.loss == "MSE"
    found = _search(name, x, y, smooth)
    if not found:
        raise ValueError(f"no finite optimum found for {name}")
    best_loss, best, best_fit = found[0]
    ties = [f for f in found if f[0] - best_loss < SAME]
    spread = max(float(np.abs(f[2] - best_fit).max()) for f in ties)
    if name in ("linear", "cubic"):
        closed, full_rank = _least_squares(name, x, y)
        J, _, _ = _objective(name, x, y)
        gap = float(np.abs(closed - best).max())
        note = (
            f"convex least squares: BFGS from {STARTS} starts and the closed form agree "
            f"to {gap:.1e}; the minimiser is unique (design matrix of full rank)"
        )
        params = dict(zip(model.params, map(float, closed), strict=True))
        return Optimum(params, float(J(closed)), bool(full_rank), note)
    unique = spread < SAME
    if smooth:
        how = "BFGS"
    elif best_loss < SAME:
        how = "least squares: it fits every house exactly (MAE = 0 is the global minimum);"
    else:
        how = f"no exact fit; Nelder-Mead restarted {RESTARTS} times (J is not smooth);"
    note = (
        f"{how} from {STARTS} random starts, {len(ties)} reach J = {best_loss:.6g}; "
        f"their curves between the houses differ by up to {spread:.2g}"
    )
    if name in SYMMETRY:
        note += f"; parameters are never unique: {SYMMETRY[name]}"
    return Optimum(
        dict(zip(model.params, map(float, best), strict=True)), float(best_loss), unique, note
    )


@cache
def _cached(name, x, y):
    return _optimum(name, np.array(x), np.array(y))


def optimum(name, data=None):
    """The best parameters of model `name` on `data` (default: the notes' four houses)."""
    if data is None:
        import fitting

        data = fitting.NOTES
    return _cached(name, tuple(map(float, data.x)), tuple(map(float, data.y)))
