"""``acec check`` on a damaged database says what is wrong, exit 1, and changes nothing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.store import check_database_file
from tests.acec_process import run_acec as acec


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A demo database whose activity table's root page was overwritten on disk."""
    db = tmp_path / "vn.sqlite"
    assert acec(tmp_path, "--db", str(db), "init", "--site", "VN").returncode == 0
    assert acec(tmp_path, "--db", str(db), "demo", "--size", "300").returncode == 0
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name='activity'"
        ).fetchone()
    with db.open("r+b") as fh:
        fh.seek((root - 1) * page_size + 8)
        fh.write(b"\xff" * (page_size // 2))
    return db


def test_check_says_what_is_wrong(tmp_path: Path, damaged: Path) -> None:
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    result = acec(tmp_path, "--db", str(damaged), "check")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Unexpected" not in lines[0] and "Traceback" not in result.stderr
    assert "damaged" in lines[0] and str(damaged) in lines[0]
    assert "backup" in lines[0]  # what to do
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before  # a check writes nothing


def test_check_json_lists_the_problems(tmp_path: Path, damaged: Path) -> None:
    result = acec(tmp_path, "--db", str(damaged), "--json", "check")
    data = json.loads(result.stdout)
    assert result.returncode == 1 and data["ok"] is False
    assert data["integrity"] and all(isinstance(line, str) for line in data["integrity"])


def test_other_commands_call_it_damaged_and_point_to_check(tmp_path: Path, damaged: Path) -> None:
    result = acec(tmp_path, "--db", str(damaged), "stats")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "damaged" in lines[0] and "acec check" in lines[0]
    assert (
        "SELECT" not in lines[0] and "parameters" not in lines[0] and "Unexpected" not in lines[0]
    )


def test_check_of_a_sound_database_is_quiet(tmp_path: Path) -> None:
    db = tmp_path / "kh.sqlite"
    assert acec(tmp_path, "--db", str(db), "init", "--site", "KH").returncode == 0
    result = check_database_file(db)
    assert result.ok and result.integrity == [] and result.foreign_keys == []
