"""Gradient descent: the update rule, the slope's sign, the learning rate, simultaneous updates.

Run: manim render scenes/gradient_descent.py

Every run is the linear model's MSE descent on the notes' houses, computed by fitting/ from the
same start (the default run's): the good learning rate is the default run's, the small and large
ones are fixed fractions of it, and the large run is shown up to the epoch where fitting raised
DivergenceError.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Axes,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    Line,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    config,
    linear,
)

from fitting import NOTES, DivergenceError, dataset_loss, fit, loss_grid
from scenes.kit import palette
from scenes.kit.layout import fit_inside, padded, section_title, title_card
from scenes.kit.lecture import Lecture, section
from scenes.kit.plots import nice_step, polyline_points, polyline_prefix, put
from scenes.kit.style import SMALL_SIZE
from scenes.kit.surface import contour
from scenes.kit.typeset import tex, text

MODEL = "linear"
LR_FACTORS = {"too small": 0.1, "good": 1.0, "too large": 1.5}  # times the default run's rate
RUN_COLORS = dict(zip(LR_FACTORS, palette.RATES, strict=True))
UPDATE_COLORS = {"simultaneous": palette.PATH, "sequential": palette.CHANGED}
DIRECTION_STEPS = 4  # epochs of the default run shown one by one


class GradientDescent(Lecture):
    model_name = MODEL

    def setup(self):
        super().setup()
        self.start = tuple(float(v) for v in self.traj.params[0])

    def construct(self):
        self.title()
        self.update_rule()
        self.direction()
        self.learning_rates()
        self.simultaneous()

    @section("title")
    def title(self):
        card = title_card("Gradient descent", "Which way does each parameter move, and how far?")
        self.say("Gradient descent on the linear model's MSE.", FadeIn(card))
        self.play(FadeOut(card))

    @section("update rule")
    def update_rule(self):
        self.derive("update_rule", "The update rule in the notes", prefix="update_rule.linear",
                    intro="The notes' update rule: each parameter moves against its slope, "
                    "scaled by the learning rate alpha.")  # fmt: skip

    # ------------------------------------------------------------------------------------------
    @section("direction")
    def direction(self):
        """The first epochs of the default run, W only: the slope's sign sets the direction."""
        traj, n = self.traj, DIRECTION_STEPS
        W, b, J = traj.params[: n + 1, 0], traj.params[: n + 1, 1], traj.loss[: n + 1]
        slopes, lrs = traj.grad[:n, 0], traj.lr[1 : n + 1]
        lo, hi = W.min() - 0.4, W.max() + 0.4
        grid = np.linspace(lo, hi, 100)
        slices = [loss_grid(MODEL, grid, b_k, NOTES) for b_k in b[:n]]
        top = float(max(s.max() for s in slices))
        axes = (
            Axes(
                x_range=[lo, hi, nice_step(hi - lo, 5)],
                y_range=[0, top, nice_step(top, 4)],
                x_length=7.0,
                y_length=4.2,
                tips=False,
                axis_config={"color": palette.MUTED, "font_size": 20},
            )
            .to_edge(LEFT, buff=0.9)
            .shift(0.4 * DOWN)
        )
        axes.x_axis.add_numbers(font_size=20)
        axes.y_axis.add_numbers(font_size=20, num_decimal_places=0)
        labels = VGroup(
            tex("W", size=30, color=palette.W).next_to(axes.x_axis.get_right(), UP, buff=0.15),
            tex("J", size=30, color=palette.J).next_to(axes.y_axis.get_top(), UP, buff=0.12),
        )
        head = section_title("The sign of the slope decides the direction")
        self.say("J along W, with b held where it is at each epoch.", FadeIn(head), Create(axes),
                 FadeIn(labels))  # fmt: skip
        self.moves = []  # (slope, W before, W after) as shown
        curve = dot = tangent = arrow = words = None
        for k in range(n):
            new_curve = axes.plot_line_graph(
                grid, slices[k], add_vertex_dots=False, line_color=palette.J
            )
            new_dot = Dot(axes.c2p(W[k], J[k]), color=palette.PATH)
            half = min(0.35 * (hi - lo) / 2, 0.8 * (top - J[k]) / abs(slopes[k]))  # stay inside
            new_tangent = Line(
                axes.c2p(W[k] - half, J[k] - slopes[k] * half),
                axes.c2p(W[k] + half, J[k] + slopes[k] * half),
                color=palette.PATH,
            )
            new_arrow = Arrow(
                axes.c2p(W[k], 0),
                axes.c2p(W[k + 1], 0),
                buff=0,
                color=palette.W,
                stroke_width=5,
                max_tip_length_to_length_ratio=0.2,
            )
            way = "right: W grows" if W[k + 1] > W[k] else "left: W shrinks"
            sign = "<" if slopes[k] < 0 else ">"
            new_words = VGroup(
                text(f"epoch {int(traj.epoch[k])}", SMALL_SIZE, palette.MUTED),
                tex(rf"\frac{{\partial J}}{{\partial W}} = {slopes[k]:.3f} {sign} 0", size=32),
                text(f"so the step goes {way}", SMALL_SIZE, palette.W),
                tex(
                    rf"W := {W[k]:.3f} - {lrs[k]:g} \cdot ({slopes[k]:.3f})",
                    rf"= {W[k + 1]:.3f}",
                    size=30,
                ),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
            new_words.to_edge(RIGHT, buff=0.5).shift(0.3 * DOWN)
            self.moves.append((float(slopes[k]), float(W[k]), float(W[k + 1])))
            say = (
                f"Epoch {int(traj.epoch[k])}: the slope is {slopes[k]:.3f}, {sign} 0, so W moves "
                f"{way.split(':')[0]}, from {W[k]:.3f} to {W[k + 1]:.3f}."
            )
            if curve is None:
                curve, dot, tangent, words = new_curve, new_dot, new_tangent, new_words
                self.say(say, Create(curve), FadeIn(dot), Create(tangent), FadeIn(words))
            else:
                self.say(
                    say,
                    Transform(curve, new_curve),
                    Transform(dot, new_dot),
                    Transform(tangent, new_tangent),
                    FadeOut(arrow),
                    Transform(words, new_words),
                )
            arrow = new_arrow
            self.play(Create(arrow), run_time=0.8)
            self.snapshot(f"direction {k}")
            self.wait(1.2)
        self.fade_all()

    # ------------------------------------------------------------------------------------------
    def runs(self):
        """The three learning rates from the same start; the large one up to its divergence."""
        good = float(self.traj.lr[0])
        settled = self.traj.loss <= self.traj.final_loss * 1.01
        epochs = int(self.traj.epoch[np.argmax(settled)])  # the good run has settled by then
        runs, self.diverged = {}, {}
        for name, factor in LR_FACTORS.items():
            lr = good * factor
            try:
                runs[name] = fit(MODEL, NOTES, lr=lr, start=self.start, epochs=epochs)
            except DivergenceError as error:
                self.diverged[name] = error
                runs[name] = fit(MODEL, NOTES, lr=lr, start=self.start, epochs=error.epoch - 1)
        return runs, epochs

    @section("learning rate")
    def learning_rates(self):
        runs, epochs = self.runs()
        self.lr_runs = runs
        ok = [r for n, r in runs.items() if n not in self.diverged]
        Ws = np.concatenate([r.params[:, 0] for r in ok])
        bs = np.concatenate([r.params[:, 1] for r in ok])
        (W0, W1), (b0, b1) = padded(Ws, 0.15), padded(bs, 0.15)
        plane = Axes(
            x_range=[W0, W1, nice_step(W1 - W0, 5)],
            y_range=[b0, b1, nice_step(b1 - b0, 5)],
            x_length=6.0,
            y_length=5.0,
            tips=False,
            axis_config={"color": palette.MUTED, "font_size": 20},
        )
        plane.add_coordinates().to_corner(DOWN + LEFT, buff=0.4)
        plane_labels = VGroup(
            tex("W", size=30, color=palette.W).next_to(plane.x_axis.get_right(), DOWN, buff=0.3),
            tex("b", size=30, color=palette.b).next_to(plane.y_axis.get_top(), RIGHT, buff=0.15),
        )
        contours = _contours(plane, (W0, W1), (b0, b1), self.traj.final_loss)
        logs = {n: np.log10(r.loss) for n, r in runs.items()}
        z_hi = float(np.ceil(max(v.max() for v in logs.values())))
        z_lo = float(np.floor(min(v.min() for v in logs.values())))
        loss_axes = (
            Axes(
                x_range=[0, epochs, nice_step(epochs, 4)],
                y_range=[0, z_hi - z_lo, 1],
                x_length=5.4,
                y_length=3.2,
                tips=False,
                axis_config={"color": palette.MUTED, "font_size": 20},
            )
            .to_corner(UP + RIGHT, buff=0.6)
            .shift(0.6 * DOWN)
        )
        loss_axes.x_axis.add_numbers(font_size=20, num_decimal_places=0)
        loss_axes.y_axis.add_labels(
            {z: tex(f"10^{{{int(z + z_lo)}}}", size=22) for z in range(int(z_hi - z_lo) + 1)}
        )
        loss_label = text("J per epoch (log scale)", SMALL_SIZE, palette.J)
        loss_label.next_to(loss_axes, UP, buff=0.15)
        legend = VGroup()
        for name, r in runs.items():
            legend.add(text(f"{name}: \u03b1 = {r.lr[0]:g}", SMALL_SIZE, RUN_COLORS[name]))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.15).next_to(loss_axes, DOWN, buff=0.7)
        legend.align_to(loss_axes, LEFT)
        head = section_title("Three learning rates, one start")
        self.say(
            "Contours of J(W, b); each run starts at the same point.",
            FadeIn(head),
            Create(plane),
            FadeIn(plane_labels),
            FadeIn(contours),
            Create(loss_axes),
            FadeIn(loss_label),
            FadeIn(legend),
        )

        tracks = {}
        for name, r in runs.items():
            inside = _inside(r.params, (W0, W1), (b0, b1))
            path = np.asarray(plane.c2p(r.params[:inside, 0], r.params[:inside, 1])).T
            trace = np.asarray(loss_axes.c2p(r.epoch.astype(float), logs[name] - z_lo)).T
            tracks[name] = dict(
                run=r,
                path=path,
                path_full=polyline_points(path),
                trace=trace,
                trace_full=polyline_points(trace),
                line=VMobject(color=RUN_COLORS[name], stroke_width=3),
                curve=VMobject(color=RUN_COLORS[name], stroke_width=3),
                dot=Dot(path[0], radius=0.07, color=RUN_COLORS[name]),
            )
        clock = ValueTracker(0)
        self.shown_rows = {}

        def show(_):
            epoch = (epochs + 1) ** clock.get_value() - 1  # early epochs get the screen time
            for name, t in tracks.items():
                row = int(np.searchsorted(t["run"].epoch, epoch, side="right")) - 1
                k = min(row, len(t["path"]) - 1)
                t["line"].points = polyline_prefix(t["path_full"], k)
                put(t["dot"], t["path"][k])
                t["curve"].points = polyline_prefix(t["trace_full"], row)
                self.shown_rows[name] = row

        first = next(iter(tracks.values()))["line"]
        first.add_updater(show)
        show(None)
        for t in tracks.values():
            self.add(t["line"], t["curve"], t["dot"])
        with self.beat("Too small crawls; good settles; too large overshoots further every epoch."):
            self.play(clock.animate.set_value(1), run_time=9, rate_func=linear)
        first.clear_updaters()
        clock.set_value(1)
        show(None)
        notes = VGroup()
        for name, r in runs.items():
            if name in self.diverged:
                error = self.diverged[name]
                words = f"{name}: DivergenceError at epoch {error.epoch}, J = {error.loss:.3g}"
            else:
                words = f"{name}: J = {r.final_loss:.4f} at epoch {int(r.epoch[-1]):,}"
            notes.add(text(words, SMALL_SIZE, RUN_COLORS[name]))
        notes.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        fit_inside(notes, width=config.frame_width / 2 - 1.0).move_to(legend, aligned_edge=UP)
        notes.to_edge(RIGHT, buff=0.4)
        self.play(FadeOut(legend), run_time=0.4)
        for note in notes:  # one run's outcome per beat
            self.say(note.text + ".", FadeIn(note))
        self.say("Fitting detected the divergence and stopped that run.")
        self.snapshot("learning rate")
        self.wait(3)
        self.fade_all()

    # ------------------------------------------------------------------------------------------
    @section("simultaneous")
    def simultaneous(self):
        """The default run against the same run updating W first, then b with the new W."""
        both = {"simultaneous": self.traj, "sequential": fit(MODEL, NOTES, method="sequential")}
        self.update_runs = both
        a, b = both["simultaneous"].params, both["sequential"].params
        n = min(len(a), len(b))
        self.part_epoch = int(np.argmax(np.abs(a[:n] - b[:n]).max(axis=1) > 0))
        colors = UPDATE_COLORS
        Ws = np.concatenate([a[:, 0], b[:, 0]])
        bs = np.concatenate([a[:, 1], b[:, 1]])
        (W0, W1), (b0, b1) = padded(Ws, 0.15), padded(bs, 0.15)
        plane = Axes(
            x_range=[W0, W1, nice_step(W1 - W0, 5)],
            y_range=[b0, b1, nice_step(b1 - b0, 5)],
            x_length=6.0,
            y_length=5.6,
            tips=False,
            axis_config={"color": palette.MUTED, "font_size": 20},
        )
        plane.add_coordinates().to_corner(DOWN + LEFT, buff=0.4)
        labels = VGroup(
            tex("W", size=30, color=palette.W).next_to(plane.x_axis.get_right(), DOWN, buff=0.3),
            tex("b", size=30, color=palette.b).next_to(plane.y_axis.get_top(), RIGHT, buff=0.15),
        )
        contours = _contours(plane, (W0, W1), (b0, b1), self.traj.final_loss)
        rules = VGroup(
            text("simultaneous (the notes' temporaries):", SMALL_SIZE, colors["simultaneous"]),
            tex(
                r"t_W := W - \alpha \tfrac{\partial J}{\partial W}(W, b),\ "
                r"t_b := b - \alpha \tfrac{\partial J}{\partial b}(W, b)",
                size=28,
            ),
            tex(r"W := t_W,\ b := t_b", size=28),
            text("sequential (one after the other):", SMALL_SIZE, colors["sequential"]),
            tex(
                r"W := W - \alpha \tfrac{\partial J}{\partial W}(W, b),\ "
                r"b := b - \alpha \tfrac{\partial J}{\partial b}(W_{\text{new}}, b)",
                size=28,
            ),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        fit_inside(rules, width=config.frame_width / 2 - 0.4).to_corner(UP + RIGHT, buff=0.5)
        rules.shift(0.5 * DOWN)
        head = section_title("Simultaneous or sequential update")
        self.say(
            "Same start, same learning rate: only the order of the updates differs.",
            FadeIn(head),
            Create(plane),
            FadeIn(labels),
            FadeIn(contours),
            FadeIn(rules),
        )
        paths, lines, dots = {}, {}, {}
        for name, run in both.items():
            P = run.params
            if name == "sequential":  # W moves first: a staircase through (W_new, b_old)
                P = np.column_stack([np.repeat(P[:, 0], 2)[1:], np.repeat(P[:, 1], 2)[:-1]])
            paths[name] = np.asarray(plane.c2p(P[:, 0], P[:, 1])).T
            lines[name] = VMobject(color=colors[name], stroke_width=3)
            dots[name] = Dot(paths[name][0], radius=0.07, color=colors[name])
        full = {name: polyline_points(path) for name, path in paths.items()}
        clock = ValueTracker(0)
        last = max(len(r.params) for r in both.values()) - 1

        def show(_):
            row = (last + 1) ** clock.get_value() - 1  # the first steps get the screen time
            for name, run in both.items():
                k = min(int(row), len(run.params) - 1)
                k = 2 * k if name == "sequential" else k
                lines[name].points = polyline_prefix(full[name], k)
                put(dots[name], paths[name][k])

        lines["simultaneous"].add_updater(show)
        show(None)
        self.add(*lines.values(), *dots.values())
        first = {name: run.params[1] for name, run in both.items()}
        with self.beat(f"They part at epoch {self.part_epoch}."):
            self.play(clock.animate.set_value(1), run_time=8, rate_func=linear)
        lines["simultaneous"].clear_updaters()
        clock.set_value(1)
        show(None)
        self.say(f"After W's step, b becomes {first['simultaneous'][1]:.3f} with the old W and "
                 f"{first['sequential'][1]:.3f} with the new one.")  # fmt: skip
        said = [
            f"{name}: J = {run.final_loss:.4f} after {int(run.epoch[-1]):,} epochs"
            for name, run in both.items()
        ]
        ends = VGroup(
            *(text(words, SMALL_SIZE, c) for words, c in zip(said, colors.values(), strict=True))
        )
        ends.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        fit_inside(ends, width=rules.width).next_to(rules, DOWN, buff=0.6)
        ends.align_to(rules, LEFT)
        for end, words in zip(ends, said, strict=True):  # one run's outcome per beat
            self.say(words + ".", FadeIn(end))
        self.snapshot("simultaneous")
        self.wait(3)


def _inside(params, W_range, b_range):
    """How many leading rows of params lie inside the window."""
    ok = (params[:, 0] >= W_range[0]) & (params[:, 0] <= W_range[1])
    ok &= (params[:, 1] >= b_range[0]) & (params[:, 1] <= b_range[1])
    return int(np.argmin(ok)) if not ok.all() else len(params)


def _contours(plane, W_range, b_range, lowest, count=8):
    """Level curves of J (fitting's dataset_loss), log-spaced from the lowest loss up."""
    corners = [dataset_loss(MODEL, {"W": W, "b": b}, NOTES) for W in W_range for b in b_range]
    levels = np.geomspace(lowest * 1.05, max(corners), count + 1)[:-1]
    return VGroup(
        *(
            contour(plane, _loss, W_range, b_range, level, max_quads=800).set_stroke(
                palette.MUTED, width=1.2, opacity=0.6
            )
            for level in levels
        )
    )


def _loss(W, b):
    return dataset_loss(MODEL, {"W": W, "b": b}, NOTES)
