"""The lecture page, the index and the erratum page, built from small inputs and opened in chromium.

The inputs are what a render writes, made without Manim: a 3 s ffmpeg clip (testsrc2 + sine) as
media/videos/calculus/480p15/Calculus.mp4, its .srt, three sections and a lecture.json naming
real steps of the notes' "mse" and "sigmoid" chains (two of them wrong). The page build
packages it first (publish/video.py: captions, chapters, poster). Screenshots go to
`pytest --screenshots DIR` (or $SCREENSHOTS), else to the test's temporary folder.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import open_file

import derivations
from publish import erratum_page
from publish.page import main_page

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = [("Start", 0.0, 1.0), ("Middle", 1.0, 2.0), ("End", 2.0, 3.0)]
SUBTITLES = """1
00:00:00,000 --> 00:00:01,500
The first words.

2
00:00:01,500 --> 00:00:03,000
The second words.
"""
SHOWN = [("mse", 3), ("sigmoid", 2)]  # (chain, how many of its first steps the lecture shows)


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True, timeout=60)


def shown_steps():
    return [s for chain, n in SHOWN for s in derivations.chain(chain)[:n]]


def fake_render(folder):
    """What rendering the Calculus scene writes (mp4, srt, sections, lecture.json), tiny."""
    (folder / "sections").mkdir(parents=True)
    movie = folder / "Calculus.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=15:duration=3",
           "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:v", "libx264",
           "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", str(movie))  # fmt: skip
    (folder / "Calculus.srt").write_text(SUBTITLES)
    sections = [{"name": t.lower(), "duration": f"{e - s:.6f}"} for t, s, e in CHAPTERS]
    (folder / "sections" / "Calculus.json").write_text(json.dumps(sections))
    steps = [{"chain": s.id.split(".")[0], "step": s.id, "verdict": s.verdict}
             for s in shown_steps()]  # fmt: skip
    beats = [{"start": 0.0, "end": 1.5, "text": "The first words."}]
    record = {"scene": "Calculus", "poster_moment": "middle", "moments": {"middle": 1.2},
              "beats": beats, "steps": steps}  # fmt: skip
    (folder / "Calculus.lecture.json").write_text(json.dumps(record))


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    """A media folder with the fake render, and the page built from it."""
    media = tmp_path_factory.mktemp("publish") / "media"
    fake_render(media / "videos" / "calculus" / "480p15")
    assert main_page(["scenes/calculus.py", "--media", str(media)]) == 0
    return media


def test_the_page_folder_holds_everything_it_names(media):
    folder = media / "site" / "calculus"
    names = {p.name for p in folder.iterdir()}
    assert names == {"index.html", "calculus.mp4", "poster.png", "calculus.vtt", "plotly.min.js"}
    html = (folder / "index.html").read_text()
    assert 'src="http' not in html and 'href="http' not in html  # nothing fetched
    assert '<track id="captions" kind="captions"' in html and 'src="data:text/vtt;base64,' in html
    assert not [p for p in (media / "site").iterdir() if p.name.startswith(".")]  # no temp left


def test_the_index_lists_every_lecture_and_links_the_built_one(media):
    html = (media / "site" / "index.html").read_text()
    lectures = sorted(p.stem for p in (ROOT / "scenes").glob("*.py") if p.stem != "__init__")
    assert len(lectures) >= 8
    for name in lectures:
        built = f'href="{name}/index.html"' in html
        todo = f"Not built yet: <code>./dev page scenes/{name}.py</code>" in html
        assert (built, todo) == ((True, False) if name == "calculus" else (False, True)), name
    assert 'href="../erratum/erratum.html"' in html


def test_a_lecture_not_rendered_is_refused_with_the_command(tmp_path, capsys):
    assert main_page(["scenes/linear.py", "--media", str(tmp_path)]) == 2
    assert "render it first: ./dev video scenes/linear.py" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_an_unknown_scene_file_lists_the_lectures(tmp_path, capsys):
    assert main_page(["scenes/nope.py", "--media", str(tmp_path)]) == 2
    assert "scenes/sigmoid.py" in capsys.readouterr().err


def test_a_video_older_than_the_notes_leaves_the_old_page(media, tmp_path, capsys):
    copy = tmp_path / "media"
    shutil.copytree(media, copy)
    record = copy / "videos" / "calculus" / "480p15" / "Calculus.lecture.json"
    doc = json.loads(record.read_text())
    first = doc["steps"][0]
    first["verdict"] = "typo" if first["verdict"] != "typo" else "wrong"  # not the audit's
    record.write_text(json.dumps(doc))
    page = copy / "site" / "calculus" / "index.html"
    before = page.read_bytes()
    assert main_page(["scenes/calculus.py", "--media", str(copy)]) == 2
    assert "render it again: ./dev video scenes/calculus.py" in capsys.readouterr().err
    assert page.read_bytes() == before
    assert sorted(p.name for p in (copy / "site").iterdir()) == ["calculus", "index.html"]


@pytest.mark.browser
def test_the_page_plays_seeks_captions_and_shows_no_tex(browser, media, shots):
    page, problems = open_file(browser, media / "site" / "calculus" / "index.html")
    page.wait_for_selector("#surface.js-plotly-plot .main-svg")  # plotly drew the surface
    video = "document.getElementById('lecture')"
    page.wait_for_function(f"{video}.readyState >= 2", timeout=10_000)
    page.evaluate(f"{video}.muted = true; {video}.play()")
    page.wait_for_function(f"{video}.currentTime > 0.5", timeout=10_000)

    items = page.locator("#chapters li")
    assert items.count() == len(CHAPTERS)
    assert items.nth(0).inner_text().split() == ["0:00", "Start"]
    _, start, _ = CHAPTERS[2]
    items.nth(2).click()
    page.wait_for_function(f"Math.abs({video}.currentTime - {start}) < 0.5", timeout=5_000)
    assert "current" in items.nth(2).get_attribute("class")
    assert "current" not in (items.nth(0).get_attribute("class") or "")

    page.evaluate(f"{video}.textTracks[0].mode = 'hidden'")
    page.wait_for_function(f"{video}.textTracks[0].cues.length === 2", timeout=5_000)
    hovers = page.evaluate("document.getElementById('surface').data.map(t => t.hovertemplate)")
    assert any("epoch" in h and "W =" in h and "b =" in h and "J =" in h for h in hovers if h)

    text = page.evaluate("document.body.innerText")
    assert "$$" not in text and "\\frac" not in text
    steps = shown_steps()
    wrong = [s for s in steps if s.verdict != "correct"]
    assert wrong and all(s.reason in text for s in wrong)  # the one-line reason, as text
    formulas = len(steps) + sum(s.corrected_tex is not None for s in wrong)
    assert page.locator("ol.steps .math > svg").count() == formulas

    page.screenshot(path=shots / "page.png", full_page=True)
    page.locator("#surface").screenshot(path=shots / "surface.png")
    assert (shots / "page.png").stat().st_size > 10_000
    assert (shots / "surface.png").stat().st_size > 10_000
    assert problems == []
    page.close()


@pytest.mark.browser
def test_the_erratum_page_typesets_every_formula(browser, media, shots):
    page, problems = open_file(browser, media / "erratum" / "erratum.html")
    page.wait_for_load_state("load")
    text = page.evaluate("document.body.innerText")
    assert "$$" not in text and "\\frac" not in text
    findings = erratum_page.findings(derivations.audit(derivations.notes_path()).steps)
    firsts = [group[0] for _, groups in findings for group in groups]
    formulas = sum(1 + (s.corrected_tex is not None) for s in firsts)
    assert formulas > 0
    assert page.locator(".math > svg").count() == formulas
    page.screenshot(path=shots / "erratum.png")
    assert (shots / "erratum.png").stat().st_size > 10_000
    assert problems == []
    page.close()
