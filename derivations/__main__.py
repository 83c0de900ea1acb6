"""python -m derivations [--json] [--out DIR]: verify the code's gradients, audit the notes.

    python -m derivations                     verification + audit of notes/house-prices.md
    python -m derivations audit [NOTES] [--json] [--out DIR]     the audit of one notes file

Prints per model whether fitting/'s gradient is verified (symbolic / numeric / finite
differences), the audit's counts per chain, then every step that is not correct with its
correction; writes DIR/erratum.md (default media/erratum). Exit codes: the report 1 if a
gradient disagrees; audit 0 when every step is correct, 1 with findings, 2 when the notes
cannot be read at all (missing, not UTF-8, no equations, an unclosed $$).
"""

import argparse
import json
import sys
from collections import Counter

from fitting.models import MODELS

from . import erratum
from .chains import notes_path
from .notes import NotesError, audit
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
        "repeated": s.repeated,
    }


def _print_models(models):
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
    print()


def _counts(c):
    line = f"{c['correct']:3d} / {c['typo']:3d} / {c['wrong']:3d} / {c['incomplete']:3d}"
    return line + (f" ({c['not readable']} not readable)" if c["not readable"] else "")


def _print_audit(result, path):
    total = Counter()
    print(f"Audit of {result.path} (steps: correct / typo / wrong / incomplete)")
    for name, steps in result.chains.items():
        c = Counter(s.verdict for s in steps)
        total.update(c)
        print(f"  {name:18s} {len(steps):3d}: {_counts(c)}")
    print(f"  {'all':18s} {sum(total.values()):3d}: {_counts(total)}")
    print("\nSteps that are not correct")
    for s in result.steps:
        if s.verdict != "correct":
            print(f"  line {s.line:3d} {s.verdict:10s} {s.id}: {s.reason}")
            print(f"      as written: {s.tex}")
            print(f"      corrected:  {s.corrected_tex}")
    for w in result.warnings:
        print(f"warning: {w}")
    print(f"\nErratum written to {path}")


def _audit_report(result, path):
    return {
        "notes": result.path,
        "chains": {n: dict(Counter(s.verdict for s in st)) for n, st in result.chains.items()},
        "steps": [_step_report(s.id.split(".")[0], s) for s in result.steps],
        "warnings": list(result.warnings),
        "erratum": str(path),
    }


def _audit_and_write(notes, out):
    """(Audit, erratum path), or (None, exit code 2) with the message printed."""
    try:
        result = audit(notes)
    except NotesError as err:
        print(f"error: {err}", file=sys.stderr)
        return None, 2
    try:
        return result, erratum.write(out, result)
    except OSError as err:
        print(f"error: cannot write the erratum to {out}: {err}; pass --out DIR", file=sys.stderr)
        return None, 2


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["audit"]:
        return audit_main(argv[1:])
    parser = argparse.ArgumentParser(
        prog="python -m derivations", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--out", default="media/erratum", help="erratum directory")
    args = parser.parse_args(argv)
    models = {name: verify(name) for name in MODELS}
    result, path = _audit_and_write(notes_path(), args.out)
    if result is None:
        return path
    if args.json:
        report = {"models": {n: _model_report(v) for n, v in models.items()}}
        print(json.dumps({**report, **_audit_report(result, path)}, indent=1))
    else:
        _print_models(models)
        _print_audit(result, path)
    return 0 if all(v.ok for v in models.values()) else 1


def audit_main(argv):
    """python -m derivations audit [NOTES] [--json] [--out DIR]: exit 0 / 1 findings / 2."""
    parser = argparse.ArgumentParser(
        prog="python -m derivations audit", description="audit a notes file as written"
    )
    parser.add_argument("notes", nargs="?", default=str(notes_path()), help="the notes file")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--out", default="media/erratum", help="erratum directory")
    args = parser.parse_args(argv)
    result, path = _audit_and_write(args.notes, args.out)
    if result is None:
        return path
    if args.json:
        print(json.dumps(_audit_report(result, path), indent=1))
    else:
        _print_audit(result, path)
    return 0 if all(s.verdict == "correct" for s in result.steps) else 1


if __name__ == "__main__":
    sys.exit(main())
