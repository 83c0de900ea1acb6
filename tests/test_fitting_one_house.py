"""One house through each net (fitting/one_house.py), checked without rendering: the values are
the model's forward pass, each local derivative is its edge's finite difference, and the products
along the edges are the model's hand-written backward."""

import dataclasses
import math

import numpy as np
import pytest

from fitting import LEAKY_SLOPE, MODELS, NOTES
from fitting.one_house import GRAPHS, GraphMismatchError, one_house, pick_house
from fitting.ops import scalar as op

NETS = ("relu_net", "tanh_net")


def points(name, n=50, seed=0):
    """Random houses and parameters away from the kinks (every local derivative is smooth)."""
    rng = np.random.default_rng(seed)
    model = MODELS[name]
    found = []
    while len(found) < n:
        x, y = rng.uniform(0.5, 4.5), rng.uniform(0.0, 10.0)
        params = dict(zip(model.params, rng.normal(0.0, 1.5, len(model.params)), strict=True))
        house = one_house(name, x, y, params)
        hidden = [house.values[node] for node in GRAPHS[name].path[1:-1]]
        if min(abs(v) for v in hidden) > 1e-3 and abs(house.values["y_hat"] - y) > 1e-3:
            found.append((x, y, params, house))
    return found


@pytest.mark.parametrize("name", NETS)
def test_forward_values_are_the_models_forward_pass(name):
    model = MODELS[name]
    for x, y, params, house in points(name):
        p = list(params.values())
        assert house.values["y_hat"] == pytest.approx(model.forward(op, x, *p), abs=1e-12)
        assert house.values["L"] == pytest.approx(abs(model.forward(op, x, *p) - y), abs=1e-12)
        assert [house.values[n] for n in model.params] == p


@pytest.mark.parametrize("name", NETS)
def test_every_edge_that_carries_a_gradient_has_a_local_derivative(name):
    """Every edge but x's (the floors are data: nothing flows back to them)."""
    graph = GRAPHS[name]
    house = points(name, n=1)[0][3]
    main = set(zip(graph.path[1:], graph.path[2:], strict=False))
    feeds = {(p, node) for node, names in graph.inputs.items() for p in names}
    assert set(house.local) == main | feeds


@pytest.mark.parametrize("name", NETS)
def test_local_derivatives_are_finite_differences_of_each_edge(name):
    """Nudge one node, recompute the next from its parents: d dst / d src by central difference."""
    h = 1e-6
    for *_, house in points(name, n=10):
        for (src, dst), local in house.local.items():
            up, down = (_next_node(name, house, src, dst, house.values[src] + s) for s in (h, -h))
            assert local == pytest.approx((up - down) / (2 * h), rel=1e-5, abs=1e-6), (src, dst)


def _next_node(name, house, src, dst, value):
    """dst recomputed from its parents, with src set to value (the other parents as they were)."""
    v = dict(house.values, **{src: value})
    parents = {
        "relu_net": {"q": lambda: op.Linear(v["W1"], v["b1"], v["x"]), "z": lambda: op.ReLU(v["q"]),
                     "y_hat": lambda: op.Linear(v["W2"], v["b2"], v["z"])},
        "tanh_net": {"m": lambda: op.Linear(v["W1"], v["b1"], v["x"]), "l": lambda: op.tanh(v["m"]),
                     "k": lambda: op.Linear(v["W2"], v["b2"], v["l"]),
                     "y_hat": lambda: op.LeakyReLU(v["k"], LEAKY_SLOPE)},
    }[name]  # fmt: skip
    parents["L"] = lambda: abs(v["y_hat"] - v["y"])
    return parents[dst]()


@pytest.mark.parametrize("name", NETS)
def test_chain_rule_products_are_the_hand_written_backward(name):
    model = MODELS[name]
    for x, y, params, house in points(name):
        backward = dict(zip(model.params, model.backward(op, x, y, *params.values()), strict=True))
        for p in model.params:
            product = math.prod(house.local[e] for e in house.path_to_loss(p))
            assert product == pytest.approx(backward[p], rel=1e-12, abs=1e-12), p
            assert house.upstream[p] == pytest.approx(backward[p], rel=1e-12, abs=1e-12), p
            assert house.grad[p] == backward[p]
        assert house.path_to_loss("W1")[-1] == ("y_hat", "L")


@pytest.mark.parametrize("name", NETS)
def test_the_house_followed_is_a_notes_house_that_reaches_every_parameter(name):
    model = MODELS[name]
    start = dict(zip(model.params, (0.5, 0.2, 1.5, 0.1), strict=True))
    house = pick_house(name, NOTES, start)
    assert (house.values["x"], house.values["y"]) in set(zip(NOTES.x, NOTES.y, strict=True))
    assert house.reaches_every_parameter()
    others = [one_house(name, x, y, start) for x, y in zip(NOTES.x, NOTES.y, strict=True)]
    alive = [h.values["L"] for h in others if h.reaches_every_parameter()]
    assert house.values["L"] == max(alive)


def test_a_backward_that_disagrees_with_the_graph_is_refused(monkeypatch):
    model = MODELS["relu_net"]
    wrong = dataclasses.replace(model, backward=lambda op, x, y, *p: (0.0, 0.0, 0.0, 0.0))
    monkeypatch.setitem(MODELS, "relu_net", wrong)
    with pytest.raises(GraphMismatchError, match="relu_net.*disagrees with fitting/models.py"):
        one_house("relu_net", 2.0, 1.5, {"W1": 0.5, "b1": 0.2, "W2": 1.5, "b2": 0.1})


def test_a_model_without_a_graph_is_named():
    with pytest.raises(KeyError, match="no graph for model 'linear'"):
        one_house("linear", 2.0, 1.5, {"W": 1.0, "b": 0.0})


@pytest.mark.parametrize("name", ["abs", "tanh", "LeakyReLU"])
def test_piece_curves_are_the_ops_and_their_finite_difference_slopes(name):
    from fitting.one_house import piece_curve

    a = np.array([-2.0, -0.5, 0.3, 1.7])  # away from the kink at 0
    values, slopes = piece_curve(name, a)
    scalar_op = {"abs": abs, "tanh": op.tanh, "LeakyReLU": lambda v: op.LeakyReLU(v, LEAKY_SLOPE)}
    assert values.tolist() == [scalar_op[name](float(v)) for v in a]
    h = 1e-6
    (up, _), (down, _) = piece_curve(name, a + h), piece_curve(name, a - h)
    assert slopes == pytest.approx((up - down) / (2 * h), rel=1e-6)


def test_piece_curves_keep_the_kink_conventions():
    from fitting.one_house import piece_curve

    assert piece_curve("abs", [0.0])[1].tolist() == [0.0]  # sign(0) = 0
    assert piece_curve("LeakyReLU", [0.0])[1].tolist() == [LEAKY_SLOPE]
    with pytest.raises(KeyError, match="no curve for piece 'ReLU'"):
        piece_curve("ReLU", [0.0])
