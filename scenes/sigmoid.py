"""Lecture: a capped sigmoid, y' = 20·sigmoid(W·x + b), fitted to the notes' four houses.

manim render scenes/sigmoid.py
"""

from fitting.models import SIGMOID_CAP
from scenes.common import CurveFitLecture, chain_steps, eur


class SigmoidLecture(CurveFitLecture):
    model_name = "sigmoid"
    title = "House prices with a sigmoid"

    def construct(self):
        cost = chain_steps("mse", "mse.J", "mse.sum")
        derivative = chain_steps("sigmoid_derivative")
        gradient = chain_steps("sigmoid")
        update = chain_steps("update_rule", prefix="update_rule.sigmoid.")
        self.title_section()
        self.model_section(cost)
        self.gradient_section(
            ("The sigmoid's derivative", "sigmoid_derivative", derivative, {"step_seconds": 0.9}),
            ("The gradient, as the notes derive it", "sigmoid", gradient),
        )
        self.update_section(update)
        self.descent_section()
        self.result_section(
            extrapolate=(10, 100),
            x_max=100,
            cap=SIGMOID_CAP,
            remark=f"The sigmoid caps every price at {eur(SIGMOID_CAP)}: as the notes say, "
            "a 10-floor and a 100-floor building cost the same.",
        )
