"""A lecture whose inputs did not change since its last render is not built again
(scenes/kit/unchanged.py); any change to them, or a missing output, renders it again."""

import json

import pytest
from manim import Dot, FadeIn, tempconfig

from scenes.kit.lecture import Lecture


class Tiny(Lecture):
    built = 0  # how many times construct() ran

    def construct(self):
        type(self).built += 1
        with self.beat("One dot.") as t:
            self.play(FadeIn(Dot()), run_time=t.duration)


def render(media):
    options = {"media_dir": str(media), "quality": "low_quality", "progress_bar": "none",
               "verbosity": "WARNING", "save_sections": True}  # fmt: skip
    with tempconfig(options):
        scene = Tiny()
        scene.render()
    return scene


@pytest.mark.render
def test_an_unchanged_lecture_is_not_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("LECTURE_VOICE", "off")
    media = tmp_path / "media"
    render(media)
    assert Tiny.built == 1
    movie = next(media.rglob("Tiny.mp4"))
    assert movie.with_suffix(".stamp").exists()
    record = json.loads(movie.with_suffix(".lecture.json").read_text())
    assert [beat["text"] for beat in record["beats"]] == ["One dot."]
    assert record["scene"] == "Tiny" and record["beats"][0]["end"] > record["beats"][0]["start"]

    render(media)
    assert Tiny.built == 1, "nothing changed, yet the lecture was built again"

    monkeypatch.setenv("LECTURE_VOICE", "silent")  # another spelling of off: still a change
    render(media)
    assert Tiny.built == 2

    movie.with_suffix(".srt").unlink()  # an output is missing: render again
    render(media)
    assert Tiny.built == 3 and movie.with_suffix(".srt").exists()


@pytest.mark.render
def test_without_the_cache_every_render_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("LECTURE_VOICE", "off")
    before = Tiny.built
    for _ in range(2):
        with tempconfig({"disable_caching": True}):
            render(tmp_path / "media")
    assert Tiny.built == before + 2
    assert not any((tmp_path / "media").rglob("*.stamp"))
