"""Which files are ACEC Tracker databases: SQLite's application id, and older ones recognised.

``init`` stamps ``PRAGMA application_id`` with our number; every other open
first reads the file without writing a byte, so another program's SQLite file
or an empty file is refused before anything (not even a ``-wal`` or a lock
file) is made beside it. Databases made before the stamp existed are known by
their tables and are stamped on their first open for writing.
"""

from __future__ import annotations

import enum
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Engine

from app.errors import StoreError
from app.i18n import _

# "ACEC" in ASCII; not in SQLite's list of registered application ids (magic.txt).
APPLICATION_ID = 0x41434543
_MAGIC = b"SQLite format 3\x00"
_HEADER_SIZE = 100
_APPLICATION_ID_OFFSET = 68
# Tables every database of ours has had since the first schema.
_OUR_TABLES = frozenset({"alembic_version", "local_site"})


class FileKind(enum.Enum):
    """What a file is, as far as opening it goes."""

    OURS = "ours"  # stamped with our application id
    OURS_UNSTAMPED = "ours-unstamped"  # made by an earlier version: our tables, no stamp
    EMPTY = "empty"  # no bytes, or a SQLite file without a single table
    FOREIGN = "foreign"  # not SQLite, or another program's SQLite file


def _header(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(_HEADER_SIZE)


def read_only_uri(path: Path) -> str:
    """A URI that reads the file without creating anything beside it.

    ``immutable`` makes SQLite skip locks and the ``-shm`` file: right for a
    file no one writes meanwhile (a foreign file we only look at, or ours
    under the one-copy lock). A ``-wal`` file already beside it may hold
    committed pages (a program killed before its checkpoint), so then the
    file is read in the ordinary read-only way, which uses the ``-wal`` and
    ``-shm`` that are there already.
    """
    wal = path.with_name(path.name + "-wal")
    return f"{path.as_uri()}?{'mode=ro' if wal.exists() else 'immutable=1'}"


def _probe(path: Path) -> FileKind:
    """Ask SQLite, read-only, whose tables and which application id the file has."""
    try:
        with closing(sqlite3.connect(read_only_uri(path), uri=True)) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError:
        return FileKind.FOREIGN
    if app_id == APPLICATION_ID:
        return FileKind.OURS
    if app_id:
        return FileKind.FOREIGN
    if _OUR_TABLES <= tables:
        return FileKind.OURS_UNSTAMPED
    return FileKind.EMPTY if not tables else FileKind.FOREIGN


def kind_of(path: Path) -> FileKind:
    """What the existing file at ``path`` is; reads it and writes nothing."""
    header = _header(path)
    if not header:
        return FileKind.EMPTY
    if not header.startswith(_MAGIC) or len(header) < _HEADER_SIZE:
        return FileKind.FOREIGN
    stamp = int.from_bytes(header[_APPLICATION_ID_OFFSET : _APPLICATION_ID_OFFSET + 4], "big")
    if stamp == APPLICATION_ID:
        return FileKind.OURS
    if stamp:
        return FileKind.FOREIGN
    return _probe(path)


def refuse_unless_ours(path: Path, *, creating: bool) -> FileKind:
    """The file's kind, or ``StoreError`` when it is not a database of ours.

    ``creating`` (``init``) may also fill an empty file; it never takes over
    another program's file.
    """
    kind = kind_of(path)
    if kind is FileKind.FOREIGN:
        if creating:
            raise StoreError(
                _(
                    "{path} belongs to another program, so ACEC Tracker will not make its "
                    "database there. Nothing was changed. Choose a new file name."
                ).format(path=path)
            )
        raise StoreError(
            _(
                "{path} is not an ACEC Tracker database (it belongs to another program). "
                "Nothing was changed. To make a new database, use `acec init`."
            ).format(path=path)
        )
    if kind is FileKind.EMPTY and not creating:
        raise StoreError(
            _(
                "{path} is not an ACEC Tracker database (it is empty). "
                "Nothing was changed. To make a new database, use `acec init`."
            ).format(path=path)
        )
    return kind


def stamp(engine: Engine) -> None:
    """Mark the open database as ours (a no-op when it already is)."""
    with engine.connect() as conn:
        if conn.exec_driver_sql("PRAGMA application_id").scalar() != APPLICATION_ID:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.commit()
