"""Lecture: a straight line, y' = W·x + b, fitted to the notes' four houses.

manim render scenes/linear.py
"""

from scenes.common import CurveFitLecture, chain_steps


class LinearLecture(CurveFitLecture):
    model_name = "linear"
    title = "House prices with a straight line"

    def construct(self):
        self.title_section()
        self.model_section(chain_steps("mse"))
        self.gradient_section(
            ("The gradient, as the notes derive it", "linear", chain_steps("linear"))
        )
        self.update_section(chain_steps("update_rule", prefix="update_rule.linear."))
        self.descent_section()
        self.result_section(
            extrapolate=(0, 10),
            x_max=10,
            remark="A straight line adds the same price per floor, and near zero floors "
            "it predicts a negative price.",
        )
