"""The curve lecture's sections: fitting one model with two parameters (W, b) to the houses.

linear.py, sigmoid.py and cubic.py subclass CurveFitLecture and list its sections in their
construct(); each passes the words its derivations are narrated with (`Words`). What the
sections record, for tests (besides Lecture's key moments and verdicts): ``curve_params`` and
``readout_values`` (as last drawn), ``shown_rows`` (trajectory rows drawn, in order),
``predictions`` (floors -> price shown), ``descent_seconds``.

Units, stated once in the first section and kept: prices in 100,000 EUR (y = 4.5 is 450,000
EUR), J in (100,000 EUR) squared.
"""

import textwrap

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
from scenes.kit.descent_view import DescentView, SliceView, misses_points
from scenes.kit.keyframes import keyframes
from scenes.kit.layout import fit_inside, section_title, title_card
from scenes.kit.lecture import Lecture, section
from scenes.kit.plots import curve_points, data_axes, data_points, nice_ceil
from scenes.kit.style import BODY_SIZE, TEX_SIZE
from scenes.kit.surface import OffsetCamera
from scenes.kit.typeset import label
from scenes.kit.words import eur

COST_WORDS = {
    "mse.J": "The notes name the cost J of theta zero and theta one: "
    "it depends on the two parameters only.",
    "mse.line22": "They also call it the mean squared error.",
    "mse.sum": (
        "It is one over N times the sum of each miss squared. The notes start the sum at zero.",
        "But the N houses are numbered 1 to N: from zero, the sum would have N plus 1 terms. "
        "The sum starts at 1.",
    ),
    "mse.line24": "h of x i is the model's price for house i.",
    "mse.line24.2": "For the straight line, that is theta zero plus theta one times x i.",
}


class Words:
    """A derivation's narration: {step id: words, or (as written, correction) for a finding}.

    A finding the lecture explained before is said as its one-line form (or the correction)."""

    def __init__(self, words):
        self.words = words

    def __call__(self, step, first_time):
        words = self.words[step.id]
        if isinstance(words, tuple) and not first_time:
            return words[1]
        return words


def spoken(value, places=2):
    """A number as the voice should read it: -3.3 -> 'minus 3.30'."""
    text = f"{abs(value):.{places}f}"
    return f"minus {text}" if value < 0 else text


class CurveFitLecture(Lecture, ThreeDScene):
    """One lecture on fitting `model_name` to the notes' houses, in six sections."""

    poster_moment = "descent end"  # the frame on the video's poster

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
        self.say(f"{self.title}. {self.question}", Write(card[0]), FadeIn(card[1]),
                 run_time=1.5)  # fmt: skip
        self.play(FadeOut(card), run_time=0.5)
        data = self.data
        axes = data_axes(
            self.x_max, nice_ceil(max(data.y) * 1.1), width=5.4, height=4.6, size=BODY_SIZE - 4
        )
        axes.to_edge(LEFT, buff=0.6).shift(0.1 * DOWN)
        table = unit_table(data)
        fit_inside(table, width=6.0).to_edge(RIGHT, buff=0.4).shift(0.1 * DOWN)
        question = label(self.question, BODY_SIZE).to_edge(UP, buff=0.35)
        dots = data_points(axes, data)
        self.say(f"The notes give {len(data)} houses, each with its number of floors and its "
                 "price.", FadeIn(question), Create(axes), run_time=1.2)  # fmt: skip
        low, high = np.argmin(data.y), np.argmax(data.y)
        self.say(
            f"From {eur(data.y[low])} for {floors(data.x[low])}, to {eur(data.y[high])} "
            f"for {floors(data.x[high])}.",
            LaggedStart(*(GrowFromCenter(d) for d in dots), lag_ratio=0.3),
            FadeIn(table[:-1]),
            run_time=1.5,
        )
        self.say(
            "The model counts in units of 100,000 euros: a price of 4.5 means 450,000 euros. "
            "So the cost J is in those units squared.",
            FadeIn(table[-1]),
        )
        self.snapshot("data")
        self.fade_all()

    @section("2 model and cost")
    def model_and_cost(self, *cost_steps):
        """The model, the notes' names for its parameters, the cost and the misses it squares;
        then the notes' MSE chain (only the steps `cost_steps`, or all)."""
        head = section_title("The model and the cost")
        rows = VGroup(
            label("the model: a house's price from its floors x", BODY_SIZE, palette.MUTED),
            label(derivations.model_tex(self.model_name), TEX_SIZE, math=True),
            label(r"\text{the notes write } h_\theta(x), \quad \theta_0 = b, \quad \theta_1 = W",
                  TEX_SIZE - 4, math=True),
            label("the cost: the mean squared error over the N houses", BODY_SIZE,
                  palette.MUTED),
            label(derivations.loss_tex(self.model_name), TEX_SIZE, math=True),
        ).arrange(DOWN, buff=0.4)  # fmt: skip
        fit_inside(rows, height=6.0).next_to(head, DOWN, buff=0.5).set_x(0)
        self.say(f"The model: the price is {self.model.formula}, with x the number of floors.",
                 FadeIn(head), FadeIn(rows[0]), Write(rows[1]), run_time=1.2)  # fmt: skip
        self.say("The notes call the parameters theta. Theta zero is b, and theta one is W.",
                 FadeIn(rows[2]), run_time=0.8)  # fmt: skip
        self.say("The cost J is the mean of the squared misses over the N houses.",
                 FadeIn(rows[3]), Write(rows[4]), run_time=1.2)  # fmt: skip
        self.snapshot("model and cost")
        self.fade_all()
        self.misses()
        self.derive("mse", "The cost, as the notes write it", *cost_steps,
                    intro="Here is the cost as the notes write it, line by line.",
                    narration=Words(COST_WORDS))  # fmt: skip

    def misses(self):
        """The misses J squares, drawn at the descent's starting guess."""
        data, start = self.data, dict(zip(self.traj.param_names, self.traj.params[0], strict=True))
        axes = data_axes(
            self.x_max, nice_ceil(max(data.y) * 1.1), width=7.0, height=4.6, size=BODY_SIZE - 4
        )
        axes.to_edge(LEFT, buff=0.9).shift(0.1 * DOWN)
        xs = np.linspace(0, self.x_max, 200)
        curve = VMobject(color=palette.MODEL, stroke_width=4)
        curve.set_points_as_corners(curve_points(axes, xs, self.predict(start, xs)))
        lines = VMobject(stroke_color=palette.J, stroke_width=5)
        lines.points = misses_points(axes, data, self.predict(start, data.x))
        caption = VGroup(
            label("the model's guess", BODY_SIZE, palette.MODEL),
            label("a miss: y' \u2212 y", BODY_SIZE, palette.J),
            label("J: the mean of the", BODY_SIZE, palette.J),
            label("squared misses", BODY_SIZE, palette.J),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        caption.next_to(axes, RIGHT, buff=0.6).shift(0.5 * UP)
        self.say("Take a first guess for W and b: the blue curve.", FadeIn(axes),
                 FadeIn(data_points(axes, data)), Create(curve), FadeIn(caption[0]))  # fmt: skip
        self.say("Each red line is a miss: the model's price minus the real price.",
                 Create(lines), FadeIn(caption[1]))  # fmt: skip
        self.say("Square each miss, so that big misses count most, and take the mean. "
                 "That is J. The descent will make it small.", FadeIn(caption[2:]))  # fmt: skip
        self.snapshot("misses")
        self.fade_all()

    @section("3 gradient")
    def gradient(self, *chains):
        """chains: (chain name, heading, intro, Words), in the order shown; then SymPy's
        gradient."""
        for name, heading, intro, words in chains:
            self.derive(name, heading, intro=intro, narration=words)
        head = section_title("The gradient the descent uses, derived by SymPy")
        grads = derivations.gradient_tex(self.model_name)
        rows = VGroup(*(label(grads[p], TEX_SIZE, math=True) for p in self.traj.param_names))
        rows.arrange(DOWN, buff=0.6)
        fit_inside(rows, height=5.0).move_to(0.2 * DOWN)
        self.say("The computer derives the same slopes from the model itself. "
                 "These are the ones the descent uses.", FadeIn(head), Write(rows),
                 run_time=1.5)  # fmt: skip
        self.snapshot("gradient")
        self.fade_all()

    @section("4 update rule")
    def update_rule(self):
        """The update rule, shown without its audit (that is in the gradient-descent lecture),
        and this run's learning rate."""
        head = section_title("The update rule")
        slope = {p: rf"\frac{{\partial J}}{{\partial {p}}}" for p in ("W", "b")}
        rules = VGroup(
            label(rf"W := W - \alpha \cdot {slope['W']}", TEX_SIZE + 4, math=True),
            label(rf"b := b - \alpha \cdot {slope['b']}", TEX_SIZE + 4, math=True),
            label("both computed from the same W and b, then assigned", BODY_SIZE,
                  palette.MUTED),
        ).arrange(DOWN, buff=0.45)  # fmt: skip
        lr = self.traj.lr
        constant = np.ptp(lr) == 0
        rate = label(rf"\alpha = {lr[0]:.3g}" if constant else
                     rf"\alpha: {lr.max():.3g} \to {lr.min():.3g}", TEX_SIZE + 4,
                     math=True)  # fmt: skip
        words = label("the learning rate: how far each step goes", BODY_SIZE, palette.MUTED)
        rate_row = VGroup(rate, words).arrange(RIGHT, buff=0.5)
        body = VGroup(rules, rate_row).arrange(DOWN, buff=0.8)
        fit_inside(body, height=6.2).next_to(head, DOWN, buff=0.7).set_x(0)
        self.say("The update rule is the one from the gradient descent lecture. Each step moves "
                 "W and b against their slopes, both at once.", FadeIn(head), Write(rules),
                 run_time=1.5)  # fmt: skip
        self.say(f"The learning rate alpha of this run is {lr[0]:.3g}"
                 + ("." if constant else f", lowered to {lr.min():.3g} as it goes."),
                 FadeIn(rate_row), run_time=0.8)  # fmt: skip
        self.snapshot("update rule")
        self.fade_all()

    @section("5 descent")
    def descent(self, rotate=3.5, settle=1.5, above=10.0, turn=40):
        """The recorded descent: data, curve and misses, J per epoch, the path on J(W, b).

        The camera turns around the surface for `rotate` s, settles to a top-down (contour)
        view for `settle` s, and the rest of the path runs `above` s with the camera still, when
        Manim redraws only what moves. One keyframe per frame, each a recorded row.
        """
        traj, camera = self.traj, self.renderer.camera
        times = np.array([rotate, settle, above])
        self.descent_seconds = float(times.sum())
        rows = keyframes(traj.loss, traj.params, int(round(times.sum() * config.frame_rate)) + 1)
        view = DescentView(self, rows)
        self.say(f"Now the descent runs for {int(traj.epoch[-1]):,} steps, from the first guess.",
                 FadeIn(view.panels), FadeIn(view.world), FadeIn(view.movers),
                 run_time=0.7)  # fmt: skip
        view.start()
        ends = np.cumsum(times) / times.sum()
        with self.beat("On the right, the cost J over all W and b. The orange point is where "
                       "the descent is."):  # fmt: skip
            self.play(
                view.tracker.animate(rate_func=linear).set_value(ends[0]),
                camera.theta_tracker.animate(rate_func=smooth).increment_value(turn * DEGREES),
                run_time=rotate,
            )
        with self.beat("Seen from above, the surface becomes a contour map."):
            self.play(
                view.tracker.animate(rate_func=linear).set_value(ends[1]),
                camera.theta_tracker.animate(rate_func=smooth).set_value(-90 * DEGREES),
                camera.phi_tracker.animate(rate_func=smooth).set_value(0),
                view.world_labels[2].animate.set_opacity(0),  # the J axis points at the viewer
                run_time=settle,
            )
        with self.beat("On the left, the curve moves with W and b, and the red misses shrink. "
                       "Below it, J falls, step after step."):  # fmt: skip
            self.play(view.tracker.animate(rate_func=linear).set_value(1.0), run_time=above)
        view.stop()
        final = traj.final
        self.say(f"It ends with W at {spoken(final['W'])}, b at {spoken(final['b'])}, "
                 f"and J at {traj.loss[-1]:.3g}.")  # fmt: skip
        self.snapshot("descent end")
        self.fade_all()
        camera.screen_offset = np.zeros(3)
        self.roll_down()

    def roll_down(self, seconds=8.0):
        """The descent again, on one slice of J: along W, with b held at its current value."""
        traj = self.traj
        rows = keyframes(traj.loss, traj.params, int(round(seconds * config.frame_rate)) + 1)
        view = SliceView(self, rows)
        head = section_title("J along W, with b held where the descent is")
        view.group.next_to(head, DOWN, buff=0.6).set_x(-1.2)
        b_readout = VGroup(view.b_name, view.b_value)
        view.b_value.next_to(view.b_name, RIGHT, buff=0.15).align_to(view.b_name, DOWN)
        b_readout.next_to(view.group, RIGHT, buff=0.4).align_to(view.group, UP)
        self.say("Now cut the surface along W, holding b where the descent has it. "
                 "The red curve is J along that cut.", FadeIn(head), FadeIn(view.group),
                 FadeIn(b_readout))  # fmt: skip
        view.start()
        with self.beat("The ball is the current W. As the descent runs, b moves, the cut "
                       "shifts, and the ball rolls down to the bottom.") as t:  # fmt: skip
            self.play(view.tracker.animate(rate_func=linear).set_value(1.0),
                      run_time=max(seconds, t.duration - 0.5))  # fmt: skip
        view.stop()
        self.snapshot("slice")
        self.fade_all()

    @section("6 result")
    def result(self, extrapolate, x_max, remark, asked=(3, 5), cap=None):
        """Final parameters against the optimum, the notes' questions, an extrapolation."""
        head = section_title("The result")
        final, opt = self.final_params, self.optimum
        table = result_table(
            {f"descent, step {int(self.traj.epoch[-1]):,}": (final, self.traj.loss[-1]),
             "the optimum, solved exactly": (opt.params, opt.loss)},
        )  # fmt: skip
        table.next_to(head, DOWN, buff=0.5).set_x(0)
        answers = self.predict(final, asked)
        far = self.predict(final, extrapolate)
        self.predictions.update(
            zip(map(float, [*asked, *extrapolate]), [*answers, *far], strict=True)
        )
        near_rows = price_rows(asked, answers, WHITE)
        near_rows.next_to(table, DOWN, buff=0.6).set_x(0)
        self.say(f"The descent ends with W at {spoken(final['W'])} and b at "
                 f"{spoken(final['b'])}.", FadeIn(head), FadeIn(table))  # fmt: skip
        self.say("Solving for the best W and b directly gives the same values: the descent "
                 "found the optimum.")  # fmt: skip
        self.say("The notes ask about 3 and 5 floors. " + _prices(asked, answers),
                 FadeIn(near_rows), run_time=0.8)  # fmt: skip
        self.snapshot("result")
        self.fade_all()
        plot = self.extrapolation(extrapolate, far, x_max, cap)
        far_rows = price_rows(extrapolate, far, palette.PATH)
        fit_inside(far_rows, width=5.0).to_edge(RIGHT, buff=0.5).align_to(plot, UP)
        head = section_title("Beyond the data")
        words = VGroup(
            *(label(line, BODY_SIZE, palette.CHANGED) for line in textwrap.wrap(remark, 60))
        ).arrange(DOWN, buff=0.15)
        fit_inside(words, width=config.frame_width - 1).to_edge(DOWN, buff=0.3)
        self.say("Further out: " + _prices(extrapolate, far), FadeIn(head), Create(plot),
                 FadeIn(far_rows))  # fmt: skip
        self.say(remark, FadeIn(words), run_time=0.8)
        self.snapshot("extrapolation")
        self.fade_all()

    def extrapolation(self, floors, prices, x_max, cap):
        """The fitted curve far beyond the data, with the prices at `floors` marked."""
        xs = np.linspace(0, x_max, 400)
        ys = self.predict(self.final_params, xs)
        top = nice_ceil(max(ys.max(), max(self.data.y), cap or 0) * 1.1)
        low = -nice_ceil(-ys.min() * 1.1) if ys.min() < 0 else 0.0
        axes = data_axes(x_max, top, width=6.4, height=3.5, y_min=low, size=BODY_SIZE - 4)
        axes.to_edge(LEFT, buff=0.9).to_edge(UP, buff=1.0)
        curve = VMobject(color=palette.MODEL, stroke_width=4)
        curve.set_points_as_corners(curve_points(axes, xs, ys))
        marks = VGroup(
            *(
                Dot(axes.c2p(x, y), color=palette.PATH, radius=0.1)
                for x, y in zip(floors, prices, strict=True)
                if x <= x_max and low <= y <= top
            )
        )
        group = VGroup(axes, data_points(axes, self.data), curve, marks)
        if cap is not None:
            line = DashedLine(axes.c2p(0, cap), axes.c2p(x_max, cap), color=palette.MUTED)
            name = label(f"cap {eur(cap)}", BODY_SIZE, palette.MUTED)
            group.add(line, name.next_to(line, DOWN, buff=0.12).align_to(line, RIGHT))
        return group

    def compare(self, other, claim):
        """The notes' `claim` about this model against `other`, settled by the two optima's
        losses and each house's price under both."""
        head = section_title(f"Is it better than the {other}?")
        mine, theirs = self.optimum, checked.optimum(other, self.data)
        data = self.data
        rows = [
            [f"{x:g}", f"{y:.2f}", f"{a:.2f}", f"{c:.2f}"]
            for x, y, a, c in zip(data.x, data.y, self.predict(mine.params, data.x),
                                  predict(other, theirs.params, data.x), strict=True)
        ]  # fmt: skip
        rows.append(["J", "", f"{mine.loss:.4f}", f"{theirs.loss:.4f}"])
        table = plots.table(
            rows,
            col_labels=[label(n, BODY_SIZE, c) for n, c in
                        (("floors", palette.MUTED), ("price", palette.DATA),
                         (self.model_name, palette.MODEL), (other, palette.MUTED))],
            element_to_mobject=lambda s: label(s, BODY_SIZE),
            include_outer_lines=False,
            v_buff=0.3,
            h_buff=0.7,
            line_config={"stroke_width": 1, "color": palette.MUTED},
        )  # fmt: skip
        table.get_rows()[-1].set_color(palette.J)
        fit_inside(table, width=10, height=5.4).next_to(head, DOWN, buff=0.5).set_x(0)
        better = mine.loss < theirs.loss
        self.say(claim, FadeIn(head), FadeIn(table), run_time=1.2)
        self.say(
            f"The numbers say otherwise. At its best, the {self.model_name}'s J is "
            f"{mine.loss:.4f}; the {other}'s is {theirs.loss:.4f}. "
            + (f"The {self.model_name} is better here." if better else
               f"The {other} fits these four houses better, though only slightly."),
        )  # fmt: skip
        self.say("Row by row, both miss each house by little; squared and averaged, the "
                 "misses come out a little higher for the "
                 + (other if better else self.model_name) + ".")  # fmt: skip
        self.snapshot("comparison")
        self.fade_all()


def floors(x):
    """'1 floor', '4 floors'."""
    return f"{x:g} floor" + ("" if x == 1 else "s")


def _prices(xs, prices):
    """'3 floors cost 392,118 EUR; 5 floors cost ...'."""
    return "; ".join(f"{floors(x)} cost {eur(y)}" for x, y in zip(xs, prices, strict=True)) + "."


def price_rows(xs, prices, color):
    """'3 floors → 392,118 EUR', one row per house."""
    rows = VGroup(
        *(label(f"{floors(x)} \u2192 {eur(y)}", BODY_SIZE + 4, color)
          for x, y in zip(xs, prices, strict=True))
    )  # fmt: skip
    return rows.arrange(DOWN, aligned_edge=LEFT, buff=0.3)


def unit_table(data):
    """The houses: floors x, price in EUR, and y in the model's unit (100,000 EUR); the last
    submobject is the y column with its header (shown when the unit is said)."""
    size = BODY_SIZE
    head = [label("floors x", size, palette.MUTED), label("price", size, palette.MUTED),
            label("y", size + 4, palette.DATA, math=True)]  # fmt: skip
    cells = [[label(f"{x:g}", size), label(eur(y), size), label(f"{y:g}", size, palette.DATA)]
             for x, y in zip(data.x, data.y, strict=True)]  # fmt: skip
    columns = [VGroup(head[k], *(row[k] for row in cells)) for k in range(3)]
    for column in columns:
        column.arrange(DOWN, buff=0.38, aligned_edge=RIGHT)
    VGroup(*columns).arrange(RIGHT, buff=0.6, aligned_edge=UP)
    for column in columns[1:]:  # each row on one line across the columns
        for cell, first in zip(column, columns[0], strict=True):
            cell.set_y(first.get_y())
    unit = label("(100,000 EUR)", size - 4, palette.DATA).next_to(columns[2], DOWN, buff=0.3)
    return VGroup(columns[0], columns[1], VGroup(columns[2], unit.align_to(columns[2], RIGHT)))


def result_table(results):
    """{row label: (params dict, loss)} as a table with columns W, b, J (in their colours)."""
    rows = [[f"{p['W']:.4f}", f"{p['b']:.4f}", f"{J:.4g}"] for p, J in results.values()]
    table = plots.table(
        rows,
        row_labels=[label(name, BODY_SIZE, palette.MUTED) for name in results],
        col_labels=[label(n, TEX_SIZE, c, math=True) for n, c in
                    (("W", palette.W), ("b", palette.b), ("J", palette.J))],
        top_left_entry=VMobject(),
        element_to_mobject=lambda s: label(s, BODY_SIZE + 2),
        include_outer_lines=False,
        v_buff=0.35,
        h_buff=0.6,
        line_config={"stroke_width": 1, "color": palette.MUTED},
    )  # fmt: skip
    columns = table.get_columns()  # the first holds the row labels
    for column, color in zip(columns[1:], (palette.W, palette.b, palette.J), strict=True):
        column[1:].set_color(color)
    return fit_inside(table, width=config.frame_width - 1.0)
