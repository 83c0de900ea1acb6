"""The dialect the reader understands, on small notes of its own (one generic part each)."""

from derivations import audit


def audited(tmp_path, text):
    notes = tmp_path / "notes.md"
    notes.write_text(text, encoding="utf-8")
    return [(s.line, s.relation, s.tex, s.verdict) for s in audit(notes).steps]


def test_displays_rows_and_inline_formulas(tmp_path):
    steps = audited(
        tmp_path,
        "$$\\begin{split} &\\frac{\\partial}{\\partial x} x^2 = \\\\ &= 2 x \\end{split}$$\n"
        "so $\\frac{\\partial}{\\partial x} x^3 = 3 x^{2}$ too\n",
    )
    assert steps == [
        (1, "", r"\frac{\partial}{\partial x} x^2", "correct"),
        (1, "=", "2 x", "correct"),
        (2, "", r"\frac{\partial}{\partial x} x^3", "correct"),
        (2, "=", "3 x^{2}", "correct"),
    ]


def test_a_later_definition_shadows_an_earlier_one(tmp_path):
    steps = audited(
        tmp_path,
        "$$a = 2 x$$\n$$\\frac{\\partial}{\\partial x} a^2 = 8 x$$\n"
        "$$a = 3 x$$\n$$\\frac{\\partial}{\\partial x} a^2 = 8 x$$\n",
    )
    assert [v for *_, v in steps] == ["correct"] * 7 + ["wrong"]
    assert steps[-1][0] == 4


def test_equals_to_continues_and_a_label_is_not_math(tmp_path):
    steps = audited(
        tmp_path,
        "$$dx \\, square : \\frac{\\partial}{\\partial x} x^2$$\nequals to:\n$$2 x$$\n",
    )
    assert [(r, t) for _, r, t, _ in steps] == [
        ("", r"\frac{\partial}{\partial x} x^2"),
        ("=", "2 x"),
    ]


def test_the_notes_slips_are_typos_with_their_fix(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("$$\\frac{x^2}{\\partial x} = 2 x$$\n", encoding="utf-8")
    (first, second) = audit(notes).steps
    assert first.verdict == "typo" and first.corrected_tex == r"\frac{\partial x^2}{\partial x}"
    assert second.verdict == "correct"
