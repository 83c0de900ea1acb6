"""Subtitle files (.srt) and the reading rules every lecture's cues obey.

    from scenes.kit.srt import srt_problems
    assert srt_problems(path) == []      # each problem names the cue, its text and the rule

A cue is on screen at least MIN_CUE seconds, is read at most MAX_CPS characters a second
(line breaks count as one character, like the space they replace), has at most MAX_LINES lines
of at most LINE characters, and ends before the next cue starts.
"""

from dataclasses import dataclass
from pathlib import Path

import srt  # the `srt` package (a Manim dependency), not this module: imports are absolute

MAX_CPS = 17.0  # characters per second, at most
MIN_CUE = 1.2  # seconds on screen, at least
MAX_LINES = 2
LINE = 42  # characters per line, at most


@dataclass(frozen=True)
class SrtCue:
    index: int
    start: float  # seconds from the start of the video
    end: float
    text: str


def read_srt(path):
    """The cues of an .srt file, in file order; a clear error if it is not one."""
    path = Path(path)
    try:
        subtitles = list(srt.parse(path.read_text(encoding="utf-8")))
    except (OSError, srt.SRTParseError) as error:
        raise ValueError(f"{path}: not a readable .srt file ({error})") from error
    return [
        SrtCue(s.index, s.start.total_seconds(), s.end.total_seconds(), s.content)
        for s in subtitles
    ]


def cue_problems(cues):
    """What breaks the reading rules, one line per broken rule; empty when every cue is fine.

    cues: in time order, anything with start, end (seconds) and text (SrtCue, narration's Cue).
    """
    problems = []
    for number, (cue, after) in enumerate(zip(cues, [*cues[1:], None], strict=True), start=1):
        shown = cue.end - cue.start
        lines = cue.text.split("\n")
        where = f"cue {number} at {cue.start:.3f}s {cue.text!r}"
        if not cue.text.strip():
            problems.append(f"{where}: empty")
        if shown < MIN_CUE:
            problems.append(f"{where}: on screen {shown:.3f}s, under {MIN_CUE}s")
        elif len(cue.text) / shown > MAX_CPS:
            problems.append(f"{where}: {len(cue.text) / shown:.1f} chars/s, over {MAX_CPS}")
        if len(lines) > MAX_LINES:
            problems.append(f"{where}: {len(lines)} lines, over {MAX_LINES}")
        if max(map(len, lines)) > LINE:
            problems.append(f"{where}: a line of {max(map(len, lines))} chars, over {LINE}")
        if after is not None and after.start < cue.end:
            problems.append(f"{where}: ends at {cue.end:.3f}s, after cue {number + 1} starts")
    return problems


def srt_problems(path):
    """cue_problems of an .srt file, plus 'no cues' for an empty one."""
    cues = read_srt(path)
    return cue_problems(cues) if cues else [f"{path}: no cues"]


def srt_text(path):
    """Everything the subtitles say, as one line of words (to compare with the narration)."""
    return " ".join(" ".join(cue.text.split()) for cue in read_srt(path))
