"""Only ``init`` makes a database: every other command leaves a file that is not ours untouched.

A foreign SQLite file (another program's), an empty file and a text file are
refused with one line, exit 1, and afterwards the file and its folder are
exactly as before: same bytes, no ``-wal``, ``-shm``, ``.lock``, ``.key`` or
backup beside it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main


def _foreign_rollback(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Somchai', '+66 2 000 0000')")
    conn.close()


def _foreign_wal(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('minutes of the meeting')")
    conn.commit()
    conn.close()


def _foreign_alembic(path: Path) -> None:
    """Another program that also keeps its schema version with Alembic."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        conn.execute("INSERT INTO alembic_version VALUES ('0001')")
        conn.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY)")
    conn.close()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _text(path: Path) -> None:
    path.write_text("name,phone\nSomchai,+66\n", encoding="utf-8")


FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "foreign-sqlite": (_foreign_rollback, "belongs to another program"),
    "foreign-wal": (_foreign_wal, "belongs to another program"),
    "foreign-alembic": (_foreign_alembic, "belongs to another program"),
    "empty": (_empty, "is empty"),
    "text": (_text, "belongs to another program"),
}

COMMANDS = {
    "stats": ["stats"],
    "check": ["check"],
    "dump": ["dump"],
    "export": ["export", "--out", "{dir}/out.xlsx"],
    "import": ["import", "{dir}/package.xlsx"],
    "restore": ["restore"],
    "keys": ["keys"],
    "demo": ["demo", "--size", "5"],
    "report": ["report", "progress", "--out", "{dir}/r.xlsx", "--format", "xlsx"],
}


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("kind", FILES)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_file_not_ours_is_refused_and_unchanged(
    tmp_path: Path, capsys, kind: str, command: str
) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir()
    path = folder / "someone-elses.sqlite"
    make, reason = FILES[kind]
    make(path)
    before = _snapshot(tmp_path)
    args = [a.format(dir=tmp_path) for a in COMMANDS[command]]
    code = main(["--db", str(path), *args])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 1, err
    assert "is not an ACEC Tracker database" in err and reason in err
    assert "Nothing was changed" in err and "acec init" in err
    assert str(path.resolve()) in err
    assert _snapshot(tmp_path) == before  # same bytes, nothing new beside it


def test_init_refuses_another_programs_database(tmp_path: Path, capsys) -> None:
    path = tmp_path / "theirs.sqlite"
    _foreign_rollback(path)
    before = _snapshot(tmp_path)
    code = main(["--db", str(path), "init", "--site", "VN"])
    _out, err = capsys.readouterr()
    assert code == 1 and err.count("\n") == 1
    assert "belongs to another program" in err and "Nothing was changed" in err
    assert _snapshot(tmp_path) == before


def test_init_makes_a_database_in_an_empty_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "new.sqlite"
    _empty(path)
    assert main(["--db", str(path), "init", "--site", "KH"]) == 0
    assert main(["--db", str(path), "stats"]) == 0
    assert "Cambodia" in capsys.readouterr().out


def test_stats_on_our_database_writes_nothing(tmp_path: Path, capsys) -> None:
    """A read-only command opens read-only: even a lost key file is not remade by ``stats``."""
    path = tmp_path / "vn.sqlite"
    assert main(["--db", str(path), "init", "--site", "VN"]) == 0
    path.with_name(path.name + ".key").unlink()
    capsys.readouterr()
    before = _snapshot(tmp_path)
    for command in (["stats"], ["check"], ["dump"]):
        assert main(["--db", str(path), *command]) == 0
    assert _snapshot(tmp_path) == before  # no key made, no -wal or -shm left
