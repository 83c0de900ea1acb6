"""python -m fitting MODEL: run a descent, print where it ended, save the trajectory.

Exit status: 0 done, 1 the descent diverged, 2 bad usage or bad data.
"""

import argparse
import json
import sys
from pathlib import Path

from .cache import trajectory_path
from .data import NOTES, DataError, load_csv
from .descent import DivergenceError, fit
from .models import MODELS
from .presets import BASE, PRESETS, HyperError, resolve
from .trajectory import save

PROGRESS_EPOCHS = 200_000  # runs at least this long get a progress bar on a terminal


class Parser(argparse.ArgumentParser):
    def error(self, message):
        """One line, naming the valid choices; exit 2 (argparse's usage status)."""
        if "MODEL" in message or "the following arguments are required" in message:
            message = f"{message}; valid models: {', '.join(MODELS)}"
        elif "unrecognized arguments" in message:
            options = sorted(
                {o for a in self._actions for o in a.option_strings if o.startswith("--")}
            )
            message = f"{message}; valid options: {', '.join(options)}"
        self.exit(2, f"{self.prog}: error: {message}\n")


def parser() -> Parser:
    p = Parser(
        prog="python -m fitting",
        description="Gradient descent with the notes' hand-written gradients.",
        epilog="Without options, each model's default run (fitting/presets.py).",
    )
    p.add_argument("model", metavar="MODEL", choices=list(MODELS), help=" | ".join(MODELS))
    p.add_argument(
        "--preset", choices=list(PRESETS), help="the notes' run (lr 0.005 -> 0.0001, ...)"
    )
    p.add_argument("--lr", type=float, help="learning rate (the starting one under a schedule)")
    p.add_argument("--schedule", choices=["constant", "linear"], help="learning-rate schedule")
    p.add_argument("--lr-end", type=float, help="final learning rate of the linear schedule")
    p.add_argument("--lr-every", type=int, help="epochs between rate changes (linear schedule)")
    p.add_argument("--epochs", type=int, help="most epochs to run")
    method = p.add_mutually_exclusive_group()
    method.add_argument(
        "--sgd", dest="method", action="store_const", const="sgd", help="one house at a time"
    )
    method.add_argument(
        "--batch", dest="method", action="store_const", const="batch", help="full batch"
    )
    p.add_argument("--seed", type=int, help="seeds the random start and SGD's shuffles")
    p.add_argument(
        "--start", type=float, nargs="+", metavar="V", help="starting parameters, in order"
    )
    p.add_argument(
        "--tol", type=float, help="stop once no parameter moves more than this in an epoch"
    )
    p.add_argument(
        "--gradient",
        choices=["hand", "notes"],
        help="hand: the correct one (default); notes: the notes' code's (sigmoid only)",
    )
    p.add_argument("--data", metavar="CSV", help="houses from a CSV with columns floors,price")
    p.add_argument(
        "-o", "--output", metavar="PATH", help="trajectory file (default media/trajectories/...)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object and nothing else")
    return p


def main(argv=None) -> int:
    args = parser().parse_args(argv)
    hyper = {k: getattr(args, k) for k in BASE if getattr(args, k, None) is not None}
    try:
        data = load_csv(args.data) if args.data else NOTES
        h = resolve(args.model, args.preset, **hyper)
        with _Progress(h["epochs"], args.json) as progress:
            traj = fit(args.model, data, preset=args.preset, progress=progress, **hyper)
    except (DataError, HyperError) as e:
        return _fail(e, 2)
    except DivergenceError as e:
        return _fail(e, 1)
    path = Path(args.output) if args.output else _default_path(args, data, hyper)
    try:
        save(traj, path)
    except OSError as e:
        return _fail(f"cannot write {path} ({e.strerror or e}); choose another path with -o", 2)
    _report(traj, path, args.json)
    return 0


def _default_path(args, data, hyper):
    """The scenes' file for the default run or a preset; other runs get their own name,
    so a render (which replays the default run) never replaces them."""
    path = trajectory_path(args.model, Path("media") / "trajectories", args.preset)
    if data is not NOTES:
        path = path.with_name(f"{path.stem}-{Path(data.name).stem}.json")
    return path.with_name(f"{path.stem}-custom.json") if hyper else path


def _report(traj, path, as_json):
    if as_json:
        doc = {
            "model": traj.model,
            "params": traj.final,
            "loss": traj.final_loss,
            "epochs": traj.epochs,
            "trajectory": str(path),
        }
        print(json.dumps(doc))
        return
    params = " ".join(f"{name}={value!r}" for name, value in traj.final.items())
    print(f"{traj.model}: {params} loss={traj.final_loss!r} learning_rate={float(traj.lr[-1])!r}")
    print(f"epochs: {traj.epochs} (stopped: {traj.meta['stopped']})")
    if traj.meta["hyper"]["gradient"] == "notes":
        print(
            "note: this run uses the notes' own gradient (the linear model's: no 20·s(1 - s)), "
            f"to reproduce their figures; `python -m fitting {traj.model}` finds the optimum"
        )
    print(f"trajectory: {path} ({len(traj)} rows)")


def _fail(error, status):
    print(f"error: {error}", file=sys.stderr)
    return status


class _Progress:
    """A rich progress bar on stderr for long runs on a terminal; otherwise nothing."""

    def __init__(self, epochs, quiet):
        self.enabled = not quiet and epochs >= PROGRESS_EPOCHS and sys.stderr.isatty()

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.progress import Progress  # only for the terminal: fitting needs numpy alone

        self.bar = Progress(transient=True)
        self.bar.start()
        task = self.bar.add_task("descent", total=None)
        return lambda done, total: self.bar.update(task, completed=done, total=total)

    def __exit__(self, *exc):
        if self.enabled:
            self.bar.stop()
