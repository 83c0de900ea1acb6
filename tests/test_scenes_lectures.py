"""The calculus, descent, backpropagation and comparison lectures: rendered at -ql into tmp_path,
then checked against fitting/ and derivations/ (what the scene shows is what they computed)."""

import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import SILENT, check_glyphs

import derivations
from fitting import MODELS, NOTES, DivergenceError, dataset_loss, fit, predict
from fitting.ops import scalar as op

pytestmark = pytest.mark.render
ROOT = Path(__file__).resolve().parents[1]


def assert_layout(scene):
    """No text leaves the frame or lands on other text at any key moment."""
    from scenes.kit.probes import outside_frame, overlapping

    assert scene.key_moments, "the scene recorded no key moments"
    for moment, boxes in scene.key_moments.items():
        assert boxes, f"{moment}: no text on screen"
        assert not outside_frame(boxes), f"{moment}: outside the frame: {outside_frame(boxes)}"
        assert not overlapping(boxes), f"{moment}: overlapping text: {overlapping(boxes)}"


def assert_verdicts(shown):
    """Every (chain, step id, verdict) shown is derivations' verdict for that step."""
    assert shown
    for chain_name, step_id, verdict in shown:
        truth = {s.id: s.verdict for s in derivations.chain(chain_name)}
        assert truth[step_id] == verdict, step_id


def assert_outputs(scene, tmp_path):
    """The movie, its subtitles and its sections landed in tmp_path."""
    name = type(scene).__name__
    movies = list((tmp_path / "media").rglob(f"{name}.mp4"))
    assert len(movies) == 1
    assert movies[0].with_suffix(".srt").stat().st_size > 0
    assert len(list(movies[0].parent.glob(f"sections/{name}_*.mp4"))) >= 4


# ------------------------------------------------------------------------------------ the nets
def path_to_loss(net, start):
    """The edges drawn from `start` forward to L."""
    edges = [e for e in net.local_tex if e[0] == start]
    while edges[-1][1] != "L":
        edges += [e for e in net.local_tex if e[0] == edges[-1][1]]
    return edges


@pytest.mark.parametrize("name", ["relu_net", "tanh_net"])
def test_net_lecture(render, tmp_path, name):
    scene = render(name)
    net, model = scene.NET, MODELS[name]
    traj = scene.traj
    x, y = scene.house.values["x"], scene.house.values["y"]
    assert (x, y) in set(zip(NOTES.x.tolist(), NOTES.y.tolist(), strict=True))
    params = [float(v) for v in traj.params[0]]

    # forward: the values shown are the model's forward pass for this house
    assert scene.values["y_hat"] == pytest.approx(model.forward(op, x, *params), abs=1e-12)
    assert scene.values["L"] == pytest.approx(abs(model.forward(op, x, *params) - y), abs=1e-12)

    # backward: every edge was shown; the products along the edges are the hand-written backward
    backward = dict(zip(model.params, model.backward(op, x, y, *params), strict=True))
    assert set(scene.edge_values) == set(net.local_tex)
    for p in model.params:
        product = math.prod(scene.edge_values[e] for e in path_to_loss(net, p))
        assert product == pytest.approx(backward[p], rel=1e-12, abs=1e-12), p
        assert scene.grads_shown[p] == pytest.approx(backward[p], rel=1e-12, abs=1e-12), p
    assert all(v != 0 for v in scene.edge_values.values()), "the house must reach every parameter"
    factors, w1 = scene.chain_product
    assert math.prod(factors) == pytest.approx(w1) and w1 == pytest.approx(backward["W1"])
    # the mean over houses shown is the gradient the descent recorded at its first row
    assert list(scene.first_gradient.values()) == traj.grad[0].tolist()
    per_house = [
        model.backward(op, float(a), float(b), *params)
        for a, b in zip(NOTES.x, NOTES.y, strict=True)
    ]
    assert np.mean(per_house, axis=0) == pytest.approx(traj.grad[0], rel=1e-9, abs=1e-12)

    # training ends on exactly the trajectory's last row; the result beside derivations' optimum
    assert scene.replay.shown_row == len(traj) - 1
    assert scene.curve_params == traj.final
    assert scene.readout_values[r"\text{MAE}"] == traj.loss[-1]
    assert scene.final_loss == traj.final_loss == dataset_loss(name, traj.final, NOTES)
    assert scene.best_loss == derivations.optimum(name).loss

    # the pieces' plots show fitting's slopes; the tanh derivation ends in 1 - tanh^2
    from fitting.one_house import piece_curve

    for piece, slopes in scene.piece_slopes.items():
        assert list(slopes.values()) == piece_curve(piece, list(slopes))[1].tolist(), piece
    if name == "tanh_net":
        assert_tanh_identity(scene.tanh_identity)

    assert_verdicts(scene.verdicts)
    assert {step for _, step, _ in scene.verdicts} >= set(scene.FORMULA_STEPS)
    assert_layout(scene)
    assert_outputs(scene, tmp_path)
    assert_subtitles(scene, tmp_path)
    check_glyphs(scene, name)


def assert_tanh_identity(shown_tex):
    """The line added after the notes' last step equals that step (SymPy), and is 1 - tanh^2."""
    import sympy

    x = sympy.Symbol("x", real=True)
    last = derivations.chain("tanh_derivative")[-1].expr
    assert shown_tex == r"1 - \tanh^{2}(x)"
    assert sympy.simplify((last - (1 - sympy.tanh(x) ** 2)).rewrite(sympy.exp)) == 0


def assert_subtitles(scene, tmp_path):
    """The subtitles obey the reading rules and never say what a student cannot follow."""
    from scenes.kit.srt import srt_problems, srt_text

    srt = next((tmp_path / "media").rglob(f"{type(scene).__name__}.srt"))
    assert srt_problems(srt) == []
    said = srt_text(srt)
    for jargon in ("dL/dL", "e-1", "fitting/", "Nelder", "0.000000000", "y' = y'", "LeakyReLu"):
        assert jargon not in said, jargon


# ------------------------------------------------------------------------------- descent basics
def test_gradient_descent(render, tmp_path):
    scene = render("gradient_descent")
    traj = scene.traj
    # the slope's sign decides the direction, in the recorded rows
    assert scene.moves
    for k, (slope, before, after) in enumerate(scene.moves):
        assert np.sign(after - before) == -np.sign(slope) != 0
        assert after == pytest.approx(before - traj.lr[k + 1] * slope, rel=1e-12)

    # learning rates: the run shown as divergent is the one fitting raised DivergenceError for
    assert set(scene.diverged) == {"too large"}
    for name, run in scene.lr_runs.items():
        assert tuple(run.params[0]) == scene.start
        assert np.isfinite(run.loss).all()
        assert scene.shown_rows[name] == len(run) - 1  # the last frame shows each run's end
        if name in scene.diverged:
            with pytest.raises(DivergenceError) as raised:
                fit("linear", NOTES, lr=float(run.lr[0]), start=scene.start)
            assert raised.value.epoch == scene.diverged[name].epoch == run.epoch[-1] + 1
        else:
            fit("linear", NOTES, lr=float(run.lr[0]), start=scene.start)  # does not raise

    # sequential vs simultaneous: they part at the first step, where b sees the new W
    simultaneous, sequential = scene.update_runs["simultaneous"], scene.update_runs["sequential"]
    assert scene.part_epoch == 1
    model, lr = MODELS["linear"], float(traj.lr[1])
    W, b = map(float, traj.params[0])
    houses = list(zip(NOTES.x.tolist(), NOTES.y.tolist(), strict=True))
    mean = lambda k, W, b: np.mean([model.backward(op, x, y, W, b)[k] for x, y in houses])  # noqa: E731
    W1 = W - lr * mean(0, W, b)
    assert sequential.params[1] == pytest.approx([W1, b - lr * mean(1, W1, b)], rel=1e-12)
    assert simultaneous.params[1] == pytest.approx([W1, b - lr * mean(1, W, b)], rel=1e-12)
    best = derivations.optimum("linear")
    for run in (simultaneous, sequential):
        assert run.final_loss == pytest.approx(best.loss, rel=1e-9)
        assert list(run.final.values()) == pytest.approx(list(best.params.values()), rel=1e-4)
    assert scene.same_optimum == best.loss

    assert_verdicts(scene.verdicts)
    assert_layout(scene)
    assert_outputs(scene, tmp_path)
    assert_subtitles(scene, tmp_path)
    said = " ".join(n.text for _, n in scene.beat_log())
    assert "DivergenceError" not in said
    assert f"stopped at epoch {scene.diverged['too large'].epoch}" in said
    check_glyphs(scene, "gradient_descent")


# ----------------------------------------------------------------------------------- comparison
def test_comparison(render, tmp_path):
    from fitting import sample_loss
    from fitting.ops import array

    scene = render("comparison")
    for name, model in MODELS.items():
        params = scene.final_params[name]
        y_hat = predict(name, params, NOTES.x)
        for kind in ("MSE", "MAE"):  # each loss by fitting's own per-sample loss of that kind
            judge = type(model)(**{**model.__dict__, "loss": kind})
            expected = float(np.mean(sample_loss(array, judge, y_hat, NOTES.y)))
            assert scene.losses[name][kind] == pytest.approx(expected, rel=1e-12, abs=1e-15)
        assert scene.losses[name][model.loss] == pytest.approx(dataset_loss(name, params, NOTES))
        far = predict(name, params, np.array([5.0, 10.0, 100.0]))
        assert list(scene.predictions[name].values()) == pytest.approx(far.tolist())
    for kind, best in scene.best.items():
        assert scene.losses[best][kind] == min(v[kind] for v in scene.losses.values())
    assert scene.same == [m for m, r in scene.ratios.items() if abs(r - 1) <= 0.01]
    cubic, sigmoid = scene.losses["cubic"]["MSE"], scene.losses["sigmoid"]["MSE"]
    assert any("does beat" in line for line in scene.loss_lines) == (cubic < sigmoid)
    # both curves sit at their independent optimum, so the comparison is not an artefact of descent
    assert scene.optimum_mse == pytest.approx({"cubic": cubic, "sigmoid": sigmoid}, rel=1e-6)
    assert_layout(scene)
    assert_outputs(scene, tmp_path)
    assert_subtitles(scene, tmp_path)
    check_glyphs(scene, "comparison")


# ------------------------------------------------------------------------------------ calculus
def test_calculus(render, tmp_path):
    scene = render("calculus")
    for name, (quotient, gradient) in scene.limits.items():
        # the recorded gradient is the limit: a central difference of fitting's own loss agrees
        h = 1e-6
        up = dataset_loss("linear", dict(scene.start, **{name: scene.start[name] + h}), NOTES)
        down = dataset_loss("linear", dict(scene.start, **{name: scene.start[name] - h}), NOTES)
        assert gradient == pytest.approx((up - down) / (2 * h), rel=1e-6)
        # and the last difference quotient shown (h = 0.001) is close to it, not equal
        assert quotient == pytest.approx(gradient, rel=1e-2) and quotient != gradient
    x = float(NOTES.x[-1])
    assert scene.nudges["W"] == pytest.approx(x)
    assert scene.nudges["x"] == pytest.approx(scene.final["W"])
    assert scene.nudges["b"] == pytest.approx(1.0)
    assert_verdicts(scene.verdicts)
    assert ("limits", "limits.fy.name", "typo") in scene.verdicts
    assert_layout(scene)
    assert_outputs(scene, tmp_path)
    assert_subtitles(scene, tmp_path)
    check_glyphs(scene, "calculus")


def test_calculus_renders_from_the_command_line_without_a_prompt(tmp_path):
    """As the README says, with no PYTHONHASHSEED (the cache must not need one)."""
    media = tmp_path / "media"
    done = subprocess.run(
        [sys.executable, "-m", "manim", "render", "-ql", "--media_dir", str(media),
         "scenes/calculus.py"],
        cwd=ROOT, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600,
        env={**{k: v for k, v in os.environ.items() if k != "PYTHONHASHSEED"}, **SILENT},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert list(media.rglob("Calculus.mp4"))
