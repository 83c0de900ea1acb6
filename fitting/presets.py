"""Hyper-parameters: the defaults every run starts from, each model's default run, presets.

A run is fully described by these names (they are recorded in the trajectory):
    lr        learning rate (the starting one under a schedule)
    schedule  "constant", or "linear": the notes' decay from lr to lr_end over
              the epochs, lowered every lr_every epochs
    epochs    the most updates to make
    method    "batch" (full-batch gradient descent) or "sgd" (one house at a time, shuffled),
              or "sequential" (full batch, one parameter after another: the update the
              notes warn against, for the descent lecture)
    seed      seeds the start (when start is None) and SGD's shuffles
    start     starting parameters in the model's order, or None: uniform in [0, 1)
    tol       stop once no parameter moves more than tol in an epoch; 0 is the
              notes' rule: stop when an epoch leaves every parameter unchanged in float64
    gradient  "hand" (models.py, correct) or "notes": the original code's wrong gradient
              (models.NOTES_GRADIENTS), to reproduce the notes' printed figures
"""

BASE = dict(
    lr=0.01,
    schedule="constant",
    lr_end=0.0001,
    lr_every=100,
    epochs=10_000,
    method="batch",
    seed=0,
    start=None,
    tol=0.0,
    gradient="hand",
)

# Each model's default run (`python -m fitting MODEL`): reaches its optimum (tests check it).
# The MAE nets need a decaying step (subgradient descent) and SGD, which nears their sharp
# optima faster than full batch here. relu_net starts with its kink mid-data (x = 2.5) and
# slope 5: from the notes' uniform [0, 1) start it stops at MAE 1.05 (a straight line) or
# 0.25 (kink between 1 and 2 floors), local minima, instead of the best, 0.2.
_MAE_RUN = dict(lr=2e-4, schedule="linear", lr_end=1e-9, epochs=300_000, method="sgd")
DEFAULTS = {
    "linear": dict(lr=0.1, epochs=20_000),
    "sigmoid": dict(lr=0.005, epochs=100_000),
    "cubic": dict(lr=0.0006, epochs=100_000),
    "relu_net": dict(_MAE_RUN, start=(1.0, -2.5, 5.0, 1.0)),
    "tanh_net": dict(_MAE_RUN),
}

# The notes' run: lr 0.005 decaying linearly to 0.0001, lowered every 100 epochs,
# W, b uniform in [0, 1), full batch. For the sigmoid, the notes' code had the
# linear model's gradient (models.sigmoid_backward_notes): its figures need it.
_NOTES_RUN = dict(lr=0.005, schedule="linear", lr_end=0.0001, lr_every=100, epochs=10_000)
# The notes' net run: 2,000,000 epochs at a constant 5e-5, the gradient of the MAE over all
# houses (the notes call it SGD, but their formula differentiates the full MAE).
_NOTES_NETS = dict(lr=5e-5, epochs=2_000_000)
PRESETS = {
    "notes": {
        "linear": _NOTES_RUN,
        "sigmoid": dict(_NOTES_RUN, gradient="notes"),
        "cubic": _NOTES_RUN,
        "relu_net": _NOTES_NETS,
        "tanh_net": _NOTES_NETS,
    }
}


METHODS = ("batch", "sgd", "sequential")


class HyperError(ValueError):
    """An unknown or invalid hyper-parameter; the message lists the valid ones."""


def resolve(model, preset=None, **overrides) -> dict:
    """BASE, then the model's default or the preset's run, then explicit overrides."""
    if preset is None:
        run = DEFAULTS[model]
    elif preset in PRESETS:
        run = PRESETS[preset][model]
    else:
        raise HyperError(f"unknown preset {preset!r}; valid presets: {', '.join(PRESETS)}")
    unknown = sorted(set(overrides) - set(BASE))
    if unknown:
        raise HyperError(f"unknown hyper-parameter {', '.join(unknown)}; valid: {', '.join(BASE)}")
    hyper = {**BASE, **run, **overrides}
    return _validate(hyper)


def _validate(h) -> dict:
    h["lr"], h["lr_end"], h["tol"] = float(h["lr"]), float(h["lr_end"]), float(h["tol"])
    h["epochs"], h["lr_every"], h["seed"] = int(h["epochs"]), int(h["lr_every"]), int(h["seed"])
    if h["start"] is not None:
        h["start"] = tuple(float(v) for v in h["start"])
    checks = [
        (h["lr"] > 0, "lr must be > 0"),
        (h["lr_end"] > 0, "lr_end must be > 0"),
        (h["epochs"] >= 1, "epochs must be >= 1"),
        (h["lr_every"] >= 1, "lr_every must be >= 1"),
        (h["tol"] >= 0, "tol must be >= 0"),
        (h["schedule"] in ("constant", "linear"), "schedule must be constant or linear"),
        (h["method"] in METHODS, "method must be batch, sgd or sequential"),
        (h["gradient"] in ("hand", "notes"), "gradient must be hand or notes"),
    ]
    for ok, message in checks:
        if not ok:
            raise HyperError(message)
    return h
