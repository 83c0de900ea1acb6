"""Lecture: the notes' cubic, y' = W·x³ + b, fitted to the notes' four houses.

manim render scenes/cubic.py
"""

from scenes.kit.curve_sections import CurveFitLecture, Words

GRADIENT = Words({
    "cubic.line104": "The cubic model: b plus W times x cubed.",
    "cubic.db": "Its slope in b is the same as for the line: 2 over N times the sum of the "
    "misses, each times 1.",
    "cubic.dW": (
        "For the slope in W, the notes say it is the same as for the line: each miss times x i.",
        "It is not. The model's slope in W is x cubed, not x: each miss is multiplied by "
        "x i cubed.",
    ),
    "cubic.line106": "The notes also take the cubic's slope in x, the floors.",
    "cubic.line106.2": "It is W times 3 x squared. That is right, but the descent never needs "
    "it: it moves W and b, not the floors.",
})  # fmt: skip


class CubicLecture(CurveFitLecture):
    model_name = "cubic"
    title = "House prices with a cubic"

    def construct(self):
        self.question_and_data()
        self.model_and_cost("mse.J", "mse.sum")
        self.gradient(("cubic", "The gradient, as the notes derive it",
                       "Now the slopes of J for the cubic, as the notes derive them.",
                       GRADIENT))  # fmt: skip
        self.update_rule()
        self.descent()
        self.result(
            extrapolate=(10, 20),
            x_max=20,
            remark="W·x³ + b follows the four houses closely, but grows with the cube "
            "of the floors: beyond the data its prices explode.",
        )
        self.compare("sigmoid", "The notes say of the cubic: that's much better.")
