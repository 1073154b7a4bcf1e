"""How fast the main window is usable on a 100,000-record database, and how fast lists filter.

Budgets (DESIGN.md): window usable in at most 1 s and at most 3 times a bare
PySide6 QMainWindow started in the same run; filtering the largest list in at
most 100 ms. Every window start runs in its own process, from ``python``
starting to the first pass of the event loop after the window is shown.

    .venv/bin/python bench/bench_window.py [--db PATH] [--size 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1280, 800)
w.show()
QTimer.singleShot(0, lambda: (print(time.time()), app.quit()))
app.exec()
"""

APP = """
import sys, time
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from app.ui.shell.application import make_application
from app.store import open_database
from app.ui.shell.main_window import MainWindow
app = make_application("en")
QSettings().setValue("window/page", sys.argv[3])
db = open_database(sys.argv[1])
w = MainWindow(db)
w.show()
QTimer.singleShot(0, lambda: (print(time.time()), app.quit()))
app.exec()
db.close()
"""


def _start(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["QT_LOGGING_RULES"] = "qt.qpa.*=false"
    begin = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(out.strip().splitlines()[-1]) - begin


def ensure_database(path: Path, size: int) -> None:
    """Create a secretariat demo database of about ``size`` records if absent."""
    if path.exists():
        return
    acec = [sys.executable, "-m", "app"]
    subprocess.run([*acec, "--db", str(path), "init", "--site", "SEC"], check=True, cwd=ROOT)
    subprocess.run([*acec, "--db", str(path), "demo", "--size", str(size)], check=True, cwd=ROOT)


def filter_times(path: Path, runs: int) -> dict[str, float]:
    """Median time to apply a search and a filter on the largest list, in ms."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    # The offscreen platform complains about every top-level resize; not our concern here.
    qInstallMessageHandler(
        lambda _mode, _context, message: (
            None if "propagateSizeHints" in message else print(message, file=sys.stderr)
        )
    )

    from app.services.listing import LIST_KINDS, count_rows
    from app.store import open_database
    from app.ui.records.list_page import RecordListPage
    from app.ui.records.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    db = open_database(path)
    try:
        largest = max(LIST_KINDS, key=lambda k: count_rows(db, k))
        page = RecordListPage(Workspace(db), largest)
        page.resize(1280, 800)
        page.show()
        app.processEvents()
        results: dict[str, float] = {"rows": float(count_rows(db, largest))}
        first = next(iter(page.filters))
        cases = {
            "search": lambda: page.search.setText("an"),
            "search_rare": lambda: page.search.setText("zzq"),
            "filter": lambda: page.set_filter(
                next(iter(page.filters)), page.filters[next(iter(page.filters))].itemData(3)
            ),
        }
        for name, act in cases.items():
            samples = []
            for _ in range(runs):
                page.search.clear()
                page.set_filter(first, None)
                page._apply_query()
                app.processEvents()
                begin = time.perf_counter()
                act()
                page._apply_query()
                app.processEvents()
                samples.append((time.perf_counter() - begin) * 1000)
            results[name] = statistics.median(samples)
        results["kind"] = largest  # type: ignore[assignment]
        return results
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, default=Path(tempfile.gettempdir()) / "acec-bench-100k.sqlite"
    )
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ensure_database(args.db, args.size)
    settings = tempfile.mkdtemp(prefix="acec-bench-settings-")
    bare, dashboard, people = [], [], []
    for _ in range(args.runs):
        bare.append(_start(BARE))
        dashboard.append(_start(APP, str(args.db), settings, "dashboard"))
        people.append(_start(APP, str(args.db), settings, "person"))
    b, d, p = (statistics.median(x) for x in (bare, dashboard, people))
    print(f"database: {args.db} ({args.db.stat().st_size / 1e6:.0f} MB)")
    print(f"bare PySide6 window:           {b * 1000:6.0f} ms")
    print(f"ACEC window on the dashboard:  {d * 1000:6.0f} ms  ({d / b:.1f}x bare)")
    print(f"ACEC window on People:         {p * 1000:6.0f} ms  ({p / b:.1f}x bare)")
    f = filter_times(args.db, args.runs)
    print(f"largest list: {f['kind']} ({int(f['rows']):,} rows)")
    print(f"search 'an':   {f['search']:6.1f} ms")
    print(f"search 'zzq':  {f['search_rare']:6.1f} ms")
    print(f"filter:        {f['filter']:6.1f} ms")
    worst = max(d, p)
    slowest_list = max(f["search"], f["search_rare"], f["filter"])
    verdicts = [
        ("window usable <= 1 s", worst <= 1.0),
        ("window <= 3x bare", worst <= 3 * b),
        ("filter <= 100 ms", slowest_list <= 100),
    ]
    for name, ok in verdicts:
        print(f"{'ok  ' if ok else 'OVER'} {name}")
    return 0 if all(ok for _n, ok in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
