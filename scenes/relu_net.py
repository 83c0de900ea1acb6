"""Backpropagation through the ReLU net: M(x) = Linear(W2, b2, ReLU(Linear(W1, b1, x))), MAE.

Run: manim render scenes/relu_net.py

The computational graph, one house forward, each local derivative on its edge and the chain rule
multiplying them back to W1, b1, W2, b2; the notes' formula with its verdicts; the derivative of
|a| and its plot; the recorded training; the final MAE beside the best achievable
(scenes/kit/net_sections.py).
"""

from scenes.kit.net_graph import RELU_NET
from scenes.kit.net_sections import NetLecture

NOTES_DROP_PARTIAL = (
    "The notes write the slope of MAE in W2 without the partial sign on top.",
    "They drop the partial sign from the numerator throughout; we write it back each time.",
)
MINUS_LOST = (
    "Then the chain rule. The notes call the error a, y minus M of x.",
    "But a falls when M rises, so a minus sign belongs in front; the notes lose it. Corrected, "
    "the first factor is minus the sign of a, which is the sign of y prime minus y: the factor "
    "on the graph's last edge.",
)

NARRATION = {
    # the formula section (relu_net chain)
    "relu_net.mae": "MAE compares the predictions y prime with the prices y.",
    "relu_net.mae.sum": (
        "The notes average the errors, y minus y prime.",
        "But errors of opposite sign would cancel: MAE averages their absolute values.",
    ),
    "relu_net.dW2": NOTES_DROP_PARTIAL,
    "relu_net.dW2.expanded": MINUS_LOST,
    "relu_net.dW1": "The slope in W1 starts the same way, partial sign written back.",
    "relu_net.dW1.x": (
        "At the end of the notes' chain for W1 stands the slope of ReLU in lower-case w1.",
        "ReLU's slope must be taken in q, its input; and the minus sign is missing again. This "
        "is the graph's path from W1 to L.",
    ),
    # the derivative of |a|
    "abs_derivative": "The notes derive the slope of the absolute value, step by step.",
    "abs_derivative.line122": "a is the error of one house:",
    "abs_derivative.line122.2": "the price y minus the prediction M of x.",
    "abs_derivative.start": (
        "We want the slope of the absolute value of a.",
        "We want the slope of the absolute value of a, partial sign written back.",
    ),
    "abs_derivative.line125": "The absolute value is the square root of a squared,",
    "abs_derivative.line125.2": "that is, a squared to the power one half.",
    "abs_derivative.line125.3": "The chain rule: the outer power's slope, times the slope of a "
    "squared.",
    "abs_derivative.line125.4": "The slope of a squared is 2 a.",
    "abs_derivative.line125.5": "The halves and the 2 cancel.",
    "abs_derivative.line125.6": "One over the root of a squared is one over the absolute value.",
    "abs_derivative.ratio": (
        "So the slope is a over the absolute value of a.",
        "That is the sign of a: plus one or minus one. At a equal to zero it is zero over zero, "
        "so we take the sign of zero to be zero.",
    ),
    "abs_derivative.in_y": (
        "The notes then write it in y and M of x.",
        "That is the sign of y minus M of x. Remember the minus sign from a: the slope of MAE "
        "in M is minus that sign.",
    ),
}


class ReluNet(NetLecture):
    NET = RELU_NET
    TITLE = "Backpropagation: the ReLU net"
    QUESTION = "How does one house's error reach each of W1, b1, W2, b2?"
    INTRO = ("Backpropagation through the ReLU net, trained on the mean absolute error: how does "
             "one house's error reach each of its four parameters?")  # fmt: skip
    FORMULA_STEPS = (
        "relu_net.mae", "relu_net.mae.sum",
        "relu_net.dW2", "relu_net.dW2.expanded",
        "relu_net.dW1", "relu_net.dW1.x",
    )  # fmt: skip
    PIECES = ("abs_derivative",)
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
