"""The net lecture's sections: backpropagation through a one-hidden-unit net, edge by edge.

relu_net.py and tanh_net.py subclass NetLecture, set its class attributes and list its sections
in their construct(). Class attributes: NET (scenes/kit/net_graph.py), TITLE, QUESTION, INTRO
(the first beat's words), FORMULA_STEPS (ids of the steps of the net's chain in derivations/
that state MAE and each parameter's final formula), PIECES (derivations' chains for the pieces'
own derivatives, each followed by a plot of the piece), NARRATION (step id -> the words for that
step: a string, or for a finding a pair: while the notes' version is shown, for the correction).
What the sections record, for tests: ``house`` (fitting.one_house.OneHouse followed), ``values``
(node -> value shown), ``edge_values`` (edge -> local derivative shown), ``grads_shown``,
``chain_product``, ``first_gradient``, ``replay``, ``curve_params``, ``readout_values``,
``final_loss``, ``best_loss``, ``piece_slopes`` (piece -> {point: slope shown}), ``tanh_identity``
(the TeX of the last line added to the tanh derivation, or None).
"""

import dataclasses
from itertools import pairwise

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    WHITE,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    LaggedStart,
    ShowPassingFlash,
    VGroup,
    VMobject,
    Write,
    config,
)

import derivations
from fitting import LEAKY_SLOPE, MODELS, NOTES
from fitting.one_house import pick_house, piece_curve
from scenes.kit import checked, palette
from scenes.kit.derivation import DerivationBoard
from scenes.kit.layout import fit_inside, section_title
from scenes.kit.lecture import Lecture, section
from scenes.kit.net_graph import PARAMETER_COLORS, Net, NetGraph, grouped, subscripted
from scenes.kit.plots import number_axes, polyline_points
from scenes.kit.replay import Replay
from scenes.kit.style import BODY_SIZE
from scenes.kit.typeset import tex, text
from scenes.kit.words import eur, number, plain, small_number

PIECE_TITLES = {
    "abs_derivative": "The derivative of |a|, step by step",
    "tanh_derivative": "The derivative of tanh, step by step",
    "leaky_relu": "LeakyReLU and its derivative",
}
PIECE_SIZES = {"tanh_derivative": 48}  # exponents in exponents: larger, rows break instead
TANH_IDENTITY = r"1 - \tanh^{2}(x)"  # the tanh derivation's last line (tests check it)
SIZE = BODY_SIZE


def spoken(value):
    """A number as the narration says it (as shown on the graph, 'minus' for a minus sign)."""
    return number(value).replace("-", "minus ")


class NetLecture(Lecture):
    """The backpropagation lecture of one net (see the module docstring)."""

    poster_moment = "training"  # the frame on the video's poster

    NET: Net
    TITLE = QUESTION = INTRO = ""
    FORMULA_STEPS: tuple[str, ...] = ()
    PIECES: tuple[str, ...] = ()
    NARRATION: dict = {}

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
        self.piece_slopes, self.tanh_identity = {}, None

    def narration(self, step, first_time):
        """The lecture's words for a derivation step (NARRATION); a pair said once in full."""
        words = self.NARRATION[step.id]
        if isinstance(words, tuple) and not first_time:
            return words[1]  # written corrected at once: only the correction's words
        return words

    @section("title")
    def title(self):
        self.title_beat(self.TITLE, self.QUESTION, self.INTRO)

    @section("graph")
    def graph(self):
        net = self.NET
        self.net_graph = graph = NetGraph(net)
        head = section_title("The net as a computational graph")
        self.say("We draw the net as a computational graph: one circle per value, one arrow per "
                 "step from one value to the next.", FadeIn(head))  # fmt: skip
        main = [graph.nodes[n] for n in net.path]
        pieces = [plain(net.op_tex[n]) for n in net.path[1:-1]]
        self.say(
            f"The floors, x, pass through {', '.join(pieces[:-1])} and {pieces[-1]} to the "
            "prediction, y prime. The loss L measures how far it is from the price.",
            LaggedStart(*(FadeIn(n) for n in main), lag_ratio=0.3),
            LaggedStart(*(GrowArrow(graph.edges[e]) for e in pairwise(net.path)), lag_ratio=0.3),
            LaggedStart(*(FadeIn(m) for m in graph.op_labels), lag_ratio=0.3),
            run_time=2.5,
        )
        extra = [graph.nodes[n] for n in graph.nodes if n not in net.path]
        feeds = [graph.edges[e] for e in graph.edges if e[0] not in net.path]
        grow = [*(FadeIn(n) for n in extra), *(GrowArrow(e) for e in feeds)]
        self.say("W1 and b1 feed the first Linear, W2 and b2 the second, and the price y feeds "
                 "the loss.", *grow, run_time=1.2)  # fmt: skip
        formula = tex(derivations.model_tex(net.model), size=40).to_edge(DOWN, buff=0.6)
        self.say("Written as one formula, the same net reads like this.", Write(formula))
        self.play(FadeOut(formula), FadeOut(head))
        self.snapshot("graph")

    @section("forward")
    def forward(self):
        net, graph, v = self.NET, self.net_graph, self.house.values
        head = section_title("Forward: one house through the net")
        house = text(f"One house: {v['x']:g} floors, sold for {eur(v['y'])}, so y = {v['y']:g}",
                     SIZE, palette.MUTED).to_edge(DOWN, buff=0.4)  # fmt: skip
        self.values = {}  # name -> the number shown under / beside it
        given = [n for n in graph.nodes if n not in net.path[1:]]
        shown = [graph.value_label(n, v[n]) for n in given]
        self.values.update({n: v[n] for n in given})
        self.say(f"Follow one house: {v['x']:g} floors, sold for {eur(v['y'])}. Prices are in "
                 f"units of 100,000 euros, so its y is {v['y']:g}.", FadeIn(head),
                 FadeIn(house))  # fmt: skip
        self.say("The parameters are where training starts.", *(FadeIn(m) for m in shown))
        for src, dst in pairwise(net.path):
            label = graph.value_label(dst, v[dst])
            self.values[dst] = v[dst]
            what = "the loss L" if dst == "L" else net.spoken[dst]
            self.say(
                f"Through {plain(net.op_tex[dst])}: {what} is {spoken(v[dst])}.",
                ShowPassingFlash(graph.edges[src, dst].copy().set_color(WHITE), time_width=0.6),
                FadeIn(label, shift=0.2 * RIGHT),
            )
        miss = text(f"The net says {eur(v['y_hat'])}: {eur(v['L'])} off.", SIZE, palette.MUTED)
        miss.move_to(house)
        self.say(f"So the net says {eur(v['y_hat'])} for this house, {eur(v['L'])} off.",
                 FadeOut(house), FadeIn(miss))  # fmt: skip
        self.play(FadeOut(head))
        self.snapshot("forward")
        self.forward_notes = miss

    @section("backward")
    def backward(self):
        net, graph, house = self.NET, self.net_graph, self.house
        head = section_title("Backward: each edge's slope, multiplied back")
        self.play(FadeOut(self.forward_notes), FadeIn(head))
        self.edge_values, self.grads_shown = {}, {}
        key = VGroup(
            text("orange, on an edge: its local slope", SIZE, palette.LOCAL),
            text("red: the slope of L in that value", SIZE, palette.J),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.1)
        self.key = key.to_corner(DOWN + RIGHT, buff=0.25)
        self.say("Now backwards. On each edge we write its local slope: how much the value at "
                 "its head moves when the value at its tail is nudged.", FadeIn(key))  # fmt: skip
        self.say("Multiplying these slopes from L backwards gives the slope of L in every value, "
                 "parameters included.")  # fmt: skip
        for edge in reversed(list(house.local)):
            src, dst = edge
            local = graph.local_label(edge, house.local[edge])
            grad = graph.grad_label(src, house.upstream[src])
            self.edge_values[edge] = house.local[edge]
            self.grads_shown[src] = house.upstream[src]
            self.say(
                f"{net.why[edge]} Here it is {spoken(house.local[edge])}.",
                graph.edges[edge].animate.set_color(palette.LOCAL),
                FadeIn(local),
            )
            if dst == "L":
                words = (f"That is already the slope of L in y prime: "
                         f"{spoken(house.upstream[src])}.")  # fmt: skip
            else:
                words = (f"Multiply it by the slope of L in {net.spoken[dst]}, "
                         f"{spoken(house.upstream[dst])}: the slope of L in {net.spoken[src]} "
                         f"is {spoken(house.upstream[src])}.")  # fmt: skip
            self.say(words, FadeIn(grad, shift=0.2 * LEFT),
                     graph.edges[edge].animate.set_color(palette.MUTED))  # fmt: skip
        self.snapshot("backward")
        self.chain_rule()

    def chain_rule(self):
        """The longest path, W1 back to L, written as one product: the chain rule."""
        net, house = self.NET, self.house
        self.fade_all()
        head = section_title("The chain rule, from W1 to L")
        edges = house.path_to_loss("W1")[::-1]
        factors = [grouped(net.local_tex[e]) for e in edges]
        first = tex(r"\frac{\partial L}{\partial W_1} = " + r" \cdot ".join(factors), size=40)
        second = tex("= " + " ".join(f"({number(house.local[e])})" for e in edges)
                     + f" = {number(house.grad['W1'])}", size=40)  # fmt: skip
        product = VGroup(first, second).arrange(DOWN, aligned_edge=LEFT, buff=0.3)
        fit_inside(product, width=config.frame_width - 0.8).move_to(1.0 * UP)
        self.chain_product = (tuple(house.local[e] for e in edges), house.grad["W1"])
        self.say("Along the path from W1 to L, the slopes on the edges multiply: that is the "
                 "chain rule.", FadeIn(head), Write(first), run_time=2)  # fmt: skip
        self.say(f"With this house's numbers the product is {spoken(house.grad['W1'])}, the "
                 "same number the training code computes.", FadeIn(second))  # fmt: skip
        first_grad = dict(zip(self.model.params, map(float, self.traj.grad[0]), strict=True))
        cells = VGroup(*(self._gradient_cell(n, v) for n, v in first_grad.items()))
        cells.arrange_in_grid(rows=2, cols=2, buff=(0.9, 0.35)).next_to(product, DOWN, buff=1.1)
        caption = text("the mean over all four houses:", SIZE, palette.MUTED)
        caption.next_to(cells, UP, buff=0.25)
        self.first_gradient = first_grad
        self.say("Each house gives such slopes. Their mean over all four houses is the gradient "
                 "of the loss J, and the first step of training moves along it.",
                 FadeIn(caption), FadeIn(cells))  # fmt: skip
        self.snapshot("chain")
        self.fade_all()

    @staticmethod
    def _gradient_cell(name, value):
        cell = tex(r"\partial J / \partial", subscripted(name), rf"= {number(value)}", size=40)
        cell[0].set_color(palette.J)
        cell[1].set_color(PARAMETER_COLORS[name])
        cell[2].set_color(palette.J)
        return cell

    @section("formula")
    def formula(self):
        self.derive(
            self.model_name,
            "The same gradient, as the notes write it",
            *self.FORMULA_STEPS,
            intro="Now the same gradient as the notes write it: first the definition of MAE, "
            "then the final formula for a parameter.",
            narration=self.narration,
        )

    @section("pieces")
    def pieces(self):
        for name in self.PIECES:
            steps = list(checked.chain(name))
            if name == "tanh_derivative":  # the graph uses 1 - tanh^2: say that this is it
                self.tanh_identity = TANH_IDENTITY
                steps.append(
                    dataclasses.replace(
                        steps[-1],
                        id="tanh_derivative.is_1_minus_tanh2",
                        tex=TANH_IDENTITY,
                        corrected_tex=None,
                        verdict="correct",
                        relation="=",
                        reason="",
                        label="",
                    )
                )
            board = DerivationBoard(self, PIECE_TITLES[name], size=PIECE_SIZES.get(name, 42))
            shown = board.play(steps, intro=self.NARRATION[name], narration=self.narration)
            audited = {s.id for s in checked.chain(name)}  # the added line is no notes' step
            self.log_verdicts(name, [(i, v) for i, v in shown if i in audited])
            self.plot_piece(name)

    def plot_piece(self, name):
        """The piece itself, its slope on each side, and what it does at its kink."""
        piece = {"abs_derivative": "abs", "tanh_derivative": "tanh", "leaky_relu": "LeakyReLU"}
        piece = piece[name]
        lo, hi = (-3.0, 3.0)
        a = np.linspace(lo, hi, 121)
        values, slopes = piece_curve(piece, a)
        y_lo, y_hi = (-1.5, 3.0) if piece != "tanh" else (-1.5, 1.5)
        axes = number_axes([lo, hi, 1], [y_lo, y_hi, 1], width=6.4, height=4.6, size=SIZE)
        axes.to_edge(LEFT, buff=0.6).shift(0.3 * DOWN)
        curve = VMobject(color=palette.MODEL, stroke_width=5)
        curve.points = polyline_points(np.asarray(axes.c2p(a, values)).T)
        at = {-2.0: None, 0.0: None, 2.0: None}
        _, shown = piece_curve(piece, list(at))
        self.piece_slopes[piece] = dict(zip(at, map(float, shown), strict=True))
        head = section_title({"abs": "|a| and its slope", "tanh": "tanh and its slope",
                              "LeakyReLU": "LeakyReLU and its slope"}[piece])  # fmt: skip
        notes = VGroup(*(text(line, SIZE, colour) for line, colour in self._piece_words(piece)))
        notes.arrange(DOWN, aligned_edge=LEFT, buff=0.3).next_to(axes, RIGHT, buff=0.5)
        kink = Dot(axes.c2p(0, float(piece_curve(piece, [0.0])[0][0])), color=palette.LOCAL)
        first, *rest = self._piece_beats(piece)
        self.say(first, FadeIn(head), FadeIn(axes), FadeIn(curve), FadeIn(notes[0]))
        self.say(rest[0], FadeIn(notes[1]), FadeIn(kink))
        self.say(rest[1], FadeIn(notes[2:]))
        if piece == "tanh":
            slope_curve = VMobject(color=palette.LOCAL, stroke_width=4)
            slope_curve.points = polyline_points(np.asarray(axes.c2p(a, slopes)).T)
            self.play(FadeIn(slope_curve))
        self.snapshot(f"plot {piece}")
        self.fade_all()

    def _piece_words(self, piece):
        s = self.piece_slopes[piece]
        if piece == "abs":
            return [("|a|: a V, kink at a = 0", WHITE),
                    (f"slope {number(s[-2.0])} left, {number(s[2.0])} right", palette.LOCAL),
                    (f"at 0 we take sign(0) = {number(s[0.0])}", palette.LOCAL)]  # fmt: skip
        if piece == "tanh":
            return [("tanh: from -1 to 1", WHITE),
                    (f"slope 1 - tanh\u00b2: {number(s[0.0])} at 0", palette.LOCAL),
                    (f"{number(s[2.0])} at 2: almost flat", palette.LOCAL)]  # fmt: skip
        return [("LeakyReLU", WHITE),
                (f"slope {number(s[2.0])} for k > 0", palette.LOCAL),
                (f"slope \u03b1 = {LEAKY_SLOPE:g} for k \u2264 0", palette.LOCAL),
                ("\u03b1 is a slope,", palette.CHANGED),
                ("not the learning rate", palette.CHANGED)]  # fmt: skip

    def _piece_beats(self, piece):
        s = self.piece_slopes[piece]
        if piece == "abs":
            return ("Here is the absolute value itself: a V with a kink at zero.",
                    f"Left of the kink its slope is {spoken(s[-2.0])}, right of it "
                    f"{spoken(s[2.0])}: that is the sign of a.",
                    "At the kink there is no slope at all. Like the training code, we take the "
                    f"sign of zero to be {spoken(s[0.0])}.")  # fmt: skip
        if piece == "tanh":
            return ("Here is tanh: it squeezes every number into the range from minus 1 to 1.",
                    f"Its slope, 1 minus tanh squared, is {spoken(s[0.0])} at zero.",
                    f"Far from zero it flattens: at 2 the slope is only {spoken(s[2.0])}. The "
                    "orange curve is that slope.")  # fmt: skip
        return ("Here is LeakyReLU: for positive inputs it changes nothing.",
                f"There its slope is {spoken(s[2.0])}; for the rest it is alpha, "
                f"{LEAKY_SLOPE:g}, so a little gradient always gets through.",
                "The notes also use alpha for the learning rate. Here alpha is a slope, not the "
                "learning rate.")  # fmt: skip

    @section("training")
    def training(self):
        meta, traj = self.traj.meta, self.traj
        hyper = meta["hyper"]
        words = ["The curve moves towards the houses, and the error falls: the axis on the "
                 "right is logarithmic, each step down is ten times smaller."]  # fmt: skip
        if hyper["method"] == "sgd":
            words.append(
                "The error goes up now and then. Each step follows one house only, so "
                "a step that helps that house can hurt the others for a while."
            )
        words.append(
            "And the slope of MAE has the same size however small the error is, so "
            "near the best fit the steps keep overshooting and the error jitters."
        )
        if hyper["schedule"] == "linear" and hyper["lr_end"] < hyper["lr"]:
            words.append(
                "The learning rate shrinks as training goes on, so the jitter dies "
                "down towards the end."
            )
        self.replay = Replay(traj, NOTES).play(self, run_time=16, words=words)
        self.curve_params = self.replay.shown_params
        self.readout_values = self.replay.values
        self.snapshot("training")
        self.wait(1.5)
        self.fade_all()

    @section("result")
    def result(self):
        best = checked.optimum(self.model_name, NOTES)
        loss = self.model.loss
        self.final_loss = float(self.traj.loss[-1])
        self.best_loss = float(best.loss)
        exact = self.best_loss < 1e-12  # an exact fit, up to rounding
        best_shown = "0 (up to rounding)" if exact else small_number(self.best_loss)
        # in euros as the MAE is shown (0.20001 is "0.200" and "20,000 EUR", not "20,001 EUR")
        off = eur(float(small_number(self.final_loss))) if self.final_loss >= 1e-3 else ""
        rows = VGroup(
            text(f"Training ends at  {loss} = {small_number(self.final_loss)}", SIZE, palette.J),
            text(f"Best possible:  {loss} = {best_shown}", SIZE, palette.PATH),
            text(f"{off or eur(self.final_loss)} off per house, on average", SIZE, palette.MUTED),
            text(
                "many different parameters reach the best"
                if not best.unique
                else "the best fit is unique",
                SIZE,
                palette.MUTED,
            ),  # fmt: skip
        ).arrange(DOWN, buff=0.45)
        head = section_title("How good is the trained net?")
        if self.final_loss < 1e-3:
            end_words = (f"Training ends with an MAE of about {eur(self.final_loss)} per house: "
                         "almost zero.")  # fmt: skip
        else:
            end_words = (f"Training ends at an MAE of {small_number(self.final_loss)}: on "
                         f"average {off} off per house.")  # fmt: skip
        self.say(end_words, FadeIn(head), FadeIn(rows[0]), FadeIn(rows[2]))
        if exact:
            best_words = ("The best possible MAE is zero, up to rounding: this net can pass "
                          "through all four houses exactly.")  # fmt: skip
        else:
            best_words = (
                f"The best this net can do is an MAE of {small_number(self.best_loss)}"
                ": no setting of its four parameters passes through all four houses, "
                "and training gets there."
            )
        self.say(best_words, FadeIn(rows[1]))
        if best.unique:
            more = "And that best fit is one curve: every search found the same one."
        else:
            more = ("And the best is not unique: different parameters, even different curves, "
                    "reach the same MAE.")  # fmt: skip
        self.say(more, FadeIn(rows[3]))
        self.snapshot("result")
        self.wait(2)
