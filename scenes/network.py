"""The two one-hidden-unit nets as computational graphs: values forward, derivatives backward.

Shared by relu_net.py and tanh_net.py. The numbers come from fitting's pieces: each node's value
from the ops the model is written in (checked against the model's forward pass), each edge's
local derivative from the same pieces its hand-written backward uses, and the chain-rule
products along the edges are checked against that backward, so the graph cannot drift from it.
"""

import math
import textwrap
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORANGE,
    RIGHT,
    UP,
    WHITE,
    Arrow,
    Axes,
    Circle,
    DecimalNumber,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    LaggedStart,
    MathTex,
    ShowPassingFlash,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
    linear,
)

import derivations
from fitting import NOTES, ensure_trajectory, predict
from fitting.models import LEAKY_SLOPE, MODELS, sample_loss
from fitting.ops import scalar as op
from scenes.common import (
    B_COLOR,
    LOSS_COLOR,
    MODEL_COLOR,
    MUTED,
    PATH_COLOR,
    SMALL_SIZE,
    W_COLOR,
    DerivationBoard,
    Readouts,
    chain_steps,
    curve_points,
    data_axes,
    data_points,
    decimals_for,
    eur,
    fit_inside,
    keyframes,
    nice_ceil,
    nice_step,
    polyline_points,
    polyline_prefix,
    section_title,
    tex,
    text,
    text_boxes,
    title_card,
)


@dataclass(frozen=True)
class Net:
    """A net drawn as a chain: x -> hidden nodes -> y' -> L, parameters feeding Linear nodes."""

    model: str
    path: tuple[str, ...]  # the main chain of node names, x first, L last
    tex: dict  # node name -> symbol on screen
    op_tex: dict  # node name -> the piece that makes it (on its incoming edge)
    inputs: dict  # Linear node -> its (W, b) parameter names
    local_tex: dict  # (src, dst) -> the local derivative d dst / d src as a formula


RELU_NET = Net(
    model="relu_net",
    path=("x", "q", "z", "y_hat", "L"),
    tex={"x": "x", "q": "q", "z": "z", "y_hat": "y'", "L": "L",
         "W1": "W_1", "b1": "b_1", "W2": "W_2", "b2": "b_2"},
    op_tex={"q": r"\mathrm{Linear}", "z": r"\mathrm{ReLU}", "y_hat": r"\mathrm{Linear}",
            "L": r"|y' - y|"},
    inputs={"q": ("W1", "b1"), "y_hat": ("W2", "b2")},
    local_tex={
        ("W1", "q"): "x", ("b1", "q"): "1", ("q", "z"): r"\mathrm{ReLU}'(q)",
        ("W2", "y_hat"): "z", ("b2", "y_hat"): "1", ("z", "y_hat"): "W_2",
        ("y_hat", "L"): r"\mathrm{sign}(y' - y)",
    },
)  # fmt: skip

TANH_NET = Net(
    model="tanh_net",
    path=("x", "m", "l", "k", "y_hat", "L"),
    tex={"x": "x", "m": "m", "l": "l", "k": "k", "y_hat": "y'", "L": "L",
         "W1": "W_1", "b1": "b_1", "W2": "W_2", "b2": "b_2"},
    op_tex={"m": r"\mathrm{Linear}", "l": r"\tanh", "k": r"\mathrm{Linear}",
            "y_hat": r"\mathrm{LeakyReLU}", "L": r"|y' - y|"},
    inputs={"m": ("W1", "b1"), "k": ("W2", "b2")},
    local_tex={
        ("W1", "m"): "x", ("b1", "m"): "1", ("m", "l"): r"1 - l^2",
        ("W2", "k"): "l", ("b2", "k"): "1", ("l", "k"): "W_2",
        ("k", "y_hat"): r"\mathrm{LeakyReLU}'(k)", ("y_hat", "L"): r"\mathrm{sign}(y' - y)",
    },
)  # fmt: skip


@dataclass(frozen=True)
class NetPass:
    """One house through the net: forward values, local derivatives, chain-rule products."""

    net: Net
    values: dict  # node or parameter name -> value
    local: dict  # (src, dst) -> d dst / d src at this house
    upstream: dict  # name -> dL/dname, multiplied back along the edges from L
    grad: dict  # parameter -> the model's hand-written backward for this house


def _relu_net_pieces(x, y, W1, b1, W2, b2):
    q = op.Linear(W1, b1, x)
    z = op.ReLU(q)
    y_hat = op.Linear(W2, b2, z)
    values = {"x": x, "y": y, "q": q, "z": z, "y_hat": y_hat}
    local = {
        ("W1", "q"): x, ("b1", "q"): 1.0, ("q", "z"): op.dReLU(q),  # Linear: dW = x, db = 1
        ("W2", "y_hat"): z, ("b2", "y_hat"): 1.0, ("z", "y_hat"): W2,  # dx = W
        ("y_hat", "L"): op.sign(y_hat - y),
    }  # fmt: skip
    return values, local


def _tanh_net_pieces(x, y, W1, b1, W2, b2):
    m = op.Linear(W1, b1, x)
    l = op.tanh(m)
    k = op.Linear(W2, b2, l)
    y_hat = op.LeakyReLU(k, LEAKY_SLOPE)
    values = {"x": x, "y": y, "m": m, "l": l, "k": k, "y_hat": y_hat}
    local = {
        ("W1", "m"): x, ("b1", "m"): 1.0, ("m", "l"): op.dtanh(m),
        ("W2", "k"): l, ("b2", "k"): 1.0, ("l", "k"): W2,
        ("k", "y_hat"): op.dLeakyReLU(k, LEAKY_SLOPE), ("y_hat", "L"): op.sign(y_hat - y),
    }  # fmt: skip
    return values, local


_PIECES = {"relu_net": _relu_net_pieces, "tanh_net": _tanh_net_pieces}


def net_pass(net, x, y, params):
    """Run one house (x floors, price y) through ``net`` at ``params`` (a dict by name)."""
    model = MODELS[net.model]
    x, y = float(x), float(y)  # the scalar ops expect Python floats
    p = [float(params[name]) for name in model.params]
    values, local = _PIECES[net.model](x, y, *p)
    values.update(zip(model.params, p, strict=True))
    values["L"] = sample_loss(op, model, values["y_hat"], y)
    _check(math.isclose(values["y_hat"], model.forward(op, x, *p)), net, "forward", values)
    upstream = {"L": 1.0}
    for src, dst in reversed(list(local)):  # edges are listed input to output
        upstream[src] = upstream.get(src, 0.0) + upstream[dst] * local[src, dst]
    grad = dict(zip(model.params, model.backward(op, x, y, *p), strict=True))
    for name in model.params:
        _check(math.isclose(upstream[name], grad[name], abs_tol=1e-12), net, name, upstream)
    return NetPass(net, values, local, upstream, grad)


def _check(ok, net, what, numbers):
    if not ok:  # the graph's pieces must agree with the model's one forward and one backward
        raise RuntimeError(
            f"{net.model}: the graph's {what} disagrees with fitting/models.py: {numbers}; "
            "fix scenes/network.py to use the model's pieces"
        )


# ---------------------------------------------------------------- drawing (manim from here on)

LOCAL_COLOR = ORANGE  # a local derivative on its edge
GRAD_COLOR = LOSS_COLOR  # dL/d(something): what the chain rule carries back
VALUE_SIZE = 26


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
            self.nodes[name] = _node(net.tex[name], MODEL_COLOR).move_to([X, y, 0])
        self.feeds = {**net.inputs, "L": ("y",)}
        for dst, names in self.feeds.items():
            for name, dx in zip(names, (-0.7, 0.7) if len(names) == 2 else (0,), strict=True):
                colour = {"W": W_COLOR, "b": B_COLOR}.get(name[0], MUTED)
                node = _node(net.tex.get(name, name), colour)
                self.nodes[name] = node.move_to(self.nodes[dst]).shift([dx, 1.9, 0])
        self.edges = {}
        for src, dst in pairwise(net.path):
            self.edges[src, dst] = _arrow(self.nodes[src], self.nodes[dst])
        for dst, names in self.feeds.items():
            for name in names:
                self.edges[name, dst] = _arrow(self.nodes[name], self.nodes[dst])
        self.op_labels = VGroup(
            *(
                MathTex(net.op_tex[dst], font_size=26, color=MUTED).next_to(
                    self.edges[src, dst], UP, buff=0.1
                )
                for src, dst in pairwise(net.path)
            )
        )
        self.add(*self.edges.values(), *self.nodes.values(), self.op_labels)

    def value_label(self, name, value, color=WHITE):
        """The node's value: under a main node, beside a parameter (or y) node."""
        number = number_mob(value, color)
        return self._place(name, number, row=0)

    def grad_label(self, name, value):
        """dL/dname, under the value (beside a parameter only the number: there is no room)."""
        if name not in self.net.path:
            return self._place(name, number_mob(value, GRAD_COLOR), row=1)
        sym = self.net.tex[name]
        label = VGroup(
            MathTex(rf"\tfrac{{\partial L}}{{\partial {sym}}} =", font_size=VALUE_SIZE),
            number_mob(value),
        ).set_color(GRAD_COLOR)
        label.arrange(RIGHT, buff=0.08)
        return self._place(name, label, row=1)

    def local_label(self, edge, value):
        """d dst / d src on its edge: the formula over its value, in the local colour."""
        formula = self.net.local_tex[edge]
        label = VGroup(MathTex(formula, font_size=VALUE_SIZE))
        if formula != _num(value):  # a constant (db = 1) is its own value
            equals = VGroup(MathTex("=", font_size=VALUE_SIZE), number_mob(value))
            label.add(equals.arrange(RIGHT, buff=0.1))
        label.set_color(LOCAL_COLOR)
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


def _node(tex, colour):
    circle = Circle(radius=0.32, color=colour, stroke_width=3)
    return VGroup(circle, MathTex(tex, font_size=32).move_to(circle))


def _arrow(a, b):
    return Arrow(
        a,
        b,
        buff=0.08,
        stroke_width=3,
        color=MUTED,
        max_tip_length_to_length_ratio=0.12,
        tip_length=0.18,
    )


def pick_house(net, data, params):
    """The house to follow: the one the net misses most among those where every local
    derivative is non-zero (so the backward pass reaches all four parameters)."""
    passes = [net_pass(net, x, y, params) for x, y in zip(data.x, data.y, strict=True)]
    alive = [p for p in passes if all(v != 0 for v in p.local.values())] or passes
    return max(alive, key=lambda p: p.values["L"])


# ---------------------------------------------------------------- the lecture both nets share
class NetLecture:
    """The backpropagation lecture; relu_net.py and tanh_net.py mix it into their one Scene.

    Class attributes a net sets: NET, TITLE, QUESTION; FORMULA_STEPS (ids of the steps of the
    net's chain in derivations/ that state MAE and each parameter's final formula); PIECES
    (derivations' chains for the pieces' own derivatives, played after the formula).
    """

    NET: Net
    TITLE = QUESTION = ""
    FORMULA_STEPS: tuple[str, ...] = ()
    PIECES: tuple[str, ...] = ()

    def construct(self):
        model = MODELS[self.NET.model]
        self.key_moments = {}  # moment -> text boxes on screen, for the layout tests
        self.verdicts = []  # (step id, verdict) in the order shown
        self.traj = ensure_trajectory(model.name, Path(config.media_dir) / "trajectories")
        self.final_params = self.traj.final
        # Backpropagation is shown where training starts: the pass that makes the first step.
        # (At the final parameters the MAE net fits the houses its ReLU reaches almost exactly,
        # so their errors, and the signs the backward pass starts from, are rounding noise.)
        self.start_params = dict(zip(model.params, map(float, self.traj.params[0]), strict=True))
        self.net_pass = pick_house(self.NET, NOTES, self.start_params)

        self.next_section("title")
        card = title_card(self.TITLE, self.QUESTION)
        self.play(FadeIn(card), subcaption=f"{self.TITLE}: {model.formula}, trained on MAE.")
        self.wait(1.5)
        self.play(FadeOut(card))
        self.next_section("graph")
        graph = self.show_graph()
        self.next_section("forward")
        self.forward(graph)
        self.next_section("backward")
        self.backward(graph)
        self.next_section("formula")
        board = DerivationBoard(self, "The same gradient, as the notes write it", step_seconds=1.5)
        self.verdicts += board.play(
            chain_steps(model.name, *self.FORMULA_STEPS),
            intro="The same chain rule as the notes write it: the definition of MAE, then the "
            "final formula for each parameter.",
        )
        self.add_subcaption(
            "With a = y - y', the corrected -d|a|/da is sign(y' - y): the factor on the graph's "
            "last edge.",
            duration=3,
        )
        self.wait(3)
        self.next_section("pieces")
        self.pieces()
        self.next_section("training")
        self.train()
        self.next_section("result")
        self.result()

    def snapshot(self, name):
        self.key_moments[name] = text_boxes(self)

    # ------------------------------------------------------------------------------------------
    def show_graph(self):
        net = self.NET
        graph = NetGraph(net)
        head = section_title("The net as a computational graph")
        names = ", ".join(f"{net.tex[n]}" for n in net.path[1:-2])
        self.play(FadeIn(head), subcaption=f"The net as a graph, the notes' names: {names}.")
        main = [graph.nodes[n] for n in net.path]
        self.play(
            LaggedStart(*(FadeIn(n) for n in main), lag_ratio=0.3),
            LaggedStart(*(GrowArrow(graph.edges[e]) for e in pairwise(net.path)), lag_ratio=0.3),
            LaggedStart(*(FadeIn(m) for m in graph.op_labels), lag_ratio=0.3),
            run_time=2.5,
            subcaption=" -> ".join(["x", *(_plain(net.op_tex[n]) for n in net.path[1:])]),
        )
        extra = [graph.nodes[n] for n in graph.nodes if n not in net.path]
        feeds = [graph.edges[e] for e in graph.edges if e[0] not in net.path]
        self.play(
            *(FadeIn(n) for n in extra),
            *(GrowArrow(e) for e in feeds),
            run_time=1.2,
            subcaption="The parameters feed the Linear pieces; y feeds the loss.",
        )
        formula = tex("y' = " + derivations.model_tex(net.model), size=34).to_edge(DOWN, buff=0.6)
        self.play(Write(formula), subcaption="The same net as one formula.")
        self.wait(1.5)
        self.play(FadeOut(formula), FadeOut(head))
        self.snapshot("graph")
        return graph

    def forward(self, graph):
        net, npass = self.NET, self.net_pass
        v = npass.values
        head = section_title("Forward: one house through the net")
        house = text(f"One house: {v['x']:g} floors, sold for {eur(v['y'])}", SMALL_SIZE, MUTED)
        house.to_edge(DOWN, buff=0.5)
        self.values = {}  # name -> the number shown under / beside it
        given = [n for n in graph.nodes if n not in net.path[1:]]
        shown = [graph.value_label(n, v[n]) for n in given]
        self.values.update({n: v[n] for n in given})
        self.play(
            FadeIn(head),
            FadeIn(house),
            *(FadeIn(m) for m in shown),
            subcaption="Its floors, its price, and the parameters training starts from.",
        )
        for src, dst in pairwise(net.path):
            label = graph.value_label(dst, v[dst])
            self.values[dst] = v[dst]
            self.play(
                ShowPassingFlash(graph.edges[src, dst].copy().set_color(WHITE), time_width=0.6),
                FadeIn(label, shift=0.2 * RIGHT),
                run_time=1.0,
                subcaption=f"{_plain(net.tex[dst])} = {_plain(net.op_tex[dst])}: {v[dst]:.4g}",
            )
        miss = text(f"The net says {eur(v['y_hat'])}: {eur(v['L'])} off.", SMALL_SIZE, MUTED)
        miss.move_to(house)
        self.play(FadeOut(house), FadeIn(miss), FadeOut(head))
        self.snapshot("forward")
        self.forward_notes = miss

    def backward(self, graph):
        net, npass = self.NET, self.net_pass
        head = section_title("Backward: each edge's local derivative, multiplied back")
        self.play(FadeOut(self.forward_notes), FadeIn(head))
        self.edge_values, self.grads_shown = {}, {}
        key = VGroup(
            text("on an edge: its local derivative", SMALL_SIZE, LOCAL_COLOR),
            text("red: dL/d(that value), beside a parameter too", SMALL_SIZE, GRAD_COLOR),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.key = key.to_corner(DOWN + RIGHT, buff=0.3)
        self.play(FadeIn(key), run_time=0.6)
        for edge in reversed(list(npass.local)):
            src, dst = edge
            local = graph.local_label(edge, npass.local[edge])
            grad = graph.grad_label(src, npass.upstream[src])
            self.edge_values[edge] = npass.local[edge]
            self.grads_shown[src] = npass.upstream[src]
            d_src, d_dst = _plain(net.tex.get(src, src)), _plain(net.tex[dst])
            self.play(
                graph.edges[edge].animate.set_color(LOCAL_COLOR),
                FadeIn(local),
                run_time=1.0,
                subcaption=f"On the edge {d_src} -> {d_dst}: d{d_dst}/d{d_src} = "
                f"{_plain(net.local_tex[edge])} = {npass.local[edge]:.4g}",
            )
            self.play(
                FadeIn(grad, shift=0.2 * LEFT),
                graph.edges[edge].animate.set_color(MUTED),
                run_time=1.0,
                subcaption=f"dL/d{d_src} = dL/d{d_dst} times that = {npass.upstream[src]:.4g}",
            )
        self.snapshot("backward")
        self.play_chain(graph, head)

    def play_chain(self, graph, head):
        """The longest path, W1 back to L, written as one product: the chain rule."""
        net, npass = self.NET, self.net_pass
        path = ["W1", net.path[1]]
        while path[-1] != "L":
            path.append(net.path[net.path.index(path[-1]) + 1])
        edges = list(pairwise(path))[::-1]
        factors = [_grouped(net.local_tex[e]) for e in edges]
        numbers = [_num(npass.local[e]) for e in edges]
        product = tex(
            r"\frac{\partial L}{\partial W_1} = "
            + r" \cdot ".join(factors)
            + " = "
            + " ".join(f"({n})" for n in numbers)
            + f" = {_num(npass.grad['W1'])}",
            size=30,
        )
        fit_inside(product, width=config.frame_width - 1.0).to_edge(DOWN, buff=0.45)
        self.chain_product = (tuple(npass.local[e] for e in edges), npass.grad["W1"])
        self.play(FadeOut(self.key), run_time=0.4)
        self.play(
            Write(product),
            run_time=2,
            subcaption="Multiplied back along the path to W1: the chain rule. The hand-written "
            "backward in fitting/ gives the same number.",
        )
        first = dict(zip(model_params(net), map(float, self.traj.grad[0]), strict=True))
        terms = (
            rf"\tfrac{{\partial J}}{{\partial {_sub(n)}}} = {_num(v)}" for n, v in first.items()
        )
        mean = tex(r"\text{all four houses, averaged: }" + r",\ ".join(terms), size=28)
        mean.set_color(GRAD_COLOR)
        fit_inside(mean, width=config.frame_width - 1.0).next_to(product, UP, buff=0.3)
        self.first_gradient = first
        self.play(
            FadeIn(mean),
            subcaption="Each house gives such a gradient; their mean is the first step's gradient, "
            "as the descent recorded it.",
        )
        self.wait(2)
        self.snapshot("chain")
        self.play(*(FadeOut(m) for m in self.mobjects))

    # ------------------------------------------------------------------------------------------
    def pieces(self):
        for name in self.PIECES:
            board = DerivationBoard(self, PIECE_TITLES[name], step_seconds=1.0)
            self.verdicts += board.play(derivations.chain(name))

    def train(self):
        self.replay = Replay(self.traj, NOTES).play(self, run_time=10)
        self.curve_params = self.replay.shown_params
        self.readout_values = dict(self.replay.readouts.values)
        self.snapshot("training")
        self.wait(1.5)
        self.play(*(FadeOut(m) for m in self.mobjects))

    def result(self):
        model = MODELS[self.NET.model]
        best = derivations.optimum(model.name, NOTES)
        self.final_loss = float(self.traj.loss[-1])
        self.best_loss = float(best.loss)
        rows = VGroup(
            text(f"Descent ends at  {model.loss} = {_loss(self.final_loss)}", color=LOSS_COLOR),
            text(f"Best achievable: {model.loss} = {_loss(self.best_loss)}", color=PATH_COLOR),
            text(
                f"On average {eur(self.final_loss)} off per house, against {eur(self.best_loss)} "
                "at best",
                SMALL_SIZE,
                MUTED,
            ),
            text(textwrap.fill(best.note, 80), SMALL_SIZE, MUTED),
        ).arrange(DOWN, buff=0.35)
        head = section_title("How good is the trained net?")
        self.play(FadeIn(head), FadeIn(rows[:2]), subcaption="The final loss next to the best one.")
        self.play(FadeIn(rows[2:]), subcaption=best.note)
        self.snapshot("result")
        self.wait(3)


PIECE_TITLES = {
    "abs_derivative": "The derivative of |a|, step by step",
    "tanh_derivative": "The derivative of tanh, step by step",
    "leaky_relu": "LeakyReLU and its derivative",
}


def _grouped(tex_string):
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


def _loss(value):
    return f"{value:.{decimals_for(value)}f}"


def model_params(net):
    return MODELS[net.model].params


def _num(value):
    value = float(value)
    return f"{value:.0f}" if value.is_integer() else f"{value:.3f}"


def _plain(tex_string):
    """A TeX label as subtitle text."""
    for a, b in (
        (r"\mathrm{", ""),
        ("}", ""),
        ("{", ""),
        (r"\tanh", "tanh"),
        ("_", ""),
        ("\\", ""),
    ):
        tex_string = tex_string.replace(a, b)
    return tex_string


EPOCH = r"\text{epoch}"


class Replay:
    """A recorded descent replayed in 2D (a net has four parameters: no surface to walk on):
    the net's curve against the data, the loss per epoch, live readouts.
    One ValueTracker drives it over keyframe rows; the last frame shows the trajectory's last row.
    """

    def __init__(self, traj, data, keyframe_count=200, x_max=5.0):
        self.traj = traj
        self.rows = keyframes(traj.loss, traj.params, keyframe_count)
        self.loss_tex = rf"\text{{{MODELS[traj.model].loss}}}"
        self.axes = data_axes(x_max, nice_ceil(max(data.y) * 1.3), width=5.2, height=4.3)
        self.axes.to_corner(DOWN + LEFT, buff=0.55)
        xs = np.linspace(0, x_max, 120)
        self.curves = [
            polyline_points(curve_points(self.axes, xs, predict(traj.model, self._params(r), xs)))
            for r in self.rows
        ]
        loss = traj.loss[self.rows]
        top = nice_ceil(float(loss.max()))
        self.loss_axes = Axes(
            x_range=[0, float(traj.epoch[-1]), nice_step(float(traj.epoch[-1]), 4)],
            y_range=[0, top, nice_step(top, 4)],
            x_length=5.0,
            y_length=3.6,
            tips=False,
            axis_config={"color": MUTED, "stroke_width": 2},
        ).to_corner(DOWN + RIGHT, buff=0.7)
        self.loss_axes.y_axis.add_numbers(font_size=20)
        epochs = text(f"epochs 0 to {int(traj.epoch[-1]):,}", SMALL_SIZE, MUTED)
        epochs.next_to(self.loss_axes.x_axis, DOWN, buff=0.15).align_to(self.loss_axes, RIGHT)
        label = text(f"{MODELS[traj.model].loss} per epoch", SMALL_SIZE, LOSS_COLOR)
        label.next_to(self.loss_axes, UP, buff=0.15)
        points = np.asarray(self.loss_axes.c2p(traj.epoch[self.rows].astype(float), loss)).T
        self.trace_points, self.trace_full = points, polyline_points(points)
        names = traj.param_names
        self.readouts = Readouts(
            {**{_sub(n): 3 for n in names}, self.loss_tex: decimals_for(loss.min()), EPOCH: 0},
            colors={
                **{_sub(n): W_COLOR if n[0] == "W" else B_COLOR for n in names},
                self.loss_tex: LOSS_COLOR,
            },
        )
        fit_inside(self.readouts, width=config.frame_width - 0.8).to_edge(UP, buff=0.35)
        self.static = VGroup(self.axes, data_points(self.axes, data), self.loss_axes, epochs, label)
        self.curve = VMobject(color=MODEL_COLOR, stroke_width=4)
        self.trace = VMobject(color=LOSS_COLOR, stroke_width=3)
        self.dot = Dot(radius=0.06, color=LOSS_COLOR)

    def _params(self, row):
        return dict(zip(self.traj.param_names, map(float, self.traj.params[row]), strict=True))

    def show(self, k):
        """Draw keyframe k: curve, loss trace up to it, readouts of its recorded row."""
        row = self.rows[k]
        self.curve.points = self.curves[k]
        self.trace.points = polyline_prefix(self.trace_full, k)
        self.dot.move_to(self.trace_points[k])
        values = {_sub(n): v for n, v in self._params(row).items()}
        self.readouts.set_values(
            {**values, self.loss_tex: self.traj.loss[row], EPOCH: self.traj.epoch[row]}
        )
        self.shown_row = int(row)
        self.shown_params = self._params(row)

    def play(self, scene, run_time=10):
        tracker, last = ValueTracker(0), len(self.rows) - 1
        self.show(0)
        scene.play(
            FadeIn(self.static),
            FadeIn(self.readouts),
            FadeIn(self.curve),
            subcaption="Training: every frame is a recorded row of the descent.",
        )
        # after the curve (which carries the updater), so Manim redraws them every frame
        scene.add(self.trace, self.dot, self.readouts)
        self.curve.add_updater(lambda _: self.show(int(round(tracker.get_value() * last))))
        scene.play(
            tracker.animate.set_value(1),
            run_time=run_time,
            rate_func=linear,
            subcaption=f"Descent on {MODELS[self.traj.model].loss}: the curve moves, the loss "
            "falls, the parameters settle.",
        )
        self.curve.clear_updaters()
        self.show(last)
        return self


def _sub(name):
    """W1 -> W_1 (TeX)."""
    return f"{name[0]}_{name[1:]}" if len(name) > 1 else name
