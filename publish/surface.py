"""The loss-surface explorer: J over two parameters, with the lecture's recorded descent on it.

    explorer = Explorer.of("sigmoid", media / "trajectories")   # None: the lecture has no model
    explorer.html()                 # a <div> and its plotly script, for the lecture page
    write_plotly_js(folder)         # the plotly.min.js that script loads (one copy per page)

A model with two parameters (W, b) gets its true surface log10 J(W, b) over a window around
the descent, and the path sits on it. The nets have four: the explorer shows an honest 2-D
slice, J over (W2, b2) with W1 and b1 held at their final values, and the path projected onto
it (each point drawn at the slice's height; its hover still gives the run's own W1, b1, J), and
says so in its title. Every number is fitting's: the recorded run (ensure_trajectory) and J from
its numpy forward pass (loss_grid). Axis titles are plain text: a LaTeX title makes plotly
fetch MathJax, and the page must open with no network.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from fitting import MODELS, ensure_trajectory, loss_grid

# Lectures named after no model: which model's surface they show (and why, on the page).
LECTURE_MODELS = {
    "calculus": ("linear", "The lecture slices the linear model's J; here is all of it."),
    "gradient_descent": ("linear", "The lecture's descent is the linear model's."),
    "comparison": ("linear", "The comparison fits all five models; here is the linear one's J."),
}
PLOTLY_JS = "plotly.min.js"
GRID = 81  # points per side: the narrow valleys (sigmoid, tanh_net) stay smooth
MAX_PATH = 800  # points of the path drawn (the first and last always)
LIFT = 0.03  # the path drawn this fraction of the surface's height above it
PATH_COLOUR = "#fc8a28"  # scenes/kit/palette.py's PATH (ORANGE): the path in the video


def lecture_model(lecture):
    """(model name, a sentence for the page) for a lecture, or (None, None)."""
    if lecture in MODELS:
        return lecture, None
    return LECTURE_MODELS.get(lecture, (None, None))


@dataclass
class Explorer:
    model: str
    traj: object  # fitting.Trajectory
    axes: tuple  # the two parameters plotted, e.g. ("W", "b") or ("W2", "b2")
    held: dict  # the others, at their final values (the nets' slice)
    note: str | None = None

    @classmethod
    def of(cls, lecture, trajectories):
        """The explorer of a lecture's model (its recorded run in `trajectories`), or None."""
        model, note = lecture_model(lecture)
        if model is None:
            return None
        traj = ensure_trajectory(model, Path(trajectories))
        names = traj.param_names
        axes = names[-2:]  # (W, b), or the nets' output layer (W2, b2)
        held = {n: v for n, v in traj.final.items() if n not in axes}
        return cls(model, traj, axes, held, note)

    def title(self):
        formula = MODELS[self.model].formula
        if not self.held:
            return f"J(W, b) of y' = {formula}, with the descent's path"
        held = ", ".join(f"{n} = {v:.3g}" for n, v in self.held.items())
        return (f"A slice: J over {', '.join(self.axes)} with {held} (their final values); "
                "the path is projected onto it")  # fmt: skip

    def figure(self):
        iu, iv = (self.traj.param_names.index(a) for a in self.axes)
        path = self.traj.params
        u0, u1 = _window(path[:, iu])
        v0, v1 = _window(path[:, iv])
        U, V = np.meshgrid(np.linspace(u0, u1, GRID), np.linspace(v0, v1, GRID), indexing="xy")
        z = np.log10(self._J(U, V))
        rows = _thinned(len(path))
        # A line on a surface drawn at its very height is hidden by it half the time: lift it.
        lift = LIFT * (z.max() - z.min())
        height = np.log10(self._J(path[rows, iu], path[rows, iv])) + lift
        ends = self._ends(iu, iv, height[[0, -1]])
        fig = go.Figure([self._surface(U, V, z), self._path(rows, iu, iv, height), ends])
        fig.update_layout(
            title={"text": self.title(), "font": {"size": 15}, "x": 0.02},
            template="plotly_dark",
            paper_bgcolor="#111418",
            height=640,
            margin={"l": 0, "r": 0, "t": 50, "b": 0},
            legend={"x": 0.02, "y": 0.92},
            scene={
                "xaxis_title": self.axes[0],
                "yaxis_title": self.axes[1],
                "zaxis_title": "log10 J",
                "aspectmode": "manual",
                "aspectratio": {"x": 1.2, "y": 1.2, "z": 0.7},
                "camera": {"eye": {"x": -0.95, "y": -1.3, "z": 1.45}},
            },
        )
        return fig

    def _J(self, u, v):
        return loss_grid(self.model, u, v, over=self.axes, at=self.held)

    def _surface(self, U, V, z):
        a, b = self.axes
        floor = {"show": True, "usecolormap": True, "project": {"z": True}}  # contours below
        return go.Surface(
            x=U, y=V, z=z, customdata=10**z, colorscale="Viridis", opacity=0.9,
            name="J", showscale=False, contours={"z": floor},
            hovertemplate=f"{a} = %{{x:.4g}}<br>{b} = %{{y:.4g}}<br>J = %{{customdata:.4g}}"
            "<extra>surface</extra>",
        )  # fmt: skip

    def _path(self, rows, iu, iv, height):
        names = self.traj.param_names
        traj = self.traj
        data = np.column_stack([traj.epoch[rows], traj.loss[rows], traj.params[rows]])
        lines = [f"{n} = %{{customdata[{2 + i}]:.4g}}" for i, n in enumerate(names)]
        label = "descent (projected)" if self.held else "descent"
        return go.Scatter3d(
            x=self.traj.params[rows, iu], y=self.traj.params[rows, iv], z=height,
            customdata=data, mode="lines+markers", name=label,
            line={"color": PATH_COLOUR, "width": 5}, marker={"size": 2.5, "color": PATH_COLOUR},
            hovertemplate="epoch %{customdata[0]}<br>" + "<br>".join(lines)
            + "<br>J = %{customdata[1]:.4g}<extra></extra>",
        )  # fmt: skip

    def _ends(self, iu, iv, height):
        """The start and the end of the descent, marked and named."""
        p = self.traj.params[[0, -1]]
        return go.Scatter3d(
            x=p[:, iu], y=p[:, iv], z=height, mode="markers+text", text=["start", "end"],
            textposition="top center", marker={"size": 6, "color": [PATH_COLOUR, "white"]},
            textfont={"color": "white"}, hoverinfo="skip", showlegend=False,
        )  # fmt: skip

    def html(self):
        """The figure as a <div> plus the script that draws it (it loads plotly.min.js)."""
        return self.figure().to_html(
            full_html=False,
            include_plotlyjs=PLOTLY_JS,
            div_id="surface",
            config={"displaylogo": False, "responsive": True},
        )


def write_plotly_js(folder) -> Path:
    """plotly.js (from the installed plotly package) as folder/plotly.min.js."""
    path = Path(folder) / PLOTLY_JS
    path.write_text(get_plotlyjs(), encoding="utf-8")
    return path


def _window(values, pad=0.12):
    """(lo, hi) around the values, padded on both sides (never empty)."""
    lo, hi = float(values.min()), float(values.max())
    span = max(hi - lo, 1e-3 * max(abs(lo), abs(hi), 1.0))
    return lo - pad * span, hi + pad * span


def _thinned(n):
    """At most MAX_PATH row indices, evenly spread, the first and last included."""
    return np.unique(np.linspace(0, n - 1, min(n, MAX_PATH)).round().astype(int))
