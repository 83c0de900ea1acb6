"""The slide deck of a lecture: a reveal.js deck that opens offline, and a PDF handout.

    python -m publish slides [scenes/NAME.py] [manim options, e.g. -ql]

writes media/slides/NAME/ (under --media_dir if given):
    index.html          the deck: one slide per beat, the beat's narration as presenter notes
                        (press S in the deck), its videos in index_assets/
    revealjs/dist/...   the reveal.js files the deck loads, copied from tools/web/node_modules
                        (manim-slides' default is a CDN: no deck without the network)
    NAME.pdf            the handout: one page per slide, the slide's last frame

How: `manim render` the lecture with SLIDES=1 (scenes/kit/slide_base.py makes it a manim-slides
Slide; scenes/kit/slides_compat.py lets manim-slides run on Manim 0.22). The animations are the
video's, so a deck rendered after the video reuses its partial movies and renders nothing anew.
Then `manim-slides convert` (which imports no Manim) writes the HTML, and the handout is each
slide's last frame (what `manim-slides convert --to pdf` makes, only faster). Everything is
built in temporary folders; the finished deck replaces the old one by a rename, so a failure
leaves the old deck (or none), never half of one.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import deque
from pathlib import Path

from publish.folders import replace_folder

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SCENE = ROOT / "scenes" / "sigmoid.py"
REVEAL = ROOT / "tools" / "web" / "node_modules" / "reveal.js"


class DeckError(Exception):
    """A step of the build failed; the message says which and why."""


def main_slides(argv) -> int:
    """Build the deck of argv[0] (default scenes/sigmoid.py); the rest goes to manim render."""
    scene_file, options = split_argv(argv)
    problem = input_problem(scene_file)
    if problem:
        print(f"slides: {problem}", file=sys.stderr)
        return 2
    deck = media_dir(options) / "slides" / scene_file.stem
    try:
        build(scene_file, options, deck)
    except DeckError as error:
        print(f"slides: {error}", file=sys.stderr)
        return 1
    print(f"deck:    {deck / 'index.html'}\nhandout: {deck / (scene_file.stem + '.pdf')}")
    return 0


def split_argv(argv):
    """(scene file, manim options): the file is the first argument unless it is an option."""
    if argv and not argv[0].startswith("-"):
        return Path(argv[0]), list(argv[1:])
    return DEFAULT_SCENE, list(argv)


def lectures():
    """Every lecture: scenes/*.py but the package's __init__.py."""
    files = (ROOT / "scenes").glob("*.py")
    return sorted(f"scenes/{p.name}" for p in files if p.stem != "__init__")


def input_problem(scene_file):
    """What is wrong with the input, in words that name the fix; None if nothing."""
    if not (scene_file.is_file() and scene_file.suffix == ".py"):
        return f"no scene file {scene_file}; the lectures are:\n  " + "\n  ".join(lectures())
    if not REVEAL.is_dir():
        return (f"reveal.js is not installed in {REVEAL.parent}; run: npm ci --prefix tools/web "
                "(./dev setup does it)")  # fmt: skip
    return None


def media_dir(options):
    """Where manim writes (--media_dir, else manim.cfg's media/): the deck goes there too."""
    for i, option in enumerate(options):
        if option == "--media_dir" and i + 1 < len(options):
            return ROOT / options[i + 1]  # manim runs in ROOT; an absolute path stays as it is
        if option.startswith("--media_dir="):
            return ROOT / option.split("=", 1)[1]
    return ROOT / "media"


def build(scene_file, options, deck):
    """Render, check and convert the deck in temporary folders, then move it to `deck`."""
    with tempfile.TemporaryDirectory(prefix="slides-") as slides_dir:
        slides_dir = Path(slides_dir)
        render_slides(scene_file, options, slides_dir)
        scene = scene_name(slides_dir)
        slides = checked_slides(slides_dir, scene)
        replace_folder(deck, lambda out: convert(slides_dir, scene, slides, out, scene_file.stem))


def render_slides(scene_file, options, slides_dir):
    """`manim render` the scene as slides into slides_dir (its output shows as it runs)."""
    env = {**os.environ, "SLIDES": "1", "SLIDES_DIR": str(slides_dir)}  # LECTURE_VOICE as is
    command = [sys.executable, "-m", "manim", "render", str(scene_file.resolve()), *options]
    done = subprocess.run(command, cwd=ROOT, env=env)
    if done.returncode != 0:
        raise DeckError(f"manim render failed (exit {done.returncode}): see its output above")


def scene_name(slides_dir):
    """The rendered Scene's name: manim-slides writes one <Scene>.json per scene."""
    found = sorted(slides_dir.glob("*.json"))
    if len(found) != 1:
        raise DeckError(f"expected one slide deck in {slides_dir}, found {[p.name for p in found]}"
                        " (a lecture file defines one Scene)")  # fmt: skip
    return found[0].stem


def checked_slides(slides_dir, scene):
    """The slides manim-slides wrote, checked: one per beat, in order, its narration as notes."""
    record = slides_dir / "video" / f"{scene}.lecture.json"
    if not record.exists():
        raise DeckError(f"{scene} wrote no {record.name}: a deck is made of a Lecture's beats "
                        "(scenes/kit/lecture.py)")  # fmt: skip
    beats = [beat["text"] for beat in json.loads(record.read_text())["beats"]]
    slides = json.loads((slides_dir / f"{scene}.json").read_text())["slides"]
    notes = [slide["notes"] for slide in slides]
    if not beats:
        raise DeckError(f"{scene} has no beats, so its deck would have no slides")
    if notes != beats:
        pairs = enumerate(zip(notes, beats, strict=False))
        first = next((i for i, (n, b) in pairs if n != b), min(len(notes), len(beats)))
        raise DeckError(f"{scene}: {len(notes)} slides for {len(beats)} beats, first difference at "
                        f"slide {first + 1}: was something played outside a beat before the "
                        "first one? Every slide starts at a beat.")  # fmt: skip
    return slides


def convert(slides_dir, scene, slides, out, name):
    """index.html (+ index_assets/, revealjs/) and NAME.pdf in `out`.

    manim-slides writes the HTML in a process of its own while this one writes the handout.
    """
    html = out / "index.html"
    command = [sys.executable, "-m", "manim_slides", "convert", "--folder", str(slides_dir),
               "--to", "html", "-ccdn_url=revealjs", scene, str(html)]  # fmt: skip
    with tempfile.TemporaryFile("w+") as log:
        with subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT) as job:
            write_handout([slide["file"] for slide in slides], out / f"{name}.pdf")
        if job.returncode != 0 or not html.exists():
            log.seek(0)
            raise DeckError(f"manim-slides convert --to html failed:\n{log.read()}")
    copy_reveal(html, out)


def write_handout(videos, pdf):
    """A PDF of each video's last frame, one page each, as `manim-slides convert --to pdf`
    writes it (100 dpi) but without decoding every frame of every slide: 3x faster at -ql."""
    pages = [last_frame(video) for video in videos]
    pages[0].save(pdf, "PDF", resolution=100, save_all=True, append_images=pages[1:])


def last_frame(video):
    """The last frame of a video: decoded from its last keyframe on (each partial movie starts
    with one), or from the start if seeking finds nothing."""
    import av  # PyAV comes with Manim; only the handout needs it

    with av.open(str(video)) as container:
        container.streams.video[0].thread_type = "AUTO"  # decode on every core
        if container.duration:
            container.seek(container.duration - 1, backward=True)  # to the last keyframe
        last = deque(container.decode(video=0), maxlen=1)
        if not last:
            container.seek(0)
            last = deque(container.decode(video=0), maxlen=1)
    if not last:
        raise DeckError(f"{video} has no frame")
    return last[0].to_image()


def copy_reveal(html, out):
    """Copy every reveal.js file the deck loads (the template's, outside HTML comments)."""
    text = re.sub(r"<!--.*?-->", "", html.read_text(), flags=re.DOTALL)
    for path in sorted(set(re.findall(r'(?:href|src)="revealjs/([^"]+)"', text))):
        source = REVEAL / path
        if not source.is_file():
            raise DeckError(f"the deck loads revealjs/{path}, which {REVEAL} lacks: is "
                            "tools/web's reveal.js the version manim-slides names?")  # fmt: skip
        target = out / "revealjs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
