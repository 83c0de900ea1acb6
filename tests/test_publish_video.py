"""Packaging a lecture video (publish/video.py) on a 2 s clip ffmpeg makes: no Manim render.

The clip is red for 0.8 s, then green, at 15 fps, with one blue frame at the poster moment (1.4 s,
frame 21), so the poster's pixel says which frame it was taken from; ffprobe reads back the
chapters and streams, ffmpeg the WebVTT files.
"""

import json
import shutil
import subprocess

import pytest
import srt
from PIL import Image

from publish.chapters import chapter_title, chapters_from_sections, ffmetadata, ffmetadata_escape
from publish.video import main_video, package

SIZE, FPS = (160, 90), 15
COLOURS = [("red", 0.8), ("lime", 1.2)]  # 2.0 s in all
FLASH = 21  # the one blue frame: 1.4 s, the poster moment
SECTIONS = [  # as Manim writes them, with a zero-length one to drop
    {"name": "autocreated", "duration": "0.000000"},
    {"name": "1 question and data", "duration": "0.800000"},
    {"name": "graph", "duration": "0.600000"},
    {"name": "3 linear layer", "duration": "0.600000"},
]
CHAPTERS = [("Question and data", 0.0, 0.8), ("Graph", 0.8, 1.4), ("Linear layer", 1.4, 2.0)]
SRT = """1
00:00:00,100 --> 00:00:00,700
W & b, and x < 0

2
00:00:01,000 --> 00:00:01,900
The slope,
two lines.
"""
# "fit" rounded to the millisecond past its frame's start, as a Lecture's record may have it
RECORD = {"scene": "Clip", "poster_moment": "fit", "moments": {"data": 0.3, "fit": 1.4003}}
SIDECARS = ["Clip.vtt", "Clip.chapters.vtt", "Clip.chapters.json", "Clip.poster.png"]


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True)


def ffprobe(path, *args):
    out = subprocess.run(["ffprobe", "-v", "error", *args, "-of", "json", str(path)],
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    return json.loads(out)


def make_clip(path, sound):
    colours = ";".join(f"color=c={c}:s={SIZE[0]}x{SIZE[1]}:r={FPS}:d={d}[c{i}]"
                       for i, (c, d) in enumerate(COLOURS))  # fmt: skip
    joined = "".join(f"[c{i}]" for i in range(len(COLOURS)))
    flash = f"drawbox=c=blue:t=fill:enable=eq(n\\,{FLASH})"
    video = ["-f", "lavfi", "-i", f"{colours};{joined}concat=n={len(COLOURS)},{flash}[out0]"]
    audio = ["-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac"] if sound else []
    ffmpeg(*video, *audio, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-shortest", str(path))


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    """{"sound": mp4, "silent": mp4}, made once."""
    folder = tmp_path_factory.mktemp("clips")
    made = {}
    for kind in ("sound", "silent"):
        made[kind] = folder / f"{kind}.mp4"
        make_clip(made[kind], sound=kind == "sound")
    return made


def lay_out(folder, clip, record=RECORD):
    """A render's output as Manim lays it out: media/videos/clip/480p15/Clip.mp4 and beside."""
    movie = folder / "media" / "videos" / "clip" / "480p15" / "Clip.mp4"
    (movie.parent / "sections").mkdir(parents=True)
    shutil.copy(clip, movie)
    movie.with_suffix(".srt").write_text(SRT)
    (movie.parent / "sections" / "Clip.json").write_text(json.dumps(SECTIONS))
    if record:
        movie.with_suffix(".lecture.json").write_text(json.dumps(record))
    return movie


@pytest.fixture(scope="module")
def packaged(clips, tmp_path_factory):
    """The clip with sound, packaged once: (its mp4, what package returned)."""
    movie = lay_out(tmp_path_factory.mktemp("packaged"), clips["sound"])
    return movie, package(movie)


def streams(movie):
    """(type, codec, attached_pic, language) of each stream."""
    found = ffprobe(movie, "-show_streams")["streams"]
    return [(s["codec_type"], s["codec_name"], s["disposition"]["attached_pic"],
             s.get("tags", {}).get("language")) for s in found]  # fmt: skip


def chapters(movie):
    found = ffprobe(movie, "-show_chapters")["chapters"]
    return [(c["tags"]["title"], float(c["start_time"]), float(c["end_time"])) for c in found]


def vtt_cues(path):
    """The cues of a WebVTT file as ffmpeg's WebVTT reader reads them (it rejects bad ones)."""
    assert path.read_text().startswith("WEBVTT\n\n")
    out = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-f", "srt", "-"],
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    return [(s.start.total_seconds(), s.end.total_seconds(), s.content) for s in srt.parse(out)]


def pixel(png):
    with Image.open(png) as image:
        return image.size, image.format, image.convert("RGB").getpixel((SIZE[0] // 2, SIZE[1] // 2))


def dominant(rgb):
    return "rgb"[max(range(3), key=lambda i: rgb[i])]


def test_chapter_titles_are_what_a_student_reads():
    assert chapter_title("1 question and data") == "Question and data"
    assert chapter_title("12. gradient") == "Gradient"
    assert chapter_title("linear layer") == "Linear layer"
    assert chapter_title("J(W, b) surface") == "J(W, b) surface"  # the rest keeps its case
    assert chapter_title("title") == "Title"
    assert chapter_title("autocreated") == "Title"


def test_chapters_accumulate_and_drop_empty_sections():
    got = chapters_from_sections(SECTIONS)
    assert [(t, round(s, 9), round(e, 9)) for t, s, e in got] == CHAPTERS
    before_first = [{"name": "autocreated", "duration": "1.5"}, {"name": "title", "duration": "2"},
                    {"name": "2 limit", "duration": "3.25"}]  # fmt: skip
    # what plays before the first @section and a "title" section are one chapter, not two
    assert chapters_from_sections(before_first) == [("Title", 0.0, 3.5), ("Limit", 3.5, 6.75)]


def test_ffmetadata_escapes_its_specials():
    assert ffmetadata_escape("a=b; c#d \\ e\nf") == "a\\=b\\; c\\#d \\\\ e\\\nf"
    text = ffmetadata([("x = 1; #2", 0.0, 1.25)], title="Calc")
    assert text.splitlines() == [";FFMETADATA1", "title=Calc", "[CHAPTER]", "TIMEBASE=1/1000",
                                 "START=0", "END=1250", "title=x \\= 1\\; \\#2"]  # fmt: skip


def test_the_mp4_lists_the_sections_as_chapters(packaged):
    movie, _ = packaged
    assert [(t, round(s, 3)) for t, s, _ in chapters(movie)] == [(t, s) for t, s, _ in CHAPTERS]
    video = ffprobe(movie, "-select_streams", "V:0", "-show_streams")["streams"][0]
    # the last chapter ends where the video does (Manim's section lengths add up to it)
    assert chapters(movie)[-1][2] == pytest.approx(float(video["duration"]), abs=2 / FPS)


def test_the_mp4_has_subtitles_and_a_cover_with_its_streams_copied(packaged, clips):
    movie, _ = packaged
    kinds = [(t, codec, pic) for t, codec, pic, _ in streams(movie) if t != "data"]
    assert kinds == [("video", "h264", 0), ("audio", "aac", 0), ("subtitle", "mov_text", 0),
                     ("video", "png", 1)]  # fmt: skip
    assert [lang for t, _, _, lang in streams(movie) if t == "subtitle"] == ["eng"]

    def packets(path):  # the video's encoded packets: the same bytes if they were copied
        command = ["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:V:0", "-c", "copy"]
        return subprocess.run([*command, "-f", "md5", "-"], capture_output=True, check=True).stdout

    assert packets(movie) == packets(clips["sound"])


def test_the_sidecars_are_written_beside_the_mp4(packaged):
    movie, written = packaged
    assert sorted(p.name for p in written.values()) == sorted(SIDECARS + ["Clip.mp4"])
    assert all(p.parent == movie.parent and p.is_file() for p in written.values())
    assert sorted(p.name for p in movie.parent.iterdir() if p.name.startswith(".")) == []
    rows = json.loads(written["chapters_json"].read_text())
    assert [(r["title"], r["start"], r["end"]) for r in rows] == CHAPTERS


def test_the_vtt_files_are_webvtt_with_the_cues(packaged):
    _, written = packaged
    assert vtt_cues(written["captions"]) == [(0.1, 0.7, "W & b, and x < 0"),
                                             (1.0, 1.9, "The slope,\ntwo lines.")]  # fmt: skip
    assert "&lt;" in written["captions"].read_text()  # a bare '<' would open a WebVTT tag
    assert vtt_cues(written["chapters_vtt"]) == [(s, e, t) for t, s, e in CHAPTERS]


def test_the_poster_is_the_frame_of_the_poster_moment(packaged):
    _, written = packaged
    size, kind, rgb = pixel(written["poster"])
    assert (size, kind) == (SIZE, "PNG")
    # the frame that starts at the moment: not the one before (still drawing) or after it
    assert dominant(rgb) == "b", rgb


@pytest.mark.parametrize("moment", [1.3997, 1.4])
def test_the_poster_moment_is_read_to_its_frame(clips, tmp_path, moment):
    record = {**RECORD, "moments": {"fit": moment}}
    movie = lay_out(tmp_path, clips["sound"], record=record)
    _, _, rgb = pixel(package(movie)["poster"])
    assert dominant(rgb) == "b", rgb


def test_without_a_lecture_record_the_poster_is_the_middle(clips, tmp_path):
    movie = lay_out(tmp_path, clips["sound"], record=None)
    _, _, rgb = pixel(package(movie)["poster"])
    assert dominant(rgb) == "g", rgb  # 1.0 s is green


def test_packaging_twice_gives_the_same_file(packaged):
    movie, _ = packaged
    before = (streams(movie), chapters(movie))
    package(movie)
    assert (streams(movie), chapters(movie)) == before


def test_a_silent_clip_packages_too(clips, tmp_path):
    movie = lay_out(tmp_path, clips["silent"])
    assert main_video([str(movie)]) == 0
    kinds = [t for t, _, _, _ in streams(movie) if t != "data"]
    assert kinds == ["video", "subtitle", "video"]
    assert len(chapters(movie)) == len(CHAPTERS)


@pytest.mark.parametrize("missing", ["Clip.srt", "sections/Clip.json", "Clip.mp4"])
def test_a_missing_input_is_exit_2_and_writes_nothing(clips, tmp_path, capsys, missing):
    movie = lay_out(tmp_path, clips["sound"])
    (movie.parent / missing).unlink()
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    assert main_video([str(movie)]) == 2
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before
    error = capsys.readouterr().err
    assert missing in error and "render it first: ./dev video scenes/clip.py" in error


BAD = {  # file -> (its text, what the error says)
    "sections/Clip.json": (json.dumps(SECTIONS * 3), "adds up to 6.00 s"),  # another render's
    "Clip.srt": ("", "no subtitle in it"),
}


@pytest.mark.parametrize("name", BAD)
def test_an_input_that_does_not_fit_is_exit_2_and_writes_nothing(clips, tmp_path, capsys, name):
    movie = lay_out(tmp_path, clips["sound"])
    text, says = BAD[name]
    (movie.parent / name).write_text(text)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    assert main_video([str(movie)]) == 2
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before
    error = capsys.readouterr().err
    assert says in error and "render it again: ./dev video scenes/clip.py" in error
