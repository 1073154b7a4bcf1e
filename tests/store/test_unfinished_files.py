"""A killed export or import leaves files behind; the next open removes ours, and only ours.

The child process really dies (``os._exit`` from inside the export's or the
import's progress callback: no ``finally`` runs, as under ``kill -9``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from app.store.backup import list_backups
from tests.acec_process import acec_env, run_acec


def _env(tmp_path: Path) -> dict[str, str]:
    temp = tmp_path / "temp"  # the child's own temp folder, to see what it leaves there
    temp.mkdir(exist_ok=True)
    return acec_env(tmp_path, TMPDIR=str(temp))


def acec(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_acec(tmp_path, *args, env=_env(tmp_path))


def die_during(tmp_path: Path, code: str) -> None:
    """Run ``code`` (``db`` open, ``die`` a progress callback that kills) in a child."""
    script = textwrap.dedent(
        """
        import os, sys
        from pathlib import Path
        from app.store import open_database
        def die(done, total, message):
            if message.startswith("Applying"):
                os._exit(9)
        db = open_database(sys.argv[1])
        """
    ) + textwrap.dedent(code)
    child = subprocess.run(
        [sys.executable, "-c", script, *map(str, [tmp_path / "vn.sqlite", tmp_path])],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == 9, child.stderr


def _office(tmp_path: Path, site: str, size: int = 0) -> Path:
    db = tmp_path / f"{site.lower()}.sqlite"
    assert acec(tmp_path, "--db", str(db), "init", "--site", site).returncode == 0
    if size:
        assert acec(tmp_path, "--db", str(db), "demo", "--size", str(size)).returncode == 0
    return db


def test_a_killed_export_leaves_nothing_after_the_next_open(tmp_path: Path) -> None:
    vn = _office(tmp_path, "VN", size=400)
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "budget.partial.xlsx"  # the user's own file with a name like ours
    mine.write_bytes(b"not ours")
    die_during(
        tmp_path,
        """
        import app.sync.export as export
        export.stamp_file = lambda path: os._exit(9)  # killed once the file is complete
        export.export_package(db, Path(sys.argv[2]) / "out" / "vn-to-sec.xlsx")
        """,
    )
    partial = out / "vn-to-sec.partial.xlsx"
    assert partial.exists()  # what a killed export leaves
    parts = list((tmp_path / "temp").glob("acec-export-*"))
    assert parts  # and the folder of xlsxwriter's sheet parts

    # (a read-only command such as stats leaves them: the next that may write cleans)
    result = acec(tmp_path, "--db", str(vn), "keys")
    assert result.returncode == 0
    assert not partial.exists()
    assert mine.read_bytes() == b"not ours"
    assert not any(p.exists() for p in parts)
    assert "vn-to-sec.xlsx" in result.stderr and "warning" in result.stderr
    assert "warning" not in acec(tmp_path, "--db", str(vn), "keys").stderr  # said once


def test_a_killed_import_leaves_no_orphan_backup(tmp_path: Path) -> None:
    vn, sec = _office(tmp_path, "VN"), _office(tmp_path, "SEC", size=300)
    fp = json.loads(acec(tmp_path, "--db", str(sec), "--json", "keys").stdout)["fingerprint"]
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    assert (
        acec(tmp_path, "--db", str(sec), "export", "--out", str(first), "--to", "VN").returncode
        == 0
    )
    done = acec(tmp_path, "--db", str(vn), "import", str(first), "--trust", fp)
    assert done.returncode == 0, done.stderr
    kept = list_backups(vn)  # the backup the first import's undo needs
    assert len(kept) == 1
    assert acec(tmp_path, "--db", str(sec), "demo", "--size", "300", "--seed", "2").returncode == 0
    made = acec(tmp_path, "--db", str(sec), "export", "--out", str(second), "--to", "VN", "--full")
    assert made.returncode == 0
    die_during(
        tmp_path,
        """
        from app.sync.importer import import_package
        import_package(db, Path(sys.argv[2]) / "second.xlsx", progress=die)
        """,
    )
    assert len(list_backups(vn)) == 2  # what a killed import leaves: a backup nothing refers to

    assert acec(tmp_path, "--db", str(vn), "keys").returncode == 0
    assert list_backups(vn) == kept
    assert acec(tmp_path, "--db", str(vn), "restore").returncode == 0  # undo still works
