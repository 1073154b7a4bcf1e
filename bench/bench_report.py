"""Benchmark: the regional progress report over a 100,000-record demo database, as PDF.

Budget (DESIGN.md): ≤ 3 s. Builds the database once under bench/out (or uses
--db), then times collecting the numbers, writing the document and painting
the PDF, and prints each time.

    .venv/bin/python bench/bench_report.py [--db FILE] [--size 100000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.reports.catalogue import ReportRequest, collect_report, compose_report  # noqa: E402
from app.reports.render_pdf import ensure_gui_application, write_pdf  # noqa: E402
from app.store import open_database  # noqa: E402

BUDGET_S = 3.0


def _demo_database(path: Path, size: int) -> None:
    acec = [sys.executable, "-m", "app"]
    subprocess.run([*acec, "--db", str(path), "init", "--site", "SEC"], check=True, cwd=ROOT)
    subprocess.run([*acec, "--db", str(path), "demo", "--size", str(size)], check=True, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing database (default: build one)")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "progress.pdf")
    args = parser.parse_args()
    path = args.db or ROOT / "bench" / "out" / f"demo-{args.size}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"building a {args.size:,}-record demo database at {path} …", flush=True)
        _demo_database(path, args.size)
    ensure_gui_application()
    db = open_database(path)
    try:
        with db.read_session() as session:  # warm the file cache, as an open window has
            session.connection().exec_driver_sql("SELECT count(*) FROM activity").scalar()
        request = ReportRequest("progress", language="en")
        t0 = time.perf_counter()
        data = collect_report(db, request)
        t1 = time.perf_counter()
        document = compose_report(data, request.language)
        t2 = time.perf_counter()
        pages = write_pdf(document, args.out)
        t3 = time.perf_counter()
    finally:
        db.close()
    total = t3 - t0
    activities = sum(i.activity_total for i in data.items)
    print(f"regional progress report, {activities:,} activities, {pages} pages")
    print(f"  collect  {t1 - t0:6.3f} s")
    print(f"  compose  {t2 - t1:6.3f} s")
    print(f"  pdf      {t3 - t2:6.3f} s")
    print(
        f"  total    {total:6.3f} s  (budget {BUDGET_S:.1f} s: {'OK' if total <= BUDGET_S else 'OVER'})"
    )
    return 0 if total <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
