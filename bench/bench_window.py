"""How fast the main window is usable on a 100,000-record database, and how fast lists filter.

Budgets (DESIGN.md): window usable in at most 1 s and at most 3 times a bare
PySide6 QMainWindow started in the same run; filtering the largest list in at
most 100 ms. Every start runs in its own process through the program's real
entry point (``app.cli.main``, as ``acec --db PATH``), timed from ``python``
starting to three moments:

- the window is on screen and answers input (first event-loop pass after show):
  the navigation, menus and shortcuts work, the status bar says the database
  is opening;
- the records are on screen: the database is open and the remembered page
  shows its rows (the first event-loop pass after that);
- on the dashboard, its figures are counted and drawn.

    .venv/bin/python bench/bench_window.py [--db PATH] [--size 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
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
import json, sys, time
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
app = QApplication(sys.argv[:1])
app.setOrganizationName("ACEC")
app.setApplicationName("ACEC Tracker")
QSettings().setValue("window/page", sys.argv[3])
QSettings().sync()
seen = {}

def on_ready():
    # The page was built in attach(); the next pass draws it.
    QTimer.singleShot(0, lambda: seen.setdefault("records", time.time()))

def watch():
    # Polls without holding the interpreter much: the worker is loading the database.
    window = next((w for w in QApplication.topLevelWidgets() if hasattr(w, "is_ready")), None)
    if window is None or not window.isVisible():
        return
    if "window" not in seen:
        seen["window"] = time.time()
        window.ready.connect(on_ready)
        timer.setInterval(5)
    page = window.pages.get(sys.argv[3])
    if "records" in seen and page is not None and not getattr(page, "counting", False):
        seen.setdefault("figures", time.time())
        print(json.dumps(seen))
        app.quit()

timer = QTimer()
timer.timeout.connect(watch)
timer.start(0)
from app.cli import main
main(["--db", sys.argv[1]])
"""


def _run(code: str, *args: str) -> tuple[float, str]:
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
    return begin, out.strip().splitlines()[-1]


def _bare() -> float:
    begin, line = _run(BARE)
    return float(line) - begin


def _app(db: Path, settings: str, page: str) -> dict[str, float]:
    begin, line = _run(APP, str(db), settings, page)
    return {moment: at - begin for moment, at in json.loads(line).items()}


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
        # When the list first shows rows of the new query (the model's first reset),
        # and when it holds every matching id (the refresh has returned).
        shown: list[float] = []
        page.model.modelReset.connect(lambda: shown.append(time.perf_counter()))
        for name, act in cases.items():
            samples, firsts = [], []
            for _ in range(runs):
                page.search.clear()
                page.set_filter(first, None)
                page._apply_query()
                app.processEvents()
                shown.clear()
                begin = time.perf_counter()
                act()
                page._apply_query()
                app.processEvents()
                samples.append((time.perf_counter() - begin) * 1000)
                firsts.append((shown[0] - begin) * 1000 if shown else samples[-1])
            results[name] = statistics.median(samples)
            results[name + "_first"] = statistics.median(firsts)
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
    bare: list[float] = []
    starts: dict[str, list[dict[str, float]]] = {"dashboard": [], "person": []}
    for _ in range(args.runs):
        bare.append(_bare())
        for page, runs in starts.items():
            runs.append(_app(args.db, settings, page))
    b = statistics.median(bare)

    def median(page: str, moment: str) -> float:
        return statistics.median(run[moment] for run in starts[page])

    print(f"database: {args.db} ({args.db.stat().st_size / 1e6:.0f} MB)")
    print(f"bare PySide6 window:                  {b * 1000:6.0f} ms")
    for page, name in (("dashboard", "Dashboard"), ("person", "People")):
        w, r = median(page, "window"), median(page, "records")
        print(f"ACEC on {name + ':':11s} window usable     {w * 1000:6.0f} ms  ({w / b:.1f}x bare)")
        print(f"{'':20s} records on screen {r * 1000:6.0f} ms  ({r / b:.1f}x bare)")
    figures = median("dashboard", "figures")
    print(f"{'':20s} dashboard figures {figures * 1000:6.0f} ms")
    f = filter_times(args.db, args.runs)
    print(f"largest list: {f['kind']} ({int(f['rows']):,} rows)")
    for key, label in (
        ("search", "search 'an': "),
        ("search_rare", "search 'zzq':"),
        ("filter", "filter:      "),
    ):
        print(f"{label}  first rows {f[key + '_first']:6.1f} ms, every id {f[key]:6.1f} ms")
    window = max(median(page, "window") for page in starts)
    records = max(median(page, "records") for page in starts)
    # The budget is the list answering: its first rows of the new query on screen
    # (the count and the rows further down follow while the officer reads them).
    slowest_list = max(f["search_first"], f["search_rare_first"], f["filter_first"])
    verdicts = [
        ("window usable <= 3x bare", window <= 3 * b),
        ("records on screen <= 1 s", records <= 1.0),
        ("filter: first rows <= 100 ms", slowest_list <= 100),
    ]
    for name, ok in verdicts:
        print(f"{'ok  ' if ok else 'OVER'} {name}")
    return 0 if all(ok for _n, ok in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
