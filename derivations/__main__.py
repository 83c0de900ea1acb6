"""python -m derivations [--json] [--out DIR]: verify the code's gradients, audit the notes.

Prints per model whether fitting/'s gradient is verified (symbolic / numeric / finite
differences), the audit's counts per chain, then every step that is not correct with its
correction; writes DIR/erratum.md (default media/erratum). Exit 1 if a gradient disagrees.
"""

import argparse
import json
import sys
from collections import Counter

from fitting.models import MODELS

from . import erratum
from .chains import NAMES, chain
from .verify import FD_TOL, NUMERIC_TOL, verify


def _model_report(v):
    return {
        "ok": v.ok,
        "symbolic": {p: bool(r) for p, r in v.symbolic.items()},
        "numeric_max_rel_err": v.numeric_max_rel_err,
        "fd_max_rel_err": v.fd_max_rel_err,
        "points": v.points,
        "trajectory_points": v.trajectory_points,
        "trajectory_max_rel_err": v.trajectory_max_rel_err,
        "notes": list(v.notes),
    }


def _step_report(name, s):
    return {
        "id": s.id,
        "chain": name,
        "line": s.line,
        "verdict": s.verdict,
        "tex": s.tex,
        "corrected_tex": s.corrected_tex,
        "reason": s.reason,
        "relation": s.relation,
        "label": s.label,
        "check": s.check,
    }


def _print_text(models, chains, path):
    print(f"Code gradients (relative error; numeric <= {NUMERIC_TOL:g}, differences <= {FD_TOL:g})")
    for name, v in models.items():
        proved = sum(bool(r) for r in v.symbolic.values())
        print(
            f"  {name:9s} {'verified' if v.ok else 'DISAGREES'}: "
            f"symbolic {proved}/{len(v.symbolic)} proved, "
            f"numeric {v.numeric_max_rel_err:.1e}, "
            f"finite differences {v.fd_max_rel_err:.1e} ({v.points} points), "
            f"trajectories {v.trajectory_max_rel_err:.1e} ({v.trajectory_points} points)"
        )
        for note in v.notes:
            print(f"            note: {note}")
    total = Counter()
    print("\nAudit of the notes (steps: correct / typo / wrong / incomplete)")
    for name, steps in chains.items():
        c = Counter(s.verdict for s in steps)
        total.update(c)
        print(
            f"  {name:18s} {len(steps):3d}: {c['correct']:3d} / {c['typo']:3d} / {c['wrong']:3d}"
            f" / {c['incomplete']:3d}"
        )
    print(
        f"  {'all':18s} {sum(total.values()):3d}: {total['correct']:3d} / {total['typo']:3d} / "
        f"{total['wrong']:3d} / {total['incomplete']:3d}"
    )
    print("\nSteps that are not correct")
    for steps in chains.values():
        for s in steps:
            if s.verdict == "correct":
                continue
            print(f"  line {s.line:3d} {s.verdict:10s} {s.id}: {s.reason}")
            print(f"      as written: {s.tex}")
            print(f"      corrected:  {s.corrected_tex}")
    print(f"\nErratum written to {path}")


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m derivations", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--out", default="media/erratum", help="erratum directory")
    args = parser.parse_args(argv)
    models = {name: verify(name) for name in MODELS}
    chains = {name: chain(name) for name in NAMES}
    try:
        path = erratum.write(args.out)
    except OSError as err:
        print(
            f"error: cannot write the erratum to {args.out}: {err}; pass --out DIR", file=sys.stderr
        )
        return 2
    if args.json:
        report = {
            "models": {name: _model_report(v) for name, v in models.items()},
            "chains": {name: dict(Counter(s.verdict for s in st)) for name, st in chains.items()},
            "steps": [_step_report(name, s) for name, st in chains.items() for s in st],
            "erratum": str(path),
        }
        print(json.dumps(report, indent=1))
    else:
        _print_text(models, chains, path)
    return 0 if all(v.ok for v in models.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
