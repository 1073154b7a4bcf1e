"""A database made by the first release opens in this version with every record kept.

Offices never re-enter their data, so each later version must read what the
first one wrote: migrated after a backup when its schema is older, records
and their history unchanged (the dump of the fixture was taken by the program
that made it).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from app.services.dump import dump_data
from app.shipped_rates import shipped_rates
from app.store import list_backups, open_database
from app.store.schema import head_revision

FIXTURES = Path(__file__).parent / "fixtures"
RELEASE_1 = "release-1-sec"
LOCAL_TABLES = ("audit_log", "package_log", "peer_ack", "local_setting", "local_site", "site_key")


def _unpack(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite"
    path.write_bytes(gzip.decompress((FIXTURES / f"{RELEASE_1}.sqlite.gz").read_bytes()))
    shutil.copy(FIXTURES / f"{RELEASE_1}.sqlite.key", tmp_path / "office.sqlite.key")
    return path


def _counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in LOCAL_TABLES}


def _revision(path: Path) -> str:
    with closing(sqlite3.connect(path)) as conn:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_every_record_of_the_first_release_is_kept(tmp_path: Path) -> None:
    path = _unpack(tmp_path)
    old_revision, old_counts = _revision(path), _counts(path)
    expected = json.loads(gzip.decompress((FIXTURES / f"{RELEASE_1}.dump.json.gz").read_bytes()))

    db = open_database(path)
    try:
        now = dump_data(db)
        backups = list_backups(path)
    finally:
        db.close()

    for kind, records in expected.items():
        held = {r["uid"]: r for r in now[kind]}
        for record in records:
            kept = held.get(record["uid"])
            assert kept is not None, (kind, record["uid"])
            # A later schema may add fields; none stored may change or vanish.
            assert {k: kept[k] for k in ("owner", "version", "deleted")} == {
                k: record[k] for k in ("owner", "version", "deleted")
            }
            assert {k: kept["fields"].get(k) for k in record["fields"]} == record["fields"]
    rates = {r["uid"] for r in now["exchange_rate"]}
    assert {r.uid for r in shipped_rates()} <= rates  # an upgraded office has the defaults
    new_counts = _counts(path)
    assert all(new_counts[t] >= old_counts[t] for t in LOCAL_TABLES), (old_counts, new_counts)
    if old_revision != head_revision():
        assert _revision(path) == head_revision()
        assert any("migrate" in b.name for b in backups), "migrated without a backup"


def test_the_command_line_reads_and_checks_the_first_release(tmp_path: Path) -> None:
    path = _unpack(tmp_path)
    for command in (["check"], ["--json", "stats"]):
        done = subprocess.run(
            [sys.executable, "-m", "app", "--db", str(path), *command],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    # 654 records, plus the shipped default rates the first release lacked (migration
    # 0003 adds them under the ids every site uses: 254 shipped, 58 of them already
    # there from its demo). Its own records are all kept (test above).
    assert '"participation": 200' in done.stdout and '"total": 850' in done.stdout


@pytest.mark.parametrize("command", [["stats"], ["demo", "--size", "10"]], ids=["read", "write"])
def test_a_database_from_a_newer_program_is_refused_unchanged(
    tmp_path: Path, command: list[str]
) -> None:
    path = _unpack(tmp_path)
    # closing(): sqlite3's own context manager commits but leaves the file open
    # (its change would still sit in the -wal when the hash below is taken).
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = 'from-a-newer-release'")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    done = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(path), *command], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "newer version of ACEC Tracker" in done.stderr and "Update the program" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not (tmp_path / "backups").exists()
