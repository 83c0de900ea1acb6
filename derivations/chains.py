"""The notes' chains as the lectures ask for them: name -> Steps of the audited notes file.

The notes file is notes/house-prices.md unless use_notes(path) or the environment variable
HOUSE_PRICES_NOTES names another (a scene test renders from an edited copy that way). The
audit is cached per file content, so an edit to the notes shows in the next chain() call.
"""

import os
from pathlib import Path

from .notes import audit

DEFAULT = Path(__file__).resolve().parents[1] / "notes" / "house-prices.md"
ENV = "HOUSE_PRICES_NOTES"
NAMES = (
    "limits",
    "linear_layer",
    "mse",
    "update_rule",
    "linear",
    "sigmoid_derivative",
    "sigmoid",
    "cubic",
    "abs_derivative",
    "relu_net",
    "tanh_derivative",
    "leaky_relu",
    "tanh_net",
)
_chosen = None


def use_notes(path=None):
    """Audit `path` from now on (None: back to $HOUSE_PRICES_NOTES or notes/house-prices.md)."""
    global _chosen
    _chosen = None if path is None else Path(path)


def notes_path():
    """The notes file chain() reads: use_notes(), else $HOUSE_PRICES_NOTES, else the default."""
    return _chosen or Path(os.environ.get(ENV) or DEFAULT)


def chain(name):
    """The notes' derivation `name`, step by step, each step checked (derivations/notes/)."""
    chains = audit(notes_path()).chains
    if name not in NAMES and name not in chains:
        raise KeyError(f"unknown chain {name!r}; known: {', '.join(NAMES)}")
    return list(chains.get(name, ()))
