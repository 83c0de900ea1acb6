"""The loss surface J(W, b): height bands, contours, a camera that draws it beside 2-D panels."""

import numpy as np
from manim import BLACK, ImplicitFunction, ManimColor, ThreeDCamera, VGroup, VMobject

from scenes.kit.palette import SURFACE
from scenes.kit.plots import segments_points


def colormap(t):
    """SURFACE interpolated at t in [0, 1] (low loss dark, high loss light)."""
    t = float(np.clip(t, 0, 1)) * (len(SURFACE) - 1)
    i = min(int(t), len(SURFACE) - 2)
    return ManimColor(SURFACE[i]).interpolate(ManimColor(SURFACE[i + 1]), t - i)


def surface_bands(axes, W, b, height, bands=16, opacity=0.9, wire_every=3):
    """A surface z = height over the grid (W, b): a few filled VMobjects and one wireframe.

    Manim's Surface is one mobject per face, each projected, shaded and drawn on its own: 400
    faces made a turning camera 20 times dearer than the floor. Here the faces are coloured by
    height band; along each row of the grid, neighbouring faces of one band merge into one
    polygon, and each band is one VMobject of such polygons, drawn low to high (which occludes
    correctly for a loss seen from above). Every `wire_every`-th grid line is one more VMobject.
    """
    corners = np.asarray(axes.c2p(W.ravel(), b.ravel(), height.ravel())).T.reshape(*W.shape, 3)
    mean = (height[:-1, :-1] + height[1:, :-1] + height[1:, 1:] + height[:-1, 1:]) / 4
    lo, hi = height.min(), height.max()
    level = np.clip(((mean - lo) / max(hi - lo, 1e-12) * bands).astype(int), 0, bands - 1)
    polygons = {k: [] for k in range(bands)}
    for i, row in enumerate(level):
        cuts = [0, *(np.flatnonzero(np.diff(row)) + 1), len(row)]
        for j0, j1 in zip(
            cuts[:-1], cuts[1:], strict=False
        ):  # faces j0..j1-1 of row i share a band
            ring = np.concatenate([corners[i, j0 : j1 + 1], corners[i + 1, j0 : j1 + 1][::-1]])
            polygons[row[j0]].append(np.concatenate([ring, ring[:1]]))
    group = VGroup()
    for k, rings in polygons.items():
        if rings:
            band = VMobject(fill_color=colormap((k + 0.5) / bands), fill_opacity=opacity,
                            stroke_width=0)  # fmt: skip
            band.points = np.concatenate([segments_points(r[:-1], r[1:]) for r in rings])
            group.add(band)
    lines = [*corners[::wire_every], *corners[:, ::wire_every].transpose(1, 0, 2)]
    wire = VMobject(stroke_color=BLACK, stroke_width=0.8, stroke_opacity=0.35, fill_opacity=0)
    wire.points = np.concatenate([segments_points(line[:-1], line[1:]) for line in lines])
    return group.add(wire)


class OffsetCamera(ThreeDCamera):
    """A ThreeDCamera that draws the 3D world shifted on screen, beside 2D panels fixed in frame.

    ThreeDCamera projects the 3D world around the frame's centre; the lecture wants the surface
    in its right-hand column while the data plot stays on the left.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.screen_offset = np.zeros(3)

    def project_points(self, points):
        return super().project_points(points) + self.screen_offset


def contour(axes, height, W_range, b_range, level, z=None, max_quads=250):
    """The curve height(W, b) = level (Manim's ImplicitFunction), drawn on `axes`; at height z
    on 3-D axes (z=None: 2-D axes)."""
    curve = ImplicitFunction(lambda W, b: height(W, b) - level, x_range=W_range,
                             y_range=b_range, min_depth=4, max_quads=max_quads)  # fmt: skip
    flat = curve.points
    coords = (
        (flat[:, 0], flat[:, 1]) if z is None else (flat[:, 0], flat[:, 1], np.full(len(flat), z))
    )
    curve.points = np.asarray(axes.c2p(*coords)).T
    return curve
