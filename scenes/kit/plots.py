"""2-D plots: the houses on floors-against-price axes, curves cut to the axes, log-scale axes,
and polylines that grow along recorded points."""

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Dot, Line, Table, VGroup, VMobject

from scenes.kit.palette import DATA, MUTED
from scenes.kit.style import SMALL_SIZE
from scenes.kit.typeset import label
from scenes.kit.words import eur, eur_short


def nice_step(span, most=6):
    """A round tick step giving at most `most` ticks over span."""
    for unit in 10.0 ** np.arange(-3, 12):
        for step in (1, 2, 2.5, 5):
            if span / (step * unit) <= most:
                return step * unit
    return span / most


def nice_ceil(value):
    """The next round number at or above value (for axis tops)."""
    step = nice_step(value, 5)
    return float(np.ceil(value / step) * step)


def data_axes(
    x_max, y_max, width=6.0, height=4.2, y_min=0.0, x_step=None, y_step=None, size=SMALL_SIZE
):
    """Floors against price: y in the notes' unit (100,000 EUR), tick labels in EUR (set in
    `size`)."""
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
    axes.x_axis.add_labels({x: label(f"{x:g}", size) for x in xs})
    first = np.ceil(y_min / y_step) * y_step
    ys = [y for y in np.arange(first, y_max + 1e-9, y_step) if abs(y) > 1e-9]
    axes.y_axis.add_labels({y: label(eur_short(y), size) for y in ys})
    x_label = label("floors", size, color=MUTED).next_to(axes.x_axis, DOWN, buff=0.4)
    y_label = label("price (EUR)", size, color=MUTED)
    y_label.next_to(axes.y_axis, UP, buff=0.15).align_to(axes.y_axis, LEFT)
    axes.add(x_label, y_label)
    return axes


def data_points(axes, data, radius=0.08):
    return VGroup(
        *(
            Dot(axes.c2p(x, y), radius=radius, color=DATA)
            for x, y in zip(data.x, data.y, strict=True)
        )
    )


def table(rows, **options):
    """Manim's Table, without the function that built its entries.

    Table keeps `element_to_mobject`, and Manim's cache hashes a function with everything it
    reads (for a label: the whole cache of glyph outlines): slow to hash, and unstable.
    """
    built = Table(rows, **options)
    built.element_to_mobject = None
    return built


def price_table(data, size=SMALL_SIZE):
    """The data as a small two-column table: floors, price in EUR."""
    rows = [[f"{x:g}", eur(y)] for x, y in zip(data.x, data.y, strict=True)]
    return table(
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


def polyline_prefix(full, k):
    """The Bezier points of the first k + 1 corners of a polyline made by polyline_points."""
    return full[: 4 * k] if k else np.repeat(full[:1], 4, axis=0)


def polyline_to(full, corners, k, point):
    """Bezier points of a polyline along its first k + 1 corners, then on to `point`.

    `full` holds the Bezier points of the whole polyline through `corners` (polyline_points).
    """
    return np.concatenate([full[: 4 * k], segments_points(corners[k : k + 1], point[None])])


def segments_points(starts, ends):
    """Bezier points of straight segments starts[i] -> ends[i] (what Manim's lines store)."""
    return np.stack([starts, starts + (ends - starts) / 3, starts + 2 * (ends - starts) / 3, ends],
                    axis=-2).reshape(-1, 3)  # fmt: skip


def log_axes(
    x_max, z_lo, z_hi, width, height, x_label, tick_size=SMALL_SIZE - 4, power_size=SMALL_SIZE + 4
):
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
    axes.y_axis.add_labels({z - z_lo: label(f"10^{{{z}}}", power_size, math=True) for z in powers})
    ticks = np.arange(axes.x_range[2], x_max + 1e-9, axes.x_range[2])
    axes.x_axis.add_labels({x: label(f"{x:,.0f}", tick_size) for x in ticks})
    return axes.add(label(x_label, color=MUTED).next_to(axes.x_axis, RIGHT, buff=0.15))


def number_axes(x_range, y_range, width, height, size=SMALL_SIZE + 2, x_labels=None,
                y_labels=None):  # fmt: skip
    """Axes whose tick labels are Labels at `size` (Manim's numbers, MathTex at the axes' small
    font, blur at 480p). x_labels / y_labels map a coordinate to its words; by default every
    tick but 0 gets its value (%g)."""
    axes = Axes(x_range=x_range, y_range=y_range, x_length=width, y_length=height, tips=False,
                axis_config={"color": MUTED, "stroke_width": 2})  # fmt: skip

    def ticks(lo, hi, step):
        first = np.ceil(lo / step - 1e-9) * step
        return {v: f"{v:g}" for v in np.arange(first, hi + 1e-9, step) if abs(v) > 1e-9}

    x_labels = ticks(*x_range) if x_labels is None else x_labels
    y_labels = ticks(*y_range) if y_labels is None else y_labels
    axes.x_axis.add_labels({x: label(words, size) for x, words in x_labels.items()})
    axes.y_axis.add_labels({y: label(words, size) for y, words in y_labels.items()})
    return axes


def line_through(axes, x0, y0, slope, colour):
    """The line through (x0, y0) with this slope, cut to the axes' box."""
    (x_lo, x_hi), (y_lo, y_hi) = axes.x_range[:2], axes.y_range[:2]
    xs = [x_lo, x_hi]
    if slope:
        xs += [x0 + (y - y0) / slope for y in (y_lo, y_hi)]
    xs = sorted(
        x for x in xs if x_lo <= x <= x_hi and y_lo - 1e-9 <= y0 + slope * (x - x0) <= y_hi + 1e-9
    )
    a, b = xs[0], xs[-1]
    return Line(
        axes.c2p(a, y0 + slope * (a - x0)), axes.c2p(b, y0 + slope * (b - x0)), color=colour
    )


def put(mob, point):
    """Centre mob (a dot that follows a path) on point, from the shape it had at the first call.

    Repeated move_to calls drift in the last bits of the points, and Manim's cache hashes those
    bits: a re-render, which skips the frames in between, would land elsewhere and miss.
    """
    if not hasattr(mob, "shape"):
        mob.shape = mob.points - mob.get_center()
    mob.points = mob.shape + np.asarray(point, dtype=float)
    return mob
