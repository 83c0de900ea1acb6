"""Lecture: a capped sigmoid, y' = 20·sigmoid(W·x + b), fitted to the notes' four houses.

manim render scenes/sigmoid.py
"""

from fitting.models import SIGMOID_CAP
from scenes.kit.curve_sections import CurveFitLecture
from scenes.kit.words import eur


class SigmoidLecture(CurveFitLecture):
    model_name = "sigmoid"
    title = "House prices with a sigmoid"

    def construct(self):
        self.question_and_data()
        self.model_and_cost("mse.J", "mse.sum")
        self.gradient(
            ("sigmoid_derivative", "The sigmoid's derivative"),
            ("sigmoid", "The gradient, as the notes derive it"),
        )
        self.update_rule(prefix="update_rule.sigmoid.")
        self.descent()
        self.result(
            extrapolate=(10, 100),
            x_max=100,
            cap=SIGMOID_CAP,
            remark=f"The sigmoid caps every price at {eur(SIGMOID_CAP)}: as the notes say, "
            "a 10-floor and a 100-floor building cost the same.",
        )
