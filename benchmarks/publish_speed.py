"""How long do the slide deck and the page take from a warm cache, against the video render?

    .venv/bin/python benchmarks/publish_speed.py              # the calculus lecture at -ql
    .venv/bin/python benchmarks/publish_speed.py sigmoid -qm  # another lecture, quality
    .venv/bin/python benchmarks/publish_speed.py sigmoid --media DIR  # DIR's cache, kept

In one temporary media folder (or --media DIR, warm from an earlier run), silent
(LECTURE_VOICE=off), one process at a time:
  1. a plain render, untimed: fills Manim's cache (partial movies, LaTeX, the trajectory);
  2. the plain render again, timed: `manim render` from a warm cache, every animation found in
     Manim's cache (its stamp removed first: a render with a fresh stamp stops before
     construct(), scenes/kit/unchanged.py, and a deck render never does);
  3. the deck, timed: `python -m publish slides` (the SLIDES render, manim-slides convert to
     HTML, the PDF handout), which should reuse every partial movie of 2;
  4. the page, timed: what `./dev page` adds to the render, `python -m publish page` (the
     video packaged, the audit, MathJax, the surface);
  5. 2 to 4 once more: the machine is shared, so each time is the faster of its two runs.
Prints the times, their ratios to 2 (the issue's target: below 1.5) and how many partial
movies the decks rendered anew (0 when the two renders share the cache, as they must).
"""

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.5


def timed(command, env):
    """Wall seconds of one command run from the repository root; fails loudly."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def warm_render(command, env, media):
    """A plain render through Manim's cache: without the stamp that would skip it."""
    for stamp in media.glob("videos/*/*/*.stamp"):
        stamp.unlink()
    return timed(command, env)


def partial_movies(media):
    return {p.name for p in media.glob("videos/*/*/partial_movie_files/*/*.mp4")}


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lecture", nargs="?", default="calculus")
    parser.add_argument("-q", default="l", help="quality letter, as manim's -q (default l)")
    parser.add_argument("--media", type=Path, help="a media folder to use and keep")
    args = parser.parse_args(argv)
    scene, quality = ROOT / "scenes" / f"{args.lecture}.py", f"-q{args.q}"
    env = {**os.environ, "LECTURE_VOICE": "off"}
    with contextlib.ExitStack() as stack:
        media = args.media or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        options = [quality, "--media_dir", str(media.absolute()), "--progress_bar", "none"]
        plain = [sys.executable, "-m", "manim", "render", str(scene), *options]
        slides = [sys.executable, "-m", "publish", "slides", str(scene), *options]
        page = [sys.executable, "-m", "publish", "page", str(scene), "--media", str(media)]
        cold = warm_render(plain, env, media)
        runs, anew = [], 0
        for _ in range(2):
            warm = warm_render(plain, env, media)
            before = partial_movies(media)
            runs.append((warm, timed(slides, env), timed(page, env)))
            anew += len(partial_movies(media) - before)
    warm, deck, site = (min(run[k] for run in runs) for k in range(3))
    print(f"{args.lecture} {quality}: first render {cold:.1f} s (untimed warm-up)")
    for name, best, k in (
        ("plain render, warm cache", warm, 0),
        ("deck (render + convert)", deck, 1),
        ("page (publish page)", site, 2),
    ):
        print(f"  {name:<26} {best:6.1f} s   runs: {[round(run[k], 1) for run in runs]}")
    print(f"  partial movies the decks rendered anew: {anew}")
    print(f"  ratios: deck {deck / warm:.2f}, page {site / warm:.2f} (target < {TARGET})")
    return 0 if max(deck, site) / warm < TARGET and anew == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
