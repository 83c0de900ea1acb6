"""Lecture: a straight line, y' = W·x + b, fitted to the notes' four houses.

manim render scenes/linear.py
"""

from scenes.kit.curve_sections import CurveFitLecture, Words

GRADIENT = Words({
    "linear.line48": "First, the slope of J in b, which the notes call theta zero.",
    "linear.line48.2": "Write J out in full. The notes start every sum at zero from here on; "
    "the board writes each one from 1, and says no more about it.",
    "linear.line48.3": "Put in the model: theta zero plus theta one times x i, minus y i.",
    "linear.db.cut": (
        "The square brings down a 2, giving 2 over N times the sum. "
        "Here the notes' line breaks off after the sum sign.",
        "Line 52 of the notes carries on: each miss, times its slope in theta zero, which is 1.",
    ),
    "linear.db.result": "So the slope of J in b is 2 over N times the sum of the misses.",
    "linear.line52": "In the names W and b: b plus W times x i, minus y i, times 1.",
    "linear.line57": "Next, the slope of J in W, which the notes call theta one.",
    "linear.line57.2": "Again, J written out in full.",
    "linear.line57.3": "And the model put in.",
    "linear.line57.4": "The square brings down a 2. The slope of the miss in theta one is x i.",
    "linear.line62": "So each miss is multiplied by its house's floors, x i.",
    "linear.dW.result.Wb": "In W and b: 2 over N times the sum of each miss times x i.",
})  # fmt: skip


class LinearLecture(CurveFitLecture):
    model_name = "linear"
    title = "House prices with a straight line"

    def construct(self):
        self.question_and_data()
        self.model_and_cost()
        self.gradient(("linear", "The gradient, as the notes derive it",
                       "Now the slopes of J, as the notes derive them.", GRADIENT))  # fmt: skip
        self.update_rule()
        self.descent()
        self.result(
            extrapolate=(0, 10),
            x_max=10,
            remark="A straight line adds the same price per floor, and near zero floors "
            "it predicts a negative price.",
        )
