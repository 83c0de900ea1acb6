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
- ``beat_log()``: every beat's start and narration;
- ``moment_times``: moment -> the time it was recorded at.
After rendering, <movie>.lecture.json beside the video records the beats, the key moments'
times and the poster moment, for what publishes the video (publish/).
"""

import functools
import json
from pathlib import Path

import numpy as np
from manim import FadeIn, FadeOut, config, logger

from fitting import ensure_trajectory
from scenes.kit import checked
from scenes.kit.derivation import DerivationBoard
from scenes.kit.layout import title_card
from scenes.kit.narration import Narrated
from scenes.kit.outlines import write_atomically
from scenes.kit.probes import smallest_glyph, text_boxes
from scenes.kit.slide_base import Base
from scenes.kit.unchanged import Stamp


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


class Lecture(Narrated, Base):
    """A lecture: a Scene that narrates in beats and records what it shows.

    Class attributes: ``model_name``, the model whose recorded default run is ``self.traj``
    (None: the lecture loads what it needs with ``trajectory(name)``); ``poster_moment``, the
    key moment whose frame stands for the lecture (the video's poster).
    """

    model_name: str | None = None
    poster_moment: str | None = None

    def setup(self):
        super().setup()
        self.frames = 0  # frames written so far (see play)
        self.key_moments = {}
        self.smallest_glyphs = {}
        self.moment_times = {}
        self.verdicts = []
        self.boards = []  # (chain, heading) of every derivation board, in order
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
        self.moment_times[moment] = self.time

    def render(self, *args, **kwargs):
        """Render, unless nothing changed since the last render (scenes/kit/unchanged.py);
        then write <movie>.lecture.json, what publishing the video needs."""
        movie = Path(self.renderer.file_writer.movie_file_path)
        record = movie.with_suffix(".lecture.json")
        outputs = [record, movie.with_suffix(".srt")]
        if config.save_sections:
            outputs.append(movie.parent / "sections" / f"{type(self).__name__}.json")
        stamp = Stamp(type(self).__name__, movie, outputs)
        if stamp.fresh():
            movie.touch()  # the video is current: as new as its inputs
            logger.info("Unchanged since its last render: %s", movie)
            return
        stamp.path.unlink(missing_ok=True)  # a render that fails leaves no stamp
        super().render(*args, **kwargs)
        text = json.dumps(self.record(), indent=1)
        write_atomically(record, lambda p: p.write_text(text))
        if movie.exists():  # (a deck's render joins no movie: scenes/kit/slide_base.py)
            stamp.write()

    def record(self):
        """What publishing the video needs to know of it: its beats, key moments, poster."""
        beats = [{"start": round(start, 3), "end": round(start + n.duration, 3), "text": n.text}
                 for start, n in self.beat_log()]  # fmt: skip
        moments = {name: round(t, 3) for name, t in self.moment_times.items()}
        if self.poster_moment is not None and self.poster_moment not in moments:
            raise ValueError(f"poster_moment {self.poster_moment!r} is no key moment of "
                             f"{type(self).__name__}; choose one of {sorted(moments)}")  # fmt: skip
        shown = [{"chain": chain, "step": step, "verdict": verdict}
                 for chain, step, verdict in self.verdicts]  # fmt: skip
        boards = [{"chain": chain, "heading": heading} for chain, heading in self.boards]
        return {"scene": type(self).__name__, "model": self.model_name,
                "poster_moment": self.poster_moment, "moments": moments, "beats": beats,
                "boards": boards, "steps": shown}  # fmt: skip

    def derive(self, chain_name, heading, *ids, prefix="", intro=None, narration=None):
        """Play the notes' derivation `chain_name` (only the steps `ids`, or those whose id
        starts with `prefix`) on the derivation board, and log each step's verdict.

        narration(step, first_time) gives each step's words (see DerivationBoard.play)."""
        steps = [s for s in checked.chain(chain_name)
                 if (not ids or s.id in ids) and s.id.startswith(prefix)]  # fmt: skip
        board = DerivationBoard(self, heading)
        self.boards.append((chain_name, heading))
        self.log_verdicts(chain_name, board.play(steps, intro=intro, narration=narration))

    def log_verdicts(self, chain_name, shown):
        """Log (step id, verdict) pairs of `chain_name` as shown (for steps not on a board)."""
        self.verdicts += [(chain_name, step_id, verdict) for step_id, verdict in shown]

    def fade_all(self, run_time=0.4):
        self.play(*(FadeOut(m) for m in self.mobjects), run_time=run_time)
