"""Time the whole verification in a fresh process: the audit of the notes file, per model, total.

    .venv/bin/python benchmarks/derivations_speed.py [NOTES]
Budgets: the audit of the notes (read, split, every step checked) 10 s; the verification
(all models, all steps) 30 s. The audit runs first, in a fresh process, so nothing is cached.
"""

import time

T0 = time.perf_counter()

import sys  # noqa: E402

import derivations  # noqa: E402
from fitting.models import MODELS  # noqa: E402

AUDIT_BUDGET = 10.0


def timed(label, fn):
    start = time.perf_counter()
    result = fn()
    print(f"  {label:28s} {time.perf_counter() - start:6.2f} s")
    return result


def main():
    print(f"  {'import':28s} {time.perf_counter() - T0:6.2f} s")
    notes = sys.argv[1] if len(sys.argv) > 1 else derivations.notes_path()
    start, cpu = time.perf_counter(), time.process_time()
    result = derivations.audit(notes)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {'audit of the notes':28s} {took:6.2f} s ({len(result.steps)} steps, {notes})")
    # CPU time too: on 2 shared cores the wall clock also counts the other processes' turns
    print(f"audit of the notes: {took:.2f} s, CPU {cpu:.2f} s (budget {AUDIT_BUDGET:g} s)")
    for name in MODELS:
        v = timed(f"verify {name}", lambda n=name: derivations.verify(n))
        assert v.ok, name
    verification = time.perf_counter() - T0
    timed("again (cached)", lambda: [derivations.chain(n) for n in derivations.CHAINS])
    for name in MODELS:
        timed(f"optimum {name}", lambda n=name: derivations.optimum(n))
    print(f"verification (import + verify + audit): {verification:.2f} s (budget 30 s)")
    print(f"total with the optima: {time.perf_counter() - T0:.2f} s")


if __name__ == "__main__":
    main()
