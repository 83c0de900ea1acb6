"""A recorded descent: what the scenes draw, saved as JSON.

One row per kept epoch: ``epoch``, the parameters after that many updates, the
loss J and the full-batch gradient dJ/dparam at those parameters, and ``lr``,
the learning rate of the update that produced the row (row 0: the starting
rate). Long runs keep a subsample (rule in descent.py, recorded in
``meta["subsample"]``); the first and last epochs are always kept.

The file is JSON with sorted keys and Python's shortest round-trip float repr,
written to a temporary file and renamed, so the same run gives the same bytes
and a crash never leaves half a file. No pickle: a trajectory is only numbers.
"""

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

FORMAT = "house-prices-trajectory/1"


class TrajectoryError(ValueError):
    """A trajectory file that is missing, corrupt or not ours."""


@dataclass(eq=False)
class Trajectory:
    model: str
    param_names: tuple[str, ...]
    epoch: np.ndarray  # int (n,)
    params: np.ndarray  # (n, k)
    loss: np.ndarray  # (n,)
    grad: np.ndarray  # (n, k)
    lr: np.ndarray  # (n,)
    meta: dict = field(default_factory=dict)

    def __len__(self):
        return len(self.epoch)

    @property
    def final(self) -> dict:
        """The last row's parameters, by name."""
        return dict(zip(self.param_names, self.params[-1].tolist(), strict=True))

    @property
    def final_loss(self) -> float:
        return float(self.loss[-1])

    @property
    def epochs(self) -> int:
        """Updates made: the last row's epoch."""
        return int(self.epoch[-1])


def to_json(traj: Trajectory) -> str:
    doc = {
        "format": FORMAT,
        "model": traj.model,
        "param_names": list(traj.param_names),
        "meta": traj.meta,
        "epoch": [int(e) for e in traj.epoch],
        "params": traj.params.tolist(),
        "loss": traj.loss.tolist(),
        "grad": traj.grad.tolist(),
        "lr": traj.lr.tolist(),
    }
    # allow_nan=False: a non-finite number never reaches a file (descent raises first)
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), allow_nan=False) + "\n"


def save(traj: Trajectory, path) -> Path:
    """Write atomically: a temporary file in the same folder, then os.replace."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = to_json(traj)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load(path) -> Trajectory:
    """Read a trajectory file; anything else is a TrajectoryError naming the file."""
    path = Path(path)
    fix = "delete it and rerun `python -m fitting MODEL -o FILE`"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TrajectoryError(
            f"{path}: no such trajectory file; run `python -m fitting MODEL -o FILE`"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as e:
        raise TrajectoryError(f"{path}: not a trajectory file ({_first_line(e)}); {fix}") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        found = doc.get("format") if isinstance(doc, dict) else type(doc).__name__
        raise TrajectoryError(f"{path}: not a {FORMAT} file (format: {found!r}); {fix}")
    try:
        return _from_doc(doc)
    except (KeyError, TypeError, ValueError) as e:
        raise TrajectoryError(f"{path}: corrupt trajectory ({_first_line(e)}); {fix}") from None


def _from_doc(doc) -> Trajectory:
    names = tuple(doc["param_names"])
    if not names or not all(isinstance(n, str) for n in names) or not isinstance(doc["model"], str):
        raise ValueError("bad model or param_names")
    if not isinstance(doc["meta"], dict):
        raise ValueError("meta is not an object")
    epoch = np.array(doc["epoch"], dtype=np.int64)
    cols = {k: np.array(doc[k], dtype=float) for k in ("params", "loss", "grad", "lr")}
    n, k = len(epoch), len(names)
    shapes = {"params": (n, k), "loss": (n,), "grad": (n, k), "lr": (n,)}
    for key, shape in shapes.items():
        if cols[key].shape != shape:
            raise ValueError(f"{key} has shape {cols[key].shape}, expected {shape}")
        if not np.isfinite(cols[key]).all():
            raise ValueError(f"{key} has a non-finite value")
    if n == 0 or (np.diff(epoch) <= 0).any() or epoch[0] != 0:
        raise ValueError("epochs must start at 0 and increase")
    return Trajectory(doc["model"], names, epoch, meta=doc["meta"], **cols)


def _first_line(e) -> str:
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__


def same_meta(a, b) -> bool:
    """Metadata equality that survives the JSON round trip (tuples become lists)."""
    return json.loads(json.dumps(a, sort_keys=True)) == json.loads(json.dumps(b, sort_keys=True))
