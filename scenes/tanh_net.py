"""Backpropagation through the tanh net: LeakyReLU(Linear(W2, b2, tanh(Linear(W1, b1, x))), α).

Run: manim render scenes/tanh_net.py

The same lecture as the ReLU net (scenes/network.py) with the notes' names m, l, k: the tanh
derivative's chain and LeakyReLU's derivative, whose α is a slope, not the learning rate.
"""

from manim import DOWN, FadeIn, FadeOut, Scene

from fitting import LEAKY_SLOPE
from scenes.common import BODY_SIZE, PATH_COLOR, text
from scenes.network import TANH_NET, NetLecture


class TanhNet(NetLecture, Scene):
    NET = TANH_NET
    TITLE = "Backpropagation: the tanh net"
    QUESTION = "The same chain rule, through tanh and LeakyReLU"
    FORMULA_STEPS = (
        "tanh_net.mae", "tanh_net.mae.sum",
        "tanh_net.db1.0", "tanh_net.db1.1",
        "tanh_net.dW1.as_gradient",
    )  # fmt: skip
    PIECES = ("tanh_derivative", "leaky_relu")

    def pieces(self):
        super().pieces()
        words = (
            f"Here \u03b1 = {LEAKY_SLOPE:g} is LeakyReLU's slope for k \u2264 0,\n"
            "not the learning rate (the notes use \u03b1 for both)."
        )
        note = text(words, BODY_SIZE, PATH_COLOR)
        self.play(FadeIn(note, shift=0.2 * DOWN), subcaption=words.replace("\n", " "))
        self.snapshot("alpha")
        self.wait(2.5)
        self.play(FadeOut(note))
