"""The descent: compiled loop = plain loop, schedules, stopping, divergence, and the optima.

The optima are found here independently, with scipy (least squares for the smooth
models, linear programs for relu_net, multi-start root finding for tanh_net).
"""

import itertools

import numpy as np
import pytest
from scipy.optimize import least_squares, linprog

from fitting import (
    MODELS,
    NOTES,
    DivergenceError,
    HyperError,
    dataset_loss,
    fit,
    loss_grid,
    predict,
)
from fitting.compiled import runner, source
from fitting.ops import scalar

X, Y = NOTES.x, NOTES.y

# ---- the compiled loop does what a plain loop over model.backward does, bit for bit


def plain_batch(model, params, lr, count):
    out, n = [], len(X)
    for _ in range(count):
        g = [0.0] * len(params)
        for x, y in zip(X.tolist(), Y.tolist(), strict=True):
            for j, d in enumerate(model.backward(scalar, x, y, *params)):
                g[j] += d
        params = tuple(p - lr / n * d for p, d in zip(params, g, strict=True))
        out += params
    return out


def plain_sgd(model, params, lr, orders):
    out = []
    for order in orders:
        for i in order:
            d = model.backward(scalar, X[i].item(), Y[i].item(), *params)
            params = tuple(p - lr * g for p, g in zip(params, d, strict=True))
        out += params
    return out


@pytest.mark.parametrize("name", MODELS)
def test_compiled_loop_is_bit_identical_to_calling_backward(name):
    model = MODELS[name]
    rng = np.random.default_rng(7)
    start = tuple(rng.uniform(-1, 1, len(model.params)).tolist())
    lr, count = 1e-4, 500
    batch, sgd = [], []
    last = runner(model, NOTES, "batch")(start, np.full(count, lr), None, batch.append)
    assert batch == plain_batch(model, start, lr, count) and list(last) == batch[-len(start) :]
    orders = rng.permuted(np.tile(np.arange(4), (count, 1)), axis=1).tolist()
    runner(model, NOTES, "sgd")(start, np.full(count, lr), orders, sgd.append)
    assert sgd == plain_sgd(model, start, lr, orders)


def test_compiled_source_contains_no_gradient_of_its_own():
    """The loop is the traced backward: the model's operations, ReLU pasted from ops.EXPR."""
    text = source(MODELS["relu_net"], (1.0, 2.0), (0.7, 1.5), "batch")
    assert "ReLU" not in text and text.count(" > 0 else 0.0)") == 4  # ReLU and ReLU', per house
    assert text.count("# house") == 2


def test_update_is_simultaneous():
    """One batch epoch: every gradient from the same (W, b), then both assigned."""
    model, W, b, lr = MODELS["linear"], 0.3, 0.2, 0.01
    gW = np.mean(2 * (W * X + b - Y) * X)
    gb = np.mean(2 * (W * X + b - Y))
    traj = fit("linear", lr=lr, epochs=1, start=(W, b))
    assert traj.params[1].tolist() == pytest.approx([W - lr * gW, b - lr * gb], rel=1e-15)
    assert traj.grad[0].tolist() == pytest.approx([gW, gb], rel=1e-15)
    assert model.params == traj.param_names


# ---- schedules, stopping, divergence, seeds


def test_linear_schedule_is_the_notes():
    traj = fit("linear", preset="notes")
    assert traj.epochs == 10_000 and len(traj.lr) == len(traj.epoch)
    step = (0.005 - 0.0001) / 100
    # the rate of the update that produced each row: lowered every 100 epochs
    assert traj.lr[1:] == pytest.approx(0.005 - step * ((traj.epoch[1:] - 1) // 100), rel=1e-12)
    assert traj.lr[0] == 0.005
    # the notes print learning_rate=0.000149000000000007: 99 drops of (0.005 - 0.0001)/100
    assert traj.lr[-1] == pytest.approx(0.000149000000000007, rel=1e-12)


def test_notes_linear_figures():
    """The notes: w=2.939305864784624 b=-3.2979591578193053 loss=1.103000695674468.

    The run stops short of the optimum (2.94, -3.3, 1.103), so the 5th digit depends on
    the random start; four digits do not.
    """
    for seed in (0, 1, 2):
        final = fit("linear", preset="notes", seed=seed)
        assert final.final["W"] == pytest.approx(2.939305864784624, rel=1e-4)
        assert final.final["b"] == pytest.approx(-3.2979591578193053, rel=1e-4)
        assert final.final_loss == pytest.approx(1.103000695674468, rel=1e-4)


def test_notes_sigmoid_figures_come_from_the_linear_gradient():
    """The notes' sigmoid figures are not the optimum: they are where the linear model's
    gradient (no 20·s(1 - s)) stops under the notes' schedule."""
    notes = {"W": 1.1346469402126882, "b": -4.6482628586296135}
    run = fit("sigmoid", preset="notes")
    assert run.meta["hyper"]["gradient"] == "notes"
    for name, value in notes.items():
        assert run.final[name] == pytest.approx(value, rel=1e-5)
    assert run.final_loss == pytest.approx(0.014018127818400896, rel=1e-4)
    # the same schedule with the correct gradient lands at the optimum, lower
    right = fit("sigmoid", preset="notes", gradient="hand")
    assert right.final_loss < 0.01206 < run.final_loss
    assert right.final_loss == pytest.approx(sigmoid_optimum()[1], rel=1e-6)


def test_stopping_rules():
    unchanged = fit("linear")
    assert unchanged.meta["stopped"] == "unchanged" and unchanged.epochs < 20_000
    tol = fit("linear", tol=1e-6)
    assert tol.meta["stopped"] == "tol" and tol.epochs < unchanged.epochs
    assert (
        np.abs(tol.params[-1] - tol.params[-2]).max() <= 1e-6 or tol.epoch[-1] - tol.epoch[-2] > 1
    )
    capped = fit("linear", epochs=50)
    assert capped.meta["stopped"] == "epochs" and capped.epochs == 50


@pytest.mark.parametrize(
    ("name", "lr", "method"),
    [("linear", 0.5, "batch"), ("cubic", 0.01, "batch"), ("cubic", 0.01, "sgd")],
)
def test_divergence_is_an_error_naming_model_lr_epoch(name, lr, method):
    with pytest.raises(DivergenceError) as e:
        fit(name, lr=lr, schedule="constant", method=method, epochs=5000)
    message = str(e.value)
    assert name in message and f"learning rate {lr:g}" in message and "epoch" in message


def test_divergence_names_the_first_bad_epoch():
    with pytest.raises(DivergenceError, match=r"at epoch (\d+)") as e:
        fit("linear", lr=0.5, epochs=5000, start=(0.0, 0.0))
    epoch = int(e.value.args[0].split("at epoch ")[1].split()[0])
    ok = fit("linear", lr=0.5, epochs=epoch - 1, start=(0.0, 0.0))  # the epochs before it are fine
    assert np.isfinite(ok.loss).all()


def test_sgd_is_seeded():
    a, b = (fit("cubic", method="sgd", lr=1e-4, epochs=300, seed=s) for s in (3, 3))
    c = fit("cubic", method="sgd", lr=1e-4, epochs=300, seed=4)
    assert np.array_equal(a.params, b.params)
    assert not np.array_equal(a.params, c.params)


def test_bad_hyper_parameters():
    with pytest.raises(HyperError, match="valid: lr"):
        fit("linear", learning_rate=0.1)
    with pytest.raises(HyperError, match="start needs 2"):
        fit("linear", start=(1, 2, 3))
    with pytest.raises(HyperError, match="no notes gradient"):
        fit("cubic", gradient="notes")
    with pytest.raises(KeyError, match="valid models: linear"):
        fit("quadratic")


# ---- the loss over the data


def test_dataset_loss_predict_and_grid_agree():
    params = {"W": 2.0, "b": -1.0}
    assert predict("linear", params, X).tolist() == (2 * X - 1).tolist()
    assert dataset_loss("linear", params, NOTES) == pytest.approx(np.mean((2 * X - 1 - Y) ** 2))
    W, b = np.meshgrid(np.linspace(0, 3, 5), np.linspace(-4, 0, 4))
    grid = loss_grid("sigmoid", W, b, NOTES)
    assert grid.shape == W.shape
    assert grid[2, 3] == pytest.approx(dataset_loss("sigmoid", (W[2, 3], b[2, 3])))
    net = loss_grid("relu_net", W, b, over=("W2", "b2"), at={"W1": 1.0, "b1": -2.0})
    assert net[1, 1] == pytest.approx(dataset_loss("relu_net", (1.0, -2.0, W[1, 1], b[1, 1])))


# ---- the optima, found independently


def lsq(residual, starts):
    best = None
    for s in starts:
        with np.errstate(over="ignore"):  # exp overflows harmlessly far from the optimum
            r = least_squares(residual, s, xtol=1e-15, ftol=1e-15, gtol=1e-15, method="lm")
        loss = float(np.mean(r.fun**2))
        if best is None or loss < best[1]:
            best = (r.x, loss)
    return best


def sigmoid_optimum():
    starts = [(w, b) for w in np.linspace(-2, 3, 6) for b in np.linspace(-8, 2, 6)]
    return lsq(lambda p: 20 / (1 + np.exp(-(p[0] * X + p[1]))) - Y, starts)


SMOOTH = {
    "linear": lambda: lsq(lambda p: p[0] * X + p[1] - Y, [(0.0, 0.0)]),
    "sigmoid": sigmoid_optimum,
    "cubic": lambda: lsq(lambda p: p[0] * X**3 + p[1] - Y, [(0.0, 0.0)]),
}


@pytest.mark.parametrize("name", SMOOTH)
def test_default_run_reaches_the_least_squares_optimum(name):
    params, loss = SMOOTH[name]()
    traj = fit(name)
    assert traj.final_loss == pytest.approx(loss, rel=1e-9)
    assert list(traj.final.values()) == pytest.approx(params.tolist(), rel=1e-6)


def relu_net_best_total_error():
    """The exact best sum |y' - y| of relu_net, by linear programs.

    With A = W2·W1, B = W2·b1 the net is b2 + (A·x + B) on the houses where the ReLU is
    active and b2 elsewhere; for a fixed active set S and sign of W2 that is linear in
    (b2, A, B) with linear constraints, so each case is an LP over (b2, A, B, e_1..e_4).
    """
    n, best = len(X), np.inf
    for mask in itertools.product((0, 1), repeat=n):
        for sign in (1, -1):
            c = np.r_[0, 0, 0, np.ones(n)]
            rows, rhs = [], []
            for i in range(n):
                a = np.r_[1, mask[i] * X[i], mask[i], np.zeros(n)]
                e = np.zeros(n)
                e[i] = -1
                rows += [np.r_[a[:3], e], np.r_[-a[:3], e]]  # |f_i - y_i| <= e_i
                rhs += [Y[i], -Y[i]]
                side = -sign if mask[i] else sign  # active: sign·(A x + B) >= 0
                rows.append(np.r_[0, side * X[i], side, np.zeros(n)])
                rhs.append(0.0)
            bounds = [(None, None)] * 3 + [(0, None)] * n
            res = linprog(c, A_ub=np.array(rows), b_ub=np.array(rhs), bounds=bounds)
            if res.status == 0:
                best = min(best, res.fun)
    return best


def test_relu_net_best_mae_is_0_2_and_not_unique():
    best = relu_net_best_total_error()
    assert best == pytest.approx(0.8, abs=1e-9)  # MAE 0.2
    # Not unique: the flat part anywhere in [0.7, 1.5], and W1 -> s·W1, b1 -> s·b1, W2 -> W2/s.
    for b2 in (0.7, 1.1, 1.5):
        for s in (0.5, 1.0, 3.0):
            W2 = 5.0 / s
            b1 = -(10.5 + b2) / W2
            assert dataset_loss("relu_net", (s, b1, W2, b2)) == pytest.approx(0.2, abs=1e-12)


def test_relu_net_default_run_reaches_0_2():
    traj = fit("relu_net")
    assert 0.2 - 1e-12 <= traj.final_loss <= 0.2 + 5e-5
    W1, b1, W2, b2 = traj.final.values()
    assert pytest.approx(5.0, rel=1e-3) == W1 * W2 and 0.7 - 1e-3 <= b2 <= 1.5 + 1e-3


def tanh_net_exact_fits():
    """Every zero-residual fit found from 400 random starts (MAE 0: y' = y at every house)."""
    rng = np.random.default_rng(0)
    found = []
    for start in rng.normal(0, 3, (400, 4)):
        r = least_squares(lambda p: p[2] * np.tanh(p[0] * X + p[1]) + p[3] - Y, start, method="lm")
        if np.abs(r.fun).max() < 1e-10:
            found.append(r.x)
    return np.array(found)


def test_tanh_net_best_mae_is_0_attained_once_up_to_symmetry():
    fits = tanh_net_exact_fits()
    assert len(fits) >= 10
    # tanh is odd: (W1, b1, W2, b2) and (-W1, -b1, -W2, b2) are the same net
    canonical = np.where(fits[:, :1] < 0, fits * [-1, -1, -1, 1], fits)
    assert np.ptp(canonical, axis=0).max() < 1e-6
    W1, b1, W2, b2 = canonical[0]
    assert pytest.approx(0.8446, abs=1e-4) == W1 and b2 == pytest.approx(6.78, abs=1e-9)
    # every y' > 0, so the LeakyReLU is the identity there: the net's MAE is 0
    assert dataset_loss("tanh_net", canonical[0]) < 1e-12


def test_tanh_net_default_run_reaches_0():
    traj = fit("tanh_net")
    assert traj.final_loss < 5e-5
    W1, b1, W2, b2 = (abs(v) for v in traj.final.values())
    assert (W1, b1, W2, b2) == pytest.approx((0.8446, 2.9145, 6.2768, 6.78), rel=1e-3)
