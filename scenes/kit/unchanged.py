"""A lecture that has not changed since its last render is not rendered again.

Manim's own cache skips every animation it has encoded before, but it still builds the whole
lecture and hashes each of its ~200 animations to find that out: 15-20 s for a lecture where
nothing changed. A render records a stamp beside its video: a digest of everything the
lecture is made from (the code of scenes/, fitting/ and derivations/, the notes and their
declarations, Manim's configuration, the voice setting, the library versions). When the next
render finds the same digest and the outputs still there, it stops before construct().

Anything else invalidates it: edit a beat's words, a notes step, manim.cfg or a command-line
option, and the render goes through Manim's cache as usual (only what changed is drawn again).
`--disable_caching` and a deck render (SLIDES=1) never skip.
"""

import hashlib
import os
import sys
from importlib.metadata import version
from pathlib import Path

from manim import config

import derivations

ROOT = Path(__file__).resolve().parents[2]
CODE = ("scenes", "fitting", "derivations")
SETTINGS = ("LECTURE_VOICE", "HOUSE_PRICES_NOTES", "SLIDES")
LIBRARIES = ("manim", "numpy", "sympy", "manimpango", "pycairo")


def digest(scene_name):
    """A digest of everything the lecture `scene_name` is rendered from."""
    h = hashlib.sha256(scene_name.encode())
    for folder in CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            h.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    notes = derivations.notes_path()
    for path in sorted(p for p in notes.parent.iterdir() if p.is_file()):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    # Every option (quality, frame rate, flags, output paths); a repr of each, sorted by name.
    h.update(repr(sorted((key, repr(config[key])) for key in config)).encode())
    h.update(repr([os.environ.get(name) for name in SETTINGS]).encode())
    h.update(repr([sys.version, *(version(name) for name in LIBRARIES)]).encode())
    return h.hexdigest()


class Stamp:
    """The stamp of one render: `fresh()` before rendering, `write()` after."""

    def __init__(self, scene_name, movie: Path, outputs):
        self.path = movie.with_suffix(".stamp")
        self.outputs = [movie, *outputs]
        self.enabled = not config.disable_caching and os.environ.get("SLIDES") != "1"
        self.value = digest(scene_name) if self.enabled else ""

    def fresh(self):
        """True when the last render had the same digest and its outputs are all still there."""
        return (self.enabled and all(p.exists() for p in self.outputs)
                and self.path.exists() and self.path.read_text() == self.value)  # fmt: skip

    def write(self):
        if self.enabled:
            self.path.write_text(self.value)
