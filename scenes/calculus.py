"""Partial derivatives as limits, and the linear layer's three derivatives.

Run: manim render scenes/calculus.py

The loss J(W, b) is the linear model's MSE on the notes' four houses; the point is where its
gradient descent starts, and the limit the difference quotients approach (fitting/quotients.py)
is the gradient that descent records there.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    linear,
)

from fitting import NOTES, dataset_loss, loss_grid, predict
from fitting.quotients import output_nudge, secant_slopes, shrinking_steps
from scenes.kit import checked, palette
from scenes.kit.layout import section_title
from scenes.kit.lecture import Lecture, section
from scenes.kit.plots import curve_points, data_axes, data_points, line_through, nice_step, put
from scenes.kit.readouts import Readouts
from scenes.kit.step_words import in_order
from scenes.kit.style import SMALL_SIZE
from scenes.kit.typeset import formula, label, tex
from scenes.kit.words import eur, spoken

QUOTIENT = r"\Delta J / h"  # inline, not a fraction: a fraction's glyphs are set smaller
H_START, H_END = 1.0, 1e-3  # the secant's step shrinks from here to here (a log sweep)
NUDGE = {"W": 0.5, "b": 1.5, "x": 0.75}  # how far each input of Linear is nudged on screen
TICK_SIZE = SMALL_SIZE + 2

DEFINITION_WORDS = [  # the notes' definition of a partial derivative, step by step
    "f sub x is the notes' name for how f changes when only x moves.",
    "It is also written partial f over partial x.",
    "It is a limit: nudge x by h, take the change in f, divide by h, and let h shrink to "
    "zero. y stays where it is.",
    (
        "The next line names the derivative in y, but writes f sub x again.",
        "The limit below it moves y, not x, so this is f sub y: the notes copied the name "
        "from the line above. A typo.",
    ),
    "Partial f over partial y.",
    "The same limit, with y nudged by h and x held still.",
]
LAYER_WORDS = [  # the notes' three derivatives of Linear(W, b, x) = W·x + b
    "The slope of W times x plus b, in W,",
    "is x: W is multiplied by x.",
    "The slope in x,",
    "is W, for the same reason.",
    "And the slope in b,",
    "is 1: b is added as it is. All three are right.",
]
MEANING = {"W": "x, the number of floors", "x": "W, the line's slope", "b": "exactly 1"}


class Calculus(Lecture):
    poster_moment = "limit"  # the frame on the video's poster
    model_name = "linear"

    def setup(self):
        super().setup()
        self.limits = {}  # parameter -> (quotient at the smallest h, the recorded gradient)
        names = self.traj.param_names
        self.start = dict(zip(names, map(float, self.traj.params[0]), strict=True))
        self.gradient = dict(zip(names, map(float, self.traj.grad[0]), strict=True))
        self.final = self.traj.final

    def construct(self):
        self.title()
        self.definition()
        self.limit_on_slices()
        self.linear_layer()

    @section("title")
    def title(self):
        self.title_beat(
            "Partial derivatives",
            "How does the loss answer a small nudge?",
            "Partial derivatives: how much the loss moves when we nudge one parameter.",
        )

    @section("definition")
    def definition(self):
        self.derive("limits", "The definition in the notes",
                    intro="First, how the notes define a partial derivative.",
                    narration=in_order("limits", DEFINITION_WORDS))  # fmt: skip

    # ------------------------------------------------------------------------------------------
    @section("limit")
    def limit_on_slices(self):
        head = section_title("J(W, b): the linear model's MSE, sliced through the start")
        self.say("Now the same limit on a real function: J, the line's mean squared error on "
                 "the four houses, measured in 100,000 euros, squared.", FadeIn(head))  # fmt: skip
        panels = [self.slice_panel("W", LEFT * 3.5), self.slice_panel("b", RIGHT * 3.5)]
        self.say("Two slices through the start of the descent: J along W, and J along b.",
                 *(Create(p.axes) for p in panels), *(Create(p.curve) for p in panels))  # fmt: skip
        for p in panels:
            self.play(FadeIn(p.dot), FadeIn(p.readouts), run_time=0.6)
            self.sweep(p)
        self.snapshot("limit")
        self.say(
            "That is all a partial derivative is: the slope along one axis, the others held still."
        )
        self.fade_all()

    def slice_panel(self, name, centre):
        """J along one parameter, the other held at the start: the partial derivative's world."""
        other = "b" if name == "W" else "W"
        colour = palette.W if name == "W" else palette.b
        at = self.start[name]
        lo = np.floor(at - 1.5 * H_START)  # the axes count from lo (round): the J axis is there
        grid = np.linspace(lo, at + 2.5 * H_START, 121)
        J = loss_grid("linear", *self._pair(name, grid), NOTES)
        step = nice_step(J.max() - J.min(), most=4)
        y_lo, y_hi = np.floor(J.min() / step) * step, np.ceil(J.max() / step) * step
        axes = Axes(
            x_range=[0, grid[-1] - lo, H_START],
            y_range=[y_lo, y_hi, step],
            x_length=5.4,
            y_length=3.0,
            tips=False,
            axis_config={"color": palette.MUTED},
        ).move_to(centre + 0.4 * UP)
        ys = np.arange(y_lo, y_hi + 1e-9, step)
        axes.y_axis.add_labels({y: label(f"{y:g}", TICK_SIZE) for y in ys})
        ticks = np.arange(0, grid[-1] - lo + 1e-9, H_START)
        axes.x_axis.add_labels({u: label(f"{lo + u:g}", TICK_SIZE) for u in ticks})
        names = VGroup(
            tex(name, size=36, color=colour).next_to(axes.x_axis.get_right(), UP + LEFT, 0.1),
            tex("J", size=36, color=palette.J).next_to(axes.y_axis.get_top(), UP, buff=0.12),
        )
        caption = label(f"J along {name}, with {other} = {self.start[other]:.3g}", 26, colour)
        caption.next_to(names, UP, buff=0.15).set_x(axes.get_center()[0])
        curve = axes.plot_line_graph(grid - lo, J, add_vertex_dots=False, line_color=palette.J)
        hs = shrinking_steps(H_START, H_END, 200)
        quotients = secant_slopes("linear", self.start, name, hs, NOTES)
        readouts = Readouts({"h": 3, QUOTIENT: 3}, size=36, colors={QUOTIENT: palette.PATH})
        readouts.next_to(axes, DOWN, buff=0.65)
        readouts.set_values({"h": hs[0], QUOTIENT: quotients[0]})
        limit = tex(rf"\frac{{\partial J}}{{\partial {name}}} = {self.gradient[name]:.3f}",
                    size=38, color=colour)  # fmt: skip
        limit.next_to(readouts, DOWN, buff=0.3)
        panel = VGroup(axes, names, caption, curve)
        panel.axes, panel.curve, panel.readouts = VGroup(axes, names, caption), curve, readouts
        J0 = dataset_loss("linear", self.start, NOTES)
        panel.ax, panel.name, panel.at, panel.J0, panel.limit = axes, name, at - lo, J0, limit
        panel.lo = lo
        panel.hs, panel.quotients, panel.colour = hs, quotients, colour
        panel.dot = Dot(axes.c2p(at - lo, J0), color=colour)
        return panel

    def sweep(self, p):
        """Shrink h: the secant through (at, J) and (at + h, J) turns into the tangent."""
        u = ValueTracker(0)
        secant = Line(color=palette.PATH)
        second = Dot(color=palette.PATH, radius=0.06)
        along = dict(zip(p.hs, (p.J0 + q * h for q, h in zip(p.quotients, p.hs, strict=True)),
                         strict=True))  # fmt: skip

        def update(_):
            i = min(int(u.get_value() * (len(p.hs) - 1)), len(p.hs) - 1)
            h, slope = p.hs[i], p.quotients[i]
            secant.become(line_through(p.ax, p.at, p.J0, slope, palette.PATH))
            put(second, p.ax.c2p(p.at + h, along[h]))
            p.readouts.set_values({"h": h, QUOTIENT: slope})

        secant.add_updater(update)
        update(None)
        self.add(secant, second, p.readouts)  # after the secant's updater: redrawn each frame
        with self.beat(f"Shrink h, the nudge of {p.name}. Delta J over h is the slope of the "
                       "orange secant, and as h shrinks it settles down.") as t:  # fmt: skip
            self.play(u.animate.set_value(1), run_time=t.duration, rate_func=linear)
        secant.clear_updaters()
        tangent = line_through(p.ax, p.at, p.J0, self.gradient[p.name], p.colour)
        self.say(
            f"It settles on {spoken(self.gradient[p.name])}: the slope of J in {p.name}, the "
            "number gradient descent uses at its first step.",
            Transform(secant, tangent),
            FadeOut(second),
            FadeIn(p.limit),
        )
        self.limits[p.name] = (float(p.quotients[-1]), self.gradient[p.name])

    def _pair(self, name, values):
        return (values, self.start["b"]) if name == "W" else (self.start["W"], values)

    # ------------------------------------------------------------------------------------------
    @section("linear layer")
    def linear_layer(self):
        self.derive("linear_layer", "Linear(W, b, x) = W·x + b: its three derivatives",
                    intro="Every model in these lectures is built on the linear layer, W times "
                    "x plus b. The notes take its slope in each input.",
                    narration=in_order("linear_layer", LAYER_WORDS))  # fmt: skip
        head = section_title("Nudge one input of Linear at a time")
        steps = checked.chain("linear_layer")  # three equations: derivative = result
        rows = VGroup(
            *(
                formula(_derivative(left), "=", _derivative(right), size=40)
                for left, right in zip(steps[::2], steps[1::2], strict=True)
            )
        )
        rows.arrange(DOWN, buff=0.6, aligned_edge=LEFT).to_edge(LEFT, buff=0.6).shift(0.6 * UP)
        self.ratio_spot = rows.get_bottom() + 1.0 * DOWN + 0.3 * RIGHT
        W, b = self.final["W"], self.final["b"]
        x = float(NOTES.x[-1])
        axes = data_axes(5, max(NOTES.y) * 1.6, width=5.6, height=4.4).to_edge(RIGHT, buff=0.6)
        axes.shift(0.3 * DOWN)
        line = _model_line(axes, W, b)
        dot = Dot(axes.c2p(x, _linear(W, b, x)), color=palette.PATH)
        self.say(f"Here is the fitted line, and the house with {x:g} floors on it.", FadeIn(head),
                 Create(axes), FadeIn(data_points(axes, NOTES)), Create(line),
                 FadeIn(dot))  # fmt: skip
        self.nudges = {}  # input -> how far the output moved per unit of nudge
        for row, name in zip(rows, "Wxb", strict=True):
            self.play(Write(row), run_time=0.8)
            self.nudge(axes, line, dot, name, W, b, x)
        self.say(
            "So the slopes of Linear are x, W and 1, as the notes say. Every gradient in "
            "the later lectures is built from these three."
        )

    def nudge(self, axes, line, dot, name, W, b, x):
        """Nudge one input of Linear; how far the output moves, divided by the nudge."""
        y0, y1, ratio = output_nudge("linear", {"W": W, "b": b}, x, name, NUDGE[name])
        self.nudges[name] = ratio
        moved = {"W": W, "b": b, "x": x, name: {"W": W, "b": b, "x": x}[name] + NUDGE[name]}
        new_line = _model_line(axes, moved["W"], moved["b"])
        ghost = line.copy().set_stroke(opacity=0.35)
        rise = DashedLine(axes.c2p(moved["x"], y0), axes.c2p(moved["x"], y1), color=palette.PATH)
        result = {"W": " = x", "x": " = W", "b": ""}[name]  # what the notes' line says it is
        shown = tex(rf"\frac{{\Delta y'}}{{\Delta {name}}} = {ratio:.3g}{result}", size=40)
        shown.set_color(palette.PATH).move_to(self.ratio_spot, aligned_edge=LEFT)
        self.add(ghost)
        self.say(
            f"Nudge {name} by {NUDGE[name]:g}: the price moves by "
            f"{eur(y1 - y0).replace('EUR', 'euros')}, which is {ratio:.3g} times the nudge: "
            f"{MEANING[name]}.",
            Transform(line, new_line),
            dot.animate.move_to(axes.c2p(moved["x"], y1)),
            Create(rise),
            FadeIn(shown),
            run_time=1.5,
        )
        self.snapshot(f"nudge {name}")
        back = _model_line(axes, W, b)
        self.play(
            Transform(line, back),
            dot.animate.move_to(axes.c2p(x, y0)),
            FadeOut(rise),
            FadeOut(shown),
            FadeOut(ghost),
            run_time=0.8,
        )


def _derivative(step):
    """A step's TeX as corrected (as written, if it was right)."""
    return step.corrected_tex or step.tex


def _linear(W, b, x):
    """Linear(W, b, x): fitting's linear model at these parameters."""
    return predict("linear", {"W": W, "b": b}, x)


def _model_line(axes, W, b):
    """Linear(W, b, x) over the axes, cut where it leaves them (prices below zero)."""
    xs = np.linspace(0, axes.x_range[1], 101)
    return VMobject(color=palette.MODEL).set_points_as_corners(
        curve_points(axes, xs, _linear(W, b, xs))
    )
