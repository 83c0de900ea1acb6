"""python -m fitting: output, --json, the notes preset, and one-line errors with exit 2."""

import json
import subprocess
import sys

import pytest

from fitting import MODELS, fit, load
from fitting.cli import main


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_prints_the_final_figures(capsys, tmp_path):
    out_path = tmp_path / "lin.json"
    status, out, err = run(capsys, "linear", "-o", str(out_path))
    assert status == 0 and err == ""
    assert "linear: W=2.93999999" in out and "b=-3.29999999" in out and "loss=1.103 " in out
    assert "epochs: 1117 (stopped: unchanged)" in out
    assert f"trajectory: {out_path}" in out and load(out_path).model == "linear"


def test_notes_preset_reproduces_the_notes(capsys, tmp_path):
    status, out, _ = run(
        capsys, "linear", "--preset", "notes", "--json", "-o", str(tmp_path / "n.json")
    )
    doc = json.loads(out)
    assert status == 0 and set(doc) == {"model", "params", "loss", "epochs", "trajectory"}
    assert doc["params"]["W"] == pytest.approx(2.939305864784624, rel=1e-4)
    assert doc["params"]["b"] == pytest.approx(-3.2979591578193053, rel=1e-4)
    assert doc["loss"] == pytest.approx(1.103000695674468, rel=1e-4) and doc["epochs"] == 10_000
    assert load(doc["trajectory"]).lr[-1] == pytest.approx(0.000149000000000007, rel=1e-12)


def test_sigmoid_notes_preset_shows_the_notes_figures(capsys, tmp_path):
    status, out, _ = run(capsys, "sigmoid", "--preset", "notes", "-o", str(tmp_path / "s.json"))
    assert status == 0 and "W=1.13464" in out and "b=-4.64826" in out and "loss=0.014017" in out


def test_options_reach_the_run(capsys, tmp_path):
    path = tmp_path / "c.json"
    argv = ["cubic", "--lr", "1e-4", "--schedule", "linear", "--lr-end", "1e-5", "--lr-every", "10"]
    argv += [
        "--epochs",
        "200",
        "--sgd",
        "--seed",
        "5",
        "--start",
        "0.1",
        "0.2",
        "--tol",
        "0",
        "-o",
        str(path),
    ]
    assert run(capsys, *argv)[0] == 0
    hyper = load(path).meta["hyper"]
    assert hyper == {
        "lr": 1e-4, "schedule": "linear", "lr_end": 1e-5, "lr_every": 10, "epochs": 200,
        "method": "sgd", "seed": 5, "start": [0.1, 0.2], "tol": 0.0, "gradient": "hand",
    }  # fmt: skip


def test_same_command_twice_gives_identical_files(capsys, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    run(capsys, "relu_net", "--epochs", "30000", "-o", str(a))
    run(capsys, "relu_net", "--epochs", "30000", "-o", str(b))
    assert a.read_bytes() == b.read_bytes()


def test_csv_data(capsys, tmp_path):
    csv = tmp_path / "mine.csv"
    csv.write_text("floors,price\n1,1\n2,3\n3,5\n")
    status, out, _ = run(
        capsys, "linear", "--data", str(csv), "--json", "-o", str(tmp_path / "m.json")
    )
    assert status == 0 and json.loads(out)["params"]["W"] == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("argv", "status", "words"),
    [
        (["quadratic"], 2, ["invalid choice: 'quadratic'", "valid models: " + ", ".join(MODELS)]),
        ([], 2, ["valid models: linear"]),
        (
            ["linear", "--learning-rate", "3"],
            2,
            ["unrecognized arguments", "valid options:", "--lr"],
        ),
        (["linear", "--data", "nowhere.csv"], 2, ["error: nowhere.csv: no such file"]),
        (["linear", "--lr", "-1"], 2, ["error: lr must be > 0"]),
        (["linear", "--lr", "0.5"], 1, ["error: linear: diverged at epoch", "learning rate 0.5"]),
        (["cubic", "--preset", "notes", "--start", "1"], 2, ["start needs 2 values"]),
    ],
)
def test_errors_are_one_line(capsys, tmp_path, argv, status, words):
    output = ["-o", str(tmp_path / "x.json")] if argv else []
    try:
        got = main(argv + output)
    except SystemExit as e:  # argparse's usage errors
        got = e.code
    out, err = capsys.readouterr()
    assert got == status and out == "" and err.count("\n") == 1
    for w in words:
        assert w in err
    assert not (tmp_path / "x.json").exists()


def test_module_entry_point_and_bad_csv_exit_2(tmp_path):
    csv = tmp_path / "data.csv"
    csv.write_text("floors,price\n1,0.7\n2,abc\n")
    cmd = [
        sys.executable,
        "-m",
        "fitting",
        "linear",
        "--data",
        str(csv),
        "-o",
        str(tmp_path / "t.json"),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert done.returncode == 2 and done.stdout == ""
    assert (
        done.stderr
        == f"error: {csv}: row 3: price 'abc' is not a number; fix the value or remove the row\n"
    )


def test_progress_bar_on_a_terminal(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    status, out, _ = run(
        capsys, "cubic", "--epochs", "200000", "--tol", "0", "-o", str(tmp_path / "p.json")
    )
    assert status == 0 and "cubic: W=0.14108786" in out


def test_fit_reports_progress():
    seen = []
    fit("tanh_net", epochs=25_000, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(10_000, 25_000), (20_000, 25_000), (25_000, 25_000)]


def test_default_output_is_the_scenes_file_and_custom_runs_get_their_own(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(capsys, "linear", "--json")
    assert json.loads(out)["trajectory"] == "media/trajectories/linear.json"
    _, out, _ = run(capsys, "linear", "--lr", "0.05", "--json")
    assert json.loads(out)["trajectory"] == "media/trajectories/linear-custom.json"
    from fitting import DEFAULTS

    saved = load(tmp_path / "media/trajectories/linear.json")
    assert saved.meta["hyper"]["lr"] == DEFAULTS["linear"]["lr"]  # not replaced by the custom run
