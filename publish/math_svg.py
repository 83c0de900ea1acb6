"""TeX -> SVG with MathJax, every formula of a page in one node process.

    svgs = render([r"\\frac{1}{2}", "a + b"])      # [Formula(svg="<svg ...>", error=None), ...]

The page and the erratum show the notes' math as inline <svg> elements: nothing to fetch when
the page is opened, no raw TeX in its text, and the glyphs take the colour of the text around
them (MathJax fills with currentColor). tools/web/tex2svg.mjs does the work (mathjax-full from
tools/web/node_modules); node and MathJax start once per call (~1 s), each formula then costs
a few milliseconds, so a caller sends all of a page's formulas at once. TeX MathJax cannot read
comes back with its error instead of an SVG: the caller decides what a reader sees.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "web" / "tex2svg.mjs"
MATHJAX = ROOT / "tools" / "web" / "node_modules" / "mathjax-full"
SETUP = "npm ci --prefix tools/web (./dev setup publish does it)"


class MathError(RuntimeError):
    """The renderer itself cannot run (no node, no MathJax, a crash): no formula was made."""


@dataclass(frozen=True)
class Formula:
    svg: str | None  # one self-contained <svg> element; None when the TeX could not be read
    error: str | None = None  # MathJax's message when it could not


def render(texs, display=True) -> list[Formula]:
    """One Formula per TeX string, in order; each distinct string is typeset once."""
    texs = list(texs)
    distinct = list(dict.fromkeys(texs))
    if not distinct:
        return []
    results = _run([{"tex": t, "display": display} for t in distinct])
    pairs = zip(distinct, results, strict=True)  # _run checked the lengths
    made = {t: Formula(r.get("svg"), r.get("error")) for t, r in pairs}
    return [made[t] for t in texs]


def _run(requests):
    node = shutil.which("node")
    if node is None:
        raise MathError(f"typesetting math needs node (apt-get install -y nodejs), then {SETUP}")
    if not MATHJAX.is_dir():
        raise MathError(f"MathJax is not installed in tools/web: run {SETUP}")
    done = subprocess.run(
        [node, str(SCRIPT)],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        cwd=SCRIPT.parent,  # node resolves mathjax-full from tools/web/node_modules
        timeout=300,
    )
    if done.returncode != 0:
        raise MathError(f"{SCRIPT.name} failed (exit {done.returncode}): {done.stderr.strip()}")
    results = json.loads(done.stdout)
    if len(results) != len(requests):
        raise MathError(f"{SCRIPT.name} returned {len(results)} formulas for {len(requests)}")
    return results
