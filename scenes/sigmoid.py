"""Lecture: a capped sigmoid, y' = 20·sigmoid(W·x + b), fitted to the notes' four houses.

manim render scenes/sigmoid.py
"""

from fitting.models import SIGMOID_CAP
from scenes.kit.curve_sections import CurveFitLecture, Words
from scenes.kit.words import eur

SLOPE_OF_SIGMOID = Words({
    "sigmoid_derivative.line74": "The sigmoid is one over one plus e to the minus x. "
    "It squashes any number into the range from 0 to 1.",
    "sigmoid_derivative.line92": "We want its slope in a.",
    "sigmoid_derivative.line92.2": "Write the fraction as a power: one plus e to the minus a, "
    "to the power minus 1.",
    "sigmoid_derivative.line92.3": "The power rule gives minus the same thing to the power "
    "minus 2, times the slope of the inside.",
    "sigmoid_derivative.line92.4": "The slope of a sum is the sum of the slopes.",
    "sigmoid_derivative.line92.5": "The slope of 1 is zero. The slope of e to the minus a is "
    "e to the minus a, times the slope of minus a.",
    "sigmoid_derivative.line92.6": "And the slope of minus a is minus 1.",
    "sigmoid_derivative.line92.7": "The two minus signs cancel.",
    "sigmoid_derivative.line92.8": "Write the square as two equal factors.",
    "sigmoid_derivative.line92.9": "Put a 1 on top, to split the fraction in two.",
    "sigmoid_derivative.line92.10": "Two fractions multiplied: the first is the sigmoid itself.",
    "sigmoid_derivative.line92.11": "On top of the second, add 1 and take 1 away: "
    "nothing changes.",
    "sigmoid_derivative.line92.12": "Split it: the first part is 1, the second is the sigmoid "
    "again.",
    "sigmoid_derivative.result": "So the sigmoid's slope is sigma times one minus sigma: "
    "written with the sigmoid itself.",
})  # fmt: skip

GRADIENT = Words({
    "sigmoid.line88": "Now the slope of J in b, theta zero, for the sigmoid model.",
    "sigmoid.line88.2": "Write J out. The notes start the sum at zero again; "
    "the board writes it from 1.",
    "sigmoid.line89": "The model, h of x, is...",
    "sigmoid.model.theta": (
        "one over one plus e to the minus theta zero plus theta one x, the notes say.",
        "But the model fitted is 20 times the sigmoid, which caps prices at 2 million euros. "
        "The notes drop the 20 here; the lines below differentiate the plain sigmoid.",
    ),
    "sigmoid.model.Wb": "In the names W and b, with the 20 put back.",
    "sigmoid.line90": "Call the inside a.",
    "sigmoid.line90.2": "a is b plus W times x.",
    "sigmoid.line90.3": "So the model, h of x, ...",
    "sigmoid.model.a": "is 20 over one plus e to the minus a.",
    "sigmoid.line92": "The notes take the slope of the sigmoid in theta zero.",
    "sigmoid.theta_0.b": "Theta zero is b: the slope in b.",
    "sigmoid.theta_0.chain_rule": (
        "The notes write two slope signs multiplied, with nothing to take the slope of.",
        "They mean the chain rule: the sigmoid's slope in a, times a's slope in b.",
    ),
    "sigmoid.line92.2": "The sigmoid's slope in a, times a's slope in b, which is 1.",
    "sigmoid.line92.3": "Or, as we just derived: sigma times one minus sigma, times 1.",
    "sigmoid.theta_0.as_gradient": (
        "The notes take this as the slope of J in theta zero.",
        "But it is only the sigmoid's slope. The slope of J also needs the cap, 20, "
        "the factor 2 times each miss, and the mean over the houses. "
        "The notes' code was missing this 20 times sigma times one minus sigma.",
    ),
    "sigmoid.line92.4": "Now the slope in theta one, which is W.",
    "sigmoid.theta_1.b": (
        "The notes write the slope in b again.",
        "That was copied from the line above: theta one is W, so it is the slope in W.",
    ),
    "sigmoid.theta_1.chain_rule": (
        "Again two slope signs multiplied.",
        "The chain rule: the sigmoid's slope in a, times a's slope in W.",
    ),
    "sigmoid.line92.5": "a's slope in W is x.",
    "sigmoid.line92.6": "So: sigma times one minus sigma, times x.",
    "sigmoid.theta_1.as_gradient": "For W the same terms are missing. The board writes the "
    "slope of J in full.",
})  # fmt: skip


class SigmoidLecture(CurveFitLecture):
    model_name = "sigmoid"
    title = "House prices with a sigmoid"

    def construct(self):
        self.question_and_data()
        self.model_and_cost("mse.J", "mse.sum")
        self.gradient(
            ("sigmoid_derivative", "The sigmoid's derivative",
             "First, the slope of the sigmoid itself, step by step.", SLOPE_OF_SIGMOID),
            ("sigmoid", "The gradient, as the notes derive it",
             "Now the slopes of J, as the notes derive them.", GRADIENT),
        )  # fmt: skip
        self.update_rule()
        self.descent()
        self.result(
            extrapolate=(10, 100),
            x_max=100,
            cap=SIGMOID_CAP,
            remark=f"The sigmoid caps every price at {eur(SIGMOID_CAP)}: as the notes say, "
            "a 10-floor and a 100-floor building cost the same.",
        )
