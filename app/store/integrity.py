"""SQLite's own checks: page integrity and foreign keys."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from app.errors import StoreError, storage_error
from app.i18n import _
from app.store.database import Database
from app.store.lock import DatabaseLock
from app.store.marker import read_only_uri, refuse_unless_ours

# integrity_check stops after this many problems: enough to say what is wrong.
_MOST_PROBLEMS = 100


@dataclass
class CheckResult:
    """What ``acec check`` found: empty lists mean a sound database."""

    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.foreign_keys


def check_database(db: Database) -> CheckResult:
    """Run ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``."""
    result = CheckResult()
    with db.engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
        if rows != ["ok"]:
            result.integrity = rows
        for table, rowid, parent, _fkid in conn.execute(text("PRAGMA foreign_key_check")):
            result.foreign_keys.append(f"{table} row {rowid} -> {parent}")
    return result


def check_database_file(path: Path) -> CheckResult:
    """Check the database file at ``path`` without trusting, migrating or changing it.

    A damaged file cannot be opened the ordinary way (migrations and the site
    key read it first), so this reads it through a read-only SQLite
    connection under the one-copy lock, and a page SQLite cannot read is a
    finding, not an error.
    """
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise StoreError(
            _("No database at {path}. Check the name and the folder.").format(path=path)
        )
    lock = DatabaseLock(path)
    # As open_database: the lock that writes nothing beside the file first, then
    # refuse another program's file before anything (a .lock, a -wal) is made.
    lock.acquire_identity()
    try:
        refuse_unless_ours(path, creating=False)
        lock.acquire_name()
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
            return _run_checks(conn)
    except sqlite3.Error as exc:
        known = storage_error(exc, path)
        if known is not None:
            raise known from exc
        return CheckResult(integrity=[str(exc)])  # e.g. "file is not a database"
    finally:
        lock.release()


def _run_checks(conn: sqlite3.Connection) -> CheckResult:
    result = CheckResult()
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({_MOST_PROBLEMS})")]
    except sqlite3.DatabaseError as exc:
        if storage_error(exc) is not None:
            raise
        return CheckResult(integrity=[str(exc)])
    if rows != ["ok"]:
        result.integrity = [str(r) for r in rows]
        return result  # foreign keys on damaged pages say nothing more
    for table, rowid, parent, _fkid in conn.execute("PRAGMA foreign_key_check"):
        result.foreign_keys.append(f"{table} row {rowid} -> {parent}")
    return result
