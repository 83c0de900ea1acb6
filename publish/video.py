"""Package a rendered lecture so a student can navigate it: chapters, captions and a poster.

    python -m publish video media/videos/calculus/480p15/Calculus.mp4

reads what the render wrote beside the mp4 (Calculus.srt, sections/Calculus.json and, if there,
Calculus.lecture.json) and writes beside it:
- Calculus.mp4 itself, rewritten: chapters (one per section), the subtitles as a soft track
  (mov_text, English) and the poster as its cover; the video and audio are stream-copied;
- Calculus.vtt (the captions), Calculus.chapters.vtt and Calculus.chapters.json (for the page);
- Calculus.poster.png: the frame of the lecture's poster moment (the middle if it names none).

Everything is made in a temporary folder beside the mp4 and renamed into place, so a failure
leaves the old files whole. Packaging a packaged mp4 again gives the same file: only the
original video stream (`0:V:0`, which excludes cover pictures) and the audio are taken from it.
"""

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from publish.chapters import chapters_json, chapters_vtt, ffmetadata, read_chapters, srt_to_vtt

STALE = 0.5  # s: sections this far from the video's length are from another render


class InputError(ValueError):
    """An input is missing or does not fit the video; the message names the fix."""


def inputs(movie: Path) -> dict[str, Path]:
    """The files the render wrote for `movie`; InputError naming the first one missing."""
    found = {
        "video": movie,
        "subtitles": movie.with_suffix(".srt"),
        "sections": movie.parent / "sections" / f"{movie.stem}.json",
    }
    for what, path in found.items():
        if not path.is_file():
            raise InputError(f"no {what} {path}: render it first: ./dev video {scene_file(movie)}")
    return found


def scene_file(movie: Path) -> str:
    """The scene file Manim rendered `movie` from: media/videos/NAME/QUALITY/Scene.mp4."""
    parts = movie.parts
    if len(parts) >= 4 and parts[-4] == "videos":
        return f"scenes/{parts[-3]}.py"
    return "scenes/NAME.py"


def run(command: list[str]) -> str:
    """Run ffmpeg or ffprobe quietly; its own message if it fails."""
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def probe(movie: Path) -> dict:
    """The lecture's video stream (not a cover picture): its duration and frame rate."""
    out = run(["ffprobe", "-v", "error", "-select_streams", "V:0", "-show_entries",
               "stream=duration,avg_frame_rate", "-of", "json", str(movie)])  # fmt: skip
    streams = json.loads(out)["streams"]
    if not streams:
        raise InputError(f"{movie}: no video stream")
    num, den = streams[0]["avg_frame_rate"].split("/")
    return {"duration": float(streams[0]["duration"]), "fps": float(num) / float(den)}


def poster_time(movie: Path, video: dict) -> float:
    """When the poster is taken: the lecture's poster moment, else the middle of the video.

    A moment is recorded when its content is drawn, so the frame that starts there shows it
    complete (the next animation at its start; the frame before may be the last of the
    drawing, the one after may be fading out already). ffmpeg's -ss takes the first frame
    starting at or after the time, so seek half a frame early: a moment rounded to the
    millisecond just past its frame (97.867 for frame 1468 at 15 fps) still gets that frame."""
    frame = 1 / video["fps"]
    moment = None
    record = movie.with_suffix(".lecture.json")
    if record.is_file():
        try:
            lecture = json.loads(record.read_text(encoding="utf-8"))
            moment = lecture.get("moments", {}).get(lecture.get("poster_moment"))
        except (ValueError, AttributeError) as error:
            raise InputError(
                f"{record}: not a lecture record ({error}); render it again: "
                f"./dev video {scene_file(movie)}"
            ) from error
    if moment is None:
        return video["duration"] / 2
    return max(min(moment, video["duration"] - frame) - frame / 2, 0.0)


def write_poster(movie: Path, at: float, poster: Path) -> None:
    run(["ffmpeg", "-v", "error", "-y", "-ss", f"{at:.3f}", "-i", str(movie), "-map", "0:V:0",
         "-frames:v", "1", "-update", "1", str(poster)])  # fmt: skip


def mux(movie: Path, ffmeta: Path, subtitles: Path, poster: Path, out: Path) -> None:
    """The mp4 with chapters, a soft subtitle track and a cover, its streams copied."""
    run(["ffmpeg", "-v", "error", "-y", "-i", str(movie), "-f", "ffmetadata", "-i", str(ffmeta),
         "-i", str(subtitles), "-i", str(poster),
         # 0:V:0 and 0:a? only: an earlier package's subtitles and cover are left behind, and a
         # silent lecture (no audio stream) is no error.
         "-map", "0:V:0", "-map", "0:a?", "-map", "2:s", "-map", "3:v",
         "-map_metadata", "1", "-map_chapters", "1",
         "-c", "copy", "-c:s", "mov_text", "-metadata:s:s:0", "language=eng",
         "-metadata:s:s:0", "title=English", "-c:v:1", "png", "-disposition:v:1", "attached_pic",
         "-movflags", "+faststart", str(out)])  # fmt: skip


def captions_vtt(subtitles: Path, again: str) -> str:
    """The .srt as WebVTT; InputError if it is none or has no cue (ffmpeg rejects those)."""
    try:
        text = srt_to_vtt(subtitles.read_text(encoding="utf-8"))
    except (ValueError, OSError) as error:
        raise InputError(f"{subtitles}: {error}: {again}") from error
    if "-->" not in text:
        raise InputError(f"{subtitles}: no subtitle in it: {again}")
    return text


def package(movie: Path) -> dict[str, Path]:
    """Package `movie` in place and write its sidecars; {what: path} of everything written."""
    movie = Path(movie)
    found = inputs(movie)
    if not shutil.which("ffmpeg") or not shutil.which("ffprobe"):
        raise InputError("ffmpeg/ffprobe not found: install Debian's ffmpeg (./dev setup)")
    chapters = read_chapters(found["sections"])
    video = probe(movie)
    again = f"render it again: ./dev video {scene_file(movie)}"
    if abs(chapters[-1][2] - video["duration"]) > STALE:
        raise InputError(f"{found['sections']} adds up to {chapters[-1][2]:.2f} s but {movie} "
                         f"is {video['duration']:.2f} s: {again}")  # fmt: skip
    captions = captions_vtt(found["subtitles"], again)
    stem = movie.stem
    names = {"captions": f"{stem}.vtt", "chapters_vtt": f"{stem}.chapters.vtt",
             "chapters_json": f"{stem}.chapters.json", "poster": f"{stem}.poster.png",
             "video": movie.name}  # fmt: skip
    with tempfile.TemporaryDirectory(prefix=f".{stem}.", dir=movie.parent) as tmp:
        work = {what: Path(tmp) / name for what, name in names.items()}
        work["captions"].write_text(captions)
        work["chapters_vtt"].write_text(chapters_vtt(chapters))
        work["chapters_json"].write_text(chapters_json(chapters))
        ffmeta = Path(tmp) / "chapters.ffmeta"
        ffmeta.write_text(ffmetadata(chapters, title=stem))
        write_poster(movie, poster_time(movie, video), work["poster"])
        mux(movie, ffmeta, found["subtitles"], work["poster"], work["video"])
        # Each rename is whole; the mp4 last, so a failure before it leaves the mp4 unpackaged.
        return {what: path.replace(movie.parent / path.name) for what, path in work.items()}


def main_video(argv) -> int:
    """python -m publish video MOVIE.mp4: 0 packaged, 2 bad input, 1 ffmpeg failed."""
    if len(argv) != 1:
        print("usage: python -m publish video media/videos/NAME/QUALITY/Scene.mp4", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        written = package(Path(argv[0]))
    except ValueError as error:  # InputError, or a sections JSON that is none
        print(f"error: {error}", file=sys.stderr)
        return 2
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for what, path in written.items():
        print(f"{what}: {path}")
    print(f"packaged in {time.perf_counter() - started:.2f} s")
    return 0
