"""Gradient descent with the hand-written gradients, recorded as a Trajectory.

The descent runs on Python floats, in a loop compiled from the model's own
``backward`` (compiled.py): four houses are too few for numpy to pay off. Every
epoch computes all gradients from the same parameters before assigning any (the
notes' simultaneous update); SGD does the same for each house in turn, in an
order shuffled per epoch with the run's seed. Stopping: after ``epochs``, at the
first epoch that changes no parameter (the notes' rule; that epoch is dropped),
or at the first that moves none by more than ``tol``. A non-finite or exploded
loss raises DivergenceError.

The loss and gradient columns of a trajectory are computed afterwards, for the
kept rows only, with the same model functions over numpy (``ops.array``).

Subsample (runs longer than ``MAX_ROWS`` epochs; shorter runs keep every row):
every epoch's parameters are kept in memory, each scaled by its range over the
run. A row is written at the first and last epoch and each time the parameters
have travelled another ``path_step`` along their path (an epoch's travel is its
largest scaled move), with ``path_step`` = 1/CELLS, so the picture has moved by
about 1/CELLS of its extent, or larger if that would exceed ``MAX_ROWS`` rows.
Epochs that change nothing visibly (a long crawl, float-level jitter at the
optimum) are dropped. The loss is a continuous function of the parameters, so it
moves visibly only where they do. ``meta["subsample"]`` records the step.
"""

import array as pyarray
import hashlib
import math
from dataclasses import replace
from importlib import metadata
from pathlib import Path

import numpy as np

from . import presets
from .compiled import runner
from .data import NOTES, Data
from .models import MODELS, NOTES_GRADIENTS, Model, sample_loss
from .ops import array
from .trajectory import Trajectory

CELLS = 512
MAX_ROWS = 4000
EXPLODED = 1e8  # a loss this many times the starting loss (or 1) means divergence
CHUNK = 10_000  # epochs per call of the compiled loop: checks and progress in between


class DivergenceError(ArithmeticError):
    """The loss became non-finite or exploded: names the model, learning rate and epoch.

    The same facts as attributes (``model``, ``lr``, ``epoch``, ``loss``), for scenes that show
    where a run diverged.
    """

    def __init__(self, message, *, model=None, lr=None, epoch=None, loss=None):
        super().__init__(message)
        self.model, self.lr, self.epoch, self.loss = model, lr, epoch, loss


def get_model(model) -> Model:
    if isinstance(model, Model):
        return model
    try:
        return MODELS[model]
    except KeyError:
        raise KeyError(f"unknown model {model!r}; valid models: {', '.join(MODELS)}") from None


# ---- the loss over the data, vectorized (curves, surfaces, trajectory columns)


def _param_columns(model, params):
    """Parameters as a tuple in model order, from a dict by name or a sequence."""
    if isinstance(params, dict):
        missing = [n for n in model.params if n not in params]
        if missing:
            raise KeyError(f"{model.name}: missing parameter {', '.join(missing)}")
        params = [params[n] for n in model.params]
    if len(params) != len(model.params):
        raise ValueError(f"{model.name} takes {len(model.params)} parameters {model.params}")
    return tuple(np.asarray(p, dtype=float) for p in params)


def _batch_loss(model, data, cols):
    """J at broadcast parameter arrays: a trailing axis runs over the houses."""
    cols = [c[..., None] for c in cols]
    y_hat = model.forward(array, data.x, *cols)
    return sample_loss(array, model, y_hat, data.y).mean(axis=-1)


def _batch_grad(model, data, cols):
    """Full-batch dJ/dparam at broadcast parameter arrays (mean of per-house gradients)."""
    cols = [c[..., None] for c in cols]
    shape = np.broadcast_shapes(*(c.shape for c in cols), data.x.shape)
    return tuple(
        np.broadcast_to(g, shape).mean(axis=-1)
        for g in model.backward(array, data.x, data.y, *cols)
    )


def dataset_loss(model, params, data: Data = NOTES) -> float:
    """J(params) over the data: MSE or MAE, as the model says."""
    model = get_model(model)
    return float(_batch_loss(model, data, _param_columns(model, params)))


def predict(model, params, x) -> np.ndarray:
    """The model's prices y' at floors x."""
    model = get_model(model)
    return model.forward(array, np.asarray(x, dtype=float), *_param_columns(model, params))


def loss_grid(model, W, b, data: Data = NOTES, *, over=None, at=None) -> np.ndarray:
    """J over broadcast arrays W, b (for surfaces and contours).

    W and b are the model's first two parameters, or the two named in ``over``;
    ``at`` gives the others (by name) for the nets.
    """
    model = get_model(model)
    over = tuple(over or model.params[:2])
    values = {**(at or {}), over[0]: W, over[1]: b}
    cols = np.broadcast_arrays(*_param_columns(model, values))
    return _batch_loss(model, data, cols)


# ---- the descent


def schedule(h) -> np.ndarray:
    """The learning rate of every epoch.

    The linear schedule is the notes': every lr_every epochs the rate drops by
    (lr - lr_end) / (epochs / lr_every), so it would reach lr_end at the end.
    """
    epochs, lr = h["epochs"], h["lr"]
    if h["schedule"] == "constant":
        return np.full(epochs, lr)
    every = h["lr_every"]
    step = (lr - h["lr_end"]) / (epochs / every)
    rates = []
    for _ in range(0, epochs, every):
        rates.append(lr)
        lr -= step  # repeated subtraction, as the notes' loop did
    return np.repeat(rates, every)[:epochs]


def _with_gradient(model, gradient):
    """The model, or with the original code's wrong gradient (to reproduce the notes)."""
    if gradient == "hand":
        return model
    if model.name not in NOTES_GRADIENTS:
        raise presets.HyperError(
            f"{model.name}: no notes gradient (the notes' code differs only for "
            f"{', '.join(NOTES_GRADIENTS)}); use gradient=hand"
        )
    return replace(model, backward=NOTES_GRADIENTS[model.name])


def _start(model, h, rng):
    if h["start"] is None:
        return tuple(rng.random(len(model.params)).tolist())
    if len(h["start"]) != len(model.params):
        raise presets.HyperError(
            f"{model.name}: start needs {len(model.params)} values {model.params}"
        )
    return h["start"]


def fit(model, data: Data = NOTES, *, preset=None, progress=None, **hyper) -> Trajectory:
    """Descend from the model's default run (or ``preset``), overridden by ``hyper``.

    ``progress(epochs_done, epochs)``, if given, is called after each chunk of epochs.
    """
    model = get_model(model)
    h = presets.resolve(model.name, preset, **hyper)
    model = _with_gradient(model, h["gradient"])
    rng = np.random.default_rng(h["seed"])
    params = _start(model, h, rng)
    k, lrs = len(params), schedule(h)
    run = runner(model, data, h["method"])
    limit = EXPLODED * max(dataset_loss(model, params, data), 1.0)
    buffer = pyarray.array("d", params)  # row e: the parameters after e epochs
    stopped = "epochs"
    for first in range(0, h["epochs"], CHUNK):
        chunk = lrs[first : first + CHUNK]
        orders = None
        if h["method"] == "sgd":
            orders = rng.permuted(np.tile(np.arange(len(data)), (len(chunk), 1)), axis=1).tolist()
        try:
            run(params, chunk, orders, buffer.append)
        except (OverflowError, ZeroDivisionError):  # a float op out of range: not a number
            buffer.extend([math.nan] * k)
        rows = np.array(buffer[first * k :]).reshape(-1, k)  # the chunk and the row before it
        _check_divergence(model, data, buffer, lrs, limit, rows[-1])
        params = tuple(rows[-1].tolist())
        moved = np.abs(np.diff(rows, axis=0)).max(axis=1)
        still = np.flatnonzero(moved <= h["tol"])
        if still.size:  # the notes' rule (nothing moved: drop that epoch) or the tolerance
            stopped = "unchanged" if moved[still[0]] == 0 else "tol"
            last = first + still[0] + (stopped == "tol")
            del buffer[(last + 1) * k :]
            break
        if progress:
            progress(first + len(chunk), h["epochs"])
    P = np.frombuffer(buffer).reshape(-1, k)
    return _record(model, data, h, preset, P, np.r_[h["lr"], lrs][: len(P)], stopped)


def _check_divergence(model, data, buffer, lrs, limit, last):
    """Raise DivergenceError at the first epoch whose loss is non-finite or exploded."""
    if np.isfinite(last).all() and dataset_loss(model, last, data) <= limit:
        return
    P = np.array(buffer).reshape(-1, len(last))
    with np.errstate(all="ignore"):
        J = _batch_loss(model, data, tuple(P.T))
    bad = ~np.isfinite(P).all(axis=1) | ~np.isfinite(J) | (limit < J)
    epoch = int(np.argmax(bad))
    raise DivergenceError(
        f"{model.name}: diverged at epoch {epoch} with learning rate {lrs[epoch - 1]:g} "
        f"(loss {J[epoch]:.3g}); lower --lr",
        model=model.name,
        lr=float(lrs[epoch - 1]),
        epoch=epoch,
        loss=float(J[epoch]),
    )


def subsample(P) -> tuple[np.ndarray, float]:
    """Indices of the rows to keep (rule in the module docstring), and the path step used."""
    n = len(P)
    if n <= MAX_ROWS:
        return np.arange(n), 0.0
    lo, hi = P.min(axis=0), P.max(axis=0)
    moves = np.diff(P, axis=0)
    np.abs(moves, out=moves)
    moves /= np.where(hi > lo, hi - lo, 1.0)  # each parameter scaled by its range
    path = np.concatenate([[0.0], np.cumsum(moves.max(axis=1))])
    step = max(1.0 / CELLS, path[-1] / (MAX_ROWS - 2))
    cell = np.floor(path / step)
    keep = np.concatenate([[True], cell[1:] != cell[:-1]])
    keep[-1] = True
    return np.nonzero(keep)[0], float(step)


def _record(model, data, h, preset, P, lrs, stopped) -> Trajectory:
    rows, step = subsample(P)
    kept = P[rows]
    cols = tuple(kept.T)
    meta = run_meta(model, data, h, preset)
    meta.update(
        stopped=stopped,
        start_params=P[0].tolist(),
        subsample={"epochs_run": len(P) - 1, "rows": len(rows), "path_step": step},
    )
    return Trajectory(
        model=model.name,
        param_names=model.params,
        epoch=rows.astype(np.int64),
        params=kept,
        loss=np.asarray(_batch_loss(model, data, cols), dtype=float),
        grad=np.stack(_batch_grad(model, data, cols), axis=1),
        lr=lrs[rows],
        meta=meta,
    )


def run_meta(model, data, h, preset) -> dict:
    """What identifies a run: a trajectory with other values here is stale."""
    return {
        "model": model.name,
        "formula": model.formula,
        "loss_kind": model.loss,
        "data": data.describe(),
        "hyper": {k: (list(v) if isinstance(v, tuple) else v) for k, v in h.items()},
        "seed": h["seed"],
        "preset": preset,
        "version": version(),
        "code": code_hash(),
    }


def version() -> str:
    try:
        return metadata.version("house-prices")
    except metadata.PackageNotFoundError:
        return "unknown"


def code_hash() -> str:
    """The descent's code: a fix to a gradient or to the loop invalidates saved runs."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    for name in ("ops.py", "models.py", "compiled.py", "descent.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]
