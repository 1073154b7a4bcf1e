"""A file the guard accepts stays within the 300 MB memory budget when imported.

The reader makes a dense grid of a sheet's used range, so one cell far out
costs as much as a full sheet. The worst the guard lets through (a cell at
the last row and the last column it allows) is imported here in a fresh
interpreter, whose peak resident memory is then read: a budget, not a timing.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

from app.sync.export import export_package
from app.sync.layout import column_letter
from app.sync.package_limits import DEFAULT_LIMITS

ROOT = Path(__file__).resolve().parents[2]
BUDGET_MB = 300

_IMPORT = textwrap.dedent(
    """
    import resource, sys
    from pathlib import Path
    from app.store import open_database
    from app.sync.errors import PackageRefused
    from app.sync.importer import prepare_import
    db = open_database(Path(sys.argv[1]))
    try:
        prepared = prepare_import(db, Path(sys.argv[2]))
        print("read", len(prepared.preview.problems))
    except PackageRefused as exc:
        print("refused", exc.message)
    status = Path("/proc/self/status")
    peak = [l for l in status.read_text().splitlines() if l.startswith("VmHWM:")]
    kb = int(peak[0].split()[1]) if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("peak_mb", kb // 1024)
    """
)


def _with_far_cell(package: Path, out: Path, ref: str) -> Path:
    """``package`` with one more cell, at ``ref``, in its last worksheet."""
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = source.namelist()
        last = sorted(n for n in names if n.startswith("xl/worksheets/sheet"))[-1]
        for name in names:
            data = source.read(name)
            if name == last:
                row = ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ").encode()
                cell = b'<row r="%s"><c r="%s"><v>1</v></c></row>' % (row, ref.encode())
                data = data.replace(b"</sheetData>", cell + b"</sheetData>")
            dst.writestr(name, data)
    return out


def _peak_of_import(db_path: Path, package: Path) -> tuple[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT, str(db_path), str(package)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "", "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-800:]
    lines = done.stdout.splitlines()
    return lines[0], int(lines[-1].split()[1])


def test_the_farthest_cell_the_guard_accepts_stays_within_budget(tmp_path, vn, sec, add_records):
    add_records(vn)
    package = export_package(vn, tmp_path / "vn.xlsx", to="SEC").path
    edge = f"{column_letter(DEFAULT_LIMITS.max_columns - 1)}{DEFAULT_LIMITS.max_rows + 1}"
    far = _with_far_cell(package, tmp_path / "far.xlsx", edge)
    sec.close()
    outcome, peak = _peak_of_import(sec.path, far)
    assert outcome.startswith("read"), outcome  # accepted by the guard, read, then judged
    assert peak < BUDGET_MB, f"{peak} MB for one cell at {edge}"


def test_a_far_cell_beyond_the_layout_is_refused_before_the_reader(tmp_path, vn, sec, add_records):
    add_records(vn)
    package = export_package(vn, tmp_path / "vn.xlsx", to="SEC").path
    far = _with_far_cell(
        package, tmp_path / "far.xlsx", "AN75001"
    )  # a 75,001 x 40 grid in the reader
    sec.close()
    outcome, peak = _peak_of_import(sec.path, far)
    assert outcome.startswith("refused") and "more than 21 columns" in outcome, outcome
    assert peak < 150
