"""Does fitting/'s hand-written gradient equal the true one?  Three independent judges.

1. symbolic: the hand gradient run on SymPy symbols equals SymPy's derivative of the
   forward pass, proved in every sign case of the kinks (equality.proved_equal);
2. numeric: hand gradient (numpy ops) vs SymPy's lambdified gradient at random points
   and at the points of recorded trajectories (dataset gradient, N = 4 houses);
3. finite differences: central differences of the code's own forward pass and loss.
Points closer than KINK_GAP to a kink (|u| for u in |u|, ReLU(u), ...) are skipped.

Thresholds (relative error |a - b| / max(|a|, |b|, floor), cs231n style: below 1e-7 is great,
1e-5 usually fine, 1e-4 acceptable only with kinks, 1e-2 is a wrong gradient):
    NUMERIC_TOL = 1e-9  analytic vs analytic (floor 1e-8): only round-off may differ;
    FD_TOL = 1e-5       central differences with step FD_STEP = 1e-6, away from kinks; floor
                        FD_FLOOR = 1e-3, since a difference quotient of a loss of ~10 carries
                        ~1e-9 of round-off, which would swamp a near-zero (saturated) gradient.
"""

import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from fitting import ops
from fitting.models import sample_loss

from . import equality, symbolic

NUMERIC_TOL = 1e-9
FD_TOL = 1e-5
FD_STEP = 1e-6
FD_FLOOR = 1e-3
KINK_GAP = 1e-3
POINTS = 200


@dataclass(frozen=True)
class Verification:
    model: str
    params: tuple[str, ...]
    symbolic: dict  # param -> True (proved in every sign case) or None (not proved)
    numeric_max_rel_err: float  # hand vs SymPy, random points
    fd_max_rel_err: float  # hand vs central differences, random points
    points: int
    trajectory_points: int  # parameter vectors taken from recorded trajectories
    trajectory_max_rel_err: float  # hand and recorded vs SymPy, hand vs differences (0 if none)
    notes: tuple[str, ...] = field(default=())

    @property
    def symbolic_ok(self):
        return all(v is True for v in self.symbolic.values())

    @property
    def numeric_ok(self):
        return self.numeric_max_rel_err <= NUMERIC_TOL

    @property
    def fd_ok(self):
        return self.fd_max_rel_err <= FD_TOL and self.trajectory_max_rel_err <= FD_TOL

    @property
    def ok(self):
        return self.symbolic_ok and self.numeric_ok and self.fd_ok


@cache
def _lambdified(name):
    """SymPy's per-sample gradient and kink arguments as numpy functions of (x, y, *params)."""
    args = (symbolic.x, symbolic.y, *symbolic.params(name))
    grads = [equality.lambdify(args, g) for g in symbolic.sample_gradient(name)]
    loss = symbolic.per_sample_loss(name)
    kinks = [equality.lambdify(args, u) for u in equality.kink_args(loss)]
    return grads, kinks


def _sympy_grad(name, x, y, P):
    grads, _ = _lambdified(name)
    return np.stack([np.broadcast_to(g(x, y, *P.T), x.shape) for g in grads], axis=-1)


def _hand_grad(model, x, y, P, op=ops.array):
    return np.stack([np.broadcast_to(g, x.shape) for g in model.backward(op, x, y, *P.T)], -1)


def _fd_grad(model, x, y, P):
    """Central differences of the code's own forward pass and per-sample loss."""
    out = np.empty_like(P)
    for k in range(P.shape[1]):
        step = np.zeros(P.shape[1])
        step[k] = FD_STEP
        up = sample_loss(ops.array, model, model.forward(ops.array, x, *(P + step).T), y)
        down = sample_loss(ops.array, model, model.forward(ops.array, x, *(P - step).T), y)
        out[:, k] = (up - down) / (2 * FD_STEP)
    return out


def _away_from_kinks(name, x, y, P):
    _, kinks = _lambdified(name)
    keep = np.ones(x.shape, bool)
    for u in kinks:
        keep &= np.abs(np.broadcast_to(u(x, y, *P.T), x.shape)) > KINK_GAP
    return keep


def _random_points(name, k, rng):
    """Houses x in [0.5, 5], prices y in [0, 10], parameters in [-2, 2] (b in [-4, 4])."""
    n = 4 * POINTS
    x, y = rng.uniform(0.5, 5, n), rng.uniform(0, 10, n)
    P = rng.uniform(-2, 2, (n, k))
    x = x if name != "cubic" else x / 2  # keep W x^3 on the scale of the prices
    keep = _away_from_kinks(name, x, y, P)
    return x[keep][:POINTS], y[keep][:POINTS], P[keep][:POINTS]


@cache
def _trajectory_points(name):
    """(houses x, prices y, parameter rows, recorded gradients) from a recorded descent."""
    try:
        from fitting import NOTES, ensure_trajectory
    except ImportError:
        return None, "fitting.ensure_trajectory is not available: no trajectory points"
    with tempfile.TemporaryDirectory() as tmp:
        traj = ensure_trajectory(name, Path(tmp))
    pick = np.linspace(0, len(traj.params) - 1, min(len(traj.params), 50)).astype(int)
    rows, grads = np.asarray(traj.params, float)[pick], np.asarray(traj.grad, float)[pick]
    return (np.asarray(NOTES.x, float), np.asarray(NOTES.y, float), rows, grads), None


def _trajectory_error(name, model, houses):
    """At each recorded row, the dataset gradient (mean over the houses): the hand gradient
    (scalar ops, as the descent runs it) and the recorded one vs SymPy and vs differences."""
    x, y, rows, recorded = houses
    worst = 0.0
    for row, grad in zip(rows, recorded, strict=True):
        P = np.tile(row, (len(x), 1))
        if not _away_from_kinks(name, x, y, P).all():
            continue
        houses = zip(
            x.tolist(), y.tolist(), strict=True
        )  # Python floats, as the descent's hot loop uses
        hand = np.mean([model.backward(ops.scalar, xi, yi, *row.tolist()) for xi, yi in houses], 0)
        sym = _sympy_grad(name, x, y, P).mean(0)
        fd = _fd_grad(model, x, y, P).mean(0)
        worst = max(worst, equality.relative_error(hand, sym).max())
        worst = max(worst, equality.relative_error(grad, sym).max())
        worst = max(worst, equality.relative_error(hand, fd, FD_FLOOR).max())
    return float(worst)


def _verify(name, backward=None, seed=0):
    model = symbolic.model(name)
    if backward is not None:
        model = model.__class__(**{**model.__dict__, "backward": backward})
    sym = symbolic.sample_gradient(name)
    hand = symbolic.hand_gradient(name, backward)
    proofs = {
        p: equality.proved_equal(s, h) for p, s, h in zip(model.params, sym, hand, strict=True)
    }

    x, y, P = _random_points(name, len(model.params), np.random.default_rng(seed))
    g_hand = _hand_grad(model, x, y, P)
    numeric = float(equality.relative_error(g_hand, _sympy_grad(name, x, y, P)).max())
    fd = float(equality.relative_error(g_hand, _fd_grad(model, x, y, P), FD_FLOOR).max())

    houses, note = _trajectory_points(name)
    traj_err = _trajectory_error(name, model, houses) if houses else 0.0
    return Verification(
        model=name,
        params=model.params,
        symbolic=proofs,
        numeric_max_rel_err=numeric,
        fd_max_rel_err=fd,
        points=len(x),
        trajectory_points=0 if houses is None else len(houses[2]),
        trajectory_max_rel_err=traj_err,
        notes=(note,) if note else (),
    )


@cache
def _verify_code(name):
    return _verify(name)


def verify(name, backward=None):
    """Verify fitting/'s gradient for model `name` (or the given backward, for mutants)."""
    return _verify_code(name) if backward is None else _verify(name, backward)
