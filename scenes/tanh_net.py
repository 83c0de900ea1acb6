"""Backpropagation through the tanh net: LeakyReLU(Linear(W2, b2, tanh(Linear(W1, b1, x))), α).

Run: manim render scenes/tanh_net.py

The same lecture as the ReLU net (scenes/kit/net_sections.py) with the notes' names m, l, k:
the tanh derivative's chain and LeakyReLU's derivative, whose α is a slope, not the learning
rate.
"""

from manim import DOWN, FadeIn, FadeOut

from fitting import LEAKY_SLOPE
from scenes.kit import palette
from scenes.kit.net_graph import TANH_NET
from scenes.kit.net_sections import NetLecture
from scenes.kit.style import BODY_SIZE
from scenes.kit.typeset import text


class TanhNet(NetLecture):
    NET = TANH_NET
    TITLE = "Backpropagation: the tanh net"
    QUESTION = "The same chain rule, through tanh and LeakyReLU"
    FORMULA_STEPS = (
        "tanh_net.mae", "tanh_net.mae.sum",
        "tanh_net.db1.0", "tanh_net.db1.1",
        "tanh_net.dW1.as_gradient",
    )  # fmt: skip
    PIECES = ("tanh_derivative", "leaky_relu")

    def construct(self):
        self.title()
        self.graph()
        self.forward()
        self.backward()
        self.formula()
        self.pieces()
        self.alpha_is_a_slope()
        self.training()
        self.result()

    def alpha_is_a_slope(self):
        """Still the pieces section: the notes' two meanings of α."""
        words = (
            f"Here \u03b1 = {LEAKY_SLOPE:g} is LeakyReLU's slope for k \u2264 0,\n"
            "not the learning rate (the notes use \u03b1 for both)."
        )
        note = text(words, BODY_SIZE, palette.CHANGED)
        self.say(words.replace("\n", " "), FadeIn(note, shift=0.2 * DOWN))
        self.snapshot("alpha")
        self.play(FadeOut(note))
