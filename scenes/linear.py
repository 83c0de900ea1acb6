"""Lecture: a straight line, y' = W·x + b, fitted to the notes' four houses.

manim render scenes/linear.py
"""

from scenes.common import CurveFitLecture, chain_steps


class LinearLecture(CurveFitLecture):
    model_name = "linear"
    title = "House prices with a straight line"

    def construct(self):
        cost = chain_steps("mse")
        gradient = chain_steps("linear")
        update = chain_steps("update_rule", prefix="update_rule.linear.")
        self.title_section()
        self.model_section(cost)
        self.gradient_section(("The gradient, as the notes derive it", "linear", gradient))
        self.update_section(update)
        self.descent_section()
        self.result_section(
            extrapolate=(0, 10),
            x_max=10,
            remark="A straight line adds the same price per floor, and near zero floors "
            "it predicts a negative price.",
        )
