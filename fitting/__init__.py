"""Gradient descent on the notes' models with hand-written gradients (numpy only).

    from fitting import fit, NOTES
    traj = fit("linear")            # the model's default run
    traj.final, traj.final_loss     # {'W': 2.94, 'b': -3.3}, 1.103

Command line: ``python -m fitting MODEL`` (``--help`` lists the options).
"""

from .cache import ensure_trajectory, trajectory_path
from .data import NOTES, Data, DataError, load_csv
from .descent import DivergenceError, dataset_loss, fit, loss_grid, predict
from .models import LEAKY_SLOPE, MODELS, SIGMOID_CAP, Model, sample_loss
from .presets import DEFAULTS, PRESETS, HyperError
from .trajectory import Trajectory, TrajectoryError, load, save

__all__ = [
    "DEFAULTS",
    "LEAKY_SLOPE",
    "MODELS",
    "NOTES",
    "PRESETS",
    "SIGMOID_CAP",
    "Data",
    "DataError",
    "DivergenceError",
    "HyperError",
    "Model",
    "Trajectory",
    "TrajectoryError",
    "dataset_loss",
    "ensure_trajectory",
    "fit",
    "load",
    "load_csv",
    "loss_grid",
    "predict",
    "sample_loss",
    "save",
    "trajectory_path",
]
