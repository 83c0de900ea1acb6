"""Lecture: the notes' cubic, y' = W·x³ + b, fitted to the notes' four houses.

manim render scenes/cubic.py
"""

from scenes.kit.curve_sections import CurveFitLecture


class CubicLecture(CurveFitLecture):
    model_name = "cubic"
    title = "House prices with a cubic"

    def construct(self):
        self.question_and_data()
        self.model_and_cost("mse.J", "mse.sum")
        self.gradient(("cubic", "The gradient, as the notes derive it"))
        self.update_rule(prefix="update_rule.linear.")  # the notes: "the same as linear"
        self.descent()
        self.result(
            extrapolate=(10, 20),
            x_max=20,
            remark="W·x³ + b follows the four houses closely, but grows with the cube "
            "of the floors: beyond the data its prices explode.",
        )
