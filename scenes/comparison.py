"""Every model on the same houses: fitted curves near and far, both losses, prices far away.

Run: manim render scenes/comparison.py

Each model's final parameters come from its recorded default run (fitting.ensure_trajectory);
MSE and MAE are both computed for every model from fitting's predictions on the same four houses
(the curves descend on MSE, the nets on MAE), the independent optimum comes from derivations/,
and the verdicts on screen are worded from those numbers, never from the notes' opinion.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    Line,
    SurroundingRectangle,
    VGroup,
    VMobject,
    config,
)

from fitting import MODELS, NOTES, SIGMOID_CAP, dataset_loss, predict
from scenes.kit import checked, palette, plots
from scenes.kit.layout import fit_inside, section_title
from scenes.kit.lecture import Lecture, section, trajectory
from scenes.kit.plots import curve_points, data_axes, data_points, nice_ceil, number_axes
from scenes.kit.typeset import label
from scenes.kit.words import PRICE_UNIT_EUR, eur, small_number

COLORS = palette.MODELS
NAMES = {"linear": "line", "sigmoid": "sigmoid", "cubic": "cubic", "relu_net": "ReLU net",
         "tanh_net": "tanh net"}  # fmt: skip
FLOORS = (5, 10, 100)  # the notes' question: 5 and 10 floors, and a 100-floor building
FAR = 100  # floors: the wide view reaches the notes' 100-floor building
SAME = 0.01  # prices within 1% of each other count as "the same"
WORDS = 26
UNITS = {"MSE": "(100,000 EUR)\u00b2", "MAE": "100,000 EUR"}


def losses(name, params):
    """MSE and MAE of one model on the notes' houses, from fitting's predictions."""
    error = predict(name, params, NOTES.x) - NOTES.y
    return {"MSE": float(np.mean(error**2)), "MAE": float(np.mean(np.abs(error)))}


def floors(n):
    return f"{n:g} floor" + ("" if n == 1 else "s")


def euros_words(price):
    """A price for the narration: 141088.4 -> '14 billion euros' (2 significant digits)."""
    euros = float(f"{float(price) * PRICE_UNIT_EUR:.2g}")
    for size, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if euros >= size:
            return f"{euros / size:g} {word} euros"
    return f"{euros:g} euros"


def power_label(z):
    """A log price axis' tick: 10^z × 100,000 EUR in words ('10k', '1M', '10B')."""
    euros = 10.0**z * PRICE_UNIT_EUR
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if euros >= size:
            return f"{euros / size:g}{suffix}"
    return f"{euros:g}"


class Comparison(Lecture):
    poster_moment = "curves"  # the frame on the video's poster

    def setup(self):
        super().setup()
        self.final_params = {m: trajectory(m).final for m in MODELS}
        self.losses = {m: losses(m, p) for m, p in self.final_params.items()}
        for m, p in self.final_params.items():  # each model's own loss is the one it descended
            assert np.isclose(self.losses[m][MODELS[m].loss], dataset_loss(m, p, NOTES))
        self.best = {
            kind: min(MODELS, key=lambda m: self.losses[m][kind]) for kind in ("MSE", "MAE")
        }
        self.predictions = {
            m: dict(zip(FLOORS, map(float, predict(m, p, np.array(FLOORS, float))), strict=True))
            for m, p in self.final_params.items()
        }
        self.ratios = {m: p[100] / p[10] for m, p in self.predictions.items()}
        self.same = [m for m, r in self.ratios.items() if abs(r - 1) <= SAME]

    def construct(self):
        self.title()
        self.curves()
        self.far_view()
        self.loss_table()
        self.price_table()
        self.question()

    @section("title")
    def title(self):
        self.title_beat(
            "Which model?",
            "Should a 100-floor building cost the same as a 10-floor one?",
            "Five models, fitted to the same four houses. Which one should we trust?",
        )

    def legend(self, width, formulas=True):
        """One entry per model: its colour, its name (and loss, and formula)."""
        legend = VGroup()
        for m in MODELS:
            swatch = Line(ORIGIN, 0.45 * RIGHT, color=COLORS[m], stroke_width=8)
            if not formulas:
                words = label(NAMES[m], WORDS, COLORS[m])
            else:
                name = label(f"{NAMES[m]}, fitted on {MODELS[m].loss}", WORDS, COLORS[m])
                words = VGroup(name, *(label(line, WORDS - 4, palette.MUTED)
                                       for line in _broken(MODELS[m].formula)))  # fmt: skip
                words.arrange(DOWN, aligned_edge=LEFT, buff=0.1)
            legend.add(VGroup(swatch, words).arrange(RIGHT, buff=0.2, aligned_edge=UP))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        return fit_inside(legend, width=width, height=config.frame_height - 1.6)

    @section("curves")
    def curves(self):
        x_max = 5.0
        xs = np.linspace(0, x_max, 150)
        top = nice_ceil(max(self.predictions[m][5] for m in MODELS))
        axes = data_axes(x_max, top, width=5.6, height=5.0).to_corner(DOWN + LEFT, buff=0.6)
        head = section_title("The fitted curves, near the houses")
        legend = self.legend(config.frame_width - axes.width - 1.6)
        legend.next_to(axes, RIGHT, buff=0.6).set_y(-0.2)
        self.say("The four houses: 1 to 4 floors. The prices are in euros.", FadeIn(head),
                 Create(axes), FadeIn(data_points(axes, NOTES)))  # fmt: skip
        for entry, m in zip(legend, MODELS, strict=True):
            curve = VMobject(color=COLORS[m], stroke_width=4)
            curve.set_points_as_corners(curve_points(axes, xs, predict(m, self.final_params[m],
                                                                       xs)))  # fmt: skip
            self.say(f"The {NAMES[m]}: {MODELS[m].formula}, fitted on {MODELS[m].loss}.",
                     Create(curve), FadeIn(entry), run_time=0.9)  # fmt: skip
        self.snapshot("curves")
        self.say(
            "Near the houses they all look reasonable. The notes ask about 10 and 100 "
            "floors, far to the right of this plot."
        )
        self.fade_all()

    @section("far view")
    def far_view(self):
        xs = np.linspace(0.25, FAR, 400)
        prices = {m: predict(m, p, xs) for m, p in self.final_params.items()}
        z_lo, z_hi = -1, int(np.ceil(np.log10(max(float(v.max()) for v in prices.values()))))
        axes = number_axes(
            [0, FAR, 20],
            [0, z_hi - z_lo, 1],
            7.6,
            5.2,
            y_labels={z - z_lo: power_label(z) for z in range(z_lo, z_hi + 1)},
        )
        axes.to_corner(DOWN + LEFT, buff=0.9).shift(0.3 * RIGHT)
        axes.add(label("floors", WORDS - 4, palette.MUTED).next_to(axes.x_axis, DOWN, buff=0.45),
                 label("price (EUR), log scale", WORDS - 4, palette.MUTED)
                 .next_to(axes.y_axis, UP, buff=0.2).align_to(axes.y_axis, LEFT))  # fmt: skip
        head = section_title("Far from the houses: up to 100 floors")
        legend = self.legend(config.frame_width - axes.width - 2.2, formulas=False)
        legend.next_to(axes, RIGHT, buff=0.6).set_y(0)
        self.say("Now up to 100 floors. The prices span so many powers of ten that the price "
                 "axis is a log scale: each step up is ten times more.", FadeIn(head),
                 Create(axes), FadeIn(legend))  # fmt: skip
        houses = VGroup(*(Dot(axes.c2p(x, np.log10(y) - z_lo), radius=0.08, color=palette.DATA)
                          for x, y in zip(NOTES.x, NOTES.y, strict=True)))  # fmt: skip
        curves = {}
        for m in MODELS:
            with np.errstate(divide="ignore", invalid="ignore"):
                zs = np.where(prices[m] > 0, np.log10(np.maximum(prices[m], 1e-300)), np.nan)
            curves[m] = VMobject(color=COLORS[m], stroke_width=4)
            curves[m].set_points_as_corners(curve_points(axes, xs, zs - z_lo))
        cap = np.log10(SIGMOID_CAP) - z_lo
        cap_line = DashedLine(axes.c2p(0, cap), axes.c2p(FAR, cap), color=COLORS["sigmoid"],
                              stroke_width=2)  # fmt: skip
        cap_words = label(f"the sigmoid's cap: {eur(SIGMOID_CAP)}", WORDS - 4, COLORS["sigmoid"])
        cap_words.next_to(axes.c2p(FAR, cap), UP + LEFT, buff=0.1)
        p = {m: self.predictions[m][100] for m in MODELS}
        self.say("The houses sit at the bottom left.", FadeIn(houses))
        self.say(f"The sigmoid levels off at its cap, {euros_words(SIGMOID_CAP)}: it can never "
                 "say more.", Create(curves["sigmoid"]), Create(cap_line),
                 FadeIn(cap_words))  # fmt: skip
        self.say(f"The tanh net levels off too, near {euros_words(p['tanh_net'])}.",
                 Create(curves["tanh_net"]))  # fmt: skip
        self.say(f"The line and the ReLU net keep climbing: about {euros_words(p['linear'])} "
                 f"and {euros_words(p['relu_net'])} at 100 floors.", Create(curves["linear"]),
                 Create(curves["relu_net"]))  # fmt: skip
        self.say(f"And the cubic blows up: {euros_words(p['cubic'])} for 100 floors.",
                 Create(curves["cubic"]))  # fmt: skip
        self.snapshot("far view")
        self.fade_all()

    @section("losses")
    def loss_table(self):
        head = section_title("Both losses for every model, on the same four houses")
        rows = [
            [NAMES[m], MODELS[m].loss, f"{len(MODELS[m].params)}",
             _loss(self.losses[m]["MSE"]), _loss(self.losses[m]["MAE"])]
            for m in MODELS
        ]  # fmt: skip
        header = ["model", "fitted on", "parameters", f"MSE in\n{UNITS['MSE']}",
                  f"MAE in\n{UNITS['MAE']}"]  # fmt: skip
        table = _table(rows, header)
        two = [m for m in MODELS if len(MODELS[m].params) == 2]
        best_two = min(two, key=lambda m: self.losses[m]["MSE"])
        cubic, sigmoid = self.losses["cubic"]["MSE"], self.losses["sigmoid"]["MSE"]
        best = {m: checked.optimum(m, NOTES).loss for m in ("cubic", "sigmoid")}
        self.optimum_mse = best
        n_best = len(MODELS[self.best["MAE"]].params)
        lines = [
            f"Lowest MSE: the {NAMES[self.best['MSE']]}. Lowest MAE: the "
            f"{NAMES[self.best['MAE']]}, with {n_best} parameters for {len(NOTES.x)} houses.",
            f"Of the curves with two parameters, the {NAMES[best_two]} has the lowest MSE.",
        ]
        if cubic < sigmoid:
            lines.append(f"The notes' cubic does beat the sigmoid: MSE {small_number(cubic)}, "
                         f"against {small_number(sigmoid)}.")  # fmt: skip
        else:
            lines.append(f"The notes call the cubic much better than the sigmoid. It is not: "
                         f"MSE {small_number(cubic)} against {small_number(sigmoid)}.")  # fmt: skip
        self.loss_lines = lines
        said = [
            f"Lowest mean squared error: the {NAMES[self.best['MSE']]}. Lowest mean absolute "
            f"error: the {NAMES[self.best['MAE']]}. With {n_best} parameters for "
            f"{len(NOTES.x)} houses it passes through the houses: its errors are nearly zero.",
            f"Of the curves with two parameters, the {NAMES[best_two]} fits best.",
            lines[2] + (" Both are at their best possible parameters, checked independently: "
                        "no other W and b do better." if cubic >= sigmoid else ""),
        ]  # fmt: skip
        words = VGroup(*(label(line, WORDS) for line in lines))
        words.arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        body = VGroup(table, words).arrange(DOWN, buff=0.5)
        _fill_below(body, head)
        marks = VGroup(
            *(
                SurroundingRectangle(
                    table.get_cell((list(MODELS).index(m) + 2, column)),
                    color=palette.CHANGED,
                    buff=0.02,
                )  # fmt: skip
                for column, m in ((4, self.best["MSE"]), (5, self.best["MAE"]))
            )
        )
        self.say("Both losses for every model. MSE squares the errors, so it is in 100,000 "
                 "euros, squared. MAE averages their sizes, in 100,000 euros.", FadeIn(head),
                 FadeIn(table))  # fmt: skip
        self.play(Create(marks), run_time=0.6)
        for line, words_said in zip(words, said, strict=True):  # one finding per beat
            self.say(words_said, FadeIn(line))
        self.snapshot("losses")
        self.fade_all()

    @section("far from the data")
    def price_table(self):
        head = section_title("Prices far from the data")
        rows = [
            [NAMES[m], *(eur(self.predictions[m][f]) for f in FLOORS),
             f"{self.ratios[m]:,.3g}\u00d7"]
            for m in MODELS
        ]  # fmt: skip
        table = _table(rows, ["model", *(floors(f) for f in FLOORS), "100 vs 10 floors"])
        _fill_below(table, head)
        self.say(f"Each model's price for {', '.join(floors(f) for f in FLOORS[:-1])} and "
                 f"{floors(FLOORS[-1])}, and how many times dearer 100 floors are than 10.",
                 FadeIn(head), FadeIn(table))  # fmt: skip
        self.snapshot("far from the data")
        self.fade_all()

    @section("the question")
    def question(self):
        head = section_title("Should 100 floors cost the same as 10?")
        lines = VGroup()
        self.answers = {}
        for m, r in self.ratios.items():
            if m in self.same:
                answer = f"{NAMES[m]}: levels off, 100 floors cost the same as 10"
            else:
                answer = f"{NAMES[m]}: 100 floors cost {r:.3g} times as much as 10"
            self.answers[m] = answer
            lines.add(label(answer, WORDS + 2, COLORS[m]))
        same = " and the ".join(NAMES[m] for m in self.same)
        verdict = label(f"Yes, the same price: the {same}." if same else "No model says so.",
                        WORDS + 2, palette.CHANGED)  # fmt: skip
        group = VGroup(*lines, verdict).arrange(DOWN, aligned_edge=LEFT, buff=0.35)
        _fill_below(group, head, most=1.3)
        self.say("So, what does each shape say about the notes' question?", FadeIn(head))
        for line, said in zip(lines, self.answers.values(), strict=True):
            self.say(said.replace(":", ",", 1) + ".", FadeIn(line, shift=0.2 * RIGHT),
                     run_time=0.8)  # fmt: skip
        self.say((f"Only the {same} say a 100-floor building costs the same as a 10-floor one,"
                  f" within {SAME:.0%}." if same else "No model says they cost the same.") +
                 " Four houses cannot tell us which shape is right: that "
                 "takes knowing about buildings.", FadeIn(verdict))  # fmt: skip
        self.snapshot("the question")
        self.wait(1)


def _loss(value):
    """A loss for the table: 3 significant digits; a loss below 0.0001 as '< 0.0001'."""
    return "< 0.0001" if value < 1e-4 else small_number(value)


def _fill_below(mob, head, most=1.6):
    """Scale mob (up to `most` times, or down) to fill the frame under the heading, centred."""
    top, bottom = head.get_bottom()[1] - 0.3, -config.frame_height / 2 + 0.35
    width = config.frame_width - 0.8
    mob.scale(min(most, width / mob.width, (top - bottom) / mob.height))
    return mob.move_to([0, (top + bottom) / 2, 0])


def _broken(formula, most=30):
    """A formula's text in lines of about `most` characters, broken after a comma."""
    if len(formula) <= most:
        return [formula]
    commas = [k for k, char in enumerate(formula) if char == ","]
    cut = min(commas, key=lambda k: abs(k - len(formula) / 2)) + 1
    return [formula[:cut], "    " + formula[cut:].strip()]


def _table(rows, header):
    table = plots.table(
        rows,
        col_labels=[label(h, WORDS - 2, palette.MUTED) for h in header],
        element_to_mobject=lambda s: label(s, WORDS),
        include_outer_lines=False,
        v_buff=0.3,
        h_buff=0.5,
        line_config={"stroke_width": 1, "color": palette.MUTED},
    )
    for i, m in enumerate(MODELS, start=2):
        table.get_entries((i, 1)).set_color(COLORS[m])
    return table
