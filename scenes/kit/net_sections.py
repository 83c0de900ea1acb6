"""The net lecture's sections: backpropagation through a one-hidden-unit net, edge by edge.

relu_net.py and tanh_net.py subclass NetLecture, set its class attributes and list its sections
in their construct(). Class attributes: NET (scenes/kit/net_graph.py), TITLE, QUESTION,
FORMULA_STEPS (ids of the steps of the net's chain in derivations/ that state MAE and each
parameter's final formula), PIECES (derivations' chains for the pieces' own derivatives).
What the sections record, for tests: ``house`` (fitting.one_house.OneHouse followed), ``values``
(node -> value shown), ``edge_values`` (edge -> local derivative shown), ``grads_shown``,
``chain_product``, ``first_gradient``, ``replay``, ``curve_params``, ``readout_values``,
``final_loss``, ``best_loss``.
"""

import textwrap
from itertools import pairwise

from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    WHITE,
    FadeIn,
    FadeOut,
    GrowArrow,
    LaggedStart,
    ShowPassingFlash,
    VGroup,
    Write,
    config,
)

import derivations
from fitting import MODELS, NOTES
from fitting.one_house import pick_house
from scenes.kit import checked, palette
from scenes.kit.layout import fit_inside, section_title, title_card
from scenes.kit.lecture import Lecture, section
from scenes.kit.net_graph import Net, NetGraph, grouped, subscripted
from scenes.kit.replay import Replay
from scenes.kit.style import SMALL_SIZE
from scenes.kit.typeset import tex, text
from scenes.kit.words import eur, number, plain, small_number

PIECE_TITLES = {
    "abs_derivative": "The derivative of |a|, step by step",
    "tanh_derivative": "The derivative of tanh, step by step",
    "leaky_relu": "LeakyReLU and its derivative",
}


class NetLecture(Lecture):
    """The backpropagation lecture of one net (see the module docstring)."""

    NET: Net
    TITLE = QUESTION = ""
    FORMULA_STEPS: tuple[str, ...] = ()
    PIECES: tuple[str, ...] = ()

    @property
    def model_name(self):
        return self.NET.model

    def setup(self):
        super().setup()
        self.model = MODELS[self.model_name]
        self.final_params = self.traj.final
        # Backpropagation is shown where training starts: the pass that makes the first step.
        # (At the final parameters the MAE net fits the houses its ReLU reaches almost exactly,
        # so their errors, and the signs the backward pass starts from, are rounding noise.)
        start = dict(zip(self.model.params, map(float, self.traj.params[0]), strict=True))
        self.house = pick_house(self.model_name, NOTES, start)

    @section("title")
    def title(self):
        card = title_card(self.TITLE, self.QUESTION)
        self.say(f"{self.TITLE}: {self.model.formula}, trained on MAE.", FadeIn(card))
        self.play(FadeOut(card))

    @section("graph")
    def graph(self):
        net = self.NET
        self.net_graph = graph = NetGraph(net)
        head = section_title("The net as a computational graph")
        names = ", ".join(f"{net.tex[n]}" for n in net.path[1:-2])
        self.say(f"The net as a graph, the notes' names: {names}.", FadeIn(head))
        main = [graph.nodes[n] for n in net.path]
        self.say(
            " -> ".join(["x", *(plain(net.op_tex[n]) for n in net.path[1:])]),
            LaggedStart(*(FadeIn(n) for n in main), lag_ratio=0.3),
            LaggedStart(*(GrowArrow(graph.edges[e]) for e in pairwise(net.path)), lag_ratio=0.3),
            LaggedStart(*(FadeIn(m) for m in graph.op_labels), lag_ratio=0.3),
            run_time=2.5,
        )
        extra = [graph.nodes[n] for n in graph.nodes if n not in net.path]
        feeds = [graph.edges[e] for e in graph.edges if e[0] not in net.path]
        grow = [*(FadeIn(n) for n in extra), *(GrowArrow(e) for e in feeds)]
        self.say("The parameters feed the Linear pieces; y feeds the loss.", *grow, run_time=1.2)
        formula = tex("y' = " + derivations.model_tex(net.model), size=34).to_edge(DOWN, buff=0.6)
        self.say("The same net as one formula.", Write(formula))
        self.play(FadeOut(formula), FadeOut(head))
        self.snapshot("graph")

    @section("forward")
    def forward(self):
        net, graph, v = self.NET, self.net_graph, self.house.values
        head = section_title("Forward: one house through the net")
        house = text(f"One house: {v['x']:g} floors, sold for {eur(v['y'])}", SMALL_SIZE,
                     palette.MUTED)  # fmt: skip
        house.to_edge(DOWN, buff=0.5)
        self.values = {}  # name -> the number shown under / beside it
        given = [n for n in graph.nodes if n not in net.path[1:]]
        shown = [graph.value_label(n, v[n]) for n in given]
        self.values.update({n: v[n] for n in given})
        self.say("Its floors, its price, and the parameters training starts from.", FadeIn(head),
                 FadeIn(house), *(FadeIn(m) for m in shown))  # fmt: skip
        for src, dst in pairwise(net.path):
            label = graph.value_label(dst, v[dst])
            self.values[dst] = v[dst]
            self.say(
                f"{plain(net.tex[dst])} = {plain(net.op_tex[dst])}: {v[dst]:.4g}",
                ShowPassingFlash(graph.edges[src, dst].copy().set_color(WHITE), time_width=0.6),
                FadeIn(label, shift=0.2 * RIGHT),
            )
        miss = text(f"The net says {eur(v['y_hat'])}: {eur(v['L'])} off.", SMALL_SIZE,
                    palette.MUTED)  # fmt: skip
        miss.move_to(house)
        self.play(FadeOut(house), FadeIn(miss), FadeOut(head))
        self.snapshot("forward")
        self.forward_notes = miss

    @section("backward")
    def backward(self):
        net, graph, house = self.NET, self.net_graph, self.house
        head = section_title("Backward: each edge's local derivative, multiplied back")
        self.play(FadeOut(self.forward_notes), FadeIn(head))
        self.edge_values, self.grads_shown = {}, {}
        key = VGroup(
            text("on an edge: its local derivative", SMALL_SIZE, palette.LOCAL),
            text("red: dL/d(that value), beside a parameter too", SMALL_SIZE, palette.J),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.key = key.to_corner(DOWN + RIGHT, buff=0.3)
        self.play(FadeIn(key), run_time=0.6)
        for edge in reversed(list(house.local)):
            src, dst = edge
            local = graph.local_label(edge, house.local[edge])
            grad = graph.grad_label(src, house.upstream[src])
            self.edge_values[edge] = house.local[edge]
            self.grads_shown[src] = house.upstream[src]
            d_src, d_dst = plain(net.tex.get(src, src)), plain(net.tex[dst])
            self.say(
                f"On the edge {d_src} -> {d_dst}: d{d_dst}/d{d_src} = "
                f"{plain(net.local_tex[edge])} = {house.local[edge]:.4g}",
                graph.edges[edge].animate.set_color(palette.LOCAL),
                FadeIn(local),
            )
            self.say(
                f"dL/d{d_src} = dL/d{d_dst} times that = {house.upstream[src]:.4g}",
                FadeIn(grad, shift=0.2 * LEFT),
                graph.edges[edge].animate.set_color(palette.MUTED),
            )
        self.snapshot("backward")
        self.chain_rule()

    def chain_rule(self):
        """The longest path, W1 back to L, written as one product: the chain rule."""
        net, house = self.NET, self.house
        edges = house.path_to_loss("W1")[::-1]
        factors = [grouped(net.local_tex[e]) for e in edges]
        product = tex(
            r"\frac{\partial L}{\partial W_1} = "
            + r" \cdot ".join(factors)
            + " = "
            + " ".join(f"({number(house.local[e])})" for e in edges)
            + f" = {number(house.grad['W1'])}",
            size=30,
        )
        fit_inside(product, width=config.frame_width - 1.0).to_edge(DOWN, buff=0.45)
        self.chain_product = (tuple(house.local[e] for e in edges), house.grad["W1"])
        self.play(FadeOut(self.key), run_time=0.4)
        self.say("Multiplied back along the path to W1: the chain rule.", Write(product),
                 run_time=2)  # fmt: skip
        self.say("The hand-written backward in fitting/ gives the same number.")
        first = dict(zip(self.model.params, map(float, self.traj.grad[0]), strict=True))
        terms = (
            rf"\tfrac{{\partial J}}{{\partial {subscripted(n)}}} = {number(v)}"
            for n, v in first.items()
        )
        mean = tex(r"\text{all four houses, averaged: }" + r",\ ".join(terms), size=28)
        mean.set_color(palette.J)
        fit_inside(mean, width=config.frame_width - 1.0).next_to(product, UP, buff=0.3)
        self.first_gradient = first
        self.say("Each house gives such a gradient; their mean is the first step's gradient, "
                 "as the descent recorded it.", FadeIn(mean))  # fmt: skip
        self.snapshot("chain")
        self.fade_all()

    @section("formula")
    def formula(self):
        self.derive(
            self.model_name,
            "The same gradient, as the notes write it",
            *self.FORMULA_STEPS,
            intro="The same chain rule as the notes write it: the definition of MAE, then the "
            "final formula for each parameter.",
        )
        self.say("With a = y - y', the corrected -d|a|/da is sign(y' - y): the factor on the "
                 "graph's last edge.")  # fmt: skip

    @section("pieces")
    def pieces(self):
        for name in self.PIECES:
            self.derive(name, PIECE_TITLES[name])

    @section("training")
    def training(self):
        self.replay = Replay(self.traj, NOTES).play(self, run_time=10)
        self.curve_params = self.replay.shown_params
        self.readout_values = dict(self.replay.readouts.values)
        self.snapshot("training")
        self.wait(1.5)
        self.fade_all()

    @section("result")
    def result(self):
        best = checked.optimum(self.model_name, NOTES)
        loss = self.model.loss
        self.final_loss = float(self.traj.loss[-1])
        self.best_loss = float(best.loss)
        rows = VGroup(
            text(f"Descent ends at  {loss} = {small_number(self.final_loss)}", color=palette.J),
            text(
                f"Best achievable: {loss} = {small_number(self.best_loss)}", color=palette.PATH
            ),  # fmt: skip
            text(
                f"On average {eur(self.final_loss)} off per house, against "
                f"{eur(self.best_loss)} at best",
                SMALL_SIZE,
                palette.MUTED,
            ),  # fmt: skip
            text(textwrap.fill(best.note, 80), SMALL_SIZE, palette.MUTED),
        ).arrange(DOWN, buff=0.35)
        head = section_title("How good is the trained net?")
        self.say("The final loss next to the best one.", FadeIn(head), FadeIn(rows[:2]))
        self.say(best.note, FadeIn(rows[2:]))
        self.snapshot("result")
        self.wait(3)
