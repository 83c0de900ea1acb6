"""Live readouts: numbers that change every frame without rebuilding mobjects."""

import numpy as np
from manim import DOWN, RIGHT, WHITE, MathTex, VGroup, VMobject

from scenes.kit.style import READOUT_SIZE
from scenes.kit.typeset import label

_GLYPHS = "-0123456789.,"


_glyph_cache = {}


def _glyphs(size):
    """Each character's outline (points) and cell width, cut from one TeX compile of them all."""
    if size not in _glyph_cache:
        parts = MathTex("-0123456789.{,}", font_size=size)[0]
        digit = max(g.width for g in parts[1:11]) * 1.12
        table = {}
        for char, glyph in zip(_GLYPHS, parts, strict=True):
            cell = digit if char.isdigit() else glyph.width + 0.3 * digit
            left = glyph.get_left()[0] - (cell - glyph.width) / 2
            table[char] = (glyph.points - [left, 0, 0], cell)
        _glyph_cache[size] = table
    return _glyph_cache[size]


class LiveNumber(VMobject):
    """A number that can change every frame without rebuilding mobjects.

    DecimalNumber.set_value deep-copies its glyphs on every change: in a descent that was nearly
    all of the render time. Here the glyph outlines are cut once and a change only rewrites this
    one mobject's points. The first four points are an invisible reference segment (baseline
    origin and ``_REF`` to its right) so the number keeps its place and scale however it was
    moved or scaled since.
    """

    _REF = 0.05

    def __init__(self, value=0.0, decimals=2, size=READOUT_SIZE, commas=False, color=WHITE):
        super().__init__(fill_color=color, fill_opacity=1.0, stroke_width=0)
        self.decimals, self.size, self.commas = decimals, size, commas
        self.shown = None
        self.points = np.array([[0, 0, 0]] * 2 + [[self._REF, 0, 0]] * 2, dtype=float)
        self.set_value(value)

    def format(self, value):
        return f"{value:{',' if self.commas else ''}.{self.decimals}f}"

    def set_value(self, value):
        self.value = float(value)
        shown = self.format(self.value)
        if shown == self.shown:
            return self
        self.shown = shown
        origin, ref = self.points[0], self.points[3]
        scale = np.linalg.norm(ref - origin) / self._REF
        glyphs = _glyphs(self.size)
        pieces, x = [self.points[:4]], 0.0
        for char in shown:
            outline, cell = glyphs[char]
            pieces.append(origin + (outline + [x, 0, 0]) * scale)
            x += cell
        self.points = np.concatenate(pieces)
        return self


class Readouts(VGroup):
    """A header of live values: 'W = 1.2345   b = -4.6483 ...'.

    ``decimals`` maps each label (TeX) to its decimal places (0: an integer with commas).
    ``values`` keeps what was last set, for tests. The numbers change in place, so during an
    animation Manim redraws them only if they come, in the scene's mobject order, at or after
    the first mobject carrying an updater (everything before it is drawn once, as background).
    """

    def __init__(self, decimals, size=READOUT_SIZE, colors=None, buff=0.55):
        super().__init__()
        colors = colors or {}
        self.values = {}
        self.numbers = {}
        for key, places in decimals.items():
            color = colors.get(key, WHITE)
            name = label(key + "=", size, color, math=True)
            number = LiveNumber(0, places, size, commas=places == 0, color=color)
            number.next_to(name, RIGHT, buff=0.12).align_to(name, DOWN)
            self.numbers[key] = number
            self.add(VGroup(name, number))
        self.arrange(RIGHT, buff=buff, aligned_edge=DOWN)

    def set_values(self, values):
        for key, value in values.items():
            self.values[key] = float(value)
            self.numbers[key].set_value(value)
        return self
