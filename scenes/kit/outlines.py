"""Glyph outlines kept on disk, so a re-render does not parse the same SVG again.

Manim caches the SVG of each text and formula, but parses it again on every render, at about
1.5 ms per glyph: in a derivation that was seconds. The parsed points are kept in
media_dir/outlines, keyed by everything that shapes them, and written atomically.
"""

import hashlib
import os
from pathlib import Path

import manim
import numpy as np
from manim import __version__ as manim_version

from scenes.kit.style import FONT


def write_atomically(path, write):
    """Call write(temporary path), then move the file into place: a parallel render never reads
    half a file, and a failed write leaves nothing behind."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.stem}.{os.getpid()}{path.suffix}")
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def outlines(kind, key, build):
    """The outlines (a list of point arrays) of a text or formula: from disk, else build()."""
    digest = hashlib.sha1(repr((kind, key, FONT, manim_version)).encode()).hexdigest()[:20]
    # manim.config, not a global `config`: Manim's cache hashes a function with the globals it
    # reads, and the config's keys come in a different order in every process.
    path = Path(manim.config.media_dir) / "outlines" / f"{digest}.npz"
    try:
        with np.load(path) as saved:
            return [saved[f"part{i}"] for i in range(len(saved.files))]
    except (OSError, ValueError, KeyError):
        pass
    parts = build()
    write_atomically(path, lambda p: np.savez(p, **{f"part{i}": a for i, a in enumerate(parts)}))
    return parts
