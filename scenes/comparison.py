"""Every model on the same houses: fitted curves, both losses, prices far from the data.

Run: manim render scenes/comparison.py

Each model's final parameters come from its recorded default run (fitting.ensure_trajectory);
MSE and MAE are both computed for every model from fitting's predictions on the same four houses
(the lines fit different losses: the curve models MSE, the nets MAE), and the verdicts on screen
are worded from those numbers, never from the notes' opinion.
"""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    Create,
    FadeIn,
    FadeOut,
    Line,
    SurroundingRectangle,
    VGroup,
    VMobject,
    config,
)

from fitting import MODELS, NOTES, dataset_loss, predict
from scenes.kit import palette, plots
from scenes.kit.layout import fit_inside, section_title, title_card
from scenes.kit.lecture import Lecture, section, trajectory
from scenes.kit.plots import curve_points, data_axes, data_points, nice_ceil
from scenes.kit.style import SMALL_SIZE
from scenes.kit.typeset import text
from scenes.kit.words import eur

COLORS = palette.MODELS
FLOORS = (5, 10, 100)  # the notes' question: 5 and 10 floors, and a 100-floor building
SAME = 0.01  # prices within 1% of each other count as "the same"


def losses(name, params):
    """MSE and MAE of one model on the notes' houses, from fitting's predictions."""
    error = predict(name, params, NOTES.x) - NOTES.y
    return {"MSE": float(np.mean(error**2)), "MAE": float(np.mean(np.abs(error)))}


class Comparison(Lecture):
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
        self.loss_table()
        self.price_table()
        self.question()

    @section("title")
    def title(self):
        card = title_card(
            "Which model?", "Should a 100-floor building cost the same as a 10-floor one?"
        )
        self.say("Five models, the same four houses.", FadeIn(card))
        self.play(FadeOut(card))

    @section("curves")
    def curves(self):
        x_max = 5.0
        xs = np.linspace(0, x_max, 150)
        top = nice_ceil(max(self.predictions[m][5] for m in MODELS))
        axes = data_axes(x_max, top, width=6.0, height=4.6).to_corner(DOWN + LEFT, buff=0.6)
        head = section_title("The fitted curves")
        curves = VGroup()
        legend = VGroup()
        for m, p in self.final_params.items():
            points = curve_points(axes, xs, predict(m, p, xs))
            curves.add(VMobject(color=COLORS[m], stroke_width=4).set_points_as_corners(points))
            swatch = Line(ORIGIN, 0.4 * RIGHT, color=COLORS[m], stroke_width=6)
            name = text(f"{m}  ({MODELS[m].loss})", SMALL_SIZE, COLORS[m])
            formula = text(MODELS[m].formula, SMALL_SIZE - 4, palette.MUTED)
            words = VGroup(name, formula).arrange(DOWN, aligned_edge=LEFT, buff=0.08)
            legend.add(VGroup(swatch, words).arrange(RIGHT, buff=0.15))
        legend.arrange(DOWN, aligned_edge=LEFT, buff=0.25)
        fit_inside(legend, width=config.frame_width - axes.width - 1.6).next_to(axes, RIGHT, 0.5)
        self.say("The four houses.", FadeIn(head), Create(axes), FadeIn(data_points(axes, NOTES)))
        for curve, entry, m in zip(curves, legend, MODELS, strict=True):
            self.say(f"{m}: {MODELS[m].formula}, descended on {MODELS[m].loss}.", Create(curve),
                     FadeIn(entry), run_time=0.9)  # fmt: skip
        self.snapshot("curves")
        self.wait(2)
        self.fade_all()

    @section("losses")
    def loss_table(self):
        head = section_title("Both losses for every model, on the same four houses")
        rows = [
            [
                m,
                MODELS[m].loss,
                f"{len(MODELS[m].params)}",
                _loss(self.losses[m]["MSE"]),
                _loss(self.losses[m]["MAE"]),
            ]
            for m in MODELS
        ]
        table = _table(rows, ["model", "descended on", "parameters", "MSE", "MAE"])
        two = [m for m in MODELS if len(MODELS[m].params) == 2]
        best_two = min(two, key=lambda m: self.losses[m]["MSE"])
        lines = [
            f"Lowest MSE: {self.best['MSE']}; lowest MAE: {self.best['MAE']} "
            f"(with {len(MODELS[self.best['MAE']].params)} parameters for {len(NOTES.x)} houses).",
            f"Of the two-parameter curves, {best_two} has the lowest MSE.",
        ]
        cubic, sigmoid = self.losses["cubic"]["MSE"], self.losses["sigmoid"]["MSE"]
        if cubic < sigmoid:
            lines.append(
                f"The notes' cubic does beat the sigmoid: MSE {_loss(cubic)} < {_loss(sigmoid)}."
            )
        else:
            lines.append(
                f"The notes call the cubic 'much better' than the sigmoid; here its MSE is "
                f"{_loss(cubic)}, the sigmoid's {_loss(sigmoid)}."
            )
        self.loss_lines = lines
        words = VGroup(*(text(line, SMALL_SIZE) for line in lines))
        words.arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        fit_inside(VGroup(table, words).arrange(DOWN, buff=0.5), height=config.frame_height - 1.4)
        VGroup(table, words).next_to(head, DOWN, buff=0.35).set_x(0)
        marks = VGroup(
            *(
                SurroundingRectangle(
                    table.get_cell((list(MODELS).index(m) + 2, column)),
                    color=palette.CHANGED,
                    buff=0.02,
                )
                for column, m in ((4, self.best["MSE"]), (5, self.best["MAE"]))
            )
        )
        self.say("MSE and MAE of every model.", FadeIn(head), FadeIn(table))
        self.play(Create(marks), run_time=0.6)
        for line, said in zip(words, lines, strict=True):  # one finding per beat
            self.say(said, FadeIn(line))
        self.snapshot("losses")
        self.wait(4)
        self.fade_all()

    @section("far from the data")
    def price_table(self):
        head = section_title("Prices far from the data")
        rows = [
            [m, *(eur(self.predictions[m][f]) for f in FLOORS), f"{self.ratios[m]:,.3f}\u00d7"]
            for m in MODELS
        ]
        table = _table(rows, ["model", *(f"{f} floors" for f in FLOORS), "100 vs 10 floors"])
        fit_inside(table, width=config.frame_width - 0.8).next_to(head, DOWN, buff=0.5).set_x(0)
        self.say("Each model's price for 5, 10 and 100 floors.", FadeIn(head), FadeIn(table))
        self.snapshot("far from the data")
        self.wait(4)
        self.fade_all()

    @section("the question")
    def question(self):
        head = section_title("Should 100 floors cost the same as 10?")
        lines = VGroup()
        self.answers = {}
        for m, r in self.ratios.items():
            if m in self.same:
                answer = f"{m}: levels off: 100 floors cost the same as 10 (within {SAME:.0%})"
            else:
                answer = f"{m}: 100 floors cost {r:.3g} times as much as 10"
            self.answers[m] = answer
            lines.add(text(answer, SMALL_SIZE + 4, COLORS[m]))
        same = ", ".join(self.same) if self.same else "none"
        verdict = text(f"The models that answer yes: {same}.", SMALL_SIZE + 4, palette.CHANGED)
        group = VGroup(*lines, verdict).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        fit_inside(group, width=config.frame_width - 1.0).next_to(head, DOWN, buff=0.6).set_x(0)
        self.say("What each shape says about the notes' question.", FadeIn(head))
        for line, said in zip(lines, self.answers.values(), strict=True):
            self.say(said, FadeIn(line, shift=0.2 * RIGHT), run_time=0.8)
        self.say(f"The models that answer yes: {same}.", FadeIn(verdict))
        self.snapshot("the question")
        self.wait(4)


def _loss(value):
    return f"{value:.3g}"


def _table(rows, header):
    table = plots.table(
        rows,
        col_labels=[text(h, SMALL_SIZE, palette.MUTED) for h in header],
        element_to_mobject=lambda s: text(s, SMALL_SIZE),
        include_outer_lines=False,
        v_buff=0.25,
        h_buff=0.45,
        line_config={"stroke_width": 1, "color": palette.MUTED},
    )
    for i, m in enumerate(MODELS, start=2):
        table.get_entries((i, 1)).set_color(COLORS[m])
    return table
