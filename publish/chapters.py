"""A lecture's chapters and captions as text: no ffmpeg, no files written.

    chapters = read_chapters(Path("media/videos/calculus/480p15/sections/Calculus.json"))
    # [("Title", 0.0, 6.6), ("Definition", 6.6, 48.6), ...]   (title, start s, end s)
    ffmetadata(chapters, "Calculus")   # what ffmpeg's -map_chapters reads
    chapters_vtt(chapters)             # a WebVTT chapters track, for the lecture page
    srt_to_vtt(srt_text)               # the captions Manim writes (.srt) as WebVTT

Manim writes one entry per section (`name`, `duration` in seconds as a string) in
sections/<Scene>.json, in play order; a chapter starts where the previous one ended. Its first
section, "autocreated", holds whatever a lecture plays before its first @section; section names
are the lecture's own ("1 question and data", "linear layer"), so a student reads them as
titles without the leading number and capitalised.
"""

import json
import re
from pathlib import Path

import srt

AUTOCREATED = "autocreated"  # the name Manim gives the section before the first next_section
LEADING_NUMBER = re.compile(r"^\s*\d+[\s.):_-]*")


def chapter_title(section_name: str) -> str:
    """What a student reads for a section: "1 question and data" -> "Question and data"."""
    if section_name == AUTOCREATED:
        return "Title"
    name = LEADING_NUMBER.sub("", section_name).strip() or section_name.strip()
    return name[:1].upper() + name[1:]  # not str.capitalize: it lowercases "J", "ReLU"


def chapters_from_sections(sections: list[dict]) -> list[tuple[str, float, float]]:
    """(title, start, end) in seconds, the durations accumulated in play order.

    Zero-length sections (a section left before anything played) are no chapter, and a section
    titled like the one before it (Manim's "autocreated" before a "title" section) extends it:
    a student would see the same chapter twice.
    """
    chapters, start = [], 0.0
    for section in sections:
        end = start + float(section["duration"])
        title = chapter_title(section["name"])
        if round(end - start, 3) > 0:
            if chapters and chapters[-1][0] == title:
                chapters[-1] = (title, chapters[-1][1], end)
            else:
                chapters.append((title, start, end))
        start = end
    return chapters


def read_chapters(sections_json: Path) -> list[tuple[str, float, float]]:
    """The chapters of Manim's sections/<Scene>.json; a clear error if it is not one."""
    try:
        sections = json.loads(Path(sections_json).read_text(encoding="utf-8"))
        chapters = chapters_from_sections(sections)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{sections_json}: not a Manim sections index ({error})") from error
    if not chapters:
        raise ValueError(f"{sections_json}: no section with any length")
    return chapters


def ffmetadata_escape(text: str) -> str:
    """FFMETADATA's escaping: '=', ';', '#', '\\' and newline take a backslash."""
    return "".join("\\" + ch if ch in "=;#\\\n" else ch for ch in text)


def ffmetadata(chapters, title: str | None = None) -> str:
    """An FFMETADATA1 file: the video's title and one [CHAPTER] per chapter, in milliseconds."""
    lines = [";FFMETADATA1"]
    if title:
        lines.append(f"title={ffmetadata_escape(title)}")
    for name, start, end in chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={round(start * 1000)}",
                  f"END={round(end * 1000)}", f"title={ffmetadata_escape(name)}"]  # fmt: skip
    return "\n".join(lines) + "\n"


def vtt_time(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def vtt_text(text: str) -> str:
    """Cue text as WebVTT reads it: '<' opens a tag there ("x < 0" would lose its end) and '&'
    a character reference. Blank lines end a cue, so they go."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "\n".join(line for line in escaped.splitlines() if line.strip())


def vtt(cues) -> str:
    """A WebVTT file of (start, end, text) cues."""
    blocks = [f"{i}\n{vtt_time(start)} --> {vtt_time(end)}\n{vtt_text(text)}\n"
              for i, (start, end, text) in enumerate(cues, 1)]  # fmt: skip
    return "WEBVTT\n\n" + "\n".join(blocks)


def chapters_vtt(chapters) -> str:
    """The chapters as a WebVTT track (a <track kind="chapters"> reads it)."""
    return vtt((start, end, title) for title, start, end in chapters)


def srt_to_vtt(srt_text: str) -> str:
    """Subtitles in SRT as WebVTT (the `srt` package parses; a clear error if it can't)."""
    try:
        subtitles = list(srt.parse(srt_text))
    except srt.SRTParseError as error:
        raise ValueError(f"not an .srt file ({error})") from error
    return vtt((s.start.total_seconds(), s.end.total_seconds(), s.content) for s in subtitles)


def chapters_json(chapters) -> str:
    """[{title, start, end}] for the lecture page."""
    rows = [{"title": t, "start": round(s, 3), "end": round(e, 3)} for t, s, e in chapters]
    return json.dumps(rows, indent=1) + "\n"
