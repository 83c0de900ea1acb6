"""Backpropagation through the tanh net: LeakyReLU(Linear(W2, b2, tanh(Linear(W1, b1, x))), α).

Run: manim render scenes/tanh_net.py

The same lecture as the ReLU net (scenes/kit/net_sections.py) with the notes' names m, l, k:
the tanh derivative's chain down to 1 − tanh², LeakyReLU's derivative and its plot, whose α is
a slope, not the learning rate.
"""

from scenes.kit.net_graph import TANH_NET
from scenes.kit.net_sections import NetLecture

DELTA = (
    "The notes write a small delta where the partial sign belongs, and none on top.",
    "Delta for partial, and no partial sign on top: the notes do this throughout; we write it "
    "right each time.",
)

NARRATION = {
    # the formula section (tanh_net chain)
    "tanh_net.mae": "MAE compares the predictions y prime with the prices y.",
    "tanh_net.mae.sum": (
        "The notes average the errors, y minus y prime.",
        "But errors of opposite sign would cancel: MAE averages their absolute values.",
    ),
    "tanh_net.db1.0": (
        "The notes write the slope of y prime in b1 without the partial sign on top.",
        "They drop the partial sign from the numerator throughout; we write it back each time.",
    ),
    "tanh_net.db1.1": (
        "Their chain for b1 ends in times x.",
        "That x is copied from the chain for W1: the slope of m in b1 is 1. The notes fix it "
        "two lines later.",
    ),
    "tanh_net.dW1.as_gradient": (
        "Is this the slope of MAE in W1, as the notes' question mark asks?",
        "Not yet: it is the slope of y prime. The slope of MAE needs one more factor, the sign "
        "of y prime minus y, the graph's last edge.",
    ),
    # the derivative of tanh
    "tanh_derivative": "The notes derive the slope of tanh, step by step.",
    "tanh_derivative.line155": "tanh of x",
    "tanh_derivative.line155.2": "is e to the x minus e to the minus x, over their sum.",
    "tanh_derivative.line159": DELTA,
    "tanh_derivative.operator": (
        "The next line puts delta x in front of the fraction.",
        "That means: the slope in x of the fraction.",
    ),
    "tanh_derivative.line159.2": "Write the fraction as a product, with the sum to the power "
    "minus one.",
    "tanh_derivative.line159.3": "The product rule: the slope of the first factor times the "
    "second, plus the first times the slope of the second.",
    "tanh_derivative.chain_rule": (
        "Then the chain rule on each part.",
        "The inner slope belongs to the sum itself, not to its inverse; the next line uses the "
        "right one.",
    ),
    "tanh_derivative.line159.4": "The slopes of e to the x and e to the minus x swap the sum "
    "and the difference.",
    "tanh_derivative.result": "The first term is one; the second is the difference squared, "
    "over the sum squared.",
    "tanh_derivative.is_1_minus_tanh2": "And that fraction is tanh squared: the slope of tanh is "
    "1 minus tanh squared, the factor on the graph's tanh edge.",
    # LeakyReLU
    "leaky_relu": "LeakyReLU and its slope, as the notes write them.",
    "leaky_relu.line161": "LeakyReLU of x",
    "leaky_relu.line161.2": "is x when x is positive, and alpha times x otherwise.",
    "leaky_relu.line163": "Its slope, partial sign written back,",
    "leaky_relu.derivative.cases": "is 1 for positive x, and alpha otherwise.",
}


class TanhNet(NetLecture):
    NET = TANH_NET
    TITLE = "Backpropagation: the tanh net"
    QUESTION = "The same chain rule, through tanh and LeakyReLU"
    INTRO = ("Backpropagation through the tanh net, trained on the mean absolute error: the same "
             "chain rule, through tanh and LeakyReLU.")  # fmt: skip
    FORMULA_STEPS = (
        "tanh_net.mae", "tanh_net.mae.sum",
        "tanh_net.db1.0", "tanh_net.db1.1",
        "tanh_net.dW1.as_gradient",
    )  # fmt: skip
    PIECES = ("tanh_derivative", "leaky_relu")
    NARRATION = NARRATION

    def construct(self):
        self.title()
        self.graph()
        self.forward()
        self.backward()
        self.formula()
        self.pieces()
        self.training()
        self.result()
