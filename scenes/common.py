"""Shared pieces of every lecture: style, the data plot, readouts, the derivation board,
the loss surface and the curve-fitting lecture that linear.py, sigmoid.py and cubic.py specialise.

Scenes only lay out and animate what fitting/ and derivations/ computed: every number drawn here
arrives as an argument or from those packages, none is typed in.
"""

import hashlib
import os
from pathlib import Path

import numpy as np
from manim import (
    BLACK,
    DEGREES,
    DOWN,
    GREEN,
    GREY_B,
    LEFT,
    ORANGE,
    OUT,
    RED,
    RIGHT,
    UP,
    WHITE,
    YELLOW,
    Axes,
    Circle,
    Create,
    DashedLine,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    ImplicitFunction,
    LaggedStart,
    Line,
    ManimColor,
    MathTex,
    Scene,
    SingleStringMathTex,
    SurroundingRectangle,
    Table,
    Text,
    ThreeDAxes,
    ThreeDCamera,
    ThreeDScene,
    TransformMatchingTex,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
    linear,
    smooth,
)
from manim import __version__ as manim_version
from manim.mobject.text.tex_mobject import MathTexPart

import derivations
from fitting import NOTES, dataset_loss, ensure_trajectory, loss_grid, predict
from fitting.models import MODELS

# --- style -----------------------------------------------------------------------------------
FONT = "DejaVu Sans"
TITLE_SIZE = 44
BODY_SIZE = 30
SMALL_SIZE = 22
TEX_SIZE = 40
READOUT_SIZE = 28

DATA_COLOR = YELLOW
MODEL_COLOR = "#4fa3ff"  # the fitted curve
PATH_COLOR = ORANGE  # the descent's path and current point
LOSS_COLOR = "#ff6b6b"
W_COLOR = "#7ee081"
B_COLOR = "#c792ea"
MUTED = GREY_B
SURFACE_COLORS = ["#1d1747", "#263f80", "#22738f", "#2fa08a", "#86c66b", "#e3d96a"]  # low -> high

VERDICT_STYLE = {  # derivations' verdict -> (mark, colour)
    "correct": ("\u2713 correct", GREEN),
    "wrong": ("\u2717 wrong", RED),
    "typo": ("\u2717 typo", ORANGE),
    "incomplete": ("\u2026 incomplete", YELLOW),
}

PRICE_UNIT_EUR = 100_000  # the notes' prices are in 100,000 EUR
MARGIN = 0.2  # keep text this far inside the frame


def light(mob):
    """Drop the parsed SVG path Manim keeps on every glyph after drawing it.

    Every Transform, FadeIn and FadeOut copies its mobjects, and copying that path object was
    about 90% of the cost of copying a formula (1 ms per glyph): the derivations spent most of
    their render time there.
    """
    for part in mob.get_family():
        if getattr(part, "path_obj", None) is not None:
            part.path_obj = None
    return mob


def text(content, size=BODY_SIZE, color=WHITE, **kwargs):
    return light(Text(content, font=FONT, font_size=size, color=color, **kwargs))


def tex(*content, size=TEX_SIZE, **kwargs):
    return light(MathTex(*content, font_size=size, **kwargs))


def _outlines(kind, key, build):
    """The glyph outlines (a list of point arrays) of a text or formula, cached on disk.

    Manim caches the SVG of each text and formula, but parses it again on every render, at
    about 1.5 ms per glyph: in a derivation that was seconds. The parsed points are kept in
    media_dir/outlines, keyed by everything that shapes them.
    """
    digest = hashlib.sha1(repr((kind, key, FONT, manim_version)).encode()).hexdigest()[:20]
    path = Path(config.media_dir) / "outlines" / f"{digest}.npz"
    try:
        with np.load(path) as saved:
            return [saved[f"part{i}"] for i in range(len(saved.files))]
    except (OSError, ValueError, KeyError):
        pass
    parts = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.npz")
    np.savez(temporary, **{f"part{i}": part for i, part in enumerate(parts)})
    os.replace(temporary, path)  # atomic: parallel renders never read half a file
    return parts


def _glyph_points(mob):
    parts = mob.family_members_with_points()
    return np.concatenate([p.points for p in parts]) if parts else np.zeros((0, 3))


class Label(VMobject):
    """Words or a formula drawn as ONE mobject: the glyphs merged into one path, one colour.

    Manim makes one mobject per glyph, and every animation copies and every frame draws each
    of them on its own: for labels that only appear, move and fade, that was much of the render
    time. ``text`` keeps the words (for messages and the layout tests).
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
        _labels[key] = _outlines("label", key, build)[0]
    return Label(_labels[key], color, content)


class Formula(VMobject):
    """A MathTex of several parts, each part drawn as one mobject (see Label).

    Behaves like a MathTex for TransformMatchingTex: its submobjects are MathTexParts with
    their ``tex_string``, so a part that reappears in the next step slides into place.
    """

    def __init__(self, strings, outlines, color=WHITE):
        super().__init__()
        self.tex_strings = list(strings)
        self.tex_string = " ".join(strings)
        for string, points in zip(strings, outlines, strict=True):
            part = MathTexPart(fill_color=color, fill_opacity=1.0, stroke_width=0)
            part.tex_string, part.points = string, np.array(points)
            self.add(part)


def formula(*strings, size=TEX_SIZE, color=WHITE):
    """MathTex(*strings) as a Formula; its outlines are cached on disk."""

    def build():
        return [_glyph_points(part) for part in MathTex(*strings, font_size=size)]

    return Formula(strings, _outlines("formula", (strings, size), build), color)


def eur(price):
    """A price in the notes' unit (100,000 EUR) as whole euros: 0.7 -> '70,000 EUR'."""
    euros = round(float(price) * PRICE_UNIT_EUR)
    return f"{euros:,} EUR".replace("-", "\u2212")


def eur_short(price):
    """Tick-label form: 2.5 -> '250k', 10 -> '1M'."""
    euros = float(price) * PRICE_UNIT_EUR
    if abs(euros) >= 1_000_000:
        return f"{euros / 1_000_000:g}M".replace("-", "\u2212")
    return f"{euros / 1000:g}k".replace("-", "\u2212") if euros else "0"


_PLAIN = {
    "^3": "\u00b3",
    "^2": "\u00b2",
    r"\partial": "\u2202",
    r"\sigma": "\u03c3",
    r"\cdot": "\u00b7",
    r"\alpha": "\u03b1",
    "theta_0": "\u03b80",
    "theta_1": "\u03b81",
    "dtheta": "d\u03b8",
    "theta": "\u03b8",
    "sigma": "\u03c3",
}


def plain(reason):
    """A derivations/ reason (plain text with a few TeX names) as readable Unicode."""
    for name, symbol in _PLAIN.items():
        reason = reason.replace(name, symbol)
    return reason


def fit_inside(mob, width=None, height=None):
    """Scale mob down (never up) to fit width x height (defaults: the frame, less margins)."""
    width = width or config.frame_width - 2 * MARGIN
    height = height or config.frame_height - 2 * MARGIN
    factor = min(1.0, width / max(mob.width, 1e-9), height / max(mob.height, 1e-9))
    return mob.scale(factor)


def beat(scene, *animations, say=None, run_time=1.0, hold=0.0):
    """Play animations, then hold still for `hold` s; the subtitle `say` stays up for both."""
    scene.play(*animations, run_time=run_time, subcaption=say,
               subcaption_duration=run_time + hold)  # fmt: skip
    if hold:
        scene.wait(hold)


def nice_step(span, most=6):
    """A round tick step giving at most `most` ticks over span."""
    for unit in 10.0 ** np.arange(-3, 12):
        for step in (1, 2, 2.5, 5):
            if span / (step * unit) <= most:
                return step * unit
    return span / most


# --- title -----------------------------------------------------------------------------------
def title_card(title, question):
    """The lecture's title with its question underneath."""
    head = label(title, TITLE_SIZE)
    sub = label(question, BODY_SIZE, color=MUTED)
    return fit_inside(VGroup(head, sub).arrange(DOWN, buff=0.4))


def section_title(content):
    """A small heading pinned to the top-left corner."""
    return label(content, BODY_SIZE, color=MUTED).to_corner(UP + LEFT, buff=MARGIN + 0.1)


# --- data plot ---------------------------------------------------------------------------------
def data_axes(x_max, y_max, width=6.0, height=4.2, y_min=0.0, x_step=None, y_step=None):
    """Floors against price: y in the notes' unit (100,000 EUR), tick labels in EUR."""
    x_step = x_step or max(1, nice_step(x_max))
    y_step = y_step or nice_step(y_max - y_min)
    axes = Axes(
        x_range=[0, x_max, x_step],
        y_range=[y_min, y_max, y_step],
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": MUTED, "stroke_width": 2, "font_size": SMALL_SIZE},
    )
    xs = np.arange(x_step, x_max + 1e-9, x_step)
    axes.x_axis.add_labels({x: label(f"{x:g}") for x in xs})
    first = np.ceil(y_min / y_step) * y_step
    ys = [y for y in np.arange(first, y_max + 1e-9, y_step) if abs(y) > 1e-9]
    axes.y_axis.add_labels({y: label(eur_short(y)) for y in ys})
    x_label = label("floors", color=MUTED).next_to(axes.x_axis, DOWN, buff=0.4)
    y_label = label("price (EUR)", color=MUTED)
    y_label.next_to(axes.y_axis, UP, buff=0.15).align_to(axes.y_axis, LEFT)
    axes.add(x_label, y_label)
    return axes


def data_points(axes, data, radius=0.08):
    return VGroup(
        *(
            Dot(axes.c2p(x, y), radius=radius, color=DATA_COLOR)
            for x, y in zip(data.x, data.y, strict=True)
        )
    )


def price_table(data, size=SMALL_SIZE):
    """The data as a small two-column table: floors, price in EUR."""
    rows = [[f"{x:g}", eur(y)] for x, y in zip(data.x, data.y, strict=True)]
    return Table(
        rows,
        col_labels=[label("floors", size, color=MUTED), label("price", size, color=MUTED)],
        element_to_mobject=lambda s: label(s, size),
        include_outer_lines=False,
        v_buff=0.22,
        h_buff=0.5,
        line_config={"stroke_width": 1, "color": MUTED},
    )


def curve_points(axes, xs, ys):
    """Scene points of the samples (xs, ys) that fall inside the axes' y range (longest run)."""
    y_min, y_max = axes.y_range[:2]
    inside = (ys >= y_min) & (ys <= y_max)
    if not inside.any():
        return np.zeros((0, 3))
    edges = np.flatnonzero(np.diff(np.concatenate([[0], inside.astype(int), [0]])))
    starts, stops = edges[::2], edges[1::2]
    longest = np.argmax(stops - starts)
    run = slice(starts[longest], stops[longest])
    return np.asarray(axes.c2p(xs[run], ys[run])).T


def polyline_points(points):
    """The Bezier points of a polyline through `points` (what set_points_as_corners stores)."""
    if len(points) < 2:
        points = np.repeat(np.reshape(points, (-1, 3))[:1], 2, axis=0)
    return VMobject().set_points_as_corners(points).points


# --- readouts ----------------------------------------------------------------------------------
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


def decimals_for(value, significant=3):
    """Decimal places that show `significant` digits of a small value (0.000149 -> 6)."""
    value = abs(float(value))
    return max(2, significant - 1 - int(np.floor(np.log10(value)))) if value else 2


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


# --- derivations -------------------------------------------------------------------------------
def tag(words, color, size=SMALL_SIZE):
    """A coloured label in a rounded box."""
    words = label(words, size, color)
    box = SurroundingRectangle(words, color=color, buff=0.1, corner_radius=0.08, stroke_width=2)
    return VGroup(box, words)


def verdict_mark(verdict, size=SMALL_SIZE):
    """The verdict from derivations/ as a coloured tag: '✓ correct', '✗ wrong', ..."""
    return tag(*VERDICT_STYLE[verdict], size=size)


def step_tex(content, width=None, height=3.4, size=TEX_SIZE):
    """One formula (or several MathTex parts), scaled down to fit the board."""
    parts = content if isinstance(content, (list, tuple)) else [content]
    return fit_inside(formula(*parts, size=size), width or config.frame_width - 1.0, height)


class DerivationBoard:
    """Plays a derivation chain (derivations.chain) step by step, each with its verdict.

    A step continuing the previous one is written as 'previous = step', so each transition
    moves the last result to the left and writes the next. A correct step gets a green tick; a
    step the notes got wrong stays as written, crossed out with its verdict and one-line reason,
    then turns into the correction. A reason already explained is not explained again at length.
    ``shown`` records (step id, verdict) in order, for tests.
    """

    def __init__(self, scene, heading, step_seconds=1.6, center=0.2 * DOWN):
        self.scene = scene
        self.heading_text = heading
        self.heading = section_title(heading)
        self.center = center
        self.step_seconds = step_seconds
        self.shown = []
        self.explained = set()
        self.current = None  # the formula on the board
        self.labels = VGroup()  # source line, verdict tag, reason
        self.strike = self.reason = None  # on a step the notes got wrong
        self.again = False  # its reason was explained before

    def play(self, steps, intro=None):
        beat(self.scene, FadeIn(self.heading), say=intro or self.heading_text, run_time=0.6)
        previous = None
        for number, step in enumerate(steps, 1):
            left = previous if step.relation else step.label or None
            where = f"step {number}/{len(steps)}"
            self._show(left, step, where)
            if step.verdict != "correct":
                self._correct(left, step, where)
            self._snapshot(step)
            self.shown.append((step.id, step.verdict))
            previous = step.corrected_tex or step.tex
        self.scene.play(FadeOut(self.current), FadeOut(self.labels), FadeOut(self.heading))
        self.current = None
        return self.shown

    def _formula(self, left, step, content):
        if left is None:
            parts = [content]
        elif step.relation:
            parts = [left, step.relation, content]
        else:  # a label such as "dx \, linear :" or "h_\theta(x) ="
            parts = [left, content]
        return step_tex(parts).move_to(self.center)

    def _labels(self, formula, words, mark):
        labels = VGroup(label(words, color=MUTED), mark).arrange(RIGHT, buff=0.4)
        return labels.next_to(formula, DOWN, buff=0.45)

    def _show(self, left, step, where):
        """Write the step as the notes have it: with its verdict, and, if it is not correct,
        struck through with the reason (explained at length only the first time)."""
        formula = self._formula(left, step, step.tex)
        checked = f"  \u00b7  SymPy: {step.check}" if getattr(step, "check", "") else ""
        words = f"{where}  \u00b7  notes, line {step.line}{checked}"
        labels = self._labels(formula, words, verdict_mark(step.verdict))
        say, hold = f"Line {step.line} of the notes: {step.verdict}.", self.step_seconds
        if not step.relation and not step.label:  # a bare left-hand side: little to read
            hold = 0.8
        marks = []
        if step.verdict != "correct":
            again = self.again = step.reason in self.explained
            self.explained.add(step.reason)
            color = VERDICT_STYLE[step.verdict][1]
            corner = formula[-1].get_corner  # the step itself, not what it follows from
            self.strike = Line(corner(DOWN + LEFT), corner(UP + RIGHT), color=color, stroke_width=3)
            self.reason = label(plain(step.reason), color=color)
            fit_inside(self.reason.next_to(labels, DOWN, buff=0.3))
            marks = [Create(self.strike), FadeIn(self.reason)]
            say = "The same slip again: " if again else f"Line {step.line} is {step.verdict}: "
            say += plain(step.reason)
            hold = 0.8 if again else self.step_seconds + 1.2
        if self.current is None:
            beat(self.scene, Write(formula), FadeIn(labels), *marks, say=say, run_time=1.0,
                 hold=hold)  # fmt: skip
        else:
            move = TransformMatchingTex(self.current, formula)
            swap = (FadeOut(self.labels), FadeIn(labels))
            beat(self.scene, move, *swap, *marks, say=say, run_time=0.9, hold=hold)
        self.current, self.labels = formula, labels

    def _correct(self, left, step, where):
        """Turn the struck-through step into its correction, keeping the reason on screen."""
        fixed = self._formula(left, step, step.corrected_tex)
        labels = self._labels(fixed, f"{where}  \u00b7  corrected", tag("\u2713 corrected", GREEN))
        beat(
            self.scene,
            FadeOut(self.strike),
            TransformMatchingTex(self.current, fixed),
            FadeOut(self.labels),
            FadeIn(labels),
            self.reason.animate.next_to(labels, DOWN, buff=0.3),
            say="Corrected, and the derivation continues from the correction.",
            run_time=0.9,
            hold=0.6 if self.again else self.step_seconds,
        )
        self.current, self.labels = fixed, VGroup(*labels, self.reason)

    def _snapshot(self, step):
        moments = getattr(self.scene, "key_moments", None)
        if moments is not None:
            moments[f"step {step.id}"] = text_boxes(self.scene)


# --- checks the tests run on what is shown ----------------------------------------------------
TEXT_TYPES = (Text, SingleStringMathTex, DecimalNumber, LiveNumber, Label, Formula)


def text_boxes(scene):
    """[(label, (x0, y0, x1, y1))] of every visible text on screen, in screen coordinates."""
    camera = scene.renderer.camera
    boxes = []

    def visit(mob):
        if isinstance(mob, TEXT_TYPES):
            points = np.concatenate(
                [
                    camera.transform_points_pre_display(m, m.points)
                    for m in mob.family_members_with_points()
                ]
                or [np.zeros((0, 3))]
            )
            visible = any(m.get_fill_opacity() > 0.05 for m in mob.family_members_with_points())
            if len(points) and visible:
                (x0, y0), (x1, y1) = points[:, :2].min(0), points[:, :2].max(0)
                label = getattr(mob, "tex_string", None) or getattr(mob, "text", None)
                label = label or getattr(mob, "shown", None) or type(mob).__name__
                boxes.append((label, (x0, y0, x1, y1)))
            return
        for sub in mob.submobjects:
            visit(sub)

    for mob in scene.mobjects:
        visit(mob)
    return boxes


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


# --- the loss surface --------------------------------------------------------------------------
def colormap(t):
    """SURFACE_COLORS interpolated at t in [0, 1] (low loss dark, high loss light)."""
    t = float(np.clip(t, 0, 1)) * (len(SURFACE_COLORS) - 1)
    i = min(int(t), len(SURFACE_COLORS) - 2)
    return ManimColor(SURFACE_COLORS[i]).interpolate(ManimColor(SURFACE_COLORS[i + 1]), t - i)


def _segments_points(starts, ends):
    """Bezier points of straight segments starts[i] -> ends[i] (what Manim's lines store)."""
    return np.stack([starts, starts + (ends - starts) / 3, starts + 2 * (ends - starts) / 3, ends],
                    axis=-2).reshape(-1, 3)  # fmt: skip


def surface_bands(axes, W, b, height, bands=16, opacity=0.9, wire_every=3):
    """A surface z = height over the grid (W, b): a few filled VMobjects and one wireframe.

    Manim's Surface is one mobject per face, each projected, shaded and drawn on its own: 400
    faces made a turning camera 20 times dearer than the floor. Here the faces are coloured by
    height band; along each row of the grid, neighbouring faces of one band merge into one
    polygon, and each band is one VMobject of such polygons, drawn low to high (which occludes
    correctly for a loss seen from above). Every `wire_every`-th grid line is one more VMobject.
    """
    corners = np.asarray(axes.c2p(W.ravel(), b.ravel(), height.ravel())).T.reshape(*W.shape, 3)
    mean = (height[:-1, :-1] + height[1:, :-1] + height[1:, 1:] + height[:-1, 1:]) / 4
    lo, hi = height.min(), height.max()
    level = np.clip(((mean - lo) / max(hi - lo, 1e-12) * bands).astype(int), 0, bands - 1)
    polygons = {k: [] for k in range(bands)}
    for i, row in enumerate(level):
        cuts = [0, *(np.flatnonzero(np.diff(row)) + 1), len(row)]
        for j0, j1 in zip(
            cuts[:-1], cuts[1:], strict=False
        ):  # faces j0..j1-1 of row i share a band
            ring = np.concatenate([corners[i, j0 : j1 + 1], corners[i + 1, j0 : j1 + 1][::-1]])
            polygons[row[j0]].append(np.concatenate([ring, ring[:1]]))
    group = VGroup()
    for k, rings in polygons.items():
        if rings:
            band = VMobject(fill_color=colormap((k + 0.5) / bands), fill_opacity=opacity,
                            stroke_width=0)  # fmt: skip
            band.points = np.concatenate([_segments_points(r[:-1], r[1:]) for r in rings])
            group.add(band)
    lines = [*corners[::wire_every], *corners[:, ::wire_every].transpose(1, 0, 2)]
    wire = VMobject(stroke_color=BLACK, stroke_width=0.8, stroke_opacity=0.35, fill_opacity=0)
    wire.points = np.concatenate([_segments_points(line[:-1], line[1:]) for line in lines])
    return group.add(wire)


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


def polyline_prefix(full, k):
    """The Bezier points of the first k + 1 corners of a polyline made by polyline_points."""
    return full[: 4 * k] if k else np.repeat(full[:1], 4, axis=0)


def polyline_to(full, corners, k, point):
    """Bezier points of a polyline along its first k + 1 corners, then on to `point`.

    `full` holds the Bezier points of the whole polyline through `corners` (polyline_points).
    """
    return np.concatenate([full[: 4 * k], _segments_points(corners[k : k + 1], point[None])])


def log_axes(x_max, z_lo, z_hi, width, height, x_label):
    """Axes for log10 values from z_lo to z_hi, labelled 10^k, with the x axis at the bottom.

    Manim draws the x axis through y = 0, so the y coordinate is log10 - z_lo: plot points
    with ``axes.c2p(x, log10_value - axes.z_lo)``.
    """
    axes = Axes(
        x_range=[0, x_max, nice_step(x_max, 4)],
        y_range=[0, z_hi - z_lo, 1],
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": MUTED, "stroke_width": 2, "font_size": SMALL_SIZE},
    )
    axes.z_lo = z_lo
    every = max(1, int(np.ceil((z_hi - z_lo) / 3)))  # at most four labels
    powers = range(int(z_hi), int(z_lo) - 1, -every)
    axes.y_axis.add_labels(
        {z - z_lo: label(f"10^{{{z}}}", SMALL_SIZE + 4, math=True) for z in powers}
    )
    ticks = np.arange(axes.x_range[2], x_max + 1e-9, axes.x_range[2])
    axes.x_axis.add_labels({x: label(f"{x:,.0f}", SMALL_SIZE - 4) for x in ticks})
    return axes.add(label(x_label, color=MUTED).next_to(axes.x_axis, RIGHT, buff=0.15))


# --- the curve-fitting lecture -------------------------------------------------------------------
class OffsetCamera(ThreeDCamera):
    """A ThreeDCamera that draws the 3D world shifted on screen, beside 2D panels fixed in frame.

    ThreeDCamera projects the 3D world around the frame's centre; the lecture wants the surface
    in its right-hand column while the data plot stays on the left.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.screen_offset = np.zeros(3)

    def project_points(self, points):
        return super().project_points(points) + self.screen_offset


def chain_steps(name, *ids, prefix=""):
    """derivations.chain(name), optionally only the steps `ids` or those whose id has `prefix`."""
    steps = derivations.chain(name)
    return [s for s in steps if (not ids or s.id in ids) and s.id.startswith(prefix)]


class CurveFitLecture(ThreeDScene):
    """One lecture on fitting `model_name` to the notes' houses (linear.py, sigmoid.py, cubic.py).

    A lecture file subclasses this and lists its sections in construct(). Sections record what
    they show, for tests: ``shown_verdicts`` (chain, step id, verdict), ``curve_params`` and
    ``readout_values`` (as last drawn), ``shown_rows`` (trajectory rows drawn, in order),
    ``key_moments`` (text boxes on screen at each key moment), ``predictions`` (floors -> price).
    """

    model_name = ""
    title = ""
    question = "What does a house cost, given its number of floors?"
    data = NOTES
    x_max = 5  # floors on the data plot: the notes ask about 3 and 5

    def __init__(self, **kwargs):
        super().__init__(camera_class=OffsetCamera, **kwargs)
        self.key_moments = {}
        self.shown_verdicts = []
        self.curve_params = None
        self.readout_values = {}
        self.shown_rows = []
        self.predictions = {}

    def setup(self):
        self.model = MODELS[self.model_name]
        self.traj = ensure_trajectory(self.model_name, Path(config.media_dir) / "trajectories")
        self.final_params = self.traj.final
        self.optimum = derivations.optimum(self.model_name, self.data)

    still_in_frame = None  # panels fixed in frame that a turning camera need not redraw

    def get_moving_mobjects(self, *animations):
        """What to redraw each frame: all but the still panels while the camera turns, else
        Scene's rule. (ThreeDScene redraws everything once a camera tracker has been animated,
        for the rest of the scene, since played trackers stay among the scene's mobjects.)"""
        trackers = set(self.renderer.camera.get_value_trackers())
        if any(animation.mobject in trackers for animation in animations):
            return [m for m in self.mobjects if m is not self.still_in_frame]
        return Scene.get_moving_mobjects(self, *animations)

    def predict(self, params, xs):
        return np.asarray(predict(self.model, params, np.asarray(xs, dtype=float)), dtype=float)

    def snapshot(self, name):
        self.key_moments[name] = text_boxes(self)

    def derive(self, heading, steps, chain_name, **board):
        shown = DerivationBoard(self, heading, **board).play(steps)
        self.shown_verdicts += [(chain_name, step_id, verdict) for step_id, verdict in shown]

    def fade_all(self, run_time=0.4):
        self.play(*(FadeOut(m) for m in self.mobjects), run_time=run_time)

    # 1. the question and the data
    def title_section(self):
        self.next_section("1 question and data")
        card = title_card(self.title, self.question)
        beat(self, Write(card[0]), FadeIn(card[1]), say=self.title, run_time=1.5, hold=1.5)
        self.play(FadeOut(card), run_time=0.5)
        data = self.data
        axes = data_axes(self.x_max, nice_ceil(max(data.y) * 1.1), width=6.2, height=4.6)
        axes.to_edge(LEFT, buff=0.9).shift(0.3 * DOWN)
        table = price_table(data).to_edge(RIGHT, buff=0.9).shift(0.3 * DOWN)
        question = label(self.question, BODY_SIZE).to_edge(UP, buff=0.4)
        dots = data_points(axes, data)
        beat(
            self,
            FadeIn(question),
            Create(axes),
            run_time=1.2,
            say=f"The notes' data: {len(data)} houses and their prices, by number of floors.",
        )
        low, high = np.argmin(data.y), np.argmax(data.y)
        beat(self, LaggedStart(*(GrowFromCenter(d) for d in dots), lag_ratio=0.3), FadeIn(table),
             say=f"From {eur(data.y[low])} ({data.x[low]:g} floors) to {eur(data.y[high])} "
             f"({data.x[high]:g} floors).", run_time=1.5, hold=2.5)  # fmt: skip
        self.snapshot("data")
        self.fade_all()

    # 2. the model and the cost
    def model_section(self, cost_steps):
        self.next_section("2 model and cost")
        head = section_title("The model and the cost")
        rows = VGroup(
            label("the model: a house's price from its floors x", color=MUTED),
            label(derivations.model_tex(self.model_name), TEX_SIZE, math=True),
            label(r"\text{the notes write } h_\theta(x), \quad \theta_0 = b, \quad \theta_1 = W",
                  32, math=True),
            label("the cost: the mean squared error over the N houses", color=MUTED),
            label(derivations.loss_tex(self.model_name), TEX_SIZE, math=True),
        ).arrange(DOWN, buff=0.35)  # fmt: skip
        fit_inside(rows, height=6.0).next_to(head, DOWN, buff=0.5).set_x(0)
        beat(
            self,
            FadeIn(head),
            FadeIn(rows[0]),
            Write(rows[1]),
            run_time=1.2,
            hold=0.5,
            say=f"The model: price = {self.model.formula}.",
        )
        beat(
            self,
            FadeIn(rows[2]),
            run_time=0.8,
            hold=1.5,
            say="The notes call the parameters \u03b8: \u03b80 is b, \u03b81 is W.",
        )
        beat(self, FadeIn(rows[3]), Write(rows[4]), run_time=1.2, hold=2.5,
             say="The cost J: the mean of the squared misses over the N houses.")  # fmt: skip
        self.snapshot("model and cost")
        self.fade_all()
        self.derive("The cost, as the notes write it", cost_steps, "mse")

    # 3. the gradient
    def gradient_section(self, *chains):
        """chains: (heading, chain name, steps[, board options]), in the order shown."""
        self.next_section("3 gradient")
        for heading, name, steps, *options in chains:
            self.derive(heading, steps, name, **(options[0] if options else {}))
        head = section_title("SymPy's gradient of J, which the descent uses")
        grads = derivations.gradient_tex(self.model_name)
        rows = VGroup(*(label(grads[p], TEX_SIZE, math=True) for p in self.traj.param_names))
        rows.arrange(DOWN, buff=0.5)
        fit_inside(rows, height=5.0).move_to(0.2 * DOWN)
        beat(
            self,
            FadeIn(head),
            Write(rows),
            run_time=1.5,
            hold=3,
            say="SymPy derives the gradient from the model itself: the descent uses these.",
        )
        self.snapshot("gradient")
        self.fade_all()

    # 4. the update rule
    def update_section(self, steps):
        self.next_section("4 update rule")
        self.derive("The update rule", steps, "update_rule")
        head = section_title("Both parameters move at once")
        slope = {p: rf"\frac{{\partial J}}{{\partial {p}}}(W, b)" for p in ("W", "b")}
        rules = VGroup(
            label(rf"\text{{temp}}_W := W - \alpha \cdot {slope['W']}", TEX_SIZE, math=True),
            label(rf"\text{{temp}}_b := b - \alpha \cdot {slope['b']}", TEX_SIZE, math=True),
            label(r"W := \text{temp}_W, \qquad b := \text{temp}_b", TEX_SIZE, math=True),
        ).arrange(DOWN, buff=0.35)
        why = VGroup(
            label("Both slopes are measured at the same point (W, b)."),
            label("Writing b first would measure W's slope at the new b:"),
            label("that step is no longer down the gradient of J."),
        ).arrange(DOWN, buff=0.15)
        lr = self.traj.lr
        constant = np.ptp(lr) == 0
        rate = label(rf"\alpha = {lr[0]:.3g}" if constant else
                     rf"\alpha: {lr.max():.3g} \to {lr.min():.3g}", 32, math=True)  # fmt: skip
        words = label("the learning rate: how far each step goes", color=MUTED)
        rate_row = VGroup(rate, words).arrange(RIGHT, buff=0.4)
        body = VGroup(rules, why, rate_row).arrange(DOWN, buff=0.5)
        fit_inside(body, height=6.2).next_to(head, DOWN, buff=0.4).set_x(0)
        beat(
            self,
            FadeIn(head),
            Write(rules),
            run_time=1.5,
            hold=0.5,
            say="Compute both new values from the old ones, then assign both.",
        )
        beat(
            self,
            FadeIn(why),
            run_time=0.8,
            hold=3,
            say="The temporaries keep both slopes at the same point (W, b).",
        )
        beat(self, FadeIn(rate_row), run_time=0.6, hold=2,
             say=f"The learning rate alpha of this run: {lr[0]:.3g}"
             + ("." if constant else f", lowered to {lr.min():.3g} as it goes."))  # fmt: skip
        self.snapshot("update rule")
        self.fade_all()

    # 5. the descent
    def descent_section(self, rotate=3.5, settle=1.5, above=10.0, turn=40):
        """The recorded descent: data and curve, loss per epoch, and the path on J(W, b).

        The camera turns around the surface for `rotate` s, settles to a top-down (contour)
        view for `settle` s, and the rest of the path runs `above` s with the camera still, when
        Manim redraws only what moves. One keyframe per frame, each a recorded row.
        """
        self.next_section("5 descent")
        traj, camera = self.traj, self.renderer.camera
        times = np.array([rotate, settle, above])
        self.descent_seconds = float(times.sum())
        rows = keyframes(traj.loss, traj.params, int(round(times.sum() * config.frame_rate)) + 1)
        view = DescentView(self, rows)
        beat(self, FadeIn(view.panels), FadeIn(view.world), FadeIn(view.movers), run_time=0.7,
             hold=0.5,
             say=f"The recorded descent: {int(traj.epoch[-1]):,} epochs, shown through "
             f"{len(rows)} of the recorded steps.")  # fmt: skip
        view.start()
        ends = np.cumsum(times) / times.sum()
        beat(
            self,
            view.tracker.animate(rate_func=linear).set_value(ends[0]),
            camera.theta_tracker.animate(rate_func=smooth).increment_value(turn * DEGREES),
            run_time=rotate,
            say="Right: the loss J over (W, b), log scale; the point follows the recorded path.",
        )
        beat(
            self,
            view.tracker.animate(rate_func=linear).set_value(ends[1]),
            camera.theta_tracker.animate(rate_func=smooth).set_value(-90 * DEGREES),
            camera.phi_tracker.animate(rate_func=smooth).set_value(0),
            view.world_labels[2].animate.set_opacity(0),  # the J axis points at the viewer
            run_time=settle,
            say="Seen from above, the surface is a contour map.",
        )
        beat(self, view.tracker.animate(rate_func=linear).set_value(1.0), run_time=above,
             say="Left: the model's curve moves with W and b; below, J per epoch.")  # fmt: skip
        view.stop()
        final = traj.final
        self.add_subcaption(f"It ends at W = {final['W']:.4f}, b = {final['b']:.4f}, "
                            f"J = {traj.loss[-1]:.4g}.", duration=2.5)  # fmt: skip
        self.wait(2.5)
        self.snapshot("descent end")
        self.fade_all()
        camera.screen_offset = np.zeros(3)

    # 6. the result
    def result_section(self, extrapolate, x_max, remark, asked=(3, 5), cap=None):
        """Final parameters against the optimum, the notes' questions, an extrapolation."""
        self.next_section("6 result")
        head = section_title("The result")
        final, opt = self.final_params, self.optimum
        table = result_table(
            {f"descent, epoch {int(self.traj.epoch[-1]):,}": (final, self.traj.loss[-1]),
             "optimum (SymPy + SciPy)": (opt.params, opt.loss)},
        )  # fmt: skip
        table.to_corner(UP + LEFT, buff=0.5).shift(0.7 * DOWN)
        answers = self.predict(final, asked)
        far = self.predict(final, extrapolate)
        self.predictions.update(
            zip(map(float, [*asked, *extrapolate]), [*answers, *far], strict=True)
        )
        near_rows = price_rows(asked, answers, WHITE)
        far_rows = price_rows(extrapolate, far, PATH_COLOR)
        near_rows.next_to(table, DOWN, buff=0.5).align_to(table, LEFT)
        far_rows.next_to(near_rows, DOWN, buff=0.4).align_to(table, LEFT)
        beat(
            self,
            FadeIn(head),
            FadeIn(table),
            run_time=1.0,
            hold=2.5,
            say=f"The descent ends at W = {final['W']:.4f}, b = {final['b']:.4f}; the "
            f"independent optimum is W = {opt.params['W']:.4f}, b = {opt.params['b']:.4f}.",
        )
        beat(
            self,
            FadeIn(near_rows),
            run_time=0.8,
            hold=2.5,
            say="The notes' questions: "
            + "; ".join(f"{x:g} floors cost {eur(y)}" for x, y in zip(asked, answers, strict=True))
            + ".",
        )
        self.snapshot("result")
        plot = self.extrapolation(extrapolate, far, x_max, cap)
        words = label(remark, color=YELLOW)
        fit_inside(words, width=config.frame_width - 1).to_edge(DOWN, buff=0.35)
        beat(
            self,
            Create(plot),
            FadeIn(far_rows),
            run_time=1.0,
            hold=1.0,
            say="Further out: "
            + "; ".join(
                f"{x:g} floors cost {eur(y)}" for x, y in zip(extrapolate, far, strict=True)
            )
            + ".",
        )
        beat(self, FadeIn(words), run_time=0.8, hold=3.5, say=remark)  # fmt: skip
        self.snapshot("extrapolation")
        self.fade_all()

    def extrapolation(self, floors, prices, x_max, cap):
        """The fitted curve far beyond the data, with the prices at `floors` marked."""
        xs = np.linspace(0, x_max, 400)
        ys = self.predict(self.final_params, xs)
        top = nice_ceil(max(ys.max(), max(self.data.y), cap or 0) * 1.1)
        low = -nice_ceil(-ys.min() * 1.1) if ys.min() < 0 else 0.0
        axes = data_axes(x_max, top, width=5.2, height=4.0, y_min=low)
        axes.to_corner(UP + RIGHT, buff=0.5).shift(0.6 * DOWN)
        curve = VMobject(color=MODEL_COLOR, stroke_width=4)
        curve.set_points_as_corners(curve_points(axes, xs, ys))
        marks = VGroup(
            *(
                Dot(axes.c2p(x, y), color=PATH_COLOR, radius=0.08)
                for x, y in zip(floors, prices, strict=True)
                if x <= x_max and low <= y <= top
            )
        )
        group = VGroup(axes, data_points(axes, self.data), curve, marks)
        if cap is not None:
            line = DashedLine(axes.c2p(0, cap), axes.c2p(x_max, cap), color=MUTED)
            name = label(f"cap {eur(cap)}", color=MUTED)
            group.add(line, name.next_to(line, DOWN, buff=0.1).align_to(line, RIGHT))
        return group


def price_rows(floors, prices, color):
    """'3 floors → 392,118 EUR', one row per house."""
    rows = VGroup(
        *(label(f"{x:g} floors \u2192 {eur(y)}", BODY_SIZE, color)
          for x, y in zip(floors, prices, strict=True))
    )  # fmt: skip
    return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.2)


def result_table(results):
    """{row label: (params dict, loss)} as a table with columns W, b, J."""
    rows = [[f"{p['W']:.4f}", f"{p['b']:.4f}", f"{J:.5g}"] for p, J in results.values()]
    table = Table(
        rows,
        row_labels=[label(name, color=MUTED) for name in results],
        col_labels=[label(n, SMALL_SIZE + 6, math=True) for n in ("W", "b", "J")],
        top_left_entry=VMobject(),
        element_to_mobject=lambda s: label(s),
        include_outer_lines=False,
        v_buff=0.25,
        h_buff=0.45,
        line_config={"stroke_width": 1, "color": MUTED},
    )
    return fit_inside(table, width=6.0)


class DescentView:
    """The descent's panels, drawn from the recorded rows `rows` of scene.traj.

    Left, fixed in frame: the data with the model's curve, and J per epoch. Right, in 3D:
    J(W, b) on a log scale with the path and the current point. Top: the live readouts.
    ``show(t)`` draws the point a fraction t along the path (path_length): between two recorded
    rows the picture slides straight from one to the next, so the motion is smooth; the
    readouts always show the last recorded row reached, and t = 1 is exactly the last row.
    """

    def __init__(self, scene, rows, world_center=(3.75, -0.55, 0)):
        self.scene, self.rows = scene, rows if len(rows) > 1 else np.repeat(rows, 2)
        traj = scene.traj
        self.params = traj.params[self.rows]
        self.logs = np.log10(traj.loss[self.rows])
        self.s = path_length(traj.loss[self.rows], self.params)
        self.readouts = self._readouts(traj)
        data_panel = self._data_panel(scene)
        loss_panel = self._loss_panel(traj)
        world = self._world(scene)
        # Manim redraws each frame from the first top-level mobject whose family has an updater
        # on, and everything while the camera turns: so three groups, in this order. Panels
        # (fixed in frame, never change), the 3D world (still unless the camera turns), movers.
        numbers = list(self.readouts.numbers.values())
        self.panels = VGroup(*data_panel, *loss_panel, *(entry[0] for entry in self.readouts))
        self.world = VGroup(*world)
        self.movers = VGroup(self.curve, self.trace, self.loss_dot, self.path, self.dot, *numbers)
        camera = scene.renderer.camera
        camera.add_fixed_in_frame_mobjects(self.panels, self.curve, self.trace, self.loss_dot,
                                           *numbers)  # fmt: skip
        camera.add_fixed_orientation_mobjects(*self.world_labels)
        camera.screen_offset = np.array(world_center, dtype=float)
        scene.set_camera_orientation(phi=60 * DEGREES, theta=-115 * DEGREES, focal_distance=40)
        self.tracker = ValueTracker(0)
        self.show(0)

    def _readouts(self, traj):
        decimals = {"W": 4, "b": 4, "J": 4, r"\alpha": decimals_for(traj.lr.min()),
                    r"\text{epoch}": 0}  # fmt: skip
        readouts = Readouts(decimals, colors={"W": W_COLOR, "b": B_COLOR, "J": LOSS_COLOR})
        return fit_inside(readouts, width=config.frame_width - 0.8).to_edge(UP, buff=0.3)

    def _data_panel(self, scene):
        data, x_max = scene.data, scene.x_max
        self.axes = data_axes(x_max, nice_ceil(max(data.y) * 1.1), width=5.2, height=2.6)
        self.axes.move_to([-3.55, 1.25, 0])
        self.xs = np.linspace(0, x_max, 120)
        self.curve = VMobject(color=MODEL_COLOR, stroke_width=4)
        return [self.axes, data_points(self.axes, data)]

    def _loss_panel(self, traj):
        lo, hi = np.floor(self.logs.min()), np.ceil(self.logs.max())
        axes = log_axes(float(traj.epoch[-1]), lo, max(hi, lo + 1), 5.2, 1.3, "epoch")
        axes.move_to([-3.3, -2.55, 0])
        name = label("J per epoch (log scale)", color=MUTED)
        name.next_to(axes, UP, buff=0.12).align_to(axes, LEFT)
        epochs = traj.epoch[self.rows].astype(float)
        points = np.asarray(axes.c2p(epochs, self.logs - axes.z_lo)).T
        self.trace_points, self.trace_full = points, polyline_points(points)
        self.trace = VMobject(color=LOSS_COLOR, stroke_width=3)
        self.loss_dot = Dot(points[0], radius=0.06, color=LOSS_COLOR)
        return [axes, name]

    def _world(self, scene):
        """J over a window around the path and the optimum: surface, contours, edges, labels."""
        names, opt = scene.traj.param_names, scene.optimum.params
        iW, ib = names.index("W"), names.index("b")
        W0, W1 = _padded(np.append(self.params[:, iW], opt["W"]))
        b0, b1 = _padded(np.append(self.params[:, ib], opt["b"]))
        W, b = np.meshgrid(np.linspace(W0, W1, 33), np.linspace(b0, b1, 33), indexing="ij")
        z = np.log10(loss_grid(scene.model, W, b, scene.data))
        lo, hi = np.floor(min(z.min(), self.logs.min())), np.ceil(z.max())
        axes = ThreeDAxes(  # coordinates only: the edges below are drawn instead of its axes
            x_range=[W0, W1, W1 - W0], y_range=[b0, b1, b1 - b0], z_range=[lo, hi, hi - lo],
            x_length=4.4, y_length=4.2, z_length=2.0,
        )  # fmt: skip
        axes.shift(-axes.c2p((W0 + W1) / 2, (b0 + b1) / 2, (lo + hi) / 2))
        corner = axes.c2p(W0, b0, lo)
        edges = VGroup(
            Line(corner, axes.c2p(W1, b0, lo), color=W_COLOR),
            Line(corner, axes.c2p(W0, b1, lo), color=B_COLOR),
            Line(corner, axes.c2p(W0, b0, hi), color=LOSS_COLOR),
        ).set_stroke(width=2)
        self.world_labels = [
            label("W", TEX_SIZE, W_COLOR, math=True).move_to(axes.c2p(W1, b0, lo) + 0.3 * DOWN),
            label("b", TEX_SIZE, B_COLOR, math=True).move_to(axes.c2p(W0, b1, lo) + 0.3 * LEFT),
            label(r"\log_{10} J", SMALL_SIZE + 6, LOSS_COLOR, math=True).move_to(
                axes.c2p(W0, b0, hi) + 0.35 * OUT
            ),
        ]
        surface = surface_bands(axes, W, b, z, wire_every=4)
        levels = np.linspace(z.min(), z.max(), 8)[1:-1]
        contours = VGroup(*(self._contour(scene, axes, (W0, W1), (b0, b1), v) for v in levels))
        marker = Circle(radius=0.1, color=WHITE, stroke_width=3)
        marker.move_to(axes.c2p(opt["W"], opt["b"], np.log10(scene.optimum.loss)))
        points = np.asarray(axes.c2p(self.params[:, iW], self.params[:, ib], self.logs)).T
        self.path_points, self.path_full = points, polyline_points(points)
        self.path = VMobject(color=PATH_COLOR, stroke_width=4)
        self.dot = Dot(points[0], radius=0.09, color=PATH_COLOR)
        return [edges, surface, contours, marker, *self.world_labels]

    @staticmethod
    def _contour(scene, axes, W_range, b_range, level):
        """The curve log10 J = level on the surface (Manim's ImplicitFunction over W, b)."""

        def height(W, b):
            return np.log10(dataset_loss(scene.model, {"W": W, "b": b}, scene.data)) - level

        curve = ImplicitFunction(height, x_range=W_range, y_range=b_range, min_depth=4,
                                 max_quads=250)  # fmt: skip
        flat = curve.points
        curve.points = np.asarray(axes.c2p(flat[:, 0], flat[:, 1], np.full(len(flat), level))).T
        return curve.set_stroke(WHITE, width=1.2, opacity=0.5)

    def show(self, t):
        """Draw the descent a fraction t (0..1) along its path."""
        s = self.s
        u = float(np.clip(t, 0, 1)) * s[-1]
        k = int(np.clip(np.searchsorted(s, u, side="right") - 1, 0, len(s) - 2))
        f = float(np.clip((u - s[k]) / max(s[k + 1] - s[k], 1e-12), 0, 1))
        reached = k + 1 if f == 1 else k

        def mix(values):  # exact at f = 0 and f = 1
            return values[k] * (1 - f) + values[k + 1] * f

        names = self.scene.traj.param_names
        params = dict(zip(names, map(float, mix(self.params)), strict=True))
        ys = self.scene.predict(params, self.xs)
        self.curve.points = polyline_points(curve_points(self.axes, self.xs, ys))
        self.trace.points = polyline_to(
            self.trace_full, self.trace_points, k, mix(self.trace_points)
        )
        self.loss_dot.move_to(mix(self.trace_points))
        self.path.points = polyline_to(self.path_full, self.path_points, k, mix(self.path_points))
        self.dot.move_to(mix(self.path_points))
        row, traj = int(self.rows[reached]), self.scene.traj
        self.readouts.set_values({
            "W": traj.params[row][names.index("W")], "b": traj.params[row][names.index("b")],
            "J": traj.loss[row], r"\alpha": traj.lr[row], r"\text{epoch}": traj.epoch[row],
        })  # fmt: skip
        scene = self.scene
        scene.curve_params, scene.readout_values = params, dict(self.readouts.values)
        if not scene.shown_rows or scene.shown_rows[-1] != row:
            scene.shown_rows.append(row)

    def start(self):
        self.curve.add_updater(lambda m: self.show(self.tracker.get_value()))
        self.scene.still_in_frame = self.panels

    def stop(self):
        self.curve.clear_updaters()
        self.scene.still_in_frame = None
        self.show(1.0)


def _padded(values, pad=0.2):
    lo, hi = float(np.min(values)), float(np.max(values))
    span = hi - lo if hi > lo else 1.0
    return lo - pad * span, hi + pad * span


def nice_ceil(value):
    """The next round number at or above value (for axis tops)."""
    step = nice_step(value, 5)
    return float(np.ceil(value / step) * step)
