"""How fast do the lectures render, against the floor of an empty scene of the same length?

    .venv/bin/python benchmarks/render_speed.py                 # every lecture, -ql and -qh
    .venv/bin/python benchmarks/render_speed.py -q l linear     # one lecture, low quality
    .venv/bin/python benchmarks/render_speed.py --rerender sigmoid -q m   # re-render figures

For each scene file in scenes/ (each defines one Scene) and each quality, in one run:
  1. a warm-up render at -ql, untimed, so the LaTeX/text caches and the trajectory exist
     (what a lecturer's second render sees);
  2. the lecture, timed as a whole process: `manim render -q<q> --disable_caching`;
  3. the floor: an empty scene exactly as long as that lecture's video, every frame drawn
     (`self.wait(T, frozen_frame=False)`): Manim's start-up, Cairo and encoding, nothing else.
The ratio is lecture time / floor time. Each section's cost is its wall time over the floor's
time per second of video times the section's length; "setup" is everything before the first
section (imports, trajectory, SymPy). All renders go into one temporary media folder, one at
a time (two renders on two cores distort each other's timings).

--rerender measures the caches instead, for each named lecture and quality: a cold render
with caching (untimed), an unchanged second render (timed: the target is 10 s; the lecture's
stamp, scenes/kit/unchanged.py, says nothing changed, so it is not built), the same with the
stamp removed (Manim's cache alone: every animation should hit), then a render with one beat's
narration edited (the middle beat, or --edit-beat N): which sections had animations
re-rendered. No render is given PYTHONHASHSEED: the cache must hit however Manim was started.
"""

import argparse
import atexit
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOOR = """from manim import Scene


class Floor(Scene):
    def construct(self):
        self.wait({seconds}, frozen_frame=False)
"""


def scene_names():
    """Every lecture, by the one rule: each scenes/*.py but the package's __init__.py."""
    return sorted(p.stem for p in (ROOT / "scenes").glob("*.py") if p.stem != "__init__")


def child(log, argv):
    """Run manim's command line (a subprocess of main), logging when each section starts,
    which animations Manim's cache held (section, hit), and every beat's section; with
    BENCH_EDIT_BEAT=N in the environment, beat N's narration is edited (words appended)."""
    from manim import Scene
    from manim.scene.scene_file_writer import SceneFileWriter

    from scenes.kit.narration import Narrated

    marks, cache, beats = [("start", time.perf_counter())], [], []
    original_section, original_cached = Scene.next_section, SceneFileWriter.is_already_cached
    original_beat, edit = Narrated.beat, int(os.environ.get("BENCH_EDIT_BEAT", "0"))

    def next_section(self, name="unnamed", *args, **kwargs):
        marks.append((name, time.perf_counter()))
        return original_section(self, name, *args, **kwargs)

    def is_already_cached(self, hash_invocation):
        hit = original_cached(self, hash_invocation)
        cache.append((self.sections[-1].name if self.sections else "", hit))
        return hit

    def beat(self, text):
        beats.append(marks[-1][0])
        return original_beat(self, text + (" And one more word." if len(beats) == edit else ""))

    Scene.next_section = next_section
    SceneFileWriter.is_already_cached = is_already_cached
    Narrated.beat = beat
    if log:
        atexit.register(lambda: Path(log).write_text(json.dumps(
            {"marks": [*marks, ("end", time.perf_counter())], "cache": cache, "beats": beats}
        )))  # fmt: skip
    sys.argv = ["manim", *argv]
    from manim.__main__ import main

    main()


def render(file, quality, media, log=None, extra=(), cached=False, edit_beat=0):
    """Wall time of one whole `manim render` process; raises with its stderr if it fails."""
    caching = [] if cached else ["--disable_caching"]
    args = ["render", f"-q{quality}", *caching, "--media_dir", str(media),
            "--progress_bar", "none", "-v", "WARNING", *extra, str(file)]  # fmt: skip
    command = [sys.executable, __file__, "--child", str(log or ""), "--", *args]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHASHSEED", "BENCH_EDIT_BEAT")}
    env.update(LECTURE_VOICE="off", **({"BENCH_EDIT_BEAT": str(edit_beat)} if edit_beat else {}))
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"render of {file} at -q{quality} failed:\n{done.stderr[-3000:]}")
    return elapsed


def sections(media, name, quality):
    """[(section name, seconds of video)] from Manim's sections JSON of the lecture's video."""
    folder = {"l": "480p15", "m": "720p30", "h": "1080p60", "p": "1440p60", "k": "2160p60"}
    found = list((media / "videos" / name / folder[quality] / "sections").glob("*.json"))
    if len(found) != 1:
        raise SystemExit(f"expected one sections JSON for {name} at -q{quality}, found {found}")
    return [(s["name"], float(s["duration"])) for s in json.loads(found[0].read_text())]


def measure(name, quality, media, extra=()):
    log = media / f"{name}-{quality}.log"
    lecture = render(ROOT / "scenes" / f"{name}.py", quality, media, log, extra)
    parts = sections(media, name, quality)
    length = sum(seconds for _, seconds in parts)
    floor_file = media / f"floor_{name}_{quality}.py"
    floor_file.write_text(FLOOR.format(seconds=round(length, 3)))
    floor = render(floor_file, quality, media, extra=extra)
    marks = json.loads(log.read_text())["marks"]
    walls = {a[0]: b[1] - a[1] for a, b in zip(marks[1:-1], marks[2:], strict=True)}
    per_second = floor / length
    costs = [(section, walls[section] / (per_second * seconds)) for section, seconds in parts]
    setup = marks[1][1] - marks[0][1]
    return dict(scene=name, quality=quality, video=length, lecture=lecture, floor=floor,
                ratio=lecture / floor, setup=setup, sections=costs)  # fmt: skip


def rerender(name, quality, media, edit_beat=0):
    """Cold, unchanged and one-beat-edited cached renders of one lecture (see the docstring)."""
    file, log = ROOT / "scenes" / f"{name}.py", media / f"{name}-{quality}-cache.log"
    render(file, quality, media, log, cached=True)  # cold: fills the cache
    beats = json.loads(log.read_text())["beats"]
    warm = render(file, quality, media, log, cached=True)  # the stamp says: unchanged
    built = bool(json.loads(log.read_text())["cache"])
    forget_stamps(media, name)  # the same, through Manim's cache alone
    warm_manim = render(file, quality, media, log, cached=True)
    unchanged = json.loads(log.read_text())["cache"]
    edit_beat = edit_beat or len(beats) // 2
    forget_stamps(media, name)  # the edit is made in the child's memory: the stamp can't see it
    edited = render(file, quality, media, log, cached=True, edit_beat=edit_beat)
    redone = [section for section, hit in json.loads(log.read_text())["cache"] if not hit]
    return dict(scene=name, quality=quality, warm=warm, built=built, warm_manim=warm_manim,
                animations=len(unchanged), missed=sum(not hit for _, hit in unchanged),
                edited=edited, edit_beat=edit_beat, edit_section=beats[edit_beat - 1],
                redone_sections=sorted(set(redone)), redone_animations=len(redone))  # fmt: skip


def forget_stamps(media, name):
    for stamp in (media / "videos" / name).rglob("*.stamp"):
        stamp.unlink()


def report_rerender(rows):
    for r in rows:
        print(f"{r['scene']} -q{r['quality']}: unchanged re-render {r['warm']:.1f} s "
              f"({'built again!' if r['built'] else 'not built: its stamp is current'}); "
              f"through Manim's cache alone {r['warm_manim']:.1f} s, {r['missed']} of "
              f"{r['animations']} animations missed the cache; beat {r['edit_beat']} (section "
              f"{r['edit_section']!r}) edited: {r['edited']:.1f} s, {r['redone_animations']} "
              f"animations re-rendered, in sections "
              f"{', '.join(r['redone_sections']) or 'none'}")  # fmt: skip


def report(rows):
    print(f"\n{'scene':<18}{'q':<3}{'video s':>9}{'render s':>10}{'floor s':>9}{'ratio':>7}"
          f"{'setup s':>9}  dearest sections (x floor)")  # fmt: skip
    for r in rows:
        dear = sorted(r["sections"], key=lambda s: -s[1])[:3]
        worst = ", ".join(f"{name} {cost:.1f}" for name, cost in dear)
        print(f"{r['scene']:<18}{r['quality']:<3}{r['video']:>9.1f}{r['lecture']:>10.1f}"
              f"{r['floor']:>9.1f}{r['ratio']:>7.2f}{r['setup']:>9.1f}  {worst}")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenes", nargs="*", help="scene names (default: every scenes/*.py)")
    parser.add_argument("-q", "--quality", nargs="+", default=["l", "h"], choices=list("lmhpk"))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--max-inflight-encoders",
        type=int,
        help="passed to both renders (default: manim.cfg's); Manim encodes each animation's "
        "partial movie before starting the next unless this is above 1",
    )
    parser.add_argument("--rerender", action="store_true", help="measure Manim's cache instead")
    parser.add_argument("--edit-beat", type=int, default=0, help="with --rerender: beat to edit")
    args = parser.parse_args()
    names = args.scenes or scene_names()
    unknown = [n for n in names if not (ROOT / "scenes" / f"{n}.py").exists()]
    if unknown:
        parser.exit(2, f"error: no scenes/{unknown[0]}.py; known: {', '.join(scene_names())}\n")
    extra = []
    if args.max_inflight_encoders:
        extra = ["--max-inflight-encoders", str(args.max_inflight_encoders)]
    rows = []
    with tempfile.TemporaryDirectory(prefix="render-speed-") as tmp:
        media = Path(tmp) / "media"
        if args.rerender:
            for name in names:
                for quality in args.quality:
                    rows.append(rerender(name, quality, media, args.edit_beat))
                    report_rerender(rows[-1:])
            if args.json:
                args.json.write_text(json.dumps(rows, indent=2))
            return
        for name in names:
            render(
                ROOT / "scenes" / f"{name}.py", "l", media
            )  # fills the caches, records the trajectory
            for quality in args.quality:
                rows.append(measure(name, quality, media, extra))
                report(rows[-1:])
    report(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[4:])
    else:
        main()
