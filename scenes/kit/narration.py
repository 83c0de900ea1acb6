"""Narration beats: a lecture says one idea per beat, and the beat lasts until the words end.

    with self.beat("The slope is positive, so W moves left.") as t:
        self.play(Create(arrow), run_time=t.duration)

`narrate(text)` cuts the text into subtitle cues, speaks each cue on its own (scenes/kit/voice.py)
and lays them end to end with a short pause, so every cue's start is exactly where its words
start. A cue stays on screen until the next one starts, and longer when the reading rules
(scenes/kit/srt.py: at most 17 characters a second, at least 1.2 s) ask for it: the beat is
padded, the rule is never broken. The subtitles are the narration, word for word.

LECTURE_VOICE=off renders silent: each cue then lasts as long as the voice would take to say it
(its measured pace), so a silent preview keeps the narrated lecture's timing.
`Narrated.beat` adds the sound and the cues to the scene and, on leaving the block, waits out
whatever the narration still has to say.
"""

import math
import re
import textwrap
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from manim import config

from scenes.kit import voice as speech  # as `speech`: narrate() has a parameter named voice
from scenes.kit.srt import LINE, MAX_CPS, MAX_LINES, MIN_CUE

PAUSE = 0.25  # seconds of silence after each cue's words, before the next cue speaks
GAP = 0.04  # seconds between one cue's end and the next cue's start (one frame at 25 fps)
SLACK = 0.01  # seconds above the rules' limits: the .srt file keeps milliseconds only
FROM_SETTING = "LECTURE_VOICE"  # narrate's default voice: whatever the setting asks for
SILENT_CPS = speech.VOICES[speech.DEFAULT].cps  # a silent render's pace: the voice's, measured


@dataclass(frozen=True)
class Cue:
    start: float  # seconds from the start of the beat
    end: float
    text: str  # as shown: at most MAX_LINES lines of at most LINE characters


@dataclass(frozen=True)
class Narration:
    text: str
    duration: float  # the beat's length: the last cue's end plus GAP
    audio: Path | None  # the beat's WAV (None when silent); it ends before `duration`
    cues: tuple[Cue, ...]


def split_cues(text):
    """The narration cut into cue-sized pieces: at sentence ends, then clause ends, then words."""
    pieces = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
        pieces += pack(re.split(r"(?<=[,;:])\s+", sentence))
    return [piece for piece in pieces if piece]


def pack(clauses):
    """Clauses joined while they fit one cue; a clause too long for a cue cut between words."""
    pieces, current = [], ""
    for clause in clauses:
        joined = f"{current} {clause}".strip()
        if fits(joined):
            current = joined
            continue
        pieces.append(current)
        current = clause
        while not fits(current):
            lines = wrap(current)
            pieces.append(" ".join(lines[:MAX_LINES]))
            current = " ".join(lines[MAX_LINES:])
    pieces.append(current)
    return pieces


def wrap(piece):
    return textwrap.wrap(piece, LINE, break_long_words=False, break_on_hyphens=False)


def lines(piece):
    """A cue's lines as shown: broken after a comma or semicolon when both halves fit a line."""
    wrapped = wrap(piece)
    if len(wrapped) < 2:
        return wrapped
    words = piece.split(" ")
    halves = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    clauses = [h for h in halves if h[0].endswith((",", ";", ":")) and max(map(len, h)) <= LINE]
    return list(min(clauses, key=lambda h: abs(len(h[0]) - len(h[1])))) if clauses else wrapped


def fits(piece):
    return len(wrap(piece)) <= MAX_LINES


def shown_for(piece, spoken):
    """How long a cue stays up: its words and a pause, or longer if the reading rules ask."""
    return max(spoken + PAUSE, MIN_CUE + SLACK, len(piece) / MAX_CPS + SLACK)


def narrate(text, voice=FROM_SETTING, directory=None):
    """The beat's narration: cues timed to the speech, and its WAV under <media_dir>/voice/.

    voice: a voice from scenes/kit/voice.py, None for silent, or (default) what LECTURE_VOICE
    says. directory: where the WAVs are cached (default: <media_dir>/voice).
    """
    pieces = split_cues(text)
    if not pieces:
        raise ValueError("a beat needs narration: beat(text) got no words")
    if voice == FROM_SETTING:
        voice = speech.chosen_voice()
    if voice is None:
        spoken, wavs = [len(piece) / SILENT_CPS for piece in pieces], None
    else:
        cache = speech.SpeechCache(directory or Path(config.media_dir) / "voice", voice)
        wavs = cache.speak(pieces)
        spoken = [speech.duration(wav) for wav in wavs]
    cues, t = [], 0.0
    for piece, seconds in zip(pieces, spoken, strict=True):
        end = t + shown_for(piece, seconds)
        cues.append(Cue(t, end, "\n".join(lines(piece))))
        t = end + GAP
    audio = None if wavs is None else cache.mix(wavs, [cue.start for cue in cues])
    return Narration(text, t, audio, tuple(cues))


class BeatClock:
    """What a beat's animations are timed to: its narration's duration."""

    def __init__(self, duration):
        self.duration = duration


class Narrated:
    """Mixin for a Scene: `with self.beat(text) as t:` (see the module docstring)."""

    def beat_log(self):
        """(start in seconds, Narration) of every beat so far, in order: for tests."""
        if not hasattr(self, "_beats"):
            self._beats = []
        return self._beats

    @contextmanager
    def beat(self, text):
        narration = narrate(text)
        self.next_slide(notes=narration.text)  # a slide per beat in a deck; nothing in a video
        start = self.time
        if narration.audio is not None:
            self.add_sound(str(narration.audio))
        for cue in narration.cues:
            self.add_subcaption(cue.text, duration=cue.end - cue.start, offset=cue.start)
        self.beat_log().append((start, narration))
        yield BeatClock(narration.duration)
        self.hold_until(start + narration.duration)

    def hold_until(self, end):
        """Wait to the first frame at or after `end` (Manim rounds a wait down to whole frames)."""
        while end - self.time > 1e-6:
            frames = math.ceil((end - self.time) * config.frame_rate - 1e-6)
            self.wait((frames + 0.5) / config.frame_rate)
