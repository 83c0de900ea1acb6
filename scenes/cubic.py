"""Lecture: the notes' cubic, y' = W·x³ + b, fitted to the notes' four houses.

manim render scenes/cubic.py
"""

from scenes.common import CurveFitLecture, chain_steps


class CubicLecture(CurveFitLecture):
    model_name = "cubic"
    title = "House prices with a cubic"

    def construct(self):
        cost = chain_steps("mse", "mse.J", "mse.sum")
        gradient = chain_steps("cubic")
        update = chain_steps("update_rule", prefix="update_rule.linear.")  # "the same as linear"
        self.title_section()
        self.model_section(cost)
        self.gradient_section(("The gradient, as the notes derive it", "cubic", gradient))
        self.update_section(update)
        self.descent_section()
        self.result_section(
            extrapolate=(10, 20),
            x_max=20,
            remark="W·x³ + b follows the four houses closely, but grows with the cube "
            "of the floors: beyond the data its prices explode.",
        )
