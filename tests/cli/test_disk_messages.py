"""A full disk, a read-only database, a folder for a file: one line a person can act on.

Each failure is real: SQLite's own page limit and read-only mode (see
``disk_limits/sitecustomize.py``), a folder the kernel refuses, a folder
given for a file. Checked through ``python -m app`` in a child process:
exit 1, one line on stderr, no traceback, no SQL, nothing in the error log.
"""

from __future__ import annotations

import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import text

from app.store import open_database
from app.store.backup import list_backups
from tests.acec_process import acec_env, run_acec

LIMITS = Path(__file__).parent / "disk_limits"
SQL_WORDS = ("INSERT", "SELECT", "UPDATE", "CREATE", "[SQL", "parameters", "Traceback")


def acec(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The command line with the disk limits of ``disk_limits/sitecustomize.py`` armed."""
    return run_acec(tmp_path, *args, env=acec_env(tmp_path, pythonpath=[LIMITS], **env))


def assert_one_clean_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in SQL_WORDS:
        assert word not in result.stderr
    assert "Unexpected error" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def assert_nothing_logged(tmp_path: Path) -> None:
    log = tmp_path / "data" / "ACEC Tracker" / "acec-errors.log"
    assert not log.exists() or not any(w in log.read_text() for w in SQL_WORDS[:-1])


@pytest.fixture
def vn(tmp_path: Path) -> Path:
    db = tmp_path / "vn.sqlite"
    assert acec(tmp_path, "--db", str(db), "init", "--site", "VN").returncode == 0
    return db


def test_a_full_disk_says_so_and_what_to_do(tmp_path: Path, vn: Path) -> None:
    result = acec(tmp_path, "--db", str(vn), "demo", "--size", "300", ACEC_TEST_FULL="1")
    line = assert_one_clean_line(result, "is full", "Nothing was saved", "Free some space")
    assert str(vn) in line
    assert_nothing_logged(tmp_path)
    db = open_database(vn)  # nothing half-written
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM activity")).scalar() == 0
    finally:
        db.close()


def test_a_read_only_database_says_so(tmp_path: Path, vn: Path) -> None:
    result = acec(tmp_path, "--db", str(vn), "demo", "--size", "50", ACEC_TEST_READ_ONLY="1")
    assert_one_clean_line(result, "read-only", "nothing was saved", "folder you can write")
    assert_nothing_logged(tmp_path)


def test_a_full_disk_on_open_is_not_called_damaged(tmp_path: Path, vn: Path) -> None:
    from alembic import command

    from app.store import schema

    db = open_database(vn)
    with db.engine.begin() as conn:
        # An older database whose migration must grow the file (0002 makes tables;
        # a later one may only add a column, which needs no new pages).
        command.downgrade(schema.alembic_config(conn), "0001")
    db.close()
    with closing(sqlite3.connect(vn)) as conn:
        conn.execute("VACUUM")  # no free pages left for the migration to reuse
    result = acec(tmp_path, "--db", str(vn), "stats", ACEC_TEST_FULL="1")
    line = assert_one_clean_line(result, "is full", "Free some space")
    assert "damaged" not in line


def test_a_full_disk_during_import_leaves_no_backup(tmp_path: Path, vn: Path) -> None:
    sec = tmp_path / "sec.sqlite"
    assert acec(tmp_path, "--db", str(sec), "init", "--site", "SEC").returncode == 0
    assert acec(tmp_path, "--db", str(sec), "demo", "--size", "200").returncode == 0
    package = tmp_path / "sec-to-vn.xlsx"
    made = acec(tmp_path, "--db", str(sec), "export", "--out", str(package), "--to", "VN")
    assert made.returncode == 0, made.stderr
    fingerprint = acec(tmp_path, "--db", str(sec), "--json", "keys").stdout
    fp = fingerprint.split('"fingerprint": "')[1].split('"')[0]
    result = acec(
        tmp_path, "--db", str(vn), "import", str(package), "--trust", fp, ACEC_TEST_FULL="1"
    )
    assert_one_clean_line(result, "is full", "Free some space")
    assert list_backups(vn) == []


@pytest.mark.skipif(not Path("/sys").is_dir(), reason="needs Linux's read-only /sys")
def test_a_folder_one_may_not_write_says_so(tmp_path: Path, vn: Path) -> None:
    result = acec(tmp_path, "--db", str(vn), "export", "--out", "/sys/vn-to-sec.xlsx")
    assert_one_clean_line(result, "/sys/vn-to-sec.xlsx", "permission")


def test_importing_a_folder_says_it_is_a_folder(tmp_path: Path, vn: Path) -> None:
    folder = tmp_path / "from-sec"
    folder.mkdir()
    result = acec(tmp_path, "--db", str(vn), "import", str(folder))
    line = assert_one_clean_line(result, "is a folder", ".xlsx")
    assert "There is no file" not in line
