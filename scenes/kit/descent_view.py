"""The descent on screen: the data with the model's curve and misses, J per step, the path on
J(W, b); and one slice of J along W with a ball rolling down it."""

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    OUT,
    RIGHT,
    UP,
    WHITE,
    Circle,
    Dot,
    Line,
    ThreeDAxes,
    ValueTracker,
    VGroup,
    VMobject,
    config,
)

from fitting import dataset_loss, loss_grid
from scenes.kit import palette
from scenes.kit.keyframes import path_length
from scenes.kit.layout import fit_inside, padded
from scenes.kit.plots import (
    curve_points,
    data_axes,
    data_points,
    log_axes,
    nice_ceil,
    nice_step,
    number_axes,
    polyline_points,
    polyline_to,
    put,
    segments_points,
)
from scenes.kit.readouts import LiveNumber, Readouts
from scenes.kit.style import READOUT_SIZE, SMALL_SIZE, TEX_SIZE
from scenes.kit.surface import contour, surface_bands
from scenes.kit.typeset import label
from scenes.kit.words import decimals_for


class DescentView:
    """The descent's panels, drawn from the recorded rows `rows` of scene.traj.

    Left, fixed in frame: the data with the model's curve, and J per epoch. Right, in 3D:
    J(W, b) on a log scale with the path and the current point. Top: the live readouts.
    ``show(t)`` draws the point a fraction t along the path (path_length): between two recorded
    rows the picture slides straight from one to the next, so the motion is smooth; the
    readouts always show the last recorded row reached, and t = 1 is exactly the last row.
    """

    def __init__(self, scene, rows, world_center=(3.75, -0.55, 0)):
        self.scene, self.rows = scene, rows if len(rows) > 1 else np.repeat(rows, 2)
        traj = scene.traj
        self.params = traj.params[self.rows]
        self.logs = np.log10(traj.loss[self.rows])
        self.s = path_length(traj.loss[self.rows], self.params)
        self.readouts = self._readouts(traj)
        data_panel = self._data_panel(scene)
        loss_panel = self._loss_panel(traj)
        world = self._world(scene)
        # Manim redraws each frame from the first top-level mobject whose family has an updater
        # on, and everything while the camera turns: so three groups, in this order. Panels
        # (fixed in frame, never change), the 3D world (still unless the camera turns), movers.
        numbers = list(self.readouts.numbers.values())
        self.panels = VGroup(*data_panel, *loss_panel, *(entry[0] for entry in self.readouts))
        self.world = VGroup(*world)
        self.movers = VGroup(self.curve, self.misses, self.trace, self.loss_dot, self.path,
                             self.dot, *numbers)  # fmt: skip
        camera = scene.renderer.camera
        camera.add_fixed_in_frame_mobjects(self.panels, self.curve, self.misses, self.trace,
                                           self.loss_dot, *numbers)  # fmt: skip
        camera.add_fixed_orientation_mobjects(*self.world_labels)
        camera.screen_offset = np.array(world_center, dtype=float)
        scene.set_camera_orientation(phi=60 * DEGREES, theta=-115 * DEGREES, focal_distance=40)
        self.tracker = ValueTracker(0)
        self.show(0)

    def _readouts(self, traj):
        decimals = {"W": 4, "b": 4, "J": 4, r"\alpha": decimals_for(traj.lr.min()),
                    r"\text{epoch}": 0}  # fmt: skip
        readouts = Readouts(
            decimals,
            size=READOUT_SIZE + 16,
            buff=0.4,
            colors={"W": palette.W, "b": palette.b, "J": palette.J},
        )
        # spaced for the widest value each will show
        rows = [self._row_values(traj, row) for row in range(len(traj.epoch))]
        readouts.set_values({key: max((row[key] for row in rows),
                                      key=lambda v, k=key: len(readouts.numbers[k].format(v)))
                             for key in decimals})  # fmt: skip
        readouts.arrange(RIGHT, buff=0.3, aligned_edge=DOWN)
        return fit_inside(readouts, width=config.frame_width - 0.4).to_edge(UP, buff=0.25)

    @staticmethod
    def _row_values(traj, row):
        names = traj.param_names
        return {
            "W": traj.params[row][names.index("W")],
            "b": traj.params[row][names.index("b")],
            "J": traj.loss[row],
            r"\alpha": traj.lr[row],
            r"\text{epoch}": traj.epoch[row],
        }

    def _data_panel(self, scene):
        data, x_max = scene.data, scene.x_max
        self.axes = data_axes(
            x_max, nice_ceil(max(data.y) * 1.1), width=5.2, height=2.2, size=SMALL_SIZE + 4
        )
        self.axes.move_to([-3.55, 0.9, 0])  # "price (EUR)" clear of the readouts above
        self.xs = np.linspace(0, x_max, 120)
        self.curve = VMobject(color=palette.MODEL, stroke_width=4)
        self.misses = VMobject(stroke_color=palette.J, stroke_width=4)
        return [self.axes, data_points(self.axes, data)]

    def _loss_panel(self, traj):
        # the bottom a clear step below the final J, so the curve never lies on the axis
        lo, hi = np.floor(self.logs.min() - 0.3), np.ceil(self.logs.max())
        axes = log_axes(float(traj.epoch[-1]), lo, max(hi, lo + 1), 5.0, 1.3, "step",
                        tick_size=SMALL_SIZE + 2, power_size=TEX_SIZE - 8)  # fmt: skip
        axes.move_to([-3.5, -2.75, 0])
        self.scene.loss_axis_bottom = 10**lo  # recorded for tests
        name = label("J per step (log scale)", SMALL_SIZE + 4, palette.J)
        name.next_to(axes, UP, buff=0.12).align_to(axes, LEFT)
        epochs = traj.epoch[self.rows].astype(float)
        points = np.asarray(axes.c2p(epochs, self.logs - axes.z_lo)).T
        self.trace_points, self.trace_full = points, polyline_points(points)
        self.trace = VMobject(color=palette.J, stroke_width=3)
        self.loss_dot = Dot(points[0], radius=0.06, color=palette.J)
        return [axes, name]

    def _world(self, scene):
        """J over a window around the path and the optimum: surface, contours, edges, labels."""
        names, opt = scene.traj.param_names, scene.optimum.params
        iW, ib = names.index("W"), names.index("b")
        W0, W1 = padded(np.append(self.params[:, iW], opt["W"]))
        b0, b1 = padded(np.append(self.params[:, ib], opt["b"]))
        W, b = np.meshgrid(np.linspace(W0, W1, 33), np.linspace(b0, b1, 33), indexing="ij")
        z = np.log10(loss_grid(scene.model, W, b, scene.data))
        lo, hi = np.floor(min(z.min(), self.logs.min())), np.ceil(z.max())
        axes = ThreeDAxes(  # coordinates only: the edges below are drawn instead of its axes
            x_range=[W0, W1, W1 - W0], y_range=[b0, b1, b1 - b0], z_range=[lo, hi, hi - lo],
            x_length=4.4, y_length=4.2, z_length=2.0,
        )  # fmt: skip
        axes.shift(-axes.c2p((W0 + W1) / 2, (b0 + b1) / 2, (lo + hi) / 2))
        corner = axes.c2p(W0, b0, lo)
        edges = VGroup(
            Line(corner, axes.c2p(W1, b0, lo), color=palette.W),
            Line(corner, axes.c2p(W0, b1, lo), color=palette.b),
            Line(corner, axes.c2p(W0, b0, hi), color=palette.J),
        ).set_stroke(width=2)
        self.world_labels = [
            label("W", TEX_SIZE, palette.W, math=True).move_to(axes.c2p(W1, b0, lo) + 0.3 * DOWN),
            label("b", TEX_SIZE, palette.b, math=True).move_to(axes.c2p(W0, b1, lo) + 0.3 * LEFT),
            label(r"\log_{10} J", SMALL_SIZE + 6, palette.J, math=True).move_to(
                axes.c2p(W0, b0, hi) + 0.35 * OUT
            ),
        ]
        surface = surface_bands(axes, W, b, z, wire_every=4)
        levels = np.linspace(z.min(), z.max(), 8)[1:-1]
        contours = VGroup(
            *(
                contour(
                    axes, lambda W, b: self._log_loss(scene, W, b), (W0, W1), (b0, b1), v, z=v
                ).set_stroke(WHITE, width=1.2, opacity=0.5)
                for v in levels
            )
        )
        marker = Circle(radius=0.1, color=WHITE, stroke_width=3)
        marker.move_to(axes.c2p(opt["W"], opt["b"], np.log10(scene.optimum.loss)))
        points = np.asarray(axes.c2p(self.params[:, iW], self.params[:, ib], self.logs)).T
        self.path_points, self.path_full = points, polyline_points(points)
        self.path = VMobject(color=palette.PATH, stroke_width=4)
        self.dot = Dot(points[0], radius=0.09, color=palette.PATH)
        return [edges, surface, contours, marker, *self.world_labels]

    @staticmethod
    def _log_loss(scene, W, b):
        return np.log10(dataset_loss(scene.model, {"W": W, "b": b}, scene.data))

    def show(self, t):
        """Draw the descent a fraction t (0..1) along its path."""
        s = self.s
        u = float(np.clip(t, 0, 1)) * s[-1]
        k = int(np.clip(np.searchsorted(s, u, side="right") - 1, 0, len(s) - 2))
        f = float(np.clip((u - s[k]) / max(s[k + 1] - s[k], 1e-12), 0, 1))
        reached = k + 1 if f == 1 else k

        def mix(values):  # exact at f = 0 and f = 1
            return values[k] * (1 - f) + values[k + 1] * f

        names = self.scene.traj.param_names
        params = dict(zip(names, map(float, mix(self.params)), strict=True))
        ys = self.scene.predict(params, self.xs)
        self.curve.points = polyline_points(curve_points(self.axes, self.xs, ys))
        data = self.scene.data
        self.misses.points = misses_points(self.axes, data, self.scene.predict(params, data.x))
        self.trace.points = polyline_to(
            self.trace_full, self.trace_points, k, mix(self.trace_points)
        )
        put(self.loss_dot, mix(self.trace_points))
        self.path.points = polyline_to(self.path_full, self.path_points, k, mix(self.path_points))
        put(self.dot, mix(self.path_points))
        row, traj = int(self.rows[reached]), self.scene.traj
        self.readouts.set_values(self._row_values(traj, row))
        scene = self.scene
        scene.curve_params, scene.readout_values = params, dict(self.readouts.values)
        if not scene.shown_rows or scene.shown_rows[-1] != row:
            scene.shown_rows.append(row)

    def start(self):
        self.curve.add_updater(lambda m: self.show(self.tracker.get_value()))
        self.scene.still_in_frame = self.panels

    def stop(self):
        self.curve.clear_updaters()
        self.scene.still_in_frame = None
        self.show(1.0)


def misses_points(axes, data, predicted):
    """Bezier points of the vertical misses, each house to the model's price, cut to the axes."""
    y_lo, y_hi = axes.y_range[:2]
    ends = np.clip(np.asarray(predicted, dtype=float), y_lo, y_hi)
    starts = np.asarray(axes.c2p(data.x, data.y)).T
    return segments_points(starts, np.asarray(axes.c2p(data.x, ends)).T)


class SliceView:
    """J along W with b held at its current value (one slice of J(W, b)), and a ball at the
    current W: replayed over the recorded rows `rows`, the slice shifts as b moves and the ball
    rolls down it. Every J is fitting's (loss_grid for the slice, the trajectory for the ball).
    """

    def __init__(self, scene, rows, width=9.0, height=4.6):
        traj, data = scene.traj, scene.data
        iW, ib = traj.param_names.index("W"), traj.param_names.index("b")
        self.Ws, self.bs = traj.params[rows, iW], traj.params[rows, ib]
        self.logs = np.log10(traj.loss[rows])
        W0, W1 = padded(np.append(self.Ws, scene.optimum.params["W"]))
        self.grid = np.linspace(W0, W1, 160)
        self.slices = np.log10(loss_grid(scene.model, self.grid[None, :], self.bs[:, None], data))
        self.lo = np.floor(min(self.slices.min(), self.logs.min()) - 0.3)
        hi = np.ceil(self.slices.max())
        every = max(1, int(np.ceil((hi - self.lo) / 4)))
        self.axes = number_axes(
            [W0, W1, nice_step(W1 - W0, 5)], [0, hi - self.lo, every], width, height,
            size=SMALL_SIZE + 6, y_labels={},
        )  # fmt: skip
        self.axes.y_axis.add_labels({z - self.lo: label(f"10^{{{int(z)}}}", TEX_SIZE - 6,
                                                         math=True)
                                     for z in np.arange(hi, self.lo - 1e-9, -every)})  # fmt: skip
        self.axes.x_axis.set_color(palette.W)
        names = VGroup(
            label("W", TEX_SIZE, palette.W, math=True).next_to(self.axes.x_axis, RIGHT, 0.25),
            label("J (log scale)", SMALL_SIZE + 6, palette.J).next_to(self.axes.y_axis, UP, 0.2),
        )
        self.curve = VMobject(stroke_color=palette.J, stroke_width=4)
        self.ball = Dot(radius=0.14, color=palette.PATH)
        self.b_name = label("b =", TEX_SIZE, palette.b, math=True)
        self.b_value = LiveNumber(0, 4, TEX_SIZE, color=palette.b)
        self.group = VGroup(self.axes, names, self.curve, self.ball)
        self.tracker = ValueTracker(0)
        self.show(0)

    def show(self, t):
        k = int(round(float(np.clip(t, 0, 1)) * (len(self.Ws) - 1)))
        ys = np.clip(self.slices[k] - self.lo, 0, self.axes.y_range[1])
        self.curve.points = polyline_points(np.asarray(self.axes.c2p(self.grid, ys)).T)
        put(self.ball, self.axes.c2p(self.Ws[k], self.logs[k] - self.lo))
        self.b_value.set_value(self.bs[k])
        self.shown = k

    def start(self):
        self.curve.add_updater(lambda m: self.show(self.tracker.get_value()))

    def stop(self):
        self.curve.clear_updaters()
        self.show(1.0)
