"""Bad notes: a clear message naming the line, exit 2, nothing written; 0 / 1 like a linter."""

import pytest

import derivations.__main__ as cli


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the notes"),
        (b"$$x = 1$$\n\xff\xfe\n", "notes.md:2: not UTF-8"),
        (b"# only prose here\n", "no equations"),
        (b"text\n$$\\frac{\\partial}{\\partial x} x^2 = 2 x\n", "notes.md:2: unclosed display $$"),
        (b"a $x = 1\n", "notes.md:1: unclosed inline $"),
    ],
)
def test_unreadable_notes_exit_2(tmp_path, capsys, content, message):
    notes = tmp_path / "notes.md"
    if content is not None:
        notes.write_bytes(content)
    out = tmp_path / "erratum"
    assert cli.main(["audit", str(notes), "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()  # nothing half-written


def test_exit_codes_like_a_linter(tmp_path, capsys):
    notes = tmp_path / "notes.md"
    notes.write_text("$$\\frac{\\partial}{\\partial x} x^2 = 2 x$$\n", encoding="utf-8")
    assert cli.main(["audit", str(notes), "--out", str(tmp_path)]) == 0
    notes.write_text("$$\\frac{\\partial}{\\partial x} x^2 = 2$$\n", encoding="utf-8")
    assert cli.main(["audit", str(notes), "--out", str(tmp_path)]) == 1
    assert "line   1 wrong" in capsys.readouterr().out


def test_an_unreadable_step_names_the_token(tmp_path, capsys):
    notes = tmp_path / "notes.md"
    notes.write_text("$$\\frac{\\partial}{\\partial x} x^2 = 2 x \\star$$\n", encoding="utf-8")
    assert cli.main(["audit", str(notes), "--out", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "not readable" in out and "\\star" in out


def test_a_cut_off_display_is_a_finding(tmp_path, capsys):
    notes = tmp_path / "notes.md"
    notes.write_text(
        "$$\\frac{\\partial}{\\partial x} x^2 = 2 x = \\frac{2}{$$\n", encoding="utf-8"
    )
    assert cli.main(["audit", str(notes), "--out", str(tmp_path)]) == 1
    assert "incomplete" in capsys.readouterr().out
