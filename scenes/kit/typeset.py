"""Words and formulas as mobjects: cheap to copy, cheap to draw, and stable in Manim's cache.

Manim makes one mobject per glyph, and every animation copies and every frame draws each of
them on its own: for labels that only appear, move and fade, that was much of the render time.
`label` merges a text's glyphs into one path; `formula` keeps one path per MathTex part, so
`MatchingTex` can slide the parts that reappear in the next step of a derivation.
"""

import zlib

import numpy as np
from manim import WHITE, MathTex, Text, TransformMatchingTex, VMobject
from manim.mobject.text.tex_mobject import MathTexPart

from scenes.kit.outlines import outlines
from scenes.kit.style import BODY_SIZE, FONT, SMALL_SIZE, TEX_SIZE


def light(mob):
    """Drop the parsed SVG path Manim keeps on every glyph after drawing it.

    Every Transform, FadeIn and FadeOut copies its mobjects, and copying that path object was
    about 90% of the cost of copying a formula (1 ms per glyph).
    """
    for part in mob.get_family():
        if getattr(part, "path_obj", None) is not None:
            part.path_obj = None
    return mob


def text(content, size=BODY_SIZE, color=WHITE, **kwargs):
    return light(Text(content, font=FONT, font_size=size, color=color, **kwargs))


def tex(*content, size=TEX_SIZE, **kwargs):
    return light(MathTex(*content, font_size=size, **kwargs))


def _glyph_points(mob):
    parts = mob.family_members_with_points()
    return np.concatenate([p.points for p in parts]) if parts else np.zeros((0, 3))


class Label(VMobject):
    """Words or a formula drawn as ONE mobject: the glyphs merged into one path, one colour.

    ``text`` keeps the words (for messages and the layout probes).
    """

    def __init__(self, points, color=WHITE, words=""):
        super().__init__(fill_color=color, fill_opacity=1.0, stroke_width=0)
        self.points = np.array(points)
        self.text = words
        self.font_size = None  # Axes.add_labels sets it; a Label keeps the size it was made at


_labels = {}


def label(content, size=SMALL_SIZE, color=WHITE, math=False):
    """Words (or, with math, a formula) as one Label; identical labels are built only once."""
    key = (content, size, math)
    if key not in _labels:
        build = (lambda: [_glyph_points(MathTex(content, font_size=size))]) if math else (
            lambda: [_glyph_points(Text(content, font=FONT, font_size=size))])  # fmt: skip
        _labels[key] = outlines("label", key, build)[0]
    return Label(_labels[key], color, content)


class Formula(VMobject):
    """A MathTex of several parts, each part drawn as one mobject (see Label).

    Behaves like a MathTex for TransformMatchingTex: its submobjects are MathTexParts with
    their ``tex_string``, so a part that reappears in the next step slides into place.
    """

    def __init__(self, strings, parts, color=WHITE):
        super().__init__()
        self.tex_strings = list(strings)
        self.tex_string = " ".join(strings)
        for string, points in zip(strings, parts, strict=True):
            part = MathTexPart(fill_color=color, fill_opacity=1.0, stroke_width=0)
            part.tex_string, part.points = string, np.array(points)
            self.add(part)


def formula(*strings, size=TEX_SIZE, color=WHITE):
    """MathTex(*strings) as a Formula; its outlines are cached on disk."""

    def build():
        return [_glyph_points(part) for part in MathTex(*strings, font_size=size)]

    return Formula(strings, outlines("formula", (strings, size), build), color)


class _StableKey(str):
    """A TeX string whose hash is the same in every Python process (str's is salted)."""

    def __hash__(self):
        return zlib.crc32(self.encode())


class MatchingTex(TransformMatchingTex):
    """TransformMatchingTex whose pieces come in the same order however Python was started.

    TransformMatchingTex groups the matching pieces by iterating a set of their TeX strings,
    whose order follows str's salted hash: each process built a differently ordered group, so
    Manim's cache (which hashes the animation) missed every such step unless PYTHONHASHSEED
    was fixed. Keys with an unsalted hash make the order, and the cache, stable.
    """

    @staticmethod
    def get_mobject_key(mobject):
        return _StableKey(TransformMatchingTex.get_mobject_key(mobject))
