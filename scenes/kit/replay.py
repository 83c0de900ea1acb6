"""A recorded descent replayed in 2-D: the model's curve against the data, the loss per epoch,
live readouts (a net has four parameters: no surface to walk on)."""

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Axes,
    Dot,
    FadeIn,
    ValueTracker,
    VGroup,
    VMobject,
    config,
    linear,
)

from fitting import MODELS, predict
from scenes.kit import palette
from scenes.kit.keyframes import keyframes
from scenes.kit.layout import fit_inside
from scenes.kit.net_graph import PARAMETER_COLORS, subscripted
from scenes.kit.plots import (
    curve_points,
    data_axes,
    data_points,
    nice_ceil,
    nice_step,
    polyline_points,
    polyline_prefix,
    put,
)
from scenes.kit.readouts import Readouts
from scenes.kit.style import SMALL_SIZE
from scenes.kit.typeset import text
from scenes.kit.words import decimals_for

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
            axis_config={"color": palette.MUTED, "stroke_width": 2},
        ).to_corner(DOWN + RIGHT, buff=0.7)
        self.loss_axes.y_axis.add_numbers(font_size=20)
        epochs = text(f"epochs 0 to {int(traj.epoch[-1]):,}", SMALL_SIZE, palette.MUTED)
        epochs.next_to(self.loss_axes.x_axis, DOWN, buff=0.15).align_to(self.loss_axes, RIGHT)
        label = text(f"{MODELS[traj.model].loss} per epoch", SMALL_SIZE, palette.J)
        label.next_to(self.loss_axes, UP, buff=0.15)
        points = np.asarray(self.loss_axes.c2p(traj.epoch[self.rows].astype(float), loss)).T
        self.trace_points, self.trace_full = points, polyline_points(points)
        names = traj.param_names
        self.readouts = Readouts(
            {
                **{subscripted(n): 3 for n in names},
                self.loss_tex: decimals_for(loss.min()),
                EPOCH: 0,
            },
            colors={
                **{subscripted(n): PARAMETER_COLORS[n] for n in names},
                self.loss_tex: palette.J,
            },
        )
        fit_inside(self.readouts, width=config.frame_width - 0.8).to_edge(UP, buff=0.35)
        self.static = VGroup(self.axes, data_points(self.axes, data), self.loss_axes, epochs, label)
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
        values = {subscripted(n): v for n, v in self._params(row).items()}
        self.readouts.set_values(
            {**values, self.loss_tex: self.traj.loss[row], EPOCH: self.traj.epoch[row]}
        )
        self.shown_row = int(row)
        self.shown_params = self._params(row)

    def play(self, scene, run_time=10):
        """Replay on `scene` (a Lecture): the panels appear, then the descent runs run_time s."""
        tracker, last = ValueTracker(0), len(self.rows) - 1
        self.show(0)
        scene.say("Training: every frame is a recorded row of the descent.", FadeIn(self.static),
                  FadeIn(self.readouts), FadeIn(self.curve))  # fmt: skip
        # after the curve (which carries the updater), so Manim redraws them every frame
        scene.add(self.trace, self.dot, self.readouts)
        self.curve.add_updater(lambda _: self.show(int(round(tracker.get_value() * last))))
        loss = MODELS[self.traj.model].loss
        with scene.beat(f"Descent on {loss}: the curve moves, the loss falls, the parameters "
                        "settle."):  # fmt: skip
            scene.play(tracker.animate.set_value(1), run_time=run_time, rate_func=linear)
        self.curve.clear_updaters()
        self.show(last)
        return self
