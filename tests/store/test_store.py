"""Opening, migrating, backing up, locking and checking a database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from app.errors import LockedError, StoreError
from app.models import RECORD_TYPES
from app.services.office import init_office
from app.store import check_database, list_backups, open_database
from app.store.database import make_engine
from app.store.schema import alembic_config, current_revision, head_revision


def test_migrations_from_empty_to_head(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite", create=True)
    try:
        assert current_revision(db.engine) == head_revision()
        tables = set(inspect(db.engine).get_table_names())
        assert {m.__tablename__ for m in RECORD_TYPES} <= tables
        assert {"audit_log", "package_log", "local_site", "peer_ack", "site_key"} <= tables
    finally:
        db.close()


def test_sqlite_pragmas(db) -> None:
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_backup_taken_before_migrating(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = make_engine(path)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        conn.execute(
            text(
                "INSERT INTO local_site (id, site, office_name, created_at, demo) VALUES (1, 'KH', 'Old office', '2012-01-01 00:00:00', 0)"
            )
        )
    engine.dispose()
    assert list_backups(path) == []
    db = open_database(path)
    try:
        assert current_revision(db.engine) == head_revision()
        assert db.site == "KH"
    finally:
        db.close()
    backups = list_backups(path, "migrate")
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert conn.execute("SELECT office_name FROM local_site").fetchone() == ("Old office",)


def test_no_backup_when_nothing_to_migrate(db) -> None:
    path = db.path
    db.close()
    open_database(path).close()
    assert list_backups(path, "migrate") == []


def test_second_copy_is_refused(db) -> None:
    with pytest.raises(LockedError, match="is already open in ACEC Tracker on"):
        open_database(db.path)


def test_lock_released_on_close(db) -> None:
    path = db.path
    db.close()
    again = open_database(path)
    again.close()


def test_missing_file_and_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="No database at"):
        open_database(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not sqlite at all")
    with pytest.raises(StoreError, match="not an ACEC Tracker database"):
        open_database(junk)
    with pytest.raises(StoreError, match="folder"):
        open_database(tmp_path)


def test_database_from_a_newer_program_is_refused(db) -> None:
    path = db.path
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    db.close()
    with pytest.raises(StoreError, match="newer version"):
        open_database(path)


def test_office_created_once(db) -> None:
    path = db.path
    db.close()
    with pytest.raises(StoreError, match="already belongs to the office VN"):
        init_office(path, "KH")


def test_check_finds_broken_foreign_keys(db) -> None:
    assert check_database(db).ok
    with db.engine.begin() as conn:
        conn.execute(text("PRAGMA foreign_keys=OFF"))
        conn.execute(
            text(
                "INSERT INTO participation (uid, owner, version, deleted, activity_uid, person_uid, role, completed) "
                "VALUES ('u1', 'VN', 'v', 0, 'missing-activity', 'missing-person', 'trainee', 0)"
            )
        )
    result = check_database(db)
    assert not result.ok and any("participation" in p for p in result.foreign_keys)


def test_backups_are_rotated_by_the_setting(db) -> None:
    from app.services.office_status import BACKUPS_KEPT, backups_kept, set_setting

    assert backups_kept(db) == 10
    set_setting(db, BACKUPS_KEPT, "2")
    made = [db.backup("import") for _ in range(4)]
    kept = list_backups(db.path)
    # The newest two, complete; the older of them compressed (tests/sync/test_compressed_backups.py).
    assert [p.name.removesuffix(".gz") for p in kept] == [p.name for p in made[-2:]]
    assert kept[-1] == made[-1]
    assert sqlite3.connect(kept[-1]).execute("SELECT site FROM local_site").fetchone() == ("VN",)


def test_rotation_keeps_other_databases_backups(tmp_path: Path) -> None:
    from app.store.backup import backup_database

    office, older = tmp_path / "office.sqlite", tmp_path / "office-2012.sqlite"
    for path in (office, older):
        sqlite3.connect(path).close()
    theirs = backup_database(older, "import")
    for _ in range(3):
        backup_database(office, "import", keep=1)
    assert list_backups(older) == [theirs] and theirs.exists()
    assert len(list_backups(office)) == 1
    assert not list(tmp_path.joinpath("backups").glob("*.partial"))


def _unstamp(path: Path) -> None:
    """Make ``path`` look like a database from before the application id existed."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA application_id = 0")
    conn.close()


def test_a_database_from_an_earlier_version_opens_and_is_stamped(db) -> None:
    from app.store.marker import APPLICATION_ID, FileKind, kind_of

    path = db.path
    db.close()
    _unstamp(path)
    assert kind_of(path) is FileKind.OURS_UNSTAMPED
    reader = open_database(path, read_only=True)  # reads it as it is: changes nothing
    assert reader.read_only
    reader.close()
    assert kind_of(path) is FileKind.OURS_UNSTAMPED
    open_database(path).close()  # the first open for writing stamps it
    assert kind_of(path) is FileKind.OURS
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    conn.close()


def test_an_unstamped_first_schema_is_migrated_and_stamped(tmp_path: Path) -> None:
    from app.store.marker import FileKind, kind_of

    path = tmp_path / "2012 office #1.sqlite"  # spaces and '#' survive the file: URI
    engine = make_engine(path)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    engine.dispose()
    assert kind_of(path) is FileKind.OURS_UNSTAMPED
    db = open_database(path)
    try:
        assert current_revision(db.engine) == head_revision() and not db.read_only
    finally:
        db.close()
    assert kind_of(path) is FileKind.OURS
    reader = open_database(path, read_only=True)
    try:
        assert reader.read_only
        with pytest.raises(Exception, match="read-only"), reader.session() as session:
            session.execute(text("DELETE FROM local_site"))
    finally:
        reader.close()


def test_a_database_killed_before_its_checkpoint_is_still_ours(tmp_path: Path) -> None:
    """Its stamp and tables may be only in the -wal file: the check reads that too."""
    import os
    import subprocess
    import sys

    from app.store.marker import FileKind, kind_of

    path = tmp_path / "killed.sqlite"
    code = (
        "import os, sys; from app.services.office import init_office; "
        "init_office(sys.argv[1], 'KH'); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, env=dict(os.environ))
    assert path.with_name(path.name + "-wal").stat().st_size > 0
    assert kind_of(path) is FileKind.OURS
    db = open_database(path, read_only=True)
    try:
        assert db.site == "KH"
    finally:
        db.close()
