"""Opening a database: engine, pragmas, lock, migrations, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.errors import StorageError, StoreError, storage_error
from app.i18n import _
from app.locations import data_folder, default_database_path
from app.models import LocalSite
from app.models.codes import shown_office_name
from app.private_files import create_private_new
from app.store import marker, schema
from app.store.backup import DEFAULT_KEEP, backup_database
from app.store.leftovers import remove_leftovers
from app.store.local_settings import read_setting
from app.store.lock import DatabaseLock
from app.store.marker import FileKind, refuse_unless_ours
from app.store.site_keys import ensure_site_key
from app.store.storage_errors import translate_storage_errors

BACKUPS_KEPT_SETTING = "backups_kept"

__all__ = ["Database", "SiteInfo", "data_folder", "default_database_path", "open_database"]


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a commit survives a power cut, which WAL's default NORMAL does not promise.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _set_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """A SQLAlchemy engine on a SQLite file with our pragmas (``read_only``: SQLite's mode=ro)."""
    if read_only:
        # Safe without SQLite's locks because the one-copy lock is held: no
        # one else writes meanwhile. The URI is handed over as it is, since
        # SQLAlchemy's URL parser would decode a '%23' in the file name into
        # a '#' that ends the path.
        uri = marker.read_only_uri(path)
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
            poolclass=QueuePool,
            hide_parameters=True,  # an error's text never carries record values
        )
        event.listen(engine, "connect", _set_read_only_pragmas)
        translate_storage_errors(engine, path)
        return engine
    # hide_parameters: an error's text (and so the error log) names the statement,
    # never the record values bound to it.
    engine = create_engine(f"sqlite:///{path}", future=True, hide_parameters=True)
    event.listen(engine, "connect", _set_pragmas)
    translate_storage_errors(engine, path)
    return engine


def _backup_before_migrating(db_path: Path) -> None:
    backup_database(db_path, "migrate")


@dataclass
class SiteInfo:
    """Which site this database belongs to."""

    site: str
    stored_name: str  # blank: the office goes by its default name
    demo: bool

    @property
    def office_name(self) -> str:
        """The office's name in the current language when it goes by its default."""
        return shown_office_name(self.site, self.stored_name)


class Database:
    """An open office database: engine, sessions, lock and the site it belongs to."""

    def __init__(
        self, path: Path, engine: Engine, lock: DatabaseLock | None, *, read_only: bool = False
    ) -> None:
        self.path = path
        self.engine = engine
        self.read_only = read_only  # opened with SQLite's mode=ro: writes fail
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._site: SiteInfo | None = None
        # What the user should be told about opening it (a replaced key, files
        # cleaned up): the command line prints them, the window shows them.
        self.notices: list[str] = []

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def read_session(self) -> Session:
        """A session for reading only (caller closes it)."""
        return self._sessions()

    @property
    def site_info(self) -> SiteInfo:
        if self._site is None:
            with self.read_session() as session:
                row = session.scalars(select(LocalSite)).first()
            if row is None:
                raise StoreError(
                    _("{path} has no office yet. Create it with: acec init --site CODE").format(
                        path=self.path
                    )
                )
            self._site = SiteInfo(row.site, row.office_name, row.demo)
        return self._site

    @property
    def site(self) -> str:
        """This database's site code (a country code or SEC)."""
        return self.site_info.site

    def forget_site_cache(self) -> None:
        self._site = None

    def backup(self, reason: str, *, rotate: bool = True, unfinished: bool = False) -> Path:
        """Take a consistent backup now, keep the newest few; return its path.

        ``rotate=False`` deletes or compresses no older backup (undo needs the one it restores).
        ``unfinished`` lists it as unfinished until the caller strikes it off
        (an import, once committed), so a killed caller's backup is removed.
        """
        keep = self.backups_to_keep() if rotate else None
        return backup_database(self.path, reason, keep=keep, unfinished=unfinished)

    def backups_to_keep(self) -> int:
        """How many automatic backups to keep (the ``backups_kept`` setting)."""
        with self.read_session() as session:
            value = read_setting(session, BACKUPS_KEPT_SETTING) or ""
        return max(1, int(value)) if value.isdigit() else DEFAULT_KEEP

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def _existing_or_new_file(db_path: Path, *, create: bool) -> bool:
    """Refuse a folder and a missing file (unless creating); True if this made the file.

    ``create`` makes a missing file empty, so that the lock can hold the file
    itself.
    """
    if db_path.is_dir():
        raise StoreError(_("{path} is a folder, not a database file.").format(path=db_path))
    if not db_path.exists():
        if not create:
            raise StoreError(
                _(
                    "No database at {path}. Create one with: acec --db {path} init --site CODE"
                ).format(path=db_path)
            )
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
            # Owner-only from the start; SQLite gives -wal and -shm the same mode.
            create_private_new(db_path)
        except OSError as exc:
            raise StoreError(
                _("Cannot create the folder {path}: {error}").format(
                    path=db_path.parent, error=exc.strerror
                )
            ) from exc
        return True
    return False


def _lock_identity(db_lock: DatabaseLock, *, made_now: bool) -> None:
    """Take the lock on the file itself; a file this open made goes if no lock can be made."""
    try:
        db_lock.acquire_identity()
    except StorageError:
        # The data folder is unusable, so no copy of this user's can have
        # locked or written the new file: a refused ``init`` leaves no empty
        # file behind for the next start to take for a database. (Not on
        # LockedError: another ``init`` may be filling it.)
        if made_now and db_lock.db_path.stat().st_size == 0:
            db_lock.db_path.unlink(missing_ok=True)
        raise


def _open_read_only(db_path: Path, db_lock: DatabaseLock | None) -> Database | None:
    """The database opened with SQLite's read-only mode, or None if it must change first.

    A database that needs a migration (or its stamp) is opened for writing
    instead, as any open of an older database is.
    """
    engine = make_engine(db_path, read_only=True)
    try:
        if schema.current_revision(engine) == schema.head_revision():
            return Database(db_path, engine, db_lock, read_only=True)
    except (DatabaseError, OperationalError, sqlite3.DatabaseError):
        pass  # the writing open below says what is wrong
    engine.dispose()
    return None


def _migrated_engine(db_path: Path) -> Engine:
    """An engine on the database, its schema brought to head and stamped as ours."""
    engine = make_engine(db_path)
    try:
        current = schema.current_revision(engine)
        if current is not None and current not in schema.known_revisions():
            raise StoreError(
                _("{path} was made by a newer version of ACEC Tracker. Update the program.").format(
                    path=db_path
                )
            )
        schema.upgrade(engine, before=lambda: _backup_before_migrating(db_path))
        marker.stamp(engine)
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        known = storage_error(exc, db_path)  # a full disk is not a damaged database
        if known is not None:
            raise known from exc
        raise StoreError(
            _("{path} is not an ACEC Tracker database or is damaged ({error}).").format(
                path=db_path, error=str(getattr(exc, "orig", exc)).splitlines()[0]
            )
        ) from exc
    except BaseException:
        engine.dispose()
        raise
    return engine


def open_database(
    path: Path | str | None = None,
    *,
    create: bool = False,
    lock: bool = True,
    read_only: bool = False,
) -> Database:
    """Open (or with ``create`` make) a database, lock it, and migrate it to head.

    Only ``create`` (``init``) makes a database; any other open refuses a file
    that is not ours before writing anything. ``read_only`` opens a database
    that needs no change in SQLite's read-only mode. An existing database is
    backed up before any migration changes it. Raises ``StoreError`` with a
    message for the user when the file is missing, is not ours, is from a
    newer program, or is locked.
    """
    db_path = Path(path) if path else default_database_path()
    db_path = db_path.expanduser().resolve()
    made_now = _existing_or_new_file(db_path, create=create)
    db_lock = DatabaseLock(db_path) if lock else None
    if db_lock is not None:
        # First the lock that writes nothing beside the file: while another
        # copy holds the database, its newest pages may be only in a -wal
        # file under another name, so the file is judged after the lock.
        _lock_identity(db_lock, made_now=made_now)
    try:
        kind = refuse_unless_ours(db_path, creating=create)
        if db_lock is not None:
            db_lock.acquire_name()
        # An older database that needs no migration is read as it is; it is
        # stamped at its first open for writing.
        readable = kind in (FileKind.OURS, FileKind.OURS_UNSTAMPED)
        if read_only and db_lock is not None and readable:
            opened = _open_read_only(db_path, db_lock)
            if opened is not None:
                return opened
        db = Database(db_path, _migrated_engine(db_path), db_lock)
    except BaseException:
        if db_lock is not None:
            db_lock.release()
        raise
    # A command that only reads but had to migrate first still makes no key.
    if lock and not read_only:
        try:
            remove_leftovers(db)  # what a killed export or import left; we hold the lock
            ensure_site_key(db)  # a database made before site keys gets its pair now
        except BaseException:
            db.close()
            raise
    return db
