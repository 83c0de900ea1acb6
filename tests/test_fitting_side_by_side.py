"""The runs the gradient-descent lecture compares (fitting/side_by_side.py)."""

import numpy as np

from fitting import fit
from fitting.side_by_side import learning_rate_runs, sequential_run, settled_epoch

FACTORS = {"too small": 0.1, "good": 1.0, "too large": 1.5}
DEFAULT = fit("linear")


def test_settled_epoch_is_where_the_loss_first_comes_within_one_percent():
    epoch = settled_epoch(DEFAULT)
    row = int(np.flatnonzero(DEFAULT.epoch == epoch)[0])
    assert DEFAULT.loss[row] <= DEFAULT.final_loss * 1.01 < DEFAULT.loss[row - 1]


def test_learning_rates_start_together_and_only_the_large_one_diverges():
    runs = learning_rate_runs("linear", DEFAULT, FACTORS)
    assert list(runs) == list(FACTORS)
    for name, (run, error) in runs.items():
        np.testing.assert_array_equal(run.params[0], DEFAULT.params[0])
        assert np.isclose(run.lr[0], DEFAULT.lr[0] * FACTORS[name])
        assert (error is not None) == (name == "too large"), name
    large, error = runs["too large"]
    assert int(large.epoch[-1]) == error.epoch - 1 and np.isfinite(large.loss).all()
    (small, _), (good, _) = runs["too small"], runs["good"]
    assert int(good.epoch[-1]) == settled_epoch(DEFAULT) == int(small.epoch[-1])
    assert small.final_loss > good.final_loss  # too small: still far from the optimum


def test_the_sequential_run_reaches_the_same_optimum():
    sequential = sequential_run("linear")
    assert sequential.meta["hyper"]["method"] == "sequential"
    assert np.isclose(sequential.final_loss, DEFAULT.final_loss, rtol=1e-9)
