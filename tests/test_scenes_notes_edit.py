"""The lectures follow the notes: an edit to the notes file shows in the next render, and Manim's
cache sees it (the edited step's animations re-render, an unchanged render re-renders nothing)."""

import shutil
from pathlib import Path

import pytest

import derivations

pytestmark = pytest.mark.render
ROOT = Path(__file__).resolve().parents[1]
TYPO = r"$$f_{x} = \frac{\partial f}{\partial y}"  # line 8: the limit moves y, so this is f_y
FIXED = r"$$f_{y} = \frac{\partial f}{\partial y}"


def definition_scene():
    """A lecture that shows only the notes' definition of a partial derivative (chain limits)."""
    from scenes.kit.lecture import Lecture

    def words(step, first):
        return ("As the notes write it.", "Corrected.") if first else "The next step."

    class Definition(Lecture):
        def construct(self):
            self.derive("limits", "The definition in the notes", narration=words)

    return Definition


def render(media):
    """Render the definition with Manim's cache on; return (scene, partial movies written)."""
    from manim import tempconfig

    before = set(media.rglob("partial_movie_files/**/*.mp4"))
    options = {"media_dir": str(media), "quality": "low_quality", "disable_caching": False,
               "progress_bar": "none", "verbosity": "WARNING"}  # fmt: skip
    with tempconfig(options):
        scene = definition_scene()()
        scene.render()
    return scene, set(media.rglob("partial_movie_files/**/*.mp4")) - before


def test_a_notes_edit_re_renders_the_edited_step_only(tmp_path, monkeypatch):
    notes = tmp_path / "notes" / "house-prices.md"
    notes.parent.mkdir()
    shutil.copy(ROOT / "notes" / "house-prices.md", notes)
    shutil.copy(ROOT / "notes" / "house-prices.toml", notes.with_suffix(".toml"))
    monkeypatch.setenv("LECTURE_VOICE", "off")
    monkeypatch.setenv("HOUSE_PRICES_NOTES", str(notes))
    media = tmp_path / "media"

    first, written = render(media)
    assert written, "the first render wrote no partial movies"
    assert ("limits", "limits.fy.name", "typo") in first.verdicts

    _, again = render(media)
    assert again == set(), f"an unchanged render re-rendered {len(again)} animations"

    text = notes.read_text(encoding="utf-8")
    assert text.count(TYPO) == 1
    notes.write_text(text.replace(TYPO, FIXED), encoding="utf-8")
    edited, redone = render(media)
    assert ("limits", "limits.fy.name", "correct") in edited.verdicts, edited.verdicts
    assert redone, "the edited step did not re-render"
    assert len(redone) < len(written), "more than the edited step re-rendered"
    shown = [s.tex for s in derivations.chain("limits") if s.id == "limits.fy.name"]
    assert shown == ["f_{y}"]
