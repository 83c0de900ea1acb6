"""python -m derivations: the report, --json, the erratum, and the exit codes."""

import json

import derivations.__main__ as cli
from derivations import verify


def test_json_report_and_erratum(tmp_path, capsys):
    assert cli.main(["--json", "--out", str(tmp_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["models"]) == {"linear", "sigmoid", "cubic", "relu_net", "tanh_net"}
    assert all(m["ok"] for m in report["models"].values())
    steps = report["steps"]
    keys = {"id", "line", "verdict", "tex", "corrected_tex", "reason"}
    assert all(keys <= set(s) for s in steps)
    wrong = [s for s in steps if s["verdict"] == "wrong"]
    assert any(s["id"] == "cubic.dW" for s in wrong)
    text = (tmp_path / "erratum.md").read_text(encoding="utf-8")
    assert report["erratum"] == str(tmp_path / "erratum.md")
    assert "x_i^3" in text and "**lines 22, 48, 52, 57, 62, 88 (11 steps)**" in text
    # what matters first: wrong, then incomplete, then typos (a repeated slip once, its lines)
    assert text.index("## Wrong") < text.index("## Incomplete") < text.index("## Typos")
    assert len(text.splitlines()) < 400


def test_text_report(tmp_path, capsys):
    assert cli.main(["--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("verified:") == 5
    assert "line 104 wrong      cubic.dW" in out
    assert "corrected:" in out


def test_exit_1_when_a_code_gradient_disagrees(tmp_path, monkeypatch, capsys):
    def broken(op, x, y, W, b):
        dy = 2 * (op.Linear(W, b, x) - y)
        return dy, dy  # dW lost its factor x

    monkeypatch.setattr(
        cli, "verify", lambda name: verify(name, backward=broken if name == "linear" else None)
    )
    assert cli.main(["--out", str(tmp_path)]) == 1
    assert "linear    DISAGREES" in capsys.readouterr().out


def test_unwritable_output_is_a_usage_error(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert cli.main(["--out", str(blocker / "sub")]) == 2
    assert "error: cannot write the erratum" in capsys.readouterr().err
