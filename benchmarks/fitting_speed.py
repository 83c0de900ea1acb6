"""How fast fitting/ descends: prints figures (not a timed test).

1. Wall time of each model's default run (`fit(MODEL)`, trajectory recorded), to its optimum.
2. The notes' net run (2,000,000 epochs at lr 5e-5, full batch) against a baseline loop in
   the notes' style: numpy arrays of the 4 houses, every derivative function recomputing
   the forward pass, the loss every epoch, one Python iteration per epoch. Both are timed
   in this process (best of 2 or 3 runs: other jobs share the machine); the baseline runs
   fewer epochs (it is slow) and the rates are compared at equal epochs. The baseline's
   parameters are checked against fit's to show both compute the same descent.

    .venv/bin/python benchmarks/fitting_speed.py [--quick]
"""

import argparse
import time

import numpy as np

from fitting import LEAKY_SLOPE, MODELS, NOTES, fit

X, Y = NOTES.x, NOTES.y
ALPHA = LEAKY_SLOPE


# ---- the baseline, in the notes' style: one function per derivative, each from scratch
def relu_forward(W1, b1, W2, b2):
    q = W1 * X + b1
    z = np.where(q > 0, q, 0.0)
    return q, z, W2 * z + b2


def relu_dW1(W1, b1, W2, b2):
    q, z, y_hat = relu_forward(W1, b1, W2, b2)
    return np.mean(np.sign(y_hat - Y) * W2 * np.where(q > 0, 1.0, 0.0) * X)


def relu_db1(W1, b1, W2, b2):
    q, z, y_hat = relu_forward(W1, b1, W2, b2)
    return np.mean(np.sign(y_hat - Y) * W2 * np.where(q > 0, 1.0, 0.0))


def relu_dW2(W1, b1, W2, b2):
    q, z, y_hat = relu_forward(W1, b1, W2, b2)
    return np.mean(np.sign(y_hat - Y) * z)


def relu_db2(W1, b1, W2, b2):
    q, z, y_hat = relu_forward(W1, b1, W2, b2)
    return np.mean(np.sign(y_hat - Y))


def tanh_forward(W1, b1, W2, b2):
    l = np.tanh(W1 * X + b1)  # noqa: E741
    k = W2 * l + b2
    return l, k, np.where(k > 0, k, ALPHA * k)


def tanh_dW1(W1, b1, W2, b2):
    l, k, y_hat = tanh_forward(W1, b1, W2, b2)
    return np.mean(np.sign(y_hat - Y) * np.where(k > 0, 1.0, ALPHA) * W2 * (1 - l * l) * X)


def tanh_db1(W1, b1, W2, b2):
    l, k, y_hat = tanh_forward(W1, b1, W2, b2)
    return np.mean(np.sign(y_hat - Y) * np.where(k > 0, 1.0, ALPHA) * W2 * (1 - l * l))


def tanh_dW2(W1, b1, W2, b2):
    l, k, y_hat = tanh_forward(W1, b1, W2, b2)
    return np.mean(np.sign(y_hat - Y) * np.where(k > 0, 1.0, ALPHA) * l)


def tanh_db2(W1, b1, W2, b2):
    l, k, y_hat = tanh_forward(W1, b1, W2, b2)
    return np.mean(np.sign(y_hat - Y) * np.where(k > 0, 1.0, ALPHA))


BASELINE = {
    "relu_net": (relu_forward, (relu_dW1, relu_db1, relu_dW2, relu_db2)),
    "tanh_net": (tanh_forward, (tanh_dW1, tanh_db1, tanh_dW2, tanh_db2)),
}


def baseline(name, params, lr, epochs):
    forward, derivatives = BASELINE[name]
    W1, b1, W2, b2 = params
    losses = []
    for _ in range(epochs):
        losses.append(np.mean(np.abs(forward(W1, b1, W2, b2)[-1] - Y)))
        g = [d(W1, b1, W2, b2) for d in derivatives]  # all from the same parameters
        W1, b1, W2, b2 = W1 - lr * g[0], b1 - lr * g[1], W2 - lr * g[2], b2 - lr * g[3]
    return (W1, b1, W2, b2), losses


def timed(fn, *args, repeat=1, **kwargs):
    """The result and the best wall time of ``repeat`` calls (other jobs share the machine)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args, **kwargs)
        best = min(best, time.perf_counter() - start)
    return result, best


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="200,000 net epochs instead of 2,000,000")
    args = ap.parse_args()

    print("1. default runs to the optimum (fit, trajectory recorded)")
    print(f"   {'model':9} {'epochs':>8} {'stopped':>9} {'loss':>22} {'wall s':>7} {'µs/epoch':>9}")
    for name in MODELS:
        traj, wall = timed(fit, name, repeat=3)
        print(
            f"   {name:9} {traj.epochs:8d} {traj.meta['stopped']:>9} {traj.final_loss:22.17g} "
            f"{wall:7.3f} {wall / traj.epochs * 1e6:9.2f}"
        )

    epochs = 200_000 if args.quick else 2_000_000
    base_epochs = 20_000
    print(f"\n2. the notes' net run: {epochs:,} epochs at lr 5e-5, full batch; baseline timed on")
    print(f"   {base_epochs:,} epochs of the same run; rates compared at equal epochs")
    for name in BASELINE:
        ours, wall = timed(fit, name, preset="notes", epochs=epochs, repeat=2)
        start = tuple(ours.meta["start_params"])
        (check, _), base_wall = timed(baseline, name, start, 5e-5, base_epochs, repeat=3)
        short = fit(name, preset="notes", epochs=base_epochs)
        same = np.allclose(check, short.params[-1], rtol=1e-9, atol=1e-12)
        ours_us, base_us = wall / ours.epochs * 1e6, base_wall / base_epochs * 1e6
        print(
            f"   {name}: fit {ours_us:.2f} µs/epoch ({wall:.2f} s, {len(ours)} rows), "
            f"baseline {base_us:.1f} µs/epoch -> {base_us / ours_us:.0f}x "
            f"(target 50x); same parameters at {base_epochs:,} epochs: {same}"
        )
        print(f"      final MAE {ours.final_loss:.6g} after {ours.epochs:,} epochs")


if __name__ == "__main__":
    main()
