"""The one base class of every lecture: its trajectory, narration beats, key moments, verdicts.

A lecture file defines one subclass whose construct() is its table of contents, one method
call per section; each section method is marked with @section(name) and says what it shows
one beat at a time:

    class Calculus(Lecture):
        def construct(self):
            self.title()
            self.limit()

        @section("limit")
        def limit(self):
            with self.beat("Shrink h: the secant turns into the tangent.") as t:
                self.play(h.animate.set_value(0.001), run_time=t.duration)

What a Lecture records while it draws, for the tests:
- ``key_moments``: moment -> the boxes of the text on screen then;
- ``smallest_glyphs``: moment -> (fraction of the frame's height, text) of its smallest text;
- ``verdicts``: (chain, step id, verdict) of every derivation step shown, in order;
- ``beat_log()``: every beat's start and narration.
"""

import functools
from pathlib import Path

import numpy as np
from manim import FadeIn, FadeOut, Scene, config

from fitting import ensure_trajectory
from scenes.kit import checked
from scenes.kit.derivation import DerivationBoard
from scenes.kit.layout import title_card
from scenes.kit.narration import Narrated
from scenes.kit.probes import smallest_glyph, text_boxes


def section(name):
    """Mark a method as a section of the video: Manim starts a new section (its own video in
    sections/, and what a re-render reuses or redoes) before the method runs."""

    def mark(method):
        @functools.wraps(method)
        def run(self, *args, **kwargs):
            self.next_section(name)
            return method(self, *args, **kwargs)

        run.section = name
        return run

    return mark


def trajectory(model_name):
    """The model's recorded default run, from the media folder (fitted and saved if missing)."""
    return ensure_trajectory(model_name, Path(config.media_dir) / "trajectories")


class Lecture(Narrated, Scene):
    """A lecture: a Scene that narrates in beats and records what it shows.

    Class attribute: ``model_name``, the model whose recorded default run is ``self.traj``
    (None: the lecture loads what it needs with ``trajectory(name)``).
    """

    model_name: str | None = None

    def setup(self):
        super().setup()
        self.frames = 0  # frames written so far (see play)
        self.key_moments = {}
        self.smallest_glyphs = {}
        self.verdicts = []
        if self.model_name:
            self.traj = trajectory(self.model_name)

    def play(self, *animations, **options):
        """Scene.play, with the clock kept on the frames written.

        Manim advances its clock by the frames it writes when it renders an animation, but by
        the exact run time when its cache already holds it; a beat's closing wait is measured
        on that clock, so a re-render would wait a frame more or less and miss the cache from
        there on. Counting frames the way Manim writes them gives both the same clock.
        """
        super().play(*animations, **options)
        step = 1 / config.frame_rate
        if self.is_current_animation_frozen_frame():
            self.frames += int(self.duration / step)  # CairoRenderer.freeze_current_frame
        else:
            self.frames += len(np.arange(0, self.duration, step))  # Scene.get_time_progression
        self.renderer.time = self.frames * step

    def say(self, words, *animations, run_time=1.0):
        """One beat: play `animations` (for at most run_time s) while `words` are said."""
        with self.beat(words) as t:
            if animations:
                self.play(*animations, run_time=min(run_time, t.duration))

    def title_beat(self, title, question, words):
        """The lecture's title card (title, its question underneath) while `words` are said."""
        card = title_card(title, question)
        self.say(words, FadeIn(card))
        self.play(FadeOut(card))

    def snapshot(self, moment):
        """Record the text on screen now (its boxes, its smallest glyphs) under this key
        moment's name."""
        self.key_moments[moment] = text_boxes(self)
        self.smallest_glyphs[moment] = smallest_glyph(self)

    def derive(self, chain_name, heading, *ids, prefix="", intro=None, narration=None):
        """Play the notes' derivation `chain_name` (only the steps `ids`, or those whose id
        starts with `prefix`) on the derivation board, and log each step's verdict.

        narration(step, first_time) gives each step's words (see DerivationBoard.play)."""
        steps = [s for s in checked.chain(chain_name)
                 if (not ids or s.id in ids) and s.id.startswith(prefix)]  # fmt: skip
        board = DerivationBoard(self, heading)
        self.log_verdicts(chain_name, board.play(steps, intro=intro, narration=narration))

    def log_verdicts(self, chain_name, shown):
        """Log (step id, verdict) pairs of `chain_name` as shown (for steps not on a board)."""
        self.verdicts += [(chain_name, step_id, verdict) for step_id, verdict in shown]

    def fade_all(self, run_time=0.4):
        self.play(*(FadeOut(m) for m in self.mobjects), run_time=run_time)
