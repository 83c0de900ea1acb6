"""Partial derivatives as limits, and the linear layer's three derivatives.

Run: manim render scenes/calculus.py

The loss J(W, b) is the linear model's MSE on the notes' four houses, evaluated by fitting/;
the point is where its gradient descent starts, and the limit the difference quotients approach
is the gradient that descent records there.
"""

from pathlib import Path

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
    Scene,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
    linear,
)

import derivations
from fitting import NOTES, dataset_loss, ensure_trajectory, loss_grid
from fitting.ops import scalar as op
from scenes.common import (
    B_COLOR,
    LOSS_COLOR,
    MODEL_COLOR,
    MUTED,
    PATH_COLOR,
    SMALL_SIZE,
    W_COLOR,
    DerivationBoard,
    Readouts,
    curve_points,
    data_axes,
    data_points,
    nice_step,
    plain,
    section_title,
    step_tex,
    tex,
    text,
    text_boxes,
    title_card,
    verdict_mark,
)


def equations(steps):
    """The chain's steps joined into the notes' equations (an empty relation starts one):
    [(line, TeX as corrected, worst verdict, reason, [(step id, verdict)])]."""
    groups = []
    for step in steps:
        if not step.relation or not groups:
            groups.append([])
        groups[-1].append(step)
    out = []
    for group in groups:
        head = group[0].label + " " if group[0].label else ""
        fixed = head + " ".join(f"{s.relation} {s.corrected_tex or s.tex}" for s in group)
        wrong = [s for s in group if s.verdict != "correct"]
        verdict = wrong[0].verdict if wrong else "correct"
        reason = "; ".join(plain(s.reason) for s in wrong)
        out.append((group[0].line, fixed, verdict, reason, [(s.id, s.verdict) for s in group]))
    return out


def _say(line, verdict, reason):
    return f"The notes, line {line}: {verdict}. {reason}".strip()


QUOTIENT = r"\frac{\Delta J}{h}"
H_START, H_END = 1.0, 1e-3  # the secant's step shrinks from here to here (a log sweep)
NUDGE = {"W": 0.5, "b": 1.5, "x": 0.75}  # how far each input of Linear is nudged on screen


class Calculus(Scene):
    def construct(self):
        self.key_moments = {}  # name -> text boxes on screen, for the layout tests
        self.verdicts = []
        self.limits = {}  # parameter -> (quotient at the smallest h, the recorded gradient)
        traj = ensure_trajectory("linear", Path(config.media_dir) / "trajectories")
        self.start = dict(zip(traj.param_names, map(float, traj.params[0]), strict=True))
        self.gradient = dict(zip(traj.param_names, map(float, traj.grad[0]), strict=True))
        self.final = traj.final

        self.next_section("title")
        card = title_card("Partial derivatives", "How does the loss answer a small nudge?")
        self.play(FadeIn(card), subcaption="Partial derivatives: the slope along one axis.")
        self.wait(1.5)
        self.play(FadeOut(card))

        self.next_section("definition")
        board = DerivationBoard(self, "The definition in the notes")
        self.verdicts += board.play(
            derivations.chain("limits"),
            intro="The notes define a partial derivative as a limit of difference quotients.",
        )

        self.next_section("limit")
        self.limit_on_slices()

        self.next_section("linear layer")
        self.linear_layer()

    # ------------------------------------------------------------------------------------------
    def limit_on_slices(self):
        head = section_title("J(W, b): the linear model's MSE, sliced through the start")
        self.play(FadeIn(head), subcaption="Why these limits? Descent needs exactly these slopes.")
        panels = [self.slice_panel("W", LEFT * 3.4), self.slice_panel("b", RIGHT * 3.4)]
        self.play(*(Create(p.axes) for p in panels), *(Create(p.curve) for p in panels))
        for p in panels:
            self.play(FadeIn(p.dot), FadeIn(p.readouts), run_time=0.6)
            self.sweep(p)
        self.snapshot("limit")
        self.wait(1.5)
        self.play(*(FadeOut(m) for m in self.mobjects))

    def slice_panel(self, name, centre):
        """J along one parameter, the other held at the start: the partial derivative's world."""
        other = "b" if name == "W" else "W"
        colour = W_COLOR if name == "W" else B_COLOR
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
            axis_config={"color": MUTED, "font_size": 20},
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
        curve = axes.plot_line_graph(grid - lo, J, add_vertex_dots=False, line_color=LOSS_COLOR)
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
        secant = Line(color=PATH_COLOR)
        second = Dot(color=PATH_COLOR, radius=0.06)

        def update(_):
            i = min(int(u.get_value() * (len(p.hs) - 1)), len(p.hs) - 1)
            h, slope = p.hs[i], p.quotients[i]
            secant.become(_line_through(p.ax, p.at, p.J0, slope, PATH_COLOR))
            second.move_to(p.ax.c2p(p.at + h, self._loss(p.name, p.lo + p.at + h)))
            p.readouts.set_values({"h": h, QUOTIENT: slope})

        secant.add_updater(update)
        update(None)
        self.add(secant, second, p.readouts)  # after the secant's updater: redrawn each frame
        self.play(
            u.animate.set_value(1),
            run_time=6 if p.name == "W" else 4,
            rate_func=linear,
            subcaption=f"Shrink h: ΔJ/h = (J({p.name} + h) − J({p.name}))/h, the secant's slope, "
            "settles down.",
        )
        secant.clear_updaters()
        tangent = _line_through(p.ax, p.at, p.J0, self.gradient[p.name], p.colour)
        self.play(
            Transform(secant, tangent),
            FadeOut(second),
            FadeIn(p.limit),
            run_time=1.0,
            subcaption=f"Its limit is ∂J/∂{p.name} = {self.gradient[p.name]:.4f}: the gradient "
            "descent records at its first step.",
        )
        self.limits[p.name] = (float(p.quotients[-1]), self.gradient[p.name])

    def _pair(self, name, values):
        return (values, self.start["b"]) if name == "W" else (self.start["W"], values)

    def _loss(self, name, value):
        params = dict(self.start, **{name: value})
        return dataset_loss("linear", params, NOTES)

    # ------------------------------------------------------------------------------------------
    def linear_layer(self):
        head = section_title("Linear(W, b, x) = W·x + b: nudge one input at a time")
        rows = VGroup()
        lines = equations(derivations.chain("linear_layer"))
        for _, fixed, verdict, _, ids in lines:
            rows.add(VGroup(step_tex(fixed, width=5.4, size=32), verdict_mark(verdict)))
            self.verdicts += ids
        for row in rows:
            row.arrange(DOWN, buff=0.15, aligned_edge=LEFT)
        rows.arrange(DOWN, buff=0.45, aligned_edge=LEFT).to_edge(LEFT, buff=0.5).shift(0.5 * UP)
        self.ratio_spot = rows.get_bottom() + 0.9 * DOWN
        W, b = self.final["W"], self.final["b"]
        x = float(NOTES.x[-1])
        axes = data_axes(5, max(NOTES.y) * 1.6, width=5.6, height=4.0).to_edge(RIGHT, buff=0.6)
        line = _model_line(axes, W, b)
        dot = Dot(axes.c2p(x, op.Linear(W, b, x)), color=PATH_COLOR)
        self.play(
            FadeIn(head),
            Create(axes),
            FadeIn(data_points(axes, NOTES)),
            Create(line),
            FadeIn(dot),
            subcaption="The fitted line, and one house on it.",
        )
        self.nudges = {}  # input -> how far the output moved per unit of nudge
        for row, (line_no, _, verdict, reason, _), name in zip(rows, lines, "Wxb", strict=True):
            self.play(Write(row[0]), FadeIn(row[1]), subcaption=_say(line_no, verdict, reason))
            self.nudge(axes, line, dot, name, W, b, x)
        self.wait(2)

    def nudge(self, axes, line, dot, name, W, b, x):
        """Nudge one input of Linear; how far the output moves, divided by the nudge."""
        start = {"W": W, "b": b, "x": x}
        moved = dict(start, **{name: start[name] + NUDGE[name]})
        y0, y1 = op.Linear(W, b, x), op.Linear(moved["W"], moved["b"], moved["x"])
        ratio = (y1 - y0) / NUDGE[name]
        self.nudges[name] = ratio
        new_line = _model_line(axes, moved["W"], moved["b"])
        ghost = line.copy().set_stroke(opacity=0.35)
        rise = DashedLine(axes.c2p(moved["x"], y0), axes.c2p(moved["x"], y1), color=PATH_COLOR)
        result = {"W": " = x", "x": " = W", "b": ""}[name]  # what the notes' line says it is
        label = tex(rf"\frac{{\Delta y'}}{{\Delta {name}}} = {ratio:.4g}{result}", size=34)
        label.set_color(PATH_COLOR).move_to(self.ratio_spot)
        self.add(ghost)
        self.play(
            Transform(line, new_line),
            dot.animate.move_to(axes.c2p(moved["x"], y1)),
            Create(rise),
            FadeIn(label),
            run_time=1.5,
            subcaption=f"Nudge {name} by {NUDGE[name]:g}: the output moves {y1 - y0:.4g}, "
            f"{ratio:.4g} times the nudge.",
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

    def snapshot(self, name):
        self.key_moments[name] = text_boxes(self)


def _line_through(axes, x0, y0, slope, colour):
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


def _model_line(axes, W, b):
    """Linear(W, b, x) over the axes, cut where it leaves them (prices below zero)."""
    xs = np.linspace(0, axes.x_range[1], 101)
    return VMobject(color=MODEL_COLOR).set_points_as_corners(
        curve_points(axes, xs, op.Linear(W, b, xs))
    )
