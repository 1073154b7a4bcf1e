"""The largest sheet the guard accepts imports within the 300 MB memory budget.

A real package made by our own export, with one sheet of activities (the
widest sheet of the layout) as long as the guard allows, is imported by the
command line in a fresh interpreter; its peak resident memory is then read:
a budget, not a timing. Building the package takes minutes, so it is a long check.
Measured on 74,998 activities: 362 MB before the reader streamed, 246 MB after.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import python_calamine

from app.sync.package_limits import DEFAULT_LIMITS

sys.path.insert(0, str(Path(__file__).resolve().parent))
from big_package import build_big_package  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
BUDGET_MB = 300
HEADER_ROWS = 2  # labels and keys

_RUN_CLI = textwrap.dedent(
    """
    import resource, runpy, sys
    from pathlib import Path
    sys.argv = ["acec", *sys.argv[1:]]
    try:
        runpy.run_module("app", run_name="__main__")
    finally:
        status = Path("/proc/self/status")
        lines = status.read_text().splitlines() if status.exists() else []
        peak = [line for line in lines if line.startswith("VmHWM:")]
        kb = int(peak[0].split()[1]) if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print("peak_mb", kb // 1024, file=sys.stderr)
    """
)


@pytest.fixture(scope="session")
def biggest_package(tmp_path_factory) -> tuple[Path, str]:
    """The package, and its sender's key fingerprint (to trust it on first import)."""
    folder = tmp_path_factory.mktemp("biggest")
    package = build_big_package(folder, DEFAULT_LIMITS.max_rows - HEADER_ROWS)
    book = python_calamine.CalamineWorkbook.from_path(str(package))
    manifest = {row[0]: row[1] for row in book.get_sheet_by_name("Manifest").iter_rows()}
    book.close()
    return package, str(manifest["signature.fingerprint"])


def _peak_of_cli(*args: str) -> tuple[subprocess.CompletedProcess[str], int]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN_CLI, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "", "QT_QPA_PLATFORM": "offscreen"},
        timeout=600,
    )
    peak = [line for line in done.stderr.splitlines() if line.startswith("peak_mb")]
    assert peak, done.stderr[-800:]
    return done, int(peak[-1].split()[1])


@pytest.mark.slow
def test_the_longest_sheet_the_guard_accepts_imports_within_budget(tmp_path, biggest_package):
    package, fingerprint = biggest_package
    db = tmp_path / "sec.sqlite"
    made, _peak = _peak_of_cli("--db", str(db), "init", "--site", "SEC")
    assert made.returncode == 0, made.stderr[-800:]
    done, peak = _peak_of_cli("--db", str(db), "import", "--trust", fingerprint, str(package))
    assert done.returncode == 0, done.stdout[-800:] + done.stderr[-800:]
    assert "Imported" in done.stdout, done.stdout[-800:]
    assert peak < BUDGET_MB, f"{peak} MB to import {DEFAULT_LIMITS.max_rows:,} rows"
