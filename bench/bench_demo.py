"""Time ``acec init`` + ``acec demo --size N`` as a user runs them (not part of the tests).

Usage: python bench/bench_demo.py [--size 100000] [--site VN] [--runs 1]
Prints seconds per step and records per second; also times the secretariat's
regional picture when --site SEC is given.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app", *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--site", default="VN")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as folder:
            db = str(Path(folder) / "bench.sqlite")
            init = _run(["--db", db, "init", "--site", args.site])
            demo = _run(["--db", db, "demo", "--size", str(args.size)])
            check = _run(["--db", db, "check"])
            size_mb = Path(db).stat().st_size / 1e6
        print(
            f"run {run}: site {args.site}, size {args.size}: init {init:.2f} s, "
            f"demo {demo:.2f} s ({args.size / demo:,.0f} records/s), "
            f"init+demo {init + demo:.2f} s, check {check:.2f} s, file {size_mb:.0f} MB"
        )


if __name__ == "__main__":
    main()
