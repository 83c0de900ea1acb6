"""Time the whole verification in a fresh process: per model, the audit, the optimum, total.

    .venv/bin/python benchmarks/derivations_speed.py
The budget is 30 s for the verification (all models, all steps). The trajectories it checks
are fitted into a temporary folder, so their descent is included in the model times.
"""

import time

T0 = time.perf_counter()

import derivations  # noqa: E402
from fitting.models import MODELS  # noqa: E402


def timed(label, fn):
    start = time.perf_counter()
    result = fn()
    print(f"  {label:28s} {time.perf_counter() - start:6.2f} s")
    return result


def main():
    print(f"  {'import':28s} {time.perf_counter() - T0:6.2f} s")
    for name in MODELS:
        v = timed(f"verify {name}", lambda n=name: derivations.verify(n))
        assert v.ok, name
    audit = time.perf_counter()
    for name in derivations.CHAINS:
        timed(f"audit {name}", lambda n=name: derivations.chain(n))
    print(f"  {'audit, all chains':28s} {time.perf_counter() - audit:6.2f} s")
    verification = time.perf_counter() - T0
    timed("again (cached)", lambda: [derivations.chain(n) for n in derivations.CHAINS])
    for name in MODELS:
        timed(f"optimum {name}", lambda n=name: derivations.optimum(n))
    print(f"verification (import + verify + audit): {verification:.2f} s (budget 30 s)")
    print(f"total with the optima: {time.perf_counter() - T0:.2f} s")


if __name__ == "__main__":
    main()
