"""The audit of the lecturer's notes file: coverage, verdicts, findings, the TeX the scenes get."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import sympy as sp

from derivations import CHAINS, chain, equality
from derivations.texparse import Context, TexError, read

NOTES = Path(__file__).resolve().parents[1] / "notes" / "house-prices.md"
CONTRACT_CHAINS = [
    "limits",
    "linear_layer",
    "mse",
    "update_rule",
    "linear",
    "sigmoid_derivative",
    "sigmoid",
    "cubic",
    "abs_derivative",
    "relu_net",
    "tanh_derivative",
    "leaky_relu",
    "tanh_net",
]
ALL = [s for name in CHAINS for s in chain(name)]


def by_id(step_id):
    (step,) = [s for s in ALL if s.id == step_id]
    return step


def test_chain_names_are_the_contracts():
    assert list(CHAINS) == CONTRACT_CHAINS
    with pytest.raises(KeyError, match="known: limits"):
        chain("nope")


def test_every_equation_line_of_the_notes_is_a_step():
    """Each line with math ($) or a plain-text equation is audited; 66/94 are results, no math."""
    lines = NOTES.read_text(encoding="utf-8").splitlines()
    with_math = {n for n, text in enumerate(lines, 1) if "$" in text}
    with_math |= {122, 147}  # "a = y - M(x)", "Linear(x)=W·x+b" written as plain text
    with_math -= {94}  # "w = ... b = ... loss = ...": the descent's numbers, not an equation
    assert with_math - {s.line for s in ALL} == set()
    assert {s.line for s in ALL} - with_math == set()  # and nothing but the notes' lines


def test_steps_are_well_formed():
    ids = [s.id for s in ALL]
    assert len(ids) == len(set(ids))
    for s in ALL:
        assert s.verdict in ("correct", "wrong", "typo", "incomplete"), s.id
        if s.verdict == "correct":
            assert s.corrected_tex is None and s.reason == "" and s.expr is not None, s.id
        else:
            assert s.corrected_tex and s.reason and "\n" not in s.reason, s.id
            assert s.corrected_expr is not None, s.id
        for tex in (s.tex, s.corrected_tex or ""):
            assert "$" not in tex and r"\begin{split}" not in tex and r"\begin{aligned}" not in tex


def test_chains_are_cached():
    assert chain("relu_net") == chain("relu_net")
    assert chain("relu_net") is not chain("relu_net")  # callers get their own list


# The findings: every mistake the lead spotted, and the ones the audit found.
FINDINGS = {
    "limits.fy.name": "typo",  # f_x labels the y-derivative
    "mse.sum": "wrong",  # i = 0..N under 1/N
    "linear.db.result": "wrong",
    "linear.dW.result.Wb": "wrong",
    "linear.db.cut": "incomplete",
    "update_rule.linear.b.rhs": "typo",  # d/dh J(b, W)
    "update_rule.relu.W.rhs": "typo",  # MAE/dW_i without the partial
    "update_rule.tanh.b.rhs": "typo",
    "sigmoid.model.theta": "wrong",  # the cap 20 is missing
    "sigmoid.theta_0.as_gradient": "incomplete",  # dh/dtheta, not dJ/dtheta
    "sigmoid.theta_1.b": "typo",  # d/db for d/dtheta_1
    "sigmoid.theta_1.chain_rule": "typo",
    "cubic.dW": "wrong",  # x^3, not x
    "relu_net.mae.sum": "wrong",  # MAE without |.|
    "tanh_net.mae.sum": "wrong",
    "abs_derivative.start": "typo",
    "abs_derivative.ratio": "incomplete",  # undefined at a = 0
    "relu_net.dW2.chain": "wrong",  # the minus sign of a = y - M(x)
    "relu_net.dW.formula": "typo",  # (W_i x + b_i)/d b_i labelled dW_i
    "relu_net.db2.repeated": "wrong",
    "relu_net.db2.garbage": "incomplete",
    "relu_net.dW1.u": "wrong",
    "relu_net.db1.by_q": "wrong",
    "relu_net.db1.stray": "wrong",
    "tanh_derivative.chain_rule": "wrong",  # derivative of the inverse for the inner one
    "tanh_derivative.result": "correct",
    "sigmoid_derivative.result": "correct",
    "leaky_relu.derivative.cases": "correct",
    "tanh_net.db1.1": "wrong",  # "· x" before the correction to "· 1"
    "tanh_net.db1.2": "typo",
    "tanh_net.dW1.as_gradient": "incomplete",  # sign(y' - y) never applied
    "tanh_net.model.140.layers": "incomplete",
}


@pytest.mark.parametrize("step_id", list(FINDINGS))
def test_finding(step_id):
    assert by_id(step_id).verdict == FINDINGS[step_id]


def test_corrected_results_equal_sympys_derivative():
    """The last corrected step of a gradient chain is SymPy's derivative of fitting/'s model."""
    from derivations import symbolic

    W, b = symbolic.params("linear")
    t0, t1 = sp.symbols("theta_0 theta_1", real=True)
    last = by_id("linear.dW.result.Wb").corrected_expr
    assert sp.simplify(last - symbolic.gradient("linear")[0].xreplace({W: t1, b: t0})) == 0
    final = by_id("relu_net.dW1.garbage").corrected_expr
    assert equality.proved_equal(final, symbolic.sample_gradient("relu_net")[0])


def test_tex_shown_is_tex_checked():
    """Each step's expr is what its TeX reads as, and the parser reads the notes' dialect right."""
    a, N, i = sp.Symbol("a", real=True), sp.Symbol("N"), sp.Symbol("i")
    x = sp.IndexedBase("x")
    ctx = Context(symbols={"N": N, "i": i, "x_i": x[i]})
    assert read(r"\frac{1}{N} \cdot \sum_{i=0}^{N} (x_i - 1)^2", ctx)[0] == (
        sp.Sum((x[i] - 1) ** 2, (i, 0, N)) / N
    )
    assert read(r"\frac{|a|}{\partial a}", ctx) == (
        sp.sign(a),
        (
            r"\partial missing in the "
            r"numerator of a derivative",
        ),
    )
    assert (
        read(r"-(1 + e^{-a})^{-2} \cdot (e^{-a} \cdot -1)", ctx)[0]
        == sp.exp(-a) / (1 + sp.exp(-a)) ** 2
    )
    assert read(r"\frac{\partial}{\partial a} 1 + \frac{\partial}{\partial a} e^{-a}", ctx)[0] == (
        -sp.exp(-a)
    )
    cases = read(r"\begin{cases} a, a \ge 0 \\ 0, a < 0 \end{cases}", ctx)[0]
    assert cases == sp.Piecewise((a, a >= 0), (0, a < 0))
    for garbage in (
        r"\frac{2}{N} \sum \cdots",
        r"\frac{\partial}{\partial a} \cdot "
        r"\frac{\partial}{\partial b}",
        r"Linear(x)",
    ):
        with pytest.raises(TexError):
            read(garbage, ctx)
    for name in CHAINS:
        for s in chain(name):
            assert (s.expr is None) == (s.check == "not readable"), s.id


def test_counts_per_verdict():
    """225 steps read from the file (219 in the hand transcription: see the differences)."""
    counts = {
        v: sum(s.verdict == v for s in ALL) for v in ("correct", "typo", "wrong", "incomplete")
    }
    assert counts == {"correct": 122, "typo": 47, "wrong": 42, "incomplete": 14}


def test_the_notes_are_in_the_repository():
    assert NOTES.read_text(encoding="utf-8").startswith("House prices")
    assert all(s.line <= len(NOTES.read_text(encoding="utf-8").splitlines()) for s in ALL)


@pytest.mark.skipif(shutil.which("latex") is None, reason="needs LaTeX (Manim's MathTex)")
def test_every_tex_compiles_in_mathtex(tmp_path):
    """All TeX a scene may show, in one document with Manim's MathTex preamble and align*
    (an article, not Manim's one-box standalone page, so that 400 formulas fit)."""
    from manim import TexTemplate

    formulas = {t for s in ALL for t in (s.shown, f"{s.label} {s.tex}", s.corrected_tex) if t}
    body = "\n".join(rf"\begin{{align*}}{t}\end{{align*}}" for t in sorted(formulas))
    doc = tmp_path / "all.tex"
    preamble = TexTemplate().preamble
    doc.write_text(
        f"\\documentclass{{article}}\n{preamble}\n\\begin{{document}}\n{body}\n\\end{{document}}\n",
        "utf-8",
    )
    run = subprocess.run(
        ["latex", "-interaction=nonstopmode", "-halt-on-error", doc.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    errors = re.findall(r"^!.*$", run.stdout, re.M)
    assert run.returncode == 0, errors or run.stdout[-2000:]


def test_nothing_reads_the_shared_folder():
    """The notes are in the repository: no module of derivations/ points outside it."""
    root = Path(__file__).resolve().parents[1] / "derivations"
    for module in root.rglob("*.py"):
        assert "../shared" not in module.read_text(encoding="utf-8"), module
