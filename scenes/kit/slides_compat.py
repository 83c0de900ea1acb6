"""Let manim-slides 5.7.0 run on Manim 0.22: ``from scenes.kit.slides_compat import Slide``.

manim-slides was written for Manim <= 0.21; three things it does are gone or refused in 0.22:

* it writes ``config["write_to_movie"]`` and reads/writes ``config["flush_cache"]``. Both options
  were removed, and ``ManimConfig.__setitem__`` looks a name up as a property, so it raises
  AttributeError. We add the two names back as properties that store nothing: 0.22 always writes
  a movie (what manim-slides wanted) and manim-slides flushes its own cache itself.
* it sets ``config["max_files_cached"] = float("inf")`` ("keep every partial movie") in render();
  0.22 accepts only an int >= -1 (-1: unlimited). We map inf to -1.
* 0.22 reads ``max_files_cached`` once, in ``Scene.__init__``, so the value manim-slides sets in
  render() comes too late: a scene with more animations than the limit loses partial movies and
  the slide step crashes. ``Slide`` below lifts the limit before the scene is built.

Only the render process needs this module (``manim-slides convert`` imports no Manim), and only
with SLIDES=1 (scenes/kit/slide_base.py): a plain render never imports manim-slides.
Delete this module when ``needs_shim()`` is False (tests/test_slides.py says when).
"""

import math

from manim import config
from manim._config.utils import ManimConfig

_max_files_cached = ManimConfig.max_files_cached  # 0.22's property, before we wrap its setter


def needs_shim() -> bool:
    """True while Manim lacks an option manim-slides sets (Manim 0.22 with manim-slides 5.7.0).

    Asked after this module is imported it is always False (we added the option), so ask it in
    a fresh interpreter that has not imported this module.
    """
    return not hasattr(ManimConfig, "write_to_movie")


def _set_max_files_cached(self: ManimConfig, value: float) -> None:
    _max_files_cached.fset(self, -1 if value == math.inf else value)


if needs_shim():
    ManimConfig.write_to_movie = property(lambda self: True, lambda self, value: None)
    ManimConfig.flush_cache = property(lambda self: False, lambda self, value: None)
    ManimConfig.max_files_cached = _max_files_cached.setter(_set_max_files_cached)

from manim_slides import Slide as _Slide  # noqa: E402  (only after the patch above)


class Slide(_Slide):
    """manim_slides.Slide whose partial movies all survive until the slides are cut."""

    def __init__(self, *args, **kwargs):
        config.max_files_cached = -1
        super().__init__(*args, **kwargs)
