"""The slide deck (publish/deck.py): a tiny three-beat lecture, rendered as a video and then as a
deck into one temporary media folder, the way a lecturer does it (`manim render`, then
`python -m publish slides`). About 15 s: two -ql renders of a few seconds, two conversions.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from publish import deck as deck_module
from publish.deck import main_slides

ROOT = Path(__file__).resolve().parents[1]
BEATS = ["A circle.", "It becomes a **square**: Markdown in the notes.", "And it fades away."]
TINY = f"""
from manim import Circle, Create, FadeOut, Square, Transform

from scenes.kit.lecture import Lecture, section


class Tiny(Lecture):
    def construct(self):
        self.shapes()
        self.ending()

    @section("shapes")
    def shapes(self):
        self.shape = Circle()
        self.say({BEATS[0]!r}, Create(self.shape))
        self.say({BEATS[1]!r}, Transform(self.shape, Square()))

    @section("ending")
    def ending(self):
        self.say({BEATS[2]!r}, FadeOut(self.shape))
"""


def digests(folder):
    """File name -> md5 of everything the plain render wrote beside its mp4 (and sections/)."""
    files = [*folder.glob("Tiny*"), *folder.glob("sections/Tiny*")]
    return {p.name: hashlib.md5(p.read_bytes()).hexdigest() for p in files if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The tiny lecture's video (a plain render), then its deck, in one media folder."""
    tmp = tmp_path_factory.mktemp("slides")
    scene, media = tmp / "tiny.py", tmp / "media"
    scene.write_text(TINY)
    options = ["-ql", "--media_dir", str(media), "--progress_bar", "none"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LECTURE_VOICE", "off")
        patch.delenv("SLIDES", raising=False)
        command = [sys.executable, "-m", "manim", "render", str(scene), *options]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        video = media / "videos" / "tiny" / "480p15"
        cache = video / "partial_movie_files" / "Tiny"
        before = SimpleNamespace(movies=set(cache.glob("*.mp4")), files=digests(video))
        code = main_slides([str(scene), *options])
    return SimpleNamespace(
        code=code, scene=scene, options=options, video=video, cache=cache, before=before,
        deck=media / "slides" / "tiny",
    )  # fmt: skip


def test_slides_shim_is_still_needed():
    # When Manim has write_to_movie again, try manim-slides without slides_compat and delete it.
    code = "from manim._config.utils import ManimConfig as C; print(hasattr(C, 'write_to_movie'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", "Manim has write_to_movie again: is slides_compat needed?"


def test_a_plain_render_never_imports_manim_slides():
    code = "import sys, scenes.kit.slide_base; print('manim_slides' in sys.modules)"
    env = {k: v for k, v in os.environ.items() if k != "SLIDES"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=ROOT, check=True)  # fmt: skip
    assert out.stdout.strip() == "False"


@pytest.mark.render
def test_deck_has_a_slide_per_beat_with_its_narration_as_notes(built):
    assert built.code == 0
    html = (built.deck / "index.html").read_text()
    slides = re.findall(r"<section\b(.*?)</section>", html, flags=re.DOTALL)
    notes = [re.search(r'<aside class="notes" data-markdown>(.*?)</aside>', s, re.DOTALL)
             for s in slides]  # fmt: skip
    assert [n and n.group(1) for n in notes] == BEATS
    record = json.loads((built.video / "Tiny.lecture.json").read_text())  # the plain render's
    assert [beat["text"] for beat in record["beats"]] == BEATS
    for video in re.findall(r'data-background-video="([^"]+)"', html):
        assert (built.deck / video).stat().st_size > 0


@pytest.mark.render
def test_deck_loads_reveal_from_beside_it_never_from_a_cdn(built):
    html = (built.deck / "index.html").read_text()
    loaded = re.findall(r'(?:href|src)="([^"]+)"', re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL))
    reveal = [url for url in loaded if "reveal" in url]
    assert "revealjs/dist/reveal.js" in reveal and "revealjs/dist/plugin/notes.js" in reveal
    assert not [url for url in loaded if "://" in url]
    assert all((built.deck / url).is_file() for url in reveal)


@pytest.mark.render
def test_handout_has_a_page_per_slide_showing_its_last_frame(built, tmp_path):
    if shutil.which("pdfinfo") is None:
        pytest.fail("the handout test needs poppler-utils: apt-get install -y poppler-utils")
    pdf = built.deck / "tiny.pdf"
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE).group(1) == str(len(BEATS))
    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", pdf, tmp_path / "page"], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    brightest = [Image.open(p).convert("L").getextrema()[1] for p in pages]
    # Slide 2 ends on the white square; slide 3 on the black frame it faded to.
    assert brightest[1] > 128 and brightest[2] < 32


@pytest.mark.render
def test_deck_reuses_the_videos_partial_movies_and_leaves_the_video_alone(built):
    assert set(built.cache.glob("*.mp4")) == built.before.movies  # nothing rendered anew
    assert digests(built.video) == built.before.files  # mp4, .srt, .lecture.json, sections
    assert {"Tiny.mp4", "Tiny.srt", "Tiny.lecture.json", "Tiny.json"} <= set(built.before.files)


@pytest.mark.render
@pytest.mark.browser
def test_deck_works_offline_in_chromium(built, browser, shots):
    from browser import open_file

    page, problems = open_file(browser, built.deck / "index.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=10_000)
    assert page.evaluate("Reveal.getTotalSlides()") == len(BEATS)
    assert page.evaluate("Reveal.getIndices().h") == 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1", timeout=3_000)
    assert "<strong>square</strong>" in page.evaluate("Reveal.getSlideNotes()")
    # The slide's animation plays (its background video runs) before the screenshot.
    page.wait_for_function("Reveal.getCurrentSlide().slideBackgroundContentElement"
                           ".querySelector('video').currentTime > 0.3", timeout=5_000)  # fmt: skip
    page.screenshot(path=shots / "slide-2.png")
    page.close()
    assert (shots / "slide-2.png").stat().st_size > 0
    assert problems == []


@pytest.mark.render
def test_a_failed_build_leaves_the_old_deck(built, tmp_path, monkeypatch):
    monkeypatch.setenv("LECTURE_VOICE", "off")
    before = (built.deck / "index.html").read_bytes()
    broken = tmp_path / "tiny.py"  # the same lecture name, so its deck would replace the old one
    broken.write_text(TINY.replace("self.ending()", "raise RuntimeError('broken lecture')"))
    assert main_slides([str(broken), *built.options]) == 1
    assert (built.deck / "index.html").read_bytes() == before
    assert sorted(p.name for p in built.deck.parent.iterdir()) == ["tiny"]  # no temporary left


def test_an_unknown_scene_file_lists_the_lectures(capsys, tmp_path):
    assert main_slides([str(tmp_path / "nope.py"), "-ql"]) == 2
    error = capsys.readouterr().err
    assert "nope.py" in error
    lectures = [p.name for p in (ROOT / "scenes").glob("*.py") if p.stem != "__init__"]
    assert lectures and all(f"scenes/{name}" in error for name in lectures)
    assert "__init__" not in error


def test_missing_reveal_names_the_command(capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(deck_module, "REVEAL", tmp_path / "node_modules" / "reveal.js")
    assert main_slides([str(ROOT / "scenes" / "calculus.py")]) == 2
    assert "npm ci --prefix tools/web" in capsys.readouterr().err
