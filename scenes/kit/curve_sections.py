"""The curve lecture's sections: fitting one model with two parameters (W, b) to the houses.

linear.py, sigmoid.py and cubic.py subclass CurveFitLecture and list its sections in their
construct(). What the sections record, for tests (besides Lecture's key moments and verdicts):
``curve_params`` and ``readout_values`` (as last drawn), ``shown_rows`` (trajectory rows drawn,
in order), ``predictions`` (floors -> price shown), ``descent_seconds``.
"""

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    WHITE,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowFromCenter,
    LaggedStart,
    Scene,
    ThreeDScene,
    VGroup,
    VMobject,
    Write,
    config,
    linear,
    smooth,
)

import derivations
from fitting import NOTES, predict
from fitting.models import MODELS
from scenes.kit import checked, palette, plots
from scenes.kit.descent_view import DescentView
from scenes.kit.keyframes import keyframes
from scenes.kit.layout import fit_inside, section_title, title_card
from scenes.kit.lecture import Lecture, section
from scenes.kit.plots import curve_points, data_axes, data_points, nice_ceil, price_table
from scenes.kit.style import BODY_SIZE, SMALL_SIZE, TEX_SIZE
from scenes.kit.surface import OffsetCamera
from scenes.kit.typeset import label
from scenes.kit.words import eur


class CurveFitLecture(Lecture, ThreeDScene):
    """One lecture on fitting `model_name` to the notes' houses, in six sections."""

    title = ""
    question = "What does a house cost, given its number of floors?"
    data = NOTES
    x_max = 5  # floors on the data plot: the notes ask about 3 and 5

    def __init__(self, **kwargs):
        super().__init__(camera_class=OffsetCamera, **kwargs)

    def setup(self):
        super().setup()
        self.model = MODELS[self.model_name]
        self.final_params = self.traj.final
        self.optimum = checked.optimum(self.model_name, self.data)
        self.curve_params = None
        self.readout_values = {}
        self.shown_rows = []
        self.predictions = {}

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

    @section("1 question and data")
    def question_and_data(self):
        card = title_card(self.title, self.question)
        self.say(self.title, Write(card[0]), FadeIn(card[1]), run_time=1.5)
        self.play(FadeOut(card), run_time=0.5)
        data = self.data
        axes = data_axes(self.x_max, nice_ceil(max(data.y) * 1.1), width=6.2, height=4.6)
        axes.to_edge(LEFT, buff=0.9).shift(0.3 * DOWN)
        table = price_table(data).to_edge(RIGHT, buff=0.9).shift(0.3 * DOWN)
        question = label(self.question, BODY_SIZE).to_edge(UP, buff=0.4)
        dots = data_points(axes, data)
        self.say(f"The notes' data: {len(data)} houses and their prices, by number of floors.",
                 FadeIn(question), Create(axes), run_time=1.2)  # fmt: skip
        low, high = np.argmin(data.y), np.argmax(data.y)
        self.say(
            f"From {eur(data.y[low])} ({data.x[low]:g} floors) to {eur(data.y[high])} "
            f"({data.x[high]:g} floors).",
            LaggedStart(*(GrowFromCenter(d) for d in dots), lag_ratio=0.3),
            FadeIn(table),
            run_time=1.5,
        )
        self.snapshot("data")
        self.fade_all()

    @section("2 model and cost")
    def model_and_cost(self, *cost_steps):
        """The model, the notes' names for its parameters, the cost; then the notes' MSE chain
        (only the steps `cost_steps`, or all)."""
        head = section_title("The model and the cost")
        rows = VGroup(
            label("the model: a house's price from its floors x", color=palette.MUTED),
            label(derivations.model_tex(self.model_name), TEX_SIZE, math=True),
            label(r"\text{the notes write } h_\theta(x), \quad \theta_0 = b, \quad \theta_1 = W",
                  32, math=True),
            label("the cost: the mean squared error over the N houses", color=palette.MUTED),
            label(derivations.loss_tex(self.model_name), TEX_SIZE, math=True),
        ).arrange(DOWN, buff=0.35)  # fmt: skip
        fit_inside(rows, height=6.0).next_to(head, DOWN, buff=0.5).set_x(0)
        self.say(f"The model: price = {self.model.formula}.", FadeIn(head), FadeIn(rows[0]),
                 Write(rows[1]), run_time=1.2)  # fmt: skip
        self.say("The notes call the parameters \u03b8: \u03b80 is b, \u03b81 is W.",
                 FadeIn(rows[2]), run_time=0.8)  # fmt: skip
        self.say("The cost J: the mean of the squared misses over the N houses.",
                 FadeIn(rows[3]), Write(rows[4]), run_time=1.2)  # fmt: skip
        self.snapshot("model and cost")
        self.fade_all()
        self.derive("mse", "The cost, as the notes write it", *cost_steps)

    @section("3 gradient")
    def gradient(self, *chains):
        """chains: (chain name, heading), in the order shown; then SymPy's gradient."""
        for name, heading in chains:
            self.derive(name, heading)
        head = section_title("SymPy's gradient of J, which the descent uses")
        grads = derivations.gradient_tex(self.model_name)
        rows = VGroup(*(label(grads[p], TEX_SIZE, math=True) for p in self.traj.param_names))
        rows.arrange(DOWN, buff=0.5)
        fit_inside(rows, height=5.0).move_to(0.2 * DOWN)
        self.say("SymPy derives the gradient from the model itself: the descent uses these.",
                 FadeIn(head), Write(rows), run_time=1.5)  # fmt: skip
        self.snapshot("gradient")
        self.fade_all()

    @section("4 update rule")
    def update_rule(self, prefix):
        """The notes' update rule (the steps whose id starts with `prefix`), then why both
        parameters move at once, and this run's learning rate."""
        self.derive("update_rule", "The update rule", prefix=prefix)
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
        words = label("the learning rate: how far each step goes", color=palette.MUTED)
        rate_row = VGroup(rate, words).arrange(RIGHT, buff=0.4)
        body = VGroup(rules, why, rate_row).arrange(DOWN, buff=0.5)
        fit_inside(body, height=6.2).next_to(head, DOWN, buff=0.4).set_x(0)
        self.say("Compute both new values from the old ones, then assign both.", FadeIn(head),
                 Write(rules), run_time=1.5)  # fmt: skip
        self.say("The temporaries keep both slopes at the same point (W, b).", FadeIn(why),
                 run_time=0.8)  # fmt: skip
        self.say(f"The learning rate alpha of this run: {lr[0]:.3g}"
                 + ("." if constant else f", lowered to {lr.min():.3g} as it goes."),
                 FadeIn(rate_row), run_time=0.6)  # fmt: skip
        self.snapshot("update rule")
        self.fade_all()

    @section("5 descent")
    def descent(self, rotate=3.5, settle=1.5, above=10.0, turn=40):
        """The recorded descent: data and curve, loss per epoch, and the path on J(W, b).

        The camera turns around the surface for `rotate` s, settles to a top-down (contour)
        view for `settle` s, and the rest of the path runs `above` s with the camera still, when
        Manim redraws only what moves. One keyframe per frame, each a recorded row.
        """
        traj, camera = self.traj, self.renderer.camera
        times = np.array([rotate, settle, above])
        self.descent_seconds = float(times.sum())
        rows = keyframes(traj.loss, traj.params, int(round(times.sum() * config.frame_rate)) + 1)
        view = DescentView(self, rows)
        self.say(f"The recorded descent: {int(traj.epoch[-1]):,} epochs, shown through "
                 f"{len(rows)} of the recorded steps.", FadeIn(view.panels), FadeIn(view.world),
                 FadeIn(view.movers), run_time=0.7)  # fmt: skip
        view.start()
        ends = np.cumsum(times) / times.sum()
        with self.beat(
            "Right: the loss J over (W, b), log scale; the point follows the recorded path."
        ):
            self.play(
                view.tracker.animate(rate_func=linear).set_value(ends[0]),
                camera.theta_tracker.animate(rate_func=smooth).increment_value(turn * DEGREES),
                run_time=rotate,
            )
        with self.beat("Seen from above, the surface is a contour map."):
            self.play(
                view.tracker.animate(rate_func=linear).set_value(ends[1]),
                camera.theta_tracker.animate(rate_func=smooth).set_value(-90 * DEGREES),
                camera.phi_tracker.animate(rate_func=smooth).set_value(0),
                view.world_labels[2].animate.set_opacity(0),  # the J axis points at the viewer
                run_time=settle,
            )
        with self.beat("Left: the model's curve moves with W and b; below, J per epoch."):
            self.play(view.tracker.animate(rate_func=linear).set_value(1.0), run_time=above)
        view.stop()
        final = traj.final
        self.say(f"It ends at W = {final['W']:.4f}, b = {final['b']:.4f}, "
                 f"J = {traj.loss[-1]:.4g}.")  # fmt: skip
        self.snapshot("descent end")
        self.fade_all()
        camera.screen_offset = np.zeros(3)

    @section("6 result")
    def result(self, extrapolate, x_max, remark, asked=(3, 5), cap=None):
        """Final parameters against the optimum, the notes' questions, an extrapolation."""
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
        far_rows = price_rows(extrapolate, far, palette.PATH)
        near_rows.next_to(table, DOWN, buff=0.5).align_to(table, LEFT)
        far_rows.next_to(near_rows, DOWN, buff=0.4).align_to(table, LEFT)
        self.say(f"The descent ends at W = {final['W']:.4f}, b = {final['b']:.4f}.",
                 FadeIn(head), FadeIn(table))  # fmt: skip
        self.say(f"The independent optimum is W = {opt.params['W']:.4f}, "
                 f"b = {opt.params['b']:.4f}.")  # fmt: skip
        self.say("The notes' questions: " + _prices(asked, answers), FadeIn(near_rows),
                 run_time=0.8)  # fmt: skip
        self.snapshot("result")
        plot = self.extrapolation(extrapolate, far, x_max, cap)
        words = label(remark, color=palette.CHANGED)
        fit_inside(words, width=config.frame_width - 1).to_edge(DOWN, buff=0.35)
        self.say("Further out: " + _prices(extrapolate, far), Create(plot), FadeIn(far_rows))
        self.say(remark, FadeIn(words), run_time=0.8)
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
        curve = VMobject(color=palette.MODEL, stroke_width=4)
        curve.set_points_as_corners(curve_points(axes, xs, ys))
        marks = VGroup(
            *(
                Dot(axes.c2p(x, y), color=palette.PATH, radius=0.08)
                for x, y in zip(floors, prices, strict=True)
                if x <= x_max and low <= y <= top
            )
        )
        group = VGroup(axes, data_points(axes, self.data), curve, marks)
        if cap is not None:
            line = DashedLine(axes.c2p(0, cap), axes.c2p(x_max, cap), color=palette.MUTED)
            name = label(f"cap {eur(cap)}", color=palette.MUTED)
            group.add(line, name.next_to(line, DOWN, buff=0.1).align_to(line, RIGHT))
        return group


def _prices(floors, prices):
    """'3 floors cost 392,118 EUR; 5 floors cost ...'."""
    return (
        "; ".join(f"{x:g} floors cost {eur(y)}" for x, y in zip(floors, prices, strict=True)) + "."
    )


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
    table = plots.table(
        rows,
        row_labels=[label(name, color=palette.MUTED) for name in results],
        col_labels=[label(n, SMALL_SIZE + 6, math=True) for n in ("W", "b", "J")],
        top_left_entry=VMobject(),
        element_to_mobject=lambda s: label(s),
        include_outer_lines=False,
        v_buff=0.25,
        h_buff=0.45,
        line_config={"stroke_width": 1, "color": palette.MUTED},
    )
    return fit_inside(table, width=6.0)
