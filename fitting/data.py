"""The houses: the notes' four, or a user's CSV (columns ``floors,price``).

Prices are in 100,000 EUR, as in the notes.
"""

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


class DataError(ValueError):
    """Bad data: the message is one line naming the problem and the fix."""


@dataclass(frozen=True, eq=False)
class Data:
    x: np.ndarray  # floors
    y: np.ndarray  # prices, 100,000 EUR
    name: str = field(default="custom", compare=False)

    def __post_init__(self):
        x = np.array(self.x, dtype=float)
        y = np.array(self.y, dtype=float)
        if x.ndim != 1 or x.shape != y.shape or len(x) < 2:
            raise DataError(
                f"data needs two 1-d arrays of equal length >= 2, got {x.shape}, {y.shape}"
            )
        if not (np.isfinite(x).all() and np.isfinite(y).all()):
            raise DataError("data contains a non-finite value; fix or remove it")
        x.flags.writeable = y.flags.writeable = False  # shared by every fit: never mutate
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)

    def __len__(self):
        return len(self.x)

    def describe(self) -> dict:
        """What a trajectory records about its data: enough to tell two data sets apart."""
        return {"name": self.name, "x": self.x.tolist(), "y": self.y.tolist()}


NOTES = Data([1.0, 2.0, 3.0, 4.0], [0.7, 1.5, 4.5, 9.5], name="notes")

COLUMNS = ("floors", "price")


def load_csv(path) -> Data:
    """Read ``floors,price`` rows; any problem is a DataError naming the file, row and fix."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError(
            f"{path}: no such file; give the path of a CSV with columns floors,price"
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(
            f"{path}: cannot read ({e}); give a UTF-8 CSV with columns floors,price"
        ) from None
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataError(
            f"{path}: missing column {', '.join(missing)} "
            f"(header: {','.join(header) or 'empty'}); the first line must name floors,price"
        )
    x, y = [], []
    for row in reader:  # row numbers as a spreadsheet shows them: the header is row 1
        n = reader.line_num
        if not any((v or "").strip() for v in row.values()):
            continue  # blank line
        for col, out in zip(COLUMNS, (x, y), strict=True):
            out.append(_number(path, n, col, row.get(col)))
    if len(x) < 2:
        raise DataError(f"{path}: {len(x)} data row(s); a fit needs at least two houses")
    return Data(x, y, name=path.name)


def _number(path, row, col, text):
    raw = (text or "").strip()
    try:
        v = float(raw)
    except ValueError:
        raise DataError(
            f"{path}: row {row}: {col} {raw!r} is not a number; fix the value or remove the row"
        ) from None
    if not math.isfinite(v):
        raise DataError(
            f"{path}: row {row}: {col} {raw!r} is not finite; fix the value or remove the row"
        )
    return v
