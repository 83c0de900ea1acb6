"""Which recorded rows of a descent get a frame: spread by visible motion, not by epochs."""

import numpy as np


def path_length(loss, params):
    """Cumulative length along a descent, in parameters and log-loss each scaled to [0, 1]."""
    path = np.column_stack([params, np.log10(loss)])
    span = np.ptp(path, axis=0)
    span[span == 0] = 1.0
    steps = np.linalg.norm(np.diff(path / span, axis=0), axis=1)
    return np.concatenate([[0.0], np.cumsum(steps)])


def keyframes(loss, params, count):
    """At most `count` row indices spread evenly along the descent's path, first and last kept.

    Frames follow visible motion: a fast early drop and a slow crawl along a valley get screen
    time by how far they move (path_length), not by how many epochs they took.
    """
    s = path_length(loss, params)
    rows = np.searchsorted(s, np.linspace(0, s[-1], count)).clip(0, len(s) - 1)
    rows[0], rows[-1] = 0, len(s) - 1
    return np.unique(rows)
