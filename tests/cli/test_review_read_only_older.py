"""Review of issue 10: read-only commands on a database made by the first release.

The README promises that `stats`, `check`, `dump` and `report` open the
database read-only, change nothing and never make a key. A database made
before the application-id stamp existed used to be opened for writing by
them: stamped, and — its key file missing — given a new key that revoked the
office's old one.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from app.cli import main
from app.store.schema import head_revision

FIXTURES = Path(__file__).parents[1] / "store" / "fixtures"


def _release_1(tmp_path: Path, *, with_key: bool) -> Path:
    path = tmp_path / "office.sqlite"
    path.write_bytes(gzip.decompress((FIXTURES / "release-1-sec.sqlite.gz").read_bytes()))
    if with_key:
        shutil.copy(FIXTURES / "release-1-sec.sqlite.key", tmp_path / "office.sqlite.key")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("command", [["stats"], ["check"], ["dump"]])
@pytest.mark.parametrize("with_key", [True, False], ids=["key", "no-key"])
def test_read_only_commands_leave_an_older_database_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], with_key: bool
) -> None:
    path = _release_1(tmp_path, with_key=with_key)
    key = tmp_path / "office.sqlite.key"
    before = _digest(path), key.read_bytes() if with_key else None
    # check reads the file as it is; the others upgrade older tables first.
    migrates = command != ["check"] and _revision(path) != head_revision()
    assert main(["--db", str(path), *command]) == 0
    err = capsys.readouterr().err
    assert "new key" not in err
    assert (key.read_bytes() if key.exists() else None) == before[1]  # no key made or changed
    if migrates:  # tables from an older schema are upgraded first, after a backup
        assert list((tmp_path / "backups").glob("*-migrate.sqlite"))
    else:
        assert _digest(path) == before[0]
        assert not (tmp_path / "backups").exists()


def _revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
