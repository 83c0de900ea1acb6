"""Lecture: a straight line, y' = W·x + b, fitted to the notes' four houses.

manim render scenes/linear.py
"""

from scenes.kit.curve_sections import CurveFitLecture


class LinearLecture(CurveFitLecture):
    model_name = "linear"
    title = "House prices with a straight line"

    def construct(self):
        self.question_and_data()
        self.model_and_cost()
        self.gradient(("linear", "The gradient, as the notes derive it"))
        self.update_rule(prefix="update_rule.linear.")
        self.descent()
        self.result(
            extrapolate=(0, 10),
            x_max=10,
            remark="A straight line adds the same price per floor, and near zero floors "
            "it predicts a negative price.",
        )
