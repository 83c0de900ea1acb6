"""A net's computational graph on screen: nodes, edges, values, local derivatives, gradients.

The graph's shape (which nodes, which parameters feed which Linear) and every number on it
come from fitting/one_house.py; this module only adds how each piece is written.
"""

from dataclasses import dataclass
from itertools import pairwise

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, WHITE, Arrow, Circle, DecimalNumber, MathTex, VGroup

from fitting.one_house import GRAPHS, Graph
from scenes.kit import palette
from scenes.kit.words import number


@dataclass(frozen=True)
class Net:
    """How a net's graph is written and said: the shape from fitting, names and formulas in TeX,
    and for each edge why its local derivative is what it is (spoken, one beat per edge)."""

    graph: Graph
    tex: dict  # node name -> symbol on screen
    op_tex: dict  # node name -> the piece that makes it (on its incoming edge)
    local_tex: dict  # (src, dst) -> the local derivative d dst / d src as a formula
    spoken: dict  # node name -> how the narration says it
    why: dict  # (src, dst) -> the words that say why d dst / d src is local_tex

    @property
    def model(self):
        return self.graph.model

    @property
    def path(self):
        return self.graph.path

    @property
    def inputs(self):
        return self.graph.inputs


SIGN_WHY = ("L is the distance between y prime and the price. Move y prime up and L grows by "
            "as much when y prime is above the price, and shrinks by as much when it is below: "
            "the slope is the sign of y prime minus y, plus or minus one.")  # fmt: skip
RELU_NET = Net(
    graph=GRAPHS["relu_net"],
    tex={"x": "x", "q": "q", "z": "z", "y_hat": "y'", "L": "L",
         "W1": "W_1", "b1": "b_1", "W2": "W_2", "b2": "b_2"},
    op_tex={"q": r"\mathrm{Linear}", "z": r"\mathrm{ReLU}", "y_hat": r"\mathrm{Linear}",
            "L": r"|y' - y|"},
    local_tex={
        ("W1", "q"): "x", ("b1", "q"): "1", ("q", "z"): r"\mathrm{ReLU}'(q)",
        ("W2", "y_hat"): "z", ("b2", "y_hat"): "1", ("z", "y_hat"): "W_2",
        ("y_hat", "L"): r"\mathrm{sign}(y' - y)",
    },
    spoken={"x": "x", "q": "q", "z": "z", "y_hat": "y prime", "L": "L",
            "W1": "W1", "b1": "b1", "W2": "W2", "b2": "b2"},
    why={
        ("y_hat", "L"): SIGN_WHY,
        ("z", "y_hat"): "y prime is W2 times z plus b2, so a nudge to z moves y prime W2 times "
                        "as much.",
        ("b2", "y_hat"): "b2 is simply added, so a nudge to b2 moves y prime by just as much: "
                         "the slope is 1.",
        ("W2", "y_hat"): "W2 multiplies z, so a nudge to W2 moves y prime z times as much.",
        ("q", "z"): "ReLU passes q on when q is positive, slope 1, and gives 0 when it is not, "
                    "slope 0. Here q is positive.",
        ("b1", "q"): "q is W1 times x plus b1: b1 is added, so the slope is 1.",
        ("W1", "q"): "And W1 multiplies x, the floors, so a nudge to W1 moves q x times as much.",
    },
)  # fmt: skip

TANH_NET = Net(
    graph=GRAPHS["tanh_net"],
    tex={"x": "x", "m": "m", "l": "l", "k": "k", "y_hat": "y'", "L": "L",
         "W1": "W_1", "b1": "b_1", "W2": "W_2", "b2": "b_2"},
    op_tex={"m": r"\mathrm{Linear}", "l": r"\tanh", "k": r"\mathrm{Linear}",
            "y_hat": r"\mathrm{LeakyReLU}", "L": r"|y' - y|"},
    local_tex={
        ("W1", "m"): "x", ("b1", "m"): "1", ("m", "l"): r"1 - l^2",
        ("W2", "k"): "l", ("b2", "k"): "1", ("l", "k"): "W_2",
        ("k", "y_hat"): r"\mathrm{LeakyReLU}'(k)", ("y_hat", "L"): r"\mathrm{sign}(y' - y)",
    },
    spoken={"x": "x", "m": "m", "l": "l", "k": "k", "y_hat": "y prime", "L": "L",
            "W1": "W1", "b1": "b1", "W2": "W2", "b2": "b2"},
    why={
        ("y_hat", "L"): SIGN_WHY,
        ("k", "y_hat"): "LeakyReLU keeps k when k is positive, slope 1, and multiplies it by "
                        "alpha when it is not, slope alpha.",
        ("b2", "k"): "k is W2 times l plus b2: b2 is added, so the slope is 1.",
        ("W2", "k"): "W2 multiplies l, so a nudge to W2 moves k l times as much.",
        ("l", "k"): "And a nudge to l moves k W2 times as much.",
        ("m", "l"): "l is tanh of m. Its slope is 1 minus tanh squared, that is 1 minus l "
                    "squared: we derive it later.",
        ("b1", "m"): "m is W1 times x plus b1: b1 is added, so the slope is 1.",
        ("W1", "m"): "And W1 multiplies x, the floors, so a nudge to W1 moves m x times as much.",
    },
)  # fmt: skip

PARAMETER_COLORS = {"W1": palette.W1, "b1": palette.b1, "W2": palette.W2, "b2": palette.b2}
NODE_COLORS = {"x": palette.DATA, "y": palette.DATA, "y_hat": palette.MODEL, "L": palette.J}


GRAPH_SIZE = 30  # numbers and labels on the graph: digits 2.7% of the frame's height
NODE_SIZE = 46  # a node's symbol: a lone x is then 2.7% high
RADIUS = 0.42


class NetGraph(VGroup):
    """The computational graph: the main chain on a row, parameters above the Linear they feed.

    Rows, top to bottom: parameters (value and gradient beside them); nodes with the piece that
    makes each on its incoming edge; under each node its value, then dL/dnode; lower still each
    main edge's local derivative, on two alternating rows so wide formulas never collide.
    """

    def __init__(self, net, width=12.4, y=0.6):
        super().__init__()
        self.net = net
        self.nodes = {}
        xs = np.linspace(-width / 2, width / 2, len(net.path))
        for name, X in zip(net.path, xs, strict=True):
            self.nodes[name] = node(net.tex[name], palette.MODEL).move_to([X, y, 0])
        self.feeds = {**net.inputs, "L": ("y",)}
        for dst, names in self.feeds.items():
            for name, dx in zip(names, (-0.75, 0.75) if len(names) == 2 else (0,), strict=True):
                colour = PARAMETER_COLORS.get(name, palette.DATA)
                feed = node(net.tex.get(name, name), colour)
                self.nodes[name] = feed.move_to(self.nodes[dst]).shift([dx, 1.95, 0])
        self.edges = {}
        for src, dst in pairwise(net.path):
            self.edges[src, dst] = arrow(self.nodes[src], self.nodes[dst])
        for dst, names in self.feeds.items():
            for name in names:
                self.edges[name, dst] = arrow(self.nodes[name], self.nodes[dst])
        self.op_labels = VGroup(
            *(
                MathTex(net.op_tex[dst], font_size=GRAPH_SIZE, color=palette.MUTED).next_to(
                    self.edges[src, dst], UP, buff=0.12
                )
                for src, dst in pairwise(net.path)
            )
        )
        self.add(*self.edges.values(), *self.nodes.values(), self.op_labels)

    def value_label(self, name, value, color=None):
        """The node's value: under a main node, beside a parameter (or y) node, in the
        parameter's colour (the data's for y)."""
        color = color or PARAMETER_COLORS.get(name) or NODE_COLORS.get(name, WHITE)
        return self._place(name, number_mob(value, color), row=0)

    def grad_label(self, name, value):
        """dL/dname, under the value (beside a parameter only the number: there is no room)."""
        if name not in self.net.path:
            return self._place(name, number_mob(value, palette.J), row=1)
        sym = self.net.tex[name]
        label = VGroup(
            MathTex(rf"\partial L / \partial {sym} =", font_size=GRAPH_SIZE),
            number_mob(value),
        ).set_color(palette.J)
        label.arrange(RIGHT, buff=0.1)
        return self._place(name, label, row=1)

    def local_label(self, edge, value):
        """d dst / d src on its edge: the formula and its value, in the local colour."""
        formula = self.net.local_tex[edge]
        if formula != number(value):  # a constant (db = 1) is its own value
            formula += f" = {number(value)}"  # one text: a lone x is read at the digits' size
        label = MathTex(formula, font_size=GRAPH_SIZE, color=palette.LOCAL)
        src, dst = edge
        if src in self.net.path:  # a main edge: under the values, rows alternating
            k = self.net.path.index(src)
            drop = 1.85 if k % 2 == 0 else 2.45
            return label.move_to(self.edges[edge]).set_y(self.nodes[dst].get_y() - drop)
        side = LEFT if self.feeds[dst].index(src) == 0 else RIGHT
        return label.next_to(self.edges[edge].get_center(), side, buff=0.2)

    def _place(self, name, mob, row):
        node = self.nodes[name]
        if name in self.net.path:
            return mob.next_to(node, DOWN, buff=0.15 + 0.55 * row)
        side = RIGHT if name[0] == "b" else LEFT
        mob.next_to(node, side, buff=0.15)
        return mob.shift((0.24 - 0.52 * row) * UP)


def number_mob(value, color=WHITE, places=3):
    """A number as shown: whole numbers (x, 1, sign) without decimals."""
    value = float(value)
    places = 0 if value.is_integer() else places
    return DecimalNumber(value, num_decimal_places=places, font_size=GRAPH_SIZE, color=color)


def node(tex, colour):
    circle = Circle(radius=RADIUS, color=colour, stroke_width=3)
    return VGroup(circle, MathTex(tex, font_size=NODE_SIZE).move_to(circle))


def arrow(a, b):
    return Arrow(a, b, buff=0.08, stroke_width=3, color=palette.MUTED,
                 max_tip_length_to_length_ratio=0.12, tip_length=0.18)  # fmt: skip


def grouped(tex_string):
    """A factor in a product: a sum or difference (outside any brackets) goes in parentheses."""
    depth = 0
    for i, char in enumerate(tex_string):
        if char in "({[":
            depth += 1
        elif char in ")}]":
            depth -= 1
        elif depth == 0 and char in "+-" and i > 0:
            return f"({tex_string})"
    return tex_string


def subscripted(name):
    """W1 -> W_1 (TeX)."""
    return f"{name[0]}_{name[1:]}" if len(name) > 1 else name
