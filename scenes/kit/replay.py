"""A recorded descent replayed in 2-D: the model's curve against the data, the loss per epoch on
a log axis, live readouts (a net has four parameters: no surface to walk on)."""

import math

import numpy as np
from manim import DOWN, LEFT, RIGHT, UP, Axes, Dot, FadeIn, ValueTracker, VGroup, VMobject, linear

from fitting import MODELS, predict
from scenes.kit import palette
from scenes.kit.keyframes import keyframes
from scenes.kit.net_graph import PARAMETER_COLORS, subscripted
from scenes.kit.plots import (
    curve_points,
    data_axes,
    data_points,
    nice_ceil,
    polyline_points,
    polyline_prefix,
    put,
)
from scenes.kit.readouts import Readouts
from scenes.kit.style import BODY_SIZE
from scenes.kit.typeset import label, text
from scenes.kit.words import decimals_for

EPOCH = r"\text{epoch}"
SIZE = BODY_SIZE  # every label of the replay: digits 2.7% of the frame's height at 480p


def log_range(loss):
    """(lowest, highest) power of ten of the loss axis: the lowest is below every loss shown
    (the final one included), the highest at or above the first."""
    return math.floor(math.log10(float(np.min(loss)))), math.ceil(math.log10(float(np.max(loss))))


class Replay:
    """A recorded descent replayed in 2D: the net's curve against the data, the loss per epoch
    (log axis), live readouts. One ValueTracker drives it over keyframe rows; the last frame
    shows the trajectory's last row. ``z_lo`` is the loss axis' floor (a power of ten)."""

    def __init__(self, traj, data, keyframe_count=200, x_max=5.0):
        self.traj = traj
        self.rows = keyframes(traj.loss, traj.params, keyframe_count)
        self.loss_name = MODELS[traj.model].loss
        self.loss_tex = rf"\text{{{self.loss_name}}}"
        self.axes = data_axes(x_max, nice_ceil(max(data.y) * 1.3), width=5.0, height=3.9,
                              size=SIZE)  # fmt: skip
        self.axes.to_corner(DOWN + LEFT, buff=0.5)
        xs = np.linspace(0, x_max, 120)
        self.curves = [
            polyline_points(curve_points(self.axes, xs, predict(traj.model, self._params(r), xs)))
            for r in self.rows
        ]
        loss = traj.loss[self.rows]
        self.z_lo, z_hi = log_range(traj.loss)
        self.loss_axes = Axes(
            x_range=[0, float(traj.epoch[-1]), float(traj.epoch[-1])],
            y_range=[0, z_hi - self.z_lo, 1],
            x_length=5.0,
            y_length=3.6,
            tips=False,
            axis_config={"color": palette.MUTED, "stroke_width": 2},
        ).to_corner(DOWN + RIGHT, buff=0.7)
        every = max(1, math.ceil((z_hi - self.z_lo) / 3))  # at most four labels
        self.loss_axes.y_axis.add_labels(
            {z - self.z_lo: label(f"10^{{{z}}}", SIZE, palette.J, math=True)
             for z in range(z_hi, self.z_lo - 1, -every)}
        )  # fmt: skip
        epochs = text(f"epochs 0 to {int(traj.epoch[-1]):,}", SIZE, palette.MUTED)
        epochs.next_to(self.loss_axes.x_axis, DOWN, buff=0.15).align_to(self.loss_axes, RIGHT)
        head = text(f"{self.loss_name}, log scale", SIZE, palette.J)
        head.next_to(self.loss_axes, UP, buff=0.15)
        heights = np.log10(np.maximum(loss, 10.0**self.z_lo)) - self.z_lo
        points = np.asarray(self.loss_axes.c2p(traj.epoch[self.rows].astype(float), heights)).T
        self.trace_points, self.trace_full = points, polyline_points(points)
        names = traj.param_names
        self.readouts = Readouts(
            {subscripted(n): 3 for n in names},
            size=SIZE,
            colors={subscripted(n): PARAMETER_COLORS[n] for n in names},
        )
        self.loss_readout = Readouts(
            {self.loss_tex: decimals_for(loss.min()), EPOCH: 0}, size=SIZE,
            colors={self.loss_tex: palette.J},
        )  # fmt: skip
        top = VGroup(self.readouts, self.loss_readout).arrange(DOWN, buff=0.25)
        top.to_edge(UP, buff=0.3)
        self.static = VGroup(self.axes, data_points(self.axes, data), self.loss_axes, epochs, head)
        self.curve = VMobject(color=palette.MODEL, stroke_width=4)
        self.trace = VMobject(color=palette.J, stroke_width=3)
        self.dot = Dot(radius=0.06, color=palette.J)

    def _params(self, row):
        return dict(zip(self.traj.param_names, map(float, self.traj.params[row]), strict=True))

    def show(self, k):
        """Draw keyframe k: curve, loss trace up to it, readouts of its recorded row."""
        row = self.rows[k]
        self.curve.points = self.curves[k]
        self.trace.points = polyline_prefix(self.trace_full, k)
        put(self.dot, self.trace_points[k])
        self.readouts.set_values({subscripted(n): v for n, v in self._params(row).items()})
        self.loss_readout.set_values({self.loss_tex: self.traj.loss[row],
                                      EPOCH: self.traj.epoch[row]})  # fmt: skip
        self.shown_row = int(row)
        self.shown_params = self._params(row)

    @property
    def values(self):
        """What the readouts show now (parameters, loss, epoch), for tests."""
        return {**self.readouts.values, **self.loss_readout.values}

    def play(self, scene, run_time=10, words=("",)):
        """Replay on `scene` (a Lecture): the panels appear, then the descent runs run_time s
        while the narration `words` (one beat each) is said."""
        tracker, last = ValueTracker(0), len(self.rows) - 1
        self.show(0)
        scene.say("Now the training itself. Every frame shows a row the descent recorded: the "
                  "net's curve on the left, its error on the right.", FadeIn(self.static),
                  FadeIn(self.readouts), FadeIn(self.loss_readout), FadeIn(self.curve))  # fmt: skip
        # after the curve (which carries the updater), so Manim redraws them every frame
        scene.add(self.trace, self.dot, self.readouts, self.loss_readout)
        self.curve.add_updater(lambda _: self.show(int(round(tracker.get_value() * last))))
        share = run_time / len(words)
        for k, said in enumerate(words, start=1):
            with scene.beat(said) as t:
                scene.play(tracker.animate.set_value(k / len(words)),
                           run_time=max(share, t.duration), rate_func=linear)  # fmt: skip
        self.curve.clear_updaters()
        self.show(last)
        return self
