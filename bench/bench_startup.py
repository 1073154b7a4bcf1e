"""The fixed cost of a command: ``acec --version`` and ``acec --help`` beside ``python -c pass``.

Budget (issue 17): under 0.3 s above a bare ``python -c pass`` started in the
same run. Every run is its own process; the median of ``--runs`` is printed,
with the difference and the ratio to the bare interpreter.

    .venv/bin/python bench/bench_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S = 0.3


def _median_seconds(argv: list[str], runs: int) -> float:
    env = os.environ | {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    bare = _median_seconds([sys.executable, "-c", "pass"], runs)
    print(f"python -c pass       {bare:6.3f} s (median of {runs})")
    worst = 0.0
    for option in ("--version", "--help"):
        took = _median_seconds([sys.executable, "-m", "app", option], runs)
        worst = max(worst, took - bare)
        print(
            f"acec {option:<15} {took:6.3f} s  +{took - bare:.3f} s  "
            f"×{took / bare:.1f} of python -c pass"
        )
    verdict = "within" if worst < BUDGET_S else "OVER"
    print(f"{verdict} the budget of {BUDGET_S} s above python -c pass")
    return 0 if worst < BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
