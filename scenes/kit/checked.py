"""What derivations/ checked, kept on disk between renders.

The audit re-derives every step of the notes with SymPy (about 25 s) and the optimum runs
BFGS from 40 starts: a re-render of an unchanged lecture should not wait for either. Their
results are kept in media_dir/derivations, keyed by everything they are computed from (the
notes file and every file beside it, such as its declarations; the code of derivations/ and
fitting/; SymPy's version), so an edit to any of them runs derivations/ again. A lecture
asks here instead of derivations/ for exactly these two.
"""

import hashlib
import pickle
from functools import cache
from pathlib import Path

import sympy
from manim import config

import derivations
from scenes.kit.outlines import write_atomically

ROOT = Path(__file__).resolve().parents[2]


def _key(*extra):
    digest = hashlib.sha1(repr((sympy.__version__, extra)).encode())
    for path in sorted([*ROOT.glob("derivations/**/*.py"), *ROOT.glob("fitting/**/*.py")]):
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:20]


def _kept(kind, key, compute):
    """compute()'s result from media_dir/derivations/<kind>-<key>.pickle, else computed, kept."""
    path = Path(config.media_dir) / "derivations" / f"{kind}-{key}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass  # not kept yet, or kept by other code: compute it again
    kept = pickle.dumps(compute())
    write_atomically(path, lambda p: p.write_bytes(kept))
    return pickle.loads(kept)  # what the next render reads: both renders hash the same


@cache
def _chains(notes_key):
    def audit():
        return {name: derivations.chain(name) for name in derivations.CHAINS}

    return _kept("chains", _key(notes_key), audit)


def chain(name):
    """derivations.chain(name), from disk when neither the notes nor the code changed."""
    notes = derivations.notes_path()
    digest = hashlib.sha1(notes.read_bytes())
    for path in sorted(p for p in notes.parent.iterdir() if p.is_file() and p != notes):
        digest.update(path.name.encode() + path.read_bytes())
    chains = _chains(digest.hexdigest())
    if name not in chains:
        raise KeyError(f"unknown chain {name!r}; known: {', '.join(chains)}")
    return chains[name]


def optimum(model_name, data):
    """derivations.optimum(model_name, data), from disk when the code did not change."""
    houses = (tuple(map(float, data.x)), tuple(map(float, data.y)))
    key = _key("optimum", model_name, houses)
    return _kept("optimum", key, lambda: derivations.optimum(model_name, data))
