"""Gradient descent: the update rule, the slope's sign, the learning rate, simultaneous updates.

Run: manim render scenes/gradient_descent.py

Every run is the linear model's MSE descent on the notes' houses, computed by fitting/ from the
same start (the default run's): the good learning rate is the default run's, the small and large
ones are fixed fractions of it, and the large run is shown up to the epoch where fitting found
its loss growing without bound and stopped it. This is the one lecture that audits the notes'
update rule; the other lectures use it as shown here.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
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

from fitting import NOTES, dataset_loss, loss_grid
from fitting.side_by_side import learning_rate_runs, sequential_run, settled_epoch
from scenes.kit import checked, palette
from scenes.kit.layout import fit_inside, padded, section_title
from scenes.kit.lecture import Lecture, section
from scenes.kit.plots import nice_step, number_axes, polyline_points, polyline_prefix, put
from scenes.kit.step_words import in_order
from scenes.kit.surface import contour
from scenes.kit.typeset import label, tex
from scenes.kit.words import spoken

MODEL = "linear"
LR_FACTORS = {"too small": 0.1, "good": 1.0, "too large": 1.5}  # times the default run's rate
RUN_COLORS = dict(zip(LR_FACTORS, palette.RATES, strict=True))
# the simultaneous run is the good rate's run: it keeps that colour; the sequential one another
UPDATE_COLORS = {"simultaneous": palette.RATES[1], "sequential": palette.RATES[0]}
GAP_FLOOR = -12  # log10 of the smallest J - lowest J drawn: below it is rounding (1e-16)
DIRECTION_STEPS = 4  # epochs of the default run shown one by one
WORDS = 26  # size of the words on screen
TEX = 36  # size of the formulas on screen

RULE_WORDS = [  # the notes' update rule for the line (chain update_rule, prefix linear)
    "The notes first write it with theta. Theta zero is our b.",
    "Theta zero becomes theta zero, minus alpha times the slope of J in theta zero. Alpha is "
    "the learning rate: how far one step goes.",
    "Then the same with our names: b",
    (
        "becomes b minus alpha times the slope of J in h, the notes say.",
        "There is no h in J: the slope must be in b, the parameter being updated. Line {line} has "
        "a typo.",
    ),
    "Theta one is W:",
    "it moves against the slope of J in theta one.",
    "And with our names, W",
    "becomes W minus alpha times the slope of J in W. Every lecture uses this rule.",
]


def log_axes(epochs, z_lo, z_hi, width, height):
    """J per epoch on a log scale: y is log10 J - z_lo (Manim draws the x axis at y = 0)."""
    every = max(1, int(np.ceil((z_hi - z_lo) / 4)))
    powers = {z - z_lo: z for z in range(int(z_lo), int(z_hi) + 1, every)}
    axes = number_axes([0, epochs, nice_step(epochs, 4)], [0, z_hi - z_lo, 1], width, height,
                       x_labels={e: f"{e:,.0f}" for e in _ticks(epochs)}, y_labels={})  # fmt: skip
    axes.y_axis.add_labels({y: label(_power(z), WORDS + 4, math=True) for y, z in powers.items()})
    axes.z_lo = z_lo
    return axes


def _power(z):
    return f"{10**z:g}" if 0 <= z <= 3 else f"10^{{{z}}}"


def _ticks(top):
    step = nice_step(top, 4)
    return np.arange(step, top + 1e-9, step)


class GradientDescent(Lecture):
    poster_moment = "direction 1"  # the frame on the video's poster
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
        self.title_beat(
            "Gradient descent",
            "Which way does each parameter move, and how far?",
            "Gradient descent: how the line's W and b walk downhill on the loss J.",
        )

    @section("update rule")
    def update_rule(self):
        self.derive(
            "update_rule",
            "The update rule in the notes",
            prefix="update_rule.linear",
            intro="The update rule: each parameter takes a step against its slope.",
            narration=in_order("update_rule", RULE_WORDS, "update_rule.linear"),
        )

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
        axes = number_axes([lo, hi, nice_step(hi - lo, 5)], [0, top, nice_step(top, 4)], 6.4, 4.4)
        axes.to_edge(LEFT, buff=0.9).shift(0.4 * DOWN)
        labels = VGroup(
            tex("W", size=TEX, color=palette.W).next_to(axes.x_axis.get_right(), UP, buff=0.15),
            tex("J", size=TEX, color=palette.J).next_to(axes.y_axis.get_top(), UP, buff=0.12),
        )
        head = section_title("The sign of the slope decides the direction")
        self.say("Here is J along W, with b held where it is at each epoch.", FadeIn(head),
                 Create(axes), FadeIn(labels))  # fmt: skip
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
            new_arrow = Arrow(axes.c2p(W[k], 0), axes.c2p(W[k + 1], 0), buff=0, color=palette.W,
                              stroke_width=5, max_tip_length_to_length_ratio=0.2)  # fmt: skip
            way = "right: W grows" if W[k + 1] > W[k] else "left: W shrinks"
            sign = "<" if slopes[k] < 0 else ">"
            new_words = VGroup(
                label(f"epoch {int(traj.epoch[k])}", WORDS, palette.MUTED),
                tex(rf"\frac{{\partial J}}{{\partial W}} = {slopes[k]:.2f} {sign} 0", size=TEX),
                label(f"so the step goes {way}", WORDS, palette.W),
                tex(rf"W := {W[k]:.2f} - {lrs[k]:g} \cdot ({slopes[k]:.2f})", size=TEX),
                tex(rf"= {W[k + 1]:.2f}", size=TEX),
            ).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
            new_words[-1].shift(0.6 * RIGHT)
            new_words.to_edge(RIGHT, buff=0.5).shift(0.3 * DOWN)
            self.moves.append((float(slopes[k]), float(W[k]), float(W[k + 1])))
            below = "below" if slopes[k] < 0 else "above"
            say = (
                f"Epoch {int(traj.epoch[k])}: the slope of J in W is {spoken(slopes[k])}, "
                f"{below} zero. So W moves {way.split(':')[0]}: W minus {lrs[k]:g} times the "
                f"slope gives {spoken(W[k + 1])}."
            )
            if k == 1:
                say += " The slope is less steep now, so the step is shorter."
            if curve is None:
                curve, dot, tangent, words = new_curve, new_dot, new_tangent, new_words
                shown = [Create(curve), FadeIn(dot), Create(tangent), FadeIn(words)]
            else:
                shown = [Transform(curve, new_curve), Transform(dot, new_dot),
                         Transform(tangent, new_tangent), FadeOut(arrow),
                         Transform(words, new_words)]  # fmt: skip
            arrow = new_arrow
            with self.beat(say) as t:
                self.play(*shown, run_time=min(1.0, t.duration / 2))
                self.play(Create(arrow), run_time=min(0.8, t.duration / 3))
            self.snapshot(f"direction {k}")
        self.fade_all()

    # ------------------------------------------------------------------------------------------
    def runs(self):
        """The three learning rates from the same start (fitting/side_by_side.py); the large
        one up to its divergence."""
        runs = learning_rate_runs(MODEL, self.traj, LR_FACTORS)
        self.diverged = {name: error for name, (_, error) in runs.items() if error is not None}
        return {name: run for name, (run, _) in runs.items()}, settled_epoch(self.traj)

    @section("learning rate")
    def learning_rates(self):
        runs, epochs = self.runs()
        self.lr_runs = runs
        ok = [r for n, r in runs.items() if n not in self.diverged]
        plane, window = self.plane(ok, 6.0, 5.0)
        logs = {n: np.log10(r.loss) for n, r in runs.items()}
        z_hi = float(np.ceil(max(v.max() for v in logs.values())))
        z_lo = float(np.floor(min(v.min() for v in logs.values())))  # below every final J
        loss_axes = log_axes(epochs, z_lo, z_hi, 5.4, 3.0).to_corner(UP + RIGHT, buff=0.6)
        loss_axes.shift(0.5 * DOWN)
        loss_label = label("J per epoch, log scale", WORDS, palette.J)
        loss_label.next_to(loss_axes, UP, buff=0.2)
        legend = VGroup(
            *(
                label(f"{name}: \u03b1 = {r.lr[0]:g}", WORDS, RUN_COLORS[name])
                for name, r in runs.items()
            )  # fmt: skip
        )
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.15).next_to(loss_axes, DOWN, buff=0.7)
        legend.align_to(loss_axes, LEFT)
        head = section_title("Three learning rates, one start")
        self.say("Three runs from the same start, with three learning rates. On the left, the "
                 "contour lines of J over W and b; on the right, J at every epoch.", FadeIn(head),
                 Create(plane), FadeIn(plane.contours), Create(loss_axes), FadeIn(loss_label),
                 FadeIn(legend))  # fmt: skip

        tracks = {}
        for name, r in runs.items():
            inside = _inside(r.params, *window)
            path = np.asarray(plane.c2p(r.params[:inside, 0], r.params[:inside, 1])).T
            trace = np.asarray(loss_axes.c2p(r.epoch.astype(float), logs[name] - z_lo)).T
            tracks[name] = dict(run=r, path=path, path_full=polyline_points(path), trace=trace,
                                trace_full=polyline_points(trace),
                                line=VMobject(color=RUN_COLORS[name], stroke_width=3),
                                curve=VMobject(color=RUN_COLORS[name], stroke_width=3),
                                dot=Dot(path[0], radius=0.07, color=RUN_COLORS[name]))  # fmt: skip
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
        with self.beat("Watch: the small rate crawls, the good one settles, and the large one "
                       "overshoots the valley further at every epoch.") as t:  # fmt: skip
            self.play(clock.animate.set_value(1), run_time=max(t.duration, 8), rate_func=linear)
        first.clear_updaters()
        clock.set_value(1)
        show(None)
        notes, said = VGroup(), []
        for name, r in runs.items():
            if name in self.diverged:
                stop = self.diverged[name].epoch
                words = f"too large: stopped at epoch {stop}"
                said.append(f"With the large rate the loss grew without bound, so the run was "
                            f"stopped at epoch {stop}.")  # fmt: skip
            else:
                words = f"{name}: J = {r.final_loss:.3f} at epoch {int(r.epoch[-1]):,}"
                said.append(f"{name.capitalize()}: after {int(r.epoch[-1]):,} epochs, J is "
                            f"{spoken(r.final_loss, 3)}.")  # fmt: skip
            notes.add(label(words, WORDS, RUN_COLORS[name]))
        notes.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        notes.move_to(legend, aligned_edge=UP + LEFT)
        self.play(FadeOut(legend), run_time=0.4)
        for note, words in zip(notes, said, strict=True):  # one run's outcome per beat
            self.say(words, FadeIn(note))
        self.snapshot("learning rate")
        self.say("Too small wastes epochs; too large never arrives. The good rate is in between.")
        self.fade_all()

    def plane(self, runs, width, height):
        """The (W, b) plane around the runs' paths, with J's contour lines: (axes, window)."""
        Ws = np.concatenate([r.params[:, 0] for r in runs])
        bs = np.concatenate([r.params[:, 1] for r in runs])
        (W0, W1), (b0, b1) = padded(Ws, 0.15), padded(bs, 0.15)
        plane = number_axes([W0, W1, nice_step(W1 - W0, 5)], [b0, b1, nice_step(b1 - b0, 5)],
                            width, height)  # fmt: skip
        plane.to_corner(DOWN + LEFT, buff=0.45)
        plane.add(
            tex("W", size=TEX, color=palette.W).next_to(plane.x_axis.get_right(), UP, buff=0.2),
            tex("b", size=TEX, color=palette.b).next_to(plane.y_axis.get_top(), RIGHT, buff=0.2),
        )
        plane.contours = _contours(plane, (W0, W1), (b0, b1), self.traj.final_loss)
        return plane, ((W0, W1), (b0, b1))

    # ------------------------------------------------------------------------------------------
    @section("simultaneous")
    def simultaneous(self):
        """The default run against the same run updating W first, then b with the new W."""
        both = {"simultaneous": self.traj, "sequential": sequential_run(MODEL)}
        self.update_runs = both
        a, b = both["simultaneous"].params, both["sequential"].params
        n = min(len(a), len(b))
        self.part_epoch = int(np.argmax(np.abs(a[:n] - b[:n]).max(axis=1) > 0))
        colors = UPDATE_COLORS
        plane, _ = self.plane(both.values(), 5.6, 5.0)
        rules = VGroup(
            label("simultaneous: both slopes at the same (W, b)", WORDS, colors["simultaneous"]),
            tex(r"t_W := W - \alpha \tfrac{\partial J}{\partial W}(W, b)", size=TEX),
            tex(r"t_b := b - \alpha \tfrac{\partial J}{\partial b}(W, b)", size=TEX),
            tex(r"W := t_W,\quad b := t_b", size=TEX),
            label("sequential: W first, then b at the new W", WORDS, colors["sequential"]),
            tex(r"W := W - \alpha \tfrac{\partial J}{\partial W}(W, b)", size=TEX),
            tex(r"b := b - \alpha \tfrac{\partial J}{\partial b}(W_{\text{new}}, b)", size=TEX),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        rules[4].shift(0.25 * DOWN)
        rules[5:].shift(0.25 * DOWN)
        fit_inside(rules, width=config.frame_width / 2 - 0.5).to_corner(UP + RIGHT, buff=0.5)
        rules.shift(0.5 * DOWN)
        head = section_title("Simultaneous or sequential update")
        self.say("Gradient descent takes both slopes at the same point, W and b, and only then "
                 "changes both. The notes' temporaries, t W and t b, are how to write that in "
                 "code.", FadeIn(head), FadeIn(rules[:4]))  # fmt: skip
        self.say("Updating W first, and taking b's slope at the new W, is a different algorithm: "
                 "coordinate by coordinate.", FadeIn(rules[4:]))  # fmt: skip
        self.snapshot("update rules")

        best = checked.optimum(MODEL, NOTES)
        self.same_optimum = best.loss
        # how far J is above its lowest value: both runs end there, up to rounding (~1e-16)
        gaps = {name: np.maximum(run.loss - best.loss, 10.0**GAP_FLOOR) for name, run in
                both.items()}  # fmt: skip
        logs = {name: np.log10(gap) for name, gap in gaps.items()}
        z_lo, z_hi = GAP_FLOOR, float(np.ceil(max(v.max() for v in logs.values())))
        last = max(int(run.epoch[-1]) for run in both.values())
        loss_axes = log_axes(last, z_lo, z_hi, 5.4, 3.0).to_corner(UP + RIGHT, buff=0.6)
        loss_axes.shift(0.5 * DOWN)
        loss_label = label("J − lowest J, log scale", WORDS, palette.J)
        loss_label.next_to(loss_axes, UP, buff=0.2).align_to(loss_axes, RIGHT)
        self.say("Let both run from the same start, with the same learning rate. On the right: "
                 "how far J still is above its lowest value, on a log scale.",
                 FadeOut(rules), Create(plane), FadeIn(plane.contours), Create(loss_axes),
                 FadeIn(loss_label))  # fmt: skip
        paths, traces, lines, curves, dots = {}, {}, {}, {}, {}
        for name, run in both.items():
            P = run.params
            if name == "sequential":  # W moves first: a staircase through (W_new, b_old)
                P = np.column_stack([np.repeat(P[:, 0], 2)[1:], np.repeat(P[:, 1], 2)[:-1]])
            paths[name] = np.asarray(plane.c2p(P[:, 0], P[:, 1])).T
            trace = np.asarray(loss_axes.c2p(run.epoch.astype(float), logs[name] - z_lo)).T
            traces[name] = polyline_points(trace)
            lines[name] = VMobject(color=colors[name], stroke_width=3)
            curves[name] = VMobject(color=colors[name], stroke_width=3)
            dots[name] = Dot(paths[name][0], radius=0.07, color=colors[name])
        full = {name: polyline_points(path) for name, path in paths.items()}
        clock = ValueTracker(0)

        def show(_):
            epoch = (last + 1) ** clock.get_value() - 1  # the first steps get the screen time
            for name, run in both.items():
                row = int(np.searchsorted(run.epoch, epoch, side="right")) - 1
                k = 2 * row if name == "sequential" else row
                lines[name].points = polyline_prefix(full[name], k)
                put(dots[name], paths[name][k])
                curves[name].points = polyline_prefix(traces[name], row)

        runs = list(both.values())
        fewer = int(runs[0].epoch[-1]) - int(runs[1].epoch[-1])  # > 0: sequential is quicker
        quicker = f"{abs(fewer)} {'fewer' if fewer > 0 else 'more'} epochs"
        lines["simultaneous"].add_updater(show)
        show(None)
        self.add(*lines.values(), *curves.values(), *dots.values())
        pace = "faster" if fewer > 0 else "slower"
        with self.beat(f"They part at epoch {self.part_epoch}: the sequential path is a "
                       "staircase, first along W, then along b. Both gaps shrink steadily, the "
                       f"sequential one a little {pace}.") as t:  # fmt: skip
            self.play(clock.animate.set_value(1), run_time=max(t.duration, 8), rate_func=linear)
        lines["simultaneous"].clear_updaters()
        clock.set_value(1)
        show(None)
        ends = VGroup()
        for name, run in both.items():
            words = f"{name}: J = {run.final_loss:.3f} after {int(run.epoch[-1]):,} epochs"
            ends.add(label(words, WORDS, colors[name]))
        ends.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        fit_inside(ends, width=config.frame_width / 2 - 0.6).next_to(loss_axes, DOWN, buff=0.8)
        ends.align_to(loss_axes, LEFT)
        self.say(f"Both stop at the same lowest J, {spoken(best.loss, 3)}: the simultaneous run "
                 f"after {int(runs[0].epoch[-1]):,} epochs, the sequential one after "
                 f"{int(runs[1].epoch[-1]):,}.", FadeIn(ends))  # fmt: skip
        self.snapshot("simultaneous")
        verdict = VGroup(
            label(f"same optimum: J = {best.loss:.3f}", WORDS, palette.MUTED),
            label(f"sequential: {quicker} here", WORDS, palette.MUTED),
        )
        verdict.arrange(DOWN, aligned_edge=LEFT, buff=0.15).next_to(ends, DOWN, buff=0.35)
        verdict.align_to(ends, LEFT)
        self.say(f"On these houses the sequential version happens to need {quicker}. "
                 "It does not fail: it is simply another algorithm.", FadeIn(verdict))  # fmt: skip
        self.say(
            "So the notes' temporaries are not there because the sequential rule breaks. "
            "They make the code do what gradient descent means: both slopes, taken at the "
            "same point."
        )
        self.snapshot("reconciled")
        self.wait(1)


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
