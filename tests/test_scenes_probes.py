"""The probes the lecture tests run (scenes/kit/probes.py), checked on texts of known size."""

import pytest


@pytest.fixture
def scene(tmp_path):
    from manim import Scene, tempconfig

    with tempconfig({"media_dir": str(tmp_path / "media"), "quality": "low_quality"}):
        yield Scene()


def test_smallest_glyph_is_the_smallest_texts_tallest_glyph(scene):
    from manim import DOWN, UP, config

    from scenes.kit.probes import smallest_glyph
    from scenes.kit.typeset import label, text

    big = text("Houses", 40).shift(UP)
    small = label("floors.", 20).shift(DOWN)  # one merged path: measured outline by outline
    scene.add(big, small)
    size, name = smallest_glyph(scene)
    assert name == "floors."
    tallest = max(glyph.height for glyph in text("floors.", 20))  # 'f' and 'l', not the dot
    assert size == pytest.approx(tallest / config.frame_height, rel=1e-3)


def test_hidden_text_is_not_measured(scene):
    from scenes.kit.probes import smallest_glyph, text_boxes
    from scenes.kit.typeset import label

    scene.add(label("shown", 30), label("faded", 10).set_opacity(0), label("=", 10))
    assert smallest_glyph(scene)[1] == "shown"  # '=' has no glyph height, 'faded' is hidden
    assert [name for name, _ in text_boxes(scene)] == ["shown", "="]


def test_overlaps_and_frame_exits_are_named():
    from manim import config

    from scenes.kit.probes import outside_frame, overlapping

    w = config.frame_width / 2
    boxes = [("a", (0, 0, 1, 1)), ("b", (0.5, 0.5, 1.5, 1.5)), ("c", (w - 0.1, 0, w + 0.5, 1))]
    assert overlapping(boxes) == [("a", "b")]
    assert outside_frame(boxes) == ["c"]
