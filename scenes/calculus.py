"""Partial derivatives as limits, and the linear layer's three derivatives.

Run: manim render scenes/calculus.py

The loss J(W, b) is the linear model's MSE on the notes' four houses, evaluated by fitting/;
the point is where its gradient descent starts, and the limit the difference quotients approach
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
from scenes.kit import checked, palette
from scenes.kit.board import equations, step_tex, verdict_mark
from scenes.kit.layout import section_title, title_card
from scenes.kit.lecture import Lecture, section
from scenes.kit.plots import curve_points, data_axes, data_points, line_through, nice_step, put
from scenes.kit.readouts import Readouts
from scenes.kit.style import SMALL_SIZE
from scenes.kit.typeset import tex, text

QUOTIENT = r"\frac{\Delta J}{h}"
H_START, H_END = 1.0, 1e-3  # the secant's step shrinks from here to here (a log sweep)
NUDGE = {"W": 0.5, "b": 1.5, "x": 0.75}  # how far each input of Linear is nudged on screen


class Calculus(Lecture):
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
        card = title_card("Partial derivatives", "How does the loss answer a small nudge?")
        self.say("Partial derivatives: the slope along one axis.", FadeIn(card))
        self.play(FadeOut(card))

    @section("definition")
    def definition(self):
        self.derive("limits", "The definition in the notes",
                    intro="The notes define a partial derivative as a limit of difference "
                    "quotients.")  # fmt: skip

    # ------------------------------------------------------------------------------------------
    @section("limit")
    def limit_on_slices(self):
        head = section_title("J(W, b): the linear model's MSE, sliced through the start")
        self.say("Why these limits? Descent needs exactly these slopes.", FadeIn(head))
        panels = [self.slice_panel("W", LEFT * 3.4), self.slice_panel("b", RIGHT * 3.4)]
        self.play(*(Create(p.axes) for p in panels), *(Create(p.curve) for p in panels))
        for p in panels:
            self.play(FadeIn(p.dot), FadeIn(p.readouts), run_time=0.6)
            self.sweep(p)
        self.snapshot("limit")
        self.wait(1.5)
        self.fade_all()

    def slice_panel(self, name, centre):
        """J along one parameter, the other held at the start: the partial derivative's world."""
        other = "b" if name == "W" else "W"
        colour = palette.W if name == "W" else palette.b
        at = self.start[name]
        lo = at - 1.5 * H_START  # the axes count from lo, so the J axis stands at the left edge
        grid = np.linspace(lo, at + 2.5 * H_START, 121)
        J = loss_grid("linear", *self._pair(name, grid), NOTES)
        step = nice_step(J.max() - J.min(), most=4)
        axes = Axes(
            x_range=[0, grid[-1] - lo, H_START],
            y_range=[np.floor(J.min() / step) * step, np.ceil(J.max() / step) * step, step],
            x_length=5.6,
            y_length=3.2,
            tips=False,
            axis_config={"color": palette.MUTED, "font_size": 20},
        ).move_to(centre + 0.75 * UP)
        axes.y_axis.add_numbers(font_size=20, num_decimal_places=0 if step >= 1 else 2)
        ticks = np.arange(0, grid[-1] - lo + 1e-9, H_START)
        axes.x_axis.add_labels({u: text(f"{lo + u:.3g}", SMALL_SIZE - 2) for u in ticks})
        names = VGroup(
            tex(name, size=30).next_to(axes.x_axis.get_right(), UP + LEFT, buff=0.1),
            tex("J", size=30).next_to(axes.y_axis.get_top(), UP, buff=0.12),
        )
        label = text(f"J along {name}, with {other} = {self.start[other]:.3g}", SMALL_SIZE, colour)
        label.next_to(axes, UP, buff=0.2)
        curve = axes.plot_line_graph(grid - lo, J, add_vertex_dots=False, line_color=palette.J)
        hs = H_START * (H_END / H_START) ** np.linspace(0, 1, 200)
        J0 = self._loss(name, at)
        quotients = np.array([(self._loss(name, at + h) - J0) / h for h in hs])
        readouts = Readouts({"h": 3, QUOTIENT: 4}, size=30)
        readouts.next_to(axes, DOWN, buff=0.55)
        readouts.set_values({"h": hs[0], QUOTIENT: quotients[0]})
        limit = tex(rf"\frac{{\partial J}}{{\partial {name}}} = {self.gradient[name]:.4f}", size=30)
        limit.set_color(colour).next_to(readouts, DOWN, buff=0.3)
        panel = VGroup(axes, names, label, curve)
        panel.axes, panel.curve, panel.readouts = VGroup(axes, names, label), curve, readouts
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

        def update(_):
            i = min(int(u.get_value() * (len(p.hs) - 1)), len(p.hs) - 1)
            h, slope = p.hs[i], p.quotients[i]
            secant.become(line_through(p.ax, p.at, p.J0, slope, palette.PATH))
            put(second, p.ax.c2p(p.at + h, self._loss(p.name, p.lo + p.at + h)))
            p.readouts.set_values({"h": h, QUOTIENT: slope})

        secant.add_updater(update)
        update(None)
        self.add(secant, second, p.readouts)  # after the secant's updater: redrawn each frame
        with self.beat(f"Shrink h: ΔJ/h = (J({p.name} + h) − J({p.name}))/h, the secant's slope, "
                       "settles down."):  # fmt: skip
            self.play(u.animate.set_value(1), run_time=6 if p.name == "W" else 4,
                      rate_func=linear)  # fmt: skip
        secant.clear_updaters()
        tangent = line_through(p.ax, p.at, p.J0, self.gradient[p.name], p.colour)
        self.say(
            f"Its limit is ∂J/∂{p.name} = {self.gradient[p.name]:.4f}: the gradient "
            "descent records at its first step.",
            Transform(secant, tangent),
            FadeOut(second),
            FadeIn(p.limit),
        )
        self.limits[p.name] = (float(p.quotients[-1]), self.gradient[p.name])

    def _pair(self, name, values):
        return (values, self.start["b"]) if name == "W" else (self.start["W"], values)

    def _loss(self, name, value):
        params = dict(self.start, **{name: value})
        return dataset_loss("linear", params, NOTES)

    # ------------------------------------------------------------------------------------------
    @section("linear layer")
    def linear_layer(self):
        head = section_title("Linear(W, b, x) = W·x + b: nudge one input at a time")
        rows = VGroup()
        lines = equations(checked.chain("linear_layer"))
        for _, fixed, verdict, _, ids in lines:
            rows.add(VGroup(step_tex(fixed, width=5.4, size=32), verdict_mark(verdict)))
            self.log_verdicts("linear_layer", ids)
        for row in rows:
            row.arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        rows.arrange(DOWN, buff=0.45, aligned_edge=LEFT).to_edge(LEFT, buff=0.5).shift(0.5 * UP)
        self.ratio_spot = rows.get_bottom() + 0.9 * DOWN
        W, b = self.final["W"], self.final["b"]
        x = float(NOTES.x[-1])
        axes = data_axes(5, max(NOTES.y) * 1.6, width=5.6, height=4.0).to_edge(RIGHT, buff=0.6)
        line = _model_line(axes, W, b)
        dot = Dot(axes.c2p(x, _linear(W, b, x)), color=palette.PATH)
        self.say("The fitted line, and one house on it.", FadeIn(head), Create(axes),
                 FadeIn(data_points(axes, NOTES)), Create(line), FadeIn(dot))  # fmt: skip
        self.nudges = {}  # input -> how far the output moved per unit of nudge
        for row, (line_no, _, verdict, reason, _), name in zip(rows, lines, "Wxb", strict=True):
            self.say(f"The notes, line {line_no}: {verdict}. {reason}".strip(), Write(row[0]),
                     FadeIn(row[1]))  # fmt: skip
            self.nudge(axes, line, dot, name, W, b, x)
        self.wait(2)

    def nudge(self, axes, line, dot, name, W, b, x):
        """Nudge one input of Linear; how far the output moves, divided by the nudge."""
        start = {"W": W, "b": b, "x": x}
        moved = dict(start, **{name: start[name] + NUDGE[name]})
        y0, y1 = _linear(W, b, x), _linear(moved["W"], moved["b"], moved["x"])
        ratio = (y1 - y0) / NUDGE[name]
        self.nudges[name] = ratio
        new_line = _model_line(axes, moved["W"], moved["b"])
        ghost = line.copy().set_stroke(opacity=0.35)
        rise = DashedLine(axes.c2p(moved["x"], y0), axes.c2p(moved["x"], y1), color=palette.PATH)
        result = {"W": " = x", "x": " = W", "b": ""}[name]  # what the notes' line says it is
        label = tex(rf"\frac{{\Delta y'}}{{\Delta {name}}} = {ratio:.4g}{result}", size=34)
        label.set_color(palette.PATH).move_to(self.ratio_spot)
        self.add(ghost)
        self.say(
            f"Nudge {name} by {NUDGE[name]:g}: the output moves {y1 - y0:.4g}, "
            f"{ratio:.4g} times the nudge.",
            Transform(line, new_line),
            dot.animate.move_to(axes.c2p(moved["x"], y1)),
            Create(rise),
            FadeIn(label),
            run_time=1.5,
        )
        self.snapshot(f"nudge {name}")
        self.wait(1.5)
        back = _model_line(axes, W, b)
        self.play(
            Transform(line, back),
            dot.animate.move_to(axes.c2p(x, y0)),
            FadeOut(rise),
            FadeOut(label),
            FadeOut(ghost),
            run_time=0.8,
        )


def _linear(W, b, x):
    """Linear(W, b, x): fitting's linear model at these parameters."""
    return predict("linear", {"W": W, "b": b}, x)


def _model_line(axes, W, b):
    """Linear(W, b, x) over the axes, cut where it leaves them (prices below zero)."""
    xs = np.linspace(0, axes.x_range[1], 101)
    return VMobject(color=palette.MODEL).set_points_as_corners(
        curve_points(axes, xs, _linear(W, b, xs))
    )
