"""Trajectory files: round trip, byte-identical, atomic, subsampled, refused when foreign;
ensure_trajectory reuses current files and replaces stale ones; the data and its CSV."""

import json

import numpy as np
import pytest

import fitting
import fitting.cache
from fitting import NOTES, DataError, TrajectoryError, ensure_trajectory, fit, load, load_csv, save
from fitting.descent import CELLS, MAX_ROWS, subsample
from fitting.trajectory import FORMAT


def test_round_trip_is_exact(tmp_path):
    traj = fit("sigmoid", epochs=300)
    back = load(save(traj, tmp_path / "s.json"))
    for column in ("epoch", "params", "loss", "grad", "lr"):
        assert np.array_equal(getattr(back, column), getattr(traj, column))
    assert back.param_names == ("W", "b") and back.model == "sigmoid"
    assert back.final == traj.final and back.meta["hyper"]["lr"] == 0.005
    assert back.meta["version"] and back.meta["data"]["y"] == NOTES.y.tolist()


def test_same_run_same_bytes(tmp_path):
    a = save(fit("tanh_net", epochs=20_000), tmp_path / "a.json").read_bytes()
    b = save(fit("tanh_net", epochs=20_000), tmp_path / "b.json").read_bytes()
    assert a == b
    assert json.loads(a)["format"] == FORMAT


def test_save_leaves_no_temporary_file(tmp_path):
    save(fit("linear", epochs=10), tmp_path / "t.json")
    assert [p.name for p in tmp_path.iterdir()] == ["t.json"]


def test_long_run_is_subsampled_keeping_ends_and_movement():
    traj = fit("cubic", lr=0.0006, epochs=100_000, tol=0)
    run = traj.meta["subsample"]["epochs_run"]
    assert run > MAX_ROWS and len(traj) <= MAX_ROWS
    assert traj.epoch[0] == 0 and traj.epoch[-1] == run == traj.epochs
    # the early epochs move most: all of the first few are kept
    assert traj.epoch[:5].tolist() == [0, 1, 2, 3, 4]


def test_subsample_rule():
    t = np.linspace(0, 1, 100_001)
    P = np.c_[t**4, np.sin(3 * t)]  # slow start, then moving
    rows, step = subsample(P)
    assert rows[0] == 0 and rows[-1] == len(P) - 1
    assert step == pytest.approx(1 / CELLS) and len(rows) <= MAX_ROWS
    scaled = (P - P.min(0)) / np.ptp(P, axis=0)
    gaps = np.abs(np.diff(scaled[rows], axis=0)).max(axis=1)
    assert gaps.max() < 2.5 / CELLS  # no visible jump between kept rows
    # chatter at the end (a float-level oscillation) adds no rows
    jitter = np.r_[P, P[-1] + 1e-12 * (np.arange(50_000) % 2)[:, None]]
    assert len(subsample(jitter)[0]) <= len(rows) + 1


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("{not json", "not a trajectory file"),
        ('{"format": "something-else/1"}', "not a house-prices-trajectory/1 file"),
        ("[1, 2, 3]", "not a house-prices-trajectory/1 file"),
        (json.dumps({"format": FORMAT, "model": "linear"}), "corrupt trajectory"),
    ],
)
def test_foreign_or_corrupt_files_are_refused(tmp_path, text, match):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(TrajectoryError, match=match):
        load(path)


def test_inconsistent_columns_are_refused(tmp_path):
    path = save(fit("linear", epochs=5), tmp_path / "t.json")
    doc = json.loads(path.read_text())
    doc["loss"] = doc["loss"][:-1]
    path.write_text(json.dumps(doc))
    with pytest.raises(TrajectoryError, match="loss has shape"):
        load(path)
    with pytest.raises(TrajectoryError, match="no such trajectory file"):
        load(tmp_path / "missing.json")


def test_ensure_trajectory_reuses_and_regenerates(tmp_path, monkeypatch):
    first = ensure_trajectory("linear", tmp_path)
    path = tmp_path / "linear.json"
    assert path.exists() and first.meta["preset"] is None

    def no_fit(*a, **k):
        raise AssertionError("refitted a current trajectory")

    monkeypatch.setattr(fitting.cache, "fit", no_fit)
    again = ensure_trajectory("linear", tmp_path)
    assert np.array_equal(again.params, first.params)
    monkeypatch.undo()

    doc = json.loads(path.read_text())
    doc["meta"]["version"] = "0.0.0-old"
    path.write_text(json.dumps(doc))
    renewed = ensure_trajectory("linear", tmp_path)
    assert renewed.meta["version"] == first.meta["version"]
    assert load(path).meta["version"] == first.meta["version"]

    notes = ensure_trajectory("linear", tmp_path, preset="notes")
    assert (tmp_path / "linear-notes.json").exists() and notes.epochs == 10_000


def test_ensure_trajectory_refuses_a_foreign_file(tmp_path):
    (tmp_path / "cubic.json").write_text("hello")
    with pytest.raises(TrajectoryError, match="cubic.json"):
        ensure_trajectory("cubic", tmp_path)


# ---- data


def test_notes_data():
    assert NOTES.x.tolist() == [1, 2, 3, 4] and NOTES.y.tolist() == [0.7, 1.5, 4.5, 9.5]
    with pytest.raises(ValueError):
        NOTES.x[0] = 5.0  # shared by every fit: read-only


def test_csv_loads(tmp_path):
    path = tmp_path / "houses.csv"
    path.write_text("price, floors\n1.0, 1\n\n2.5, 2\n4.0, 3\n")
    data = load_csv(path)
    assert data.x.tolist() == [1, 2, 3] and data.y.tolist() == [1.0, 2.5, 4.0]
    line = fit("linear", data)  # the three houses lie on y = 1.5·x - 0.5
    assert line.final == pytest.approx({"W": 1.5, "b": -0.5}) and line.final_loss < 1e-20
    assert line.meta["data"]["name"] == "houses.csv"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "no such file"),
        ("floors,cost\n1,2\n2,3\n", "missing column price"),
        (
            "floors,price\n1,0.7\n2,abc\n",
            "row 3: price 'abc' is not a number; fix the value or remove the row",
        ),
        ("floors,price\n1,0.7\n2,nan\n", "row 3: price 'nan' is not finite"),
        ("floors,price\ninf,0.7\n2,1\n", "row 2: floors 'inf' is not finite"),
        ("floors,price\n1,0.7\n", "1 data row(s); a fit needs at least two houses"),
        ("floors,price\n1,0.7\n2,\n", "row 3: price '' is not a number"),
    ],
)
def test_csv_errors_are_one_clear_line(tmp_path, text, message):
    path = tmp_path / "data.csv"
    if text is not None:
        path.write_text(text)
    with pytest.raises(DataError) as e:
        load_csv(path)
    assert message in str(e.value) and "\n" not in str(e.value)
    assert str(path) in str(e.value)


def test_a_fitted_trajectory_is_what_a_later_render_reads_back(tmp_path):
    # A lecture's first render fits and saves the run; its re-render loads the file. If the two
    # differed (the meta's key order, tuples that JSON makes lists), an updater that reads the
    # run hashed differently and Manim's cache missed those animations on every second render.
    from fitting import ensure_trajectory

    fitted = ensure_trajectory("relu_net", tmp_path)
    loaded = ensure_trajectory("relu_net", tmp_path)
    assert repr(fitted.meta) == repr(loaded.meta)
    for name in ("epoch", "params", "loss", "grad", "lr"):
        assert getattr(fitted, name).tobytes() == getattr(loaded, name).tobytes(), name
