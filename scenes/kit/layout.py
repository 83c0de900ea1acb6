"""Where things go: fitting inside the frame, title cards, section headings, padded ranges."""

import numpy as np
from manim import DOWN, LEFT, UP, VGroup, config

from scenes.kit.palette import MUTED
from scenes.kit.style import BODY_SIZE, MARGIN, TITLE_SIZE
from scenes.kit.typeset import label


def fit_inside(mob, width=None, height=None):
    """Scale mob down (never up) to fit width x height (defaults: the frame, less margins)."""
    width = width or config.frame_width - 2 * MARGIN
    height = height or config.frame_height - 2 * MARGIN
    factor = min(1.0, width / max(mob.width, 1e-9), height / max(mob.height, 1e-9))
    return mob.scale(factor)


def title_card(title, question):
    """The lecture's title with its question underneath."""
    head = label(title, TITLE_SIZE)
    sub = label(question, BODY_SIZE, color=MUTED)
    return fit_inside(VGroup(head, sub).arrange(DOWN, buff=0.4))


def section_title(content):
    """A small heading pinned to the top-left corner."""
    return label(content, BODY_SIZE, color=MUTED).to_corner(UP + LEFT, buff=MARGIN + 0.1)


def padded(values, pad=0.2):
    """(low, high) of values, widened by `pad` of their span on each side (1 if they agree)."""
    lo, hi = float(np.min(values)), float(np.max(values))
    span = hi - lo if hi > lo else 1.0
    return lo - pad * span, hi + pad * span
