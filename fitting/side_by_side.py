"""The runs the gradient-descent lecture sets beside its default run, from the same start.

- ``learning_rate_runs``: one run per learning rate (the default run's, times each factor), up to
  the epoch by which the default run has settled; a run that diverges is kept up to its last
  finite epoch, with the DivergenceError that stopped it.
- ``sequential_run``: the same model updated one parameter after another (the update the notes
  warn against), to compare with the simultaneous default.
"""

import numpy as np

from .data import NOTES
from .descent import DivergenceError, fit
from .trajectory import Trajectory


def settled_epoch(traj: Trajectory, within: float = 0.01) -> int:
    """The first recorded epoch whose loss is within `within` (relative) of the final loss."""
    settled = traj.loss <= traj.final_loss * (1 + within)
    return int(traj.epoch[np.argmax(settled)])


def learning_rate_runs(model, traj: Trajectory, factors: dict, data=NOTES):
    """{name: (Trajectory, DivergenceError | None)}: `model` from `traj`'s start with the
    learning rate traj.lr[0] * factor, for settled_epoch(traj) epochs."""
    start = tuple(float(v) for v in traj.params[0])
    epochs, runs = settled_epoch(traj), {}
    for name, factor in factors.items():
        lr = float(traj.lr[0]) * factor
        try:
            runs[name] = (fit(model, data, lr=lr, start=start, epochs=epochs), None)
        except DivergenceError as error:
            kept = fit(model, data, lr=lr, start=start, epochs=error.epoch - 1)
            runs[name] = (kept, error)
    return runs


def sequential_run(model, data=NOTES) -> Trajectory:
    """The model's default run, but updating one parameter after another."""
    return fit(model, data, method="sequential")
