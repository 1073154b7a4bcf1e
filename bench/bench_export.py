"""Benchmark: export's time and memory at several sizes, against xlsxwriter in the same run.

For each size, each step in its own process (so peak memory is that step's),
export and floor alternated ``--runs`` times (medians of the times):

- export: ``export_package`` from a country database with N records;
- floor: xlsxwriter in constant-memory mode writing the same cells (values
  loaded beforehand, not timed; its peak therefore holds every cell);
- libraries: a process that imports export's modules and opens the database,
  exporting nothing: the memory any export starts from.

Budgets (issue 17, DESIGN.md): export ≤ 1.2× the floor's time; peak under
150 MB at 300k and flat: what export holds above the libraries does not grow
with the records (the largest size's over the smallest's, printed as growth).

    .venv/bin/python bench/bench_export.py [--records 100000 300000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_sync import build_source, peak_mb, step_baseline_write, step_export  # noqa: E402

# Today a package carries at most 110,000 records (75,000 rows a sheet), which the
# import's guard enforces; above that the bench lifts the export's check, as a
# package split over several sheets will (issue 17, point 1).
LIFT_LIMITS_ABOVE = 100_000

TIME_BUDGET = 1.2
PEAK_BUDGET_MB = 150
GROWTH_BUDGET = 1.2  # what export holds above the libraries, largest size over smallest


def step_libraries(args: argparse.Namespace) -> dict[str, Any]:
    from app.store import open_database
    from app.sync import export  # noqa: F401 - the modules an export loads

    open_database(args.db).close()
    return {}


def step_export_lifted(args: argparse.Namespace) -> dict[str, Any]:
    import dataclasses

    import app.sync.export

    limits = app.sync.export.DEFAULT_LIMITS
    app.sync.export.DEFAULT_LIMITS = dataclasses.replace(  # type: ignore[misc]
        limits, max_rows=1_048_576, max_package_rows=10_000_000
    )
    return step_export(args)


STEPS = {
    "export": step_export,
    "export-lifted": step_export_lifted,
    "floor": step_baseline_write,
    "libraries": step_libraries,
}


def run_step(step: str, **options: str) -> dict[str, Any]:
    """Run one step in a fresh interpreter; return its timing and peak memory."""
    command = [sys.executable, __file__, "--step", step]
    for key, value in options.items():
        command += [f"--{key}", value]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(folder: Path, records: int, runs: int) -> dict[str, dict[str, Any]]:
    """Each step's median time over ``runs`` alternated runs and its largest peak."""
    source, package = folder / f"vn-{records}.sqlite", folder / f"vn-{records}.xlsx"
    print(f"Building a VN database with {records:,} records…", flush=True)
    build_source(source, records)
    export_step = "export-lifted" if records > LIFT_LIMITS_ABOVE else "export"
    samples: dict[str, list[dict[str, Any]]] = {"export": [], "floor": []}
    for _ in range(runs):  # alternated, so both see the machine's load alike
        package.unlink(missing_ok=True)
        samples["export"].append(run_step(export_step, db=str(source), out=str(package)))
        plain = str(folder / "plain.xlsx")
        samples["floor"].append(run_step("floor", package=str(package), out=plain))
    results = {"libraries": run_step("libraries", db=str(source))}
    for step, runs_of_step in samples.items():
        results[step] = runs_of_step[0] | {
            "seconds": statistics.median(r["seconds"] for r in runs_of_step),
            "peak_mb": max(r["peak_mb"] for r in runs_of_step),
        }
    source.unlink()
    package.unlink()
    return results


def report(records: int, r: dict[str, dict[str, Any]]) -> tuple[float, float, float]:
    export, floor, libraries = r["export"], r["floor"], r["libraries"]
    ratio = export["seconds"] / floor["seconds"]
    held = export["peak_mb"] - libraries["peak_mb"]
    lifted = " (package limits lifted)" if records > LIFT_LIMITS_ABOVE else ""
    print(f"{records:>9,} records, {floor['cells']:,} cells{lifted}")
    print(f"  export            {export['seconds']:6.2f} s  peak {export['peak_mb']:5.0f} MB")
    print(f"  xlsxwriter floor  {floor['seconds']:6.2f} s  peak {floor['peak_mb']:5.0f} MB")
    print(f"  libraries alone             peak {libraries['peak_mb']:5.0f} MB")
    print(
        f"  time ×{ratio:.2f} of the floor (budget {TIME_BUDGET});"
        f" export holds {held:.0f} MB above the libraries"
    )
    return ratio, export["peak_mb"], held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[100_000, 300_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--step", choices=sorted(STEPS))
    parser.add_argument("--db")
    parser.add_argument("--out")
    parser.add_argument("--package")
    args = parser.parse_args()
    if args.step:
        result = STEPS[args.step](args)
        result["peak_mb"] = peak_mb()
        print(json.dumps(result))
        return

    folder = Path(tempfile.mkdtemp(prefix="acec-bench-export-"))
    try:
        sizes = sorted(args.records)
        rows = [report(n, measure(folder, n, args.runs)) for n in sizes]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    worst_ratio = max(ratio for ratio, _, _ in rows)
    peak = max(peak for _, peak, _ in rows)
    growth = max(rows[-1][2], 1.0) / max(rows[0][2], 1.0)
    print(f"worst time ratio {worst_ratio:.2f} (budget {TIME_BUDGET})")
    print(f"largest peak {peak:.0f} MB (budget {PEAK_BUDGET_MB})")
    print(
        f"memory held at {sizes[-1]:,} over {sizes[0]:,}: ×{growth:.2f} (flat: ≤ {GROWTH_BUDGET})"
    )
    within = worst_ratio <= TIME_BUDGET and peak < PEAK_BUDGET_MB and growth <= GROWTH_BUDGET
    print("within budget" if within else "OVER BUDGET")


if __name__ == "__main__":
    main()
