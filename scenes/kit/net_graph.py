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
from scenes.kit.style import VALUE_SIZE
from scenes.kit.words import number


@dataclass(frozen=True)
class Net:
    """How a net's graph is written: the shape from fitting, the names and formulas in TeX."""

    graph: Graph
    tex: dict  # node name -> symbol on screen
    op_tex: dict  # node name -> the piece that makes it (on its incoming edge)
    local_tex: dict  # (src, dst) -> the local derivative d dst / d src as a formula

    @property
    def model(self):
        return self.graph.model

    @property
    def path(self):
        return self.graph.path

    @property
    def inputs(self):
        return self.graph.inputs


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
)  # fmt: skip

PARAMETER_COLORS = {"W1": palette.W1, "b1": palette.b1, "W2": palette.W2, "b2": palette.b2}


class NetGraph(VGroup):
    """The computational graph: the main chain on a row, parameters above the Linear they feed.

    Rows, top to bottom: parameters (value and gradient beside them); nodes with the piece that
    makes each on its incoming edge; under each node its value, then dL/dnode; lower still each
    main edge's local derivative, so wide formulas never collide with the numbers.
    """

    def __init__(self, net, width=11.0, y=0.3):
        super().__init__()
        self.net = net
        self.nodes = {}
        xs = np.linspace(-width / 2, width / 2, len(net.path))
        for name, X in zip(net.path, xs, strict=True):
            self.nodes[name] = node(net.tex[name], palette.MODEL).move_to([X, y, 0])
        self.feeds = {**net.inputs, "L": ("y",)}
        for dst, names in self.feeds.items():
            for name, dx in zip(names, (-0.7, 0.7) if len(names) == 2 else (0,), strict=True):
                colour = PARAMETER_COLORS.get(name, palette.DATA)
                feed = node(net.tex.get(name, name), colour)
                self.nodes[name] = feed.move_to(self.nodes[dst]).shift([dx, 1.9, 0])
        self.edges = {}
        for src, dst in pairwise(net.path):
            self.edges[src, dst] = arrow(self.nodes[src], self.nodes[dst])
        for dst, names in self.feeds.items():
            for name in names:
                self.edges[name, dst] = arrow(self.nodes[name], self.nodes[dst])
        self.op_labels = VGroup(
            *(
                MathTex(net.op_tex[dst], font_size=26, color=palette.MUTED).next_to(
                    self.edges[src, dst], UP, buff=0.1
                )
                for src, dst in pairwise(net.path)
            )
        )
        self.add(*self.edges.values(), *self.nodes.values(), self.op_labels)

    def value_label(self, name, value, color=WHITE):
        """The node's value: under a main node, beside a parameter (or y) node."""
        return self._place(name, number_mob(value, color), row=0)

    def grad_label(self, name, value):
        """dL/dname, under the value (beside a parameter only the number: there is no room)."""
        if name not in self.net.path:
            return self._place(name, number_mob(value, palette.J), row=1)
        sym = self.net.tex[name]
        label = VGroup(
            MathTex(rf"\tfrac{{\partial L}}{{\partial {sym}}} =", font_size=VALUE_SIZE),
            number_mob(value),
        ).set_color(palette.J)
        label.arrange(RIGHT, buff=0.08)
        return self._place(name, label, row=1)

    def local_label(self, edge, value):
        """d dst / d src on its edge: the formula over its value, in the local colour."""
        formula = self.net.local_tex[edge]
        label = VGroup(MathTex(formula, font_size=VALUE_SIZE))
        if formula != number(value):  # a constant (db = 1) is its own value
            equals = VGroup(MathTex("=", font_size=VALUE_SIZE), number_mob(value))
            label.add(equals.arrange(RIGHT, buff=0.1))
        label.set_color(palette.LOCAL)
        src, dst = edge
        if src in self.net.path:  # a main edge: two rows under the values, centred on the edge
            label.arrange(DOWN, buff=0.12)
            return label.move_to(self.edges[edge]).set_y(self.nodes[dst].get_y() - 1.75)
        label.arrange(RIGHT, buff=0.1)
        side = LEFT if self.feeds[dst].index(src) == 0 else RIGHT
        return label.next_to(self.edges[edge].get_center(), side, buff=0.2)

    def _place(self, name, mob, row):
        node = self.nodes[name]
        if name in self.net.path:
            return mob.next_to(node, DOWN, buff=0.15 + 0.5 * row)
        side = RIGHT if name[0] == "b" or name == "y" else LEFT
        mob.next_to(node, side, buff=0.15)
        return mob.shift((0.22 - 0.5 * row) * UP)


def number_mob(value, color=WHITE, places=3):
    """A number as shown: whole numbers (x, 1, sign) without decimals."""
    value = float(value)
    places = 0 if value.is_integer() else places
    return DecimalNumber(value, num_decimal_places=places, font_size=VALUE_SIZE, color=color)


def node(tex, colour):
    circle = Circle(radius=0.32, color=colour, stroke_width=3)
    return VGroup(circle, MathTex(tex, font_size=32).move_to(circle))


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
