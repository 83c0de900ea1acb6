"""Edits of the notes are re-verified: a fix makes its step correct, an error flags its line."""

import shutil
from pathlib import Path

import pytest

from derivations import audit

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT / "notes" / "house-prices.md"
EXAMPLE = ROOT / "notes" / "example.md"


def edited(tmp_path, line, old, new):
    """A copy of the notes (with its declarations) where line `line` has `old` -> `new`."""
    copy = tmp_path / "house-prices.md"
    shutil.copy(NOTES.with_suffix(".toml"), copy.with_suffix(".toml"))
    lines = NOTES.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], (line, old)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    copy.write_text("\n".join(lines), encoding="utf-8")
    return audit(copy)


def findings(result):
    """{(position, line)} of the steps that are not correct (the edits keep the step count)."""
    return {(k, s.line) for k, s in enumerate(result.steps) if s.verdict != "correct"}


BEFORE = findings(audit(NOTES))


@pytest.mark.parametrize(
    ("line", "old", "new", "step_id", "verdict"),
    [
        (22, "i=0", "i=1", "mse.sum", "correct"),  # the sum over the N houses
        # d m / d b_1 = 1: right now, only the notes' notation slip (no \partial on top) is left
        (199, r"\cdot x$$", r"\cdot 1$$", "tanh_net.db1.1", "typo"),
    ],
)
def test_a_fix_makes_the_step_correct(tmp_path, line, old, new, step_id, verdict):
    """The fixed step, where the finding was, is right now; its id stays in the audit (the
    name follows the edited step) so that the lectures keep showing it."""
    at = [s.id for s in audit(NOTES).steps].index(step_id)
    after = edited(tmp_path, line, old, new)
    assert (after.steps[at].line, after.steps[at].verdict) == (line, verdict)
    assert step_id in {s.id for s in after.steps}
    assert any(step_id in w and "changed" in w for w in after.warnings)


def test_fixing_line_199_whole_makes_every_step_of_it_correct(tmp_path):
    """The lecturer's full fix of line 199: the factor 1 for x, and the partial signs on top."""
    copy = tmp_path / "house-prices.md"
    shutil.copy(NOTES.with_suffix(".toml"), copy.with_suffix(".toml"))
    lines = NOTES.read_text(encoding="utf-8").split("\n")
    fixed = lines[198].replace(r"\cdot x$$", r"\cdot 1$$")
    for top in ("y'", "LeakyReLu(k)", "Linear(W_2, b_2, l)", r"\tanh(m)"):
        fixed = fixed.replace(rf"\frac{{{top}}}", rf"\frac{{\partial {top}}}")
    assert fixed.count(r"\partial") == 8, fixed
    lines[198] = fixed
    copy.write_text("\n".join(lines), encoding="utf-8")
    steps = [s for s in audit(copy).steps if s.line == 199]
    assert steps and all(s.verdict == "correct" for s in steps), [(s.id, s.verdict) for s in steps]
    before = [s for s in audit(NOTES).steps if s.line == 199]
    assert any(s.verdict != "correct" for s in before)


@pytest.mark.parametrize(
    ("line", "old", "new"),
    [
        (14, "= W$$", "= b$$"),  # swap a variable: dx linear
        (106, r"W \cdot 3 \cdot x^2", r"3 \cdot x^2"),  # drop a factor: dx cubic
        (92, r"(e^{-a} \cdot -1)", r"(e^{-a} \cdot 1)"),  # flip a sign: the sigmoid's chain rule
        (
            92,
            r"\frac{e^{-a}}{(1 + e^{-a})^2} = \\",
            r"\frac{e^{-a}}{(1 + e^{-a})^3} = \\",
        ),  # exponent
        (163, r"\alpha, x \le 0", r"0, x \le 0"),  # LeakyReLU' for x <= 0
        (129, "= 1$$", "= x$$"),  # dLinear/db_i
    ],
)
def test_an_injected_error_flags_exactly_its_line(tmp_path, line, old, new):
    after = edited(tmp_path, line, old, new)
    new_findings = findings(after) - BEFORE
    assert new_findings and {ln for _, ln in new_findings} == {line}, new_findings
    for k, s in enumerate(after.steps):
        if (k, s.line) in new_findings:
            assert s.corrected_tex and s.reason and s.corrected_expr is not None


def test_an_edit_is_seen_by_chain(tmp_path, monkeypatch):
    """chain() follows the chosen notes file: HOUSE_PRICES_NOTES, or use_notes(path)."""
    import derivations

    def verdict():
        return {s.id: s.verdict for s in derivations.chain("mse")}["mse.sum"]

    edited(tmp_path, 22, "i=0", "i=1")
    monkeypatch.setenv("HOUSE_PRICES_NOTES", str(tmp_path / "house-prices.md"))
    assert verdict() == "correct"
    derivations.use_notes(NOTES)
    try:
        assert verdict() == "wrong"
    finally:
        derivations.use_notes(None)


def test_the_example_notes(tmp_path):
    """The shipped example: a derivation of its own, with exactly one deliberate error."""
    result = audit(EXAMPLE)
    bad = [s for s in result.steps if s.verdict != "correct"]
    assert len(result.steps) == 7 and [(s.line, s.verdict) for s in bad] == [(11, "wrong")]
    assert bad[0].corrected_tex == "2 e^{2 x}" and "factor 2" in bad[0].reason
