"""The derivation board (scenes/kit/derivation.py) and texdiff: a real chain rendered at -ql into
tmp_path, then checked against what texdiff and derivations/ say it must show."""

import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

import derivations
from scenes.kit import palette, texdiff

ROOT = Path(__file__).resolve().parents[1]
SMALLEST = 0.025  # of the frame's height, for every letter and digit on the board


# --- texdiff -----------------------------------------------------------------------------------
def changed_keys(a, b):
    pa, pb = texdiff.pieces(a), texdiff.pieces(b)
    d = texdiff.diff(pa, pb)
    return [pa[i].key for i in d.removed], [pb[j].key for j in d.added]


def test_texdiff_finds_the_changed_piece():
    assert changed_keys(r"\sum_{i=0}^{N} y_i", r"\sum_{i=1}^{N} y_i") == (["0"], ["1"])
    assert changed_keys(r"\frac{\partial}{\partial h} J", r"\frac{\partial}{\partial b} J") == (
        ["h"], ["b"])  # fmt: skip
    assert changed_keys(r"\frac{a}{|a|} \cdot W_2", r"-\frac{a}{|a|} \cdot W_2") == ([], ["-"])
    numerator = changed_keys(
        r"\frac{MAE(y)}{\partial W_{2}}", r"\frac{\partial MAE(y)}{\partial W_{2}}"
    )
    assert numerator == ([], [r"\partial"])


def test_texdiff_pieces_keep_scripts_on_their_symbol():
    keys = texdiff.keys(r"(1 + e^{-a})^{-2} \cdot \frac{\partial}{\partial a} W_{1}")
    assert keys == ["(", "1", "+", "e", "-", "a", ")", "-", "2", r"\cdot", r"\partial",
                    r"\partial", "a", "W", "1"]  # fmt: skip
    named = {p.key: p.name for p in texdiff.pieces(r"W_{1} + \theta_0")}
    assert named["W"] == "W_1" and named[r"\theta"] == r"\theta_0"


def test_texdiff_breaks_only_outside_braces():
    parts = texdiff.pieces(r"\frac{1 + x}{2} \cdot (a + b) - c")
    found = [(parts[k].key, level) for k, level in texdiff.breaks(parts)]
    assert found == [(r"\cdot", 0), ("+", 1), ("-", 0)]


def test_texdiff_rejects_broken_tex():
    with pytest.raises(texdiff.TexError, match="never closed"):
        texdiff.pieces(r"\frac{1}{N")


# --- the palette -------------------------------------------------------------------------------
def _linear(c):
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(color):
    r, g, b = (_linear(int(str(color).lstrip("#")[i : i + 2], 16)) for i in (0, 2, 4))
    xyz = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(xyz[0]), f(xyz[1]), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz), xyz[1]


def _distance(a, b):
    return sum((x - y) ** 2 for x, y in zip(_lab(a)[:3], _lab(b)[:3], strict=True)) ** 0.5


QUANTITIES = {"DATA": palette.DATA, "MODEL": palette.MODEL, "J": palette.J, "W": palette.W,
              "b": palette.b, "W2": palette.W2, "b2": palette.b2}  # fmt: skip


@pytest.mark.parametrize(
    "group",
    [QUANTITIES, palette.MODELS, dict(enumerate(palette.RATES)), palette.VERDICT],
    ids=["q", "m", "r", "verdicts"],
)
def test_palette_colours_read_on_black_and_differ(group):
    for name, color in group.items():
        assert (_lab(color)[3] + 0.05) / 0.05 >= 4.5, f"{name} {color} is too dark on black"
    names = list(group)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert _distance(group[a], group[b]) >= 20, (a, b)
    if group is not QUANTITIES:
        for name, color in group.items():
            for quantity, other in QUANTITIES.items():
                assert _distance(color, other) >= 20, (name, quantity)


# --- the board, rendered -----------------------------------------------------------------------
MSE = [s for s in derivations.chain("mse") if s.id in ("mse.J", "mse.sum")]
CHAINS = {"sigmoid_derivative": derivations.chain("sigmoid_derivative"), "mse": MSE}


def board_scene():
    from manim import Scene

    from scenes.kit.derivation import DerivationBoard

    class BoardScene(Scene):
        """Plays the chains, one board each, narrated by a silent beat of the test's own."""

        def construct(self):
            self.key_moments, self.beats, self.boards = {}, [], {}
            for name, steps in CHAINS.items():
                board = DerivationBoard(self, name.replace("_", " "))
                board.play(steps, intro=f"The {name} steps, as the notes write them.")
                self.boards[name] = board

        @contextmanager
        def beat(self, text):
            """Like Narrated.beat, but a remainder under one frame is rounding, not narration
            left: the renderer's clock moves by whole frames when it draws an animation and by
            its exact run time when the cache skips it."""
            from manim import config

            start = self.renderer.time
            clock = type("Clock", (), {"duration": max(1.2, len(text) / 14)})()
            self.beats.append((start, text))
            yield clock
            left = clock.duration - (self.renderer.time - start)
            if left > 1 / config.frame_rate:
                self.wait(left)

    return BoardScene


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from manim import tempconfig

    media = tmp_path_factory.mktemp("board") / "media"
    options = {"media_dir": str(media), "quality": "low_quality", "disable_caching": True,
               "write_to_movie": True, "progress_bar": "none", "verbosity": "WARNING"}  # fmt: skip
    with tempconfig(options):
        scene = board_scene()()
        scene.render()
    return scene


TALL = {name: derivations.chain(name) for name in ("tanh_derivative", "sigmoid")}  # long, tall


@pytest.fixture(scope="module")
def tall_boards(tmp_path_factory):
    """Two more chains, one board each: tanh's three-row chain-rule step; the sigmoid
    gradient, whose boards scroll an earlier equation's rows up to the top."""
    from manim import tempconfig

    from scenes.kit.derivation import DerivationBoard

    media = tmp_path_factory.mktemp("tall") / "media"
    options = {"media_dir": str(media), "quality": "low_quality", "disable_caching": True,
               "write_to_movie": False, "progress_bar": "none", "verbosity": "WARNING"}  # fmt: skip
    boards = {}
    with tempconfig(options):
        scene = board_scene()()
        scene.key_moments, scene.beats = {}, []

        def construct():
            for name, steps in TALL.items():
                boards[name] = DerivationBoard(scene, name)
                boards[name].play(steps, intro=f"The {name} steps.")

        scene.construct = construct
        scene.render()
    return boards


def on_screen(scene, moment):
    return [name for name, _ in scene.key_moments[moment]]


def joined(tex):
    return " ".join(p.tex for p in texdiff.pieces(tex))


@pytest.mark.render
def test_every_step_is_shown_with_its_verdict_in_the_scenes_beats(rendered):
    beats = 0
    for name, steps in CHAINS.items():
        board = rendered.boards[name]
        assert board.shown == [(s.id, s.verdict) for s in steps]
        beats += 1 + len(steps) + sum(r.explained for r in board.records)  # intro; 2 per finding
    assert len(rendered.beats) == beats


@pytest.mark.render
def test_the_previous_step_stays_while_the_next_appears(rendered):
    for name, steps in CHAINS.items():
        records = rendered.boards[name].records
        for before, record, step in zip(records, records[1:], steps[1:], strict=False):
            if step.relation:  # continues the step above: that step is still on the board
                assert before.step_id in record.above, record.step_id
                texts = " | ".join(on_screen(rendered, f"step {step.id}")
                                   if f"step {step.id}" in rendered.key_moments
                                   else on_screen(rendered, f"marked {step.id}"))  # fmt: skip
                assert before.shown_tex in texts, (before.step_id, record.step_id)


@pytest.mark.render
def test_highlights_are_exactly_what_changed(rendered):
    highlighted_some = False
    for name, steps in CHAINS.items():
        records = rendered.boards[name].records
        for before, record, step in zip(records, records[1:], steps[1:], strict=False):
            if step.relation:
                prev = texdiff.pieces(_shown_source(CHAINS[name], before))
                expected = texdiff.changed(prev, texdiff.pieces(step.tex))
                assert record.highlighted == expected, record.step_id
                highlighted_some |= bool(expected)
    assert highlighted_some, "no step of sigmoid_derivative was highlighted"


def _shown_source(steps, record):
    step = next(s for s in steps if s.id == record.step_id)
    return step.corrected_tex or step.tex


@pytest.mark.render
def test_the_wrong_step_marks_its_piece_then_shows_the_correction(rendered):
    board = rendered.boards["mse"]
    record = next(r for r in board.records if r.step_id == "mse.sum")
    step = next(s for s in MSE if s.id == "mse.sum")
    assert record.explained and record.verdict == "wrong"
    assert [record.written[i] for i in record.marked] == ["0"]  # the 0 of i=0, nothing else
    assert [record.shown[j] for j in record.fixed] == ["1"]
    assert record.shown == tuple(texdiff.keys(step.corrected_tex))
    assert record.shown_tex == joined(step.corrected_tex)
    assert any(record.shown_tex in text for text in on_screen(rendered, "corrected mse.sum"))
    marked = on_screen(rendered, "marked mse.sum")
    assert any(joined(step.tex) in text for text in marked)  # written as the notes have it
    assert any("Wrong: the sum runs over the N houses" in text for text in marked)


@pytest.mark.render
def test_no_badge_on_correct_steps(rendered):
    for record in rendered.boards["sigmoid_derivative"].records:
        assert not record.explained and not record.marked and not record.fixed
    for moment, boxes in rendered.key_moments.items():
        words = [name for name, _ in boxes]
        assert not any("correct" in w for w in words), (moment, words)


@pytest.mark.render
def test_nothing_overlaps_or_leaves_the_frame(rendered):
    from scenes.kit.probes import outside_frame, overlapping

    assert len(rendered.key_moments) >= len(CHAINS["sigmoid_derivative"]) + 2
    for moment, boxes in rendered.key_moments.items():
        assert not outside_frame(boxes), (moment, outside_frame(boxes))
        assert not overlapping(boxes), (moment, overlapping(boxes))


@pytest.mark.render
def test_every_letter_and_digit_is_readable_at_480p(rendered):
    sizes = [size for board in rendered.boards.values() for moment in board.moments.values()
             for _, size in moment["sizes"]]  # fmt: skip
    assert sizes and min(sizes) >= SMALLEST, min(sizes)


@pytest.mark.render
def test_a_continued_equation_keeps_its_first_row_on_the_board(rendered, tall_boards):
    # A row "= ..." must never be left without what it equals: when the board scrolls, the
    # equation's first row stays (it moves up to the top if it must, and stops there).
    # (A lone left side and the step after it share one row, under the latter's id.)
    # Earlier equations too: a row still on the board keeps its equation's first row.
    boards = {**rendered.boards, **tall_boards}
    for name, steps in {**CHAINS, **TALL}.items():
        block, head = [], {}  # head: step id -> the ids that hold its equation's first row
        for step, record in zip(steps, boards[name].records, strict=True):
            block = [step.id] if not step.relation else [*block, step.id]
            head[step.id] = set(block[:2]) if len(block) > 2 else None
            for shown in (*record.above, step.id):
                if head.get(shown):
                    assert head[shown] & set(record.above), (name, step.id, shown, "headless")


@pytest.mark.render
def test_scrolling_keeps_the_board_inside_its_area(rendered):
    board = rendered.boards["sigmoid_derivative"]
    for moment in board.moments.values():
        rows = [box for name, box in moment["boxes"] if name not in ("heading", "note")]
        assert all(board.bottom - 1e-6 <= y0 and y1 <= board.top + 0.6 for _, y0, _, y1 in rows)


# --- cache-stable ------------------------------------------------------------------------------
HASHES = """
import json, sys
from manim import tempconfig
sys.path.insert(0, {tests!r})
import test_kit_derivation as t
t.CHAINS.pop("sigmoid_derivative")
with tempconfig({{"media_dir": {media!r}, "quality": "low_quality", "write_to_movie": False,
                 "progress_bar": "none", "verbosity": "WARNING"}}):
    scene = t.board_scene()()
    scene.render()
print(json.dumps(scene.renderer.animations_hashes))
"""


@pytest.mark.render
def test_rendering_twice_gives_the_same_animation_hashes(tmp_path):
    code = HASHES.format(tests=str(ROOT / "tests"), media=str(tmp_path / "media"))
    runs = []
    for seed in ("1", "2"):  # different str hashes: a set's order would differ between them
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                             capture_output=True, text=True).stdout  # fmt: skip
        runs.append(json.loads(out.strip().splitlines()[-1]))
    assert runs[0] and None not in runs[0]
    assert runs[0] == runs[1]
