"""Backpropagation through the ReLU net: M(x) = Linear(W2, b2, ReLU(Linear(W1, b1, x))), MAE.

Run: manim render scenes/relu_net.py

The computational graph, one house forward, each local derivative on its edge and the chain rule
multiplying them back to W1, b1, W2, b2; the notes' formula with its verdicts; the derivative of
|a|; the recorded training; the final MAE beside the best achievable (scenes/kit/net_sections.py).
"""

from scenes.kit.net_graph import RELU_NET
from scenes.kit.net_sections import NetLecture


class ReluNet(NetLecture):
    NET = RELU_NET
    TITLE = "Backpropagation: the ReLU net"
    QUESTION = "How does one house's error reach each of W1, b1, W2, b2?"
    FORMULA_STEPS = (
        "relu_net.mae", "relu_net.mae.sum",
        "relu_net.dW2", "relu_net.dW2.expanded",
        "relu_net.dW1", "relu_net.dW1.x",
    )  # fmt: skip
    PIECES = ("abs_derivative",)

    def construct(self):
        self.title()
        self.graph()
        self.forward()
        self.backward()
        self.formula()
        self.pieces()
        self.training()
        self.result()
