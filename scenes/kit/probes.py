"""Probes the tests run on what a lecture shows: the text on screen at a key moment, whether any
leaves the frame or lands on other text, and how small its glyphs are drawn."""

import numpy as np
from manim import DecimalNumber, SingleStringMathTex, Text, config

from scenes.kit.readouts import LiveNumber
from scenes.kit.typeset import Formula, Label

TEXT_TYPES = (Text, SingleStringMathTex, DecimalNumber, LiveNumber, Label, Formula)
SMALLEST_GLYPH = 0.025  # of the frame's height: 12 px at 480p, where smaller text blurs


def _texts(scene):
    """(name, [screen points of each part]) of every visible text on screen."""
    camera = scene.renderer.camera
    found = []

    def visit(mob):
        if isinstance(mob, TEXT_TYPES):
            parts = [m for m in mob.family_members_with_points() if m.get_fill_opacity() > 0.05]
            points = [camera.transform_points_pre_display(m, m.points) for m in parts]
            if parts and sum(map(len, points)):
                name = getattr(mob, "tex_string", None) or getattr(mob, "text", None)
                found.append((name or getattr(mob, "shown", None) or type(mob).__name__,
                              list(zip(parts, points, strict=True))))  # fmt: skip
            return
        for sub in mob.submobjects:
            visit(sub)

    for mob in scene.mobjects:
        visit(mob)
    return found


def text_boxes(scene):
    """[(label, (x0, y0, x1, y1))] of every visible text on screen, in screen coordinates."""
    boxes = []
    for name, parts in _texts(scene):
        points = np.concatenate([p for _, p in parts])
        (x0, y0), (x1, y1) = points[:, :2].min(0), points[:, :2].max(0)
        boxes.append((name, (x0, y0, x1, y1)))
    return boxes


def glyph_heights(scene):
    """[(label, height / frame height)] of every visible text with a letter or digit: the
    height of its tallest glyph outline, i.e. the size it is set in on screen. Flat outlines
    (=, minus signs, fraction bars: wider than twice their height) are not glyph heights, and
    dots and subscripts do not decide how legible a text is."""
    sizes = []
    for name, parts in _texts(scene):
        tallest = 0.0
        for mob, points in parts:
            for outline in mob.get_subpaths_from_points(points):
                width, height = np.ptp(outline[:, 0]), np.ptp(outline[:, 1])
                if height >= 0.5 * width:
                    tallest = max(tallest, float(height))
        if tallest:
            sizes.append((name, tallest / config.frame_height))
    return sizes


def smallest_glyph(scene):
    """(fraction of the frame's height, label) of the smallest-set text on screen."""
    sizes = glyph_heights(scene)
    return min(((size, name) for name, size in sizes), default=(float("inf"), ""))


def outside_frame(boxes, margin=0.0):
    """Labels of boxes that leave the frame."""
    w, h = config.frame_width / 2 - margin, config.frame_height / 2 - margin
    return [lab for lab, (x0, y0, x1, y1) in boxes if x0 < -w or x1 > w or y0 < -h or y1 > h]


def overlapping(boxes, tolerance=0.02):
    """Pairs of labels whose boxes overlap by more than `tolerance` in both directions."""
    pairs = []
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(boxes):
        for b, (bx0, by0, bx1, by1) in boxes[i + 1 :]:
            dx = min(ax1, bx1) - max(ax0, bx0)
            dy = min(ay1, by1) - max(ay0, by0)
            if dx > tolerance and dy > tolerance:
                pairs.append((a, b))
    return pairs
