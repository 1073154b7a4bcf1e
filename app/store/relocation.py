"""Moving a database to another folder with its key file and backups: all of it, or none.

Everything is copied first, each copy checked against its original (the
database through SQLite's backup API, then ``integrity_check`` and every
table's row count; the key and the backups byte for byte), under names no
one else uses. Only when every copy is complete and checked do the copies
take their real names, the new place become the default database, and the
old files go. A failure at any step before that removes the copies made and
leaves the database where it was, still open.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import StoreError
from app.i18n import _
from app.locations import chosen_database, remember_database
from app.private_files import create_private_new
from app.store.backup import backup_dir, list_backups
from app.store.database import Database
from app.store.site_keys import key_path

COPYING_SUFFIX = ".moving"  # a copy not yet checked
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass
class MoveResult:
    """Where the database lives now, and old files that could not be removed."""

    path: Path
    left_behind: list[Path] = field(default_factory=list)


class _CopyFailed(Exception):
    """A copy did not match its original."""


def files_to_move(db_path: Path, folder: Path) -> list[tuple[Path, Path]]:
    """(old, new) for the database, its key file and its backups, the database first."""
    new_db = folder / db_path.name
    pairs = [(db_path, new_db)]
    if key_path(db_path).exists():
        pairs.append((key_path(db_path), key_path(new_db)))
    pairs += [(b, backup_dir(new_db) / b.name) for b in list_backups(db_path)]
    return pairs


def _check_destination(db_path: Path, folder: Path, pairs: list[tuple[Path, Path]]) -> None:
    """Refuse a destination that is a file, the same folder, or already holds a name we need."""
    if folder.exists() and not folder.is_dir():
        raise StoreError(
            _("{path} is a file, not a folder. Choose a folder to move the database to.").format(
                path=folder
            )
        )
    if folder == db_path.parent:
        raise StoreError(_("The database is already in {folder}.").format(folder=folder))
    for _old, new in pairs:
        for name in (new, new.with_name(new.name + COPYING_SUFFIX)):
            if name.exists():
                raise StoreError(
                    _(
                        "{path} already exists, so the database was not moved. Nothing was "
                        "changed. Choose another folder, or move that file away first."
                    ).format(path=name)
                )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _copy_file(old: Path, new: Path) -> None:
    """Copy a closed file owner-only, flushed to the disk, and compare it with the original."""
    create_private_new(new)
    with old.open("rb") as src, new.open("wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())
    if _sha256(old) != _sha256(new):
        raise _CopyFailed(str(new))


def _row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _copy_database(old: Path, new: Path) -> None:
    """Copy the live database with SQLite's backup API and check the copy."""
    create_private_new(new)  # owner-only before SQLite writes a page into it
    with closing(sqlite3.connect(str(old))) as source, closing(sqlite3.connect(str(new))) as dest:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")  # one self-contained file until it is opened
        checked = dest.execute("PRAGMA integrity_check").fetchone()[0]
        same = _row_counts(source) == _row_counts(dest) and (
            source.execute("PRAGMA application_id").fetchone()
            == dest.execute("PRAGMA application_id").fetchone()
        )
    if checked != "ok" or not same:
        raise _CopyFailed(str(new))


def _remove(paths: list[Path]) -> None:
    """Remove what this move made (files, then folders it created, deepest first)."""
    for path in reversed(paths):
        with contextlib.suppress(OSError):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)


def _new_folders(folders: list[Path]) -> Iterator[Path]:
    """Make the folders that do not exist yet; yield each one made."""
    for folder in folders:
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        for path in reversed(missing):
            path.mkdir()
            yield path


def _copy_all(pairs: list[tuple[Path, Path]], made: list[Path]) -> None:
    """Copy every file under its copying name, check it, then give it its real name."""
    folders = sorted({new.parent for _old, new in pairs}, key=lambda p: len(p.parts))
    made.extend(_new_folders(folders))
    copies: list[tuple[Path, Path]] = []
    for index, (old, new) in enumerate(pairs):
        copying = new.with_name(new.name + COPYING_SUFFIX)
        made.append(copying)
        (_copy_database if index == 0 else _copy_file)(old, copying)
        copies.append((copying, new))
    for copying, new in copies:
        made.append(new)
        os.replace(copying, new)


def _failed(exc: BaseException, db_path: Path, folder: Path) -> StoreError:
    reason = (
        _("a copy did not match its original")
        if isinstance(exc, _CopyFailed)
        else (getattr(exc, "strerror", None) or exc.__class__.__name__)
    )
    where = getattr(exc, "filename", None) or folder
    return StoreError(
        _(
            "The database could not be moved to {folder}: {reason} ({where}). Nothing was "
            "lost: it stays at {path}, and the copies made in {folder} were removed."
        ).format(folder=folder, reason=reason, where=where, path=db_path)
    )


def _remove_old(paths: list[Path]) -> list[Path]:
    """Remove the old files; return those that could not be removed."""
    left = []
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            left.append(path)
    return left


def move_database(db: Database, folder: Path) -> MoveResult:
    """Move ``db`` (open, its lock held) with its key and backups into ``folder``.

    On success ``db`` is closed and the new place is the default database;
    on a failure it stays open where it was and a ``StoreError`` says why.
    """
    old_db = db.path
    folder = folder.expanduser().resolve()
    pairs = files_to_move(old_db, folder)
    _check_destination(old_db, folder, pairs)
    new_db = pairs[0][1]
    previous_choice = chosen_database()
    made: list[Path] = []
    try:
        _copy_all(pairs, made)
        remember_database(new_db)
        db.engine.dispose()  # SQLite checkpoints and closes the old file
        old_db.unlink()  # the point of no return: now the new place is the database
    except BaseException as exc:
        _remove(made)
        with contextlib.suppress(OSError):
            remember_database(previous_choice)
        if isinstance(exc, (OSError, _CopyFailed, sqlite3.Error)):
            raise _failed(exc, old_db, folder) from exc
        raise
    db.close()
    side = [old_db.with_name(old_db.name + s) for s in (*_SQLITE_SIDE_FILES, ".lock")]
    left = _remove_old([old for old, _new in pairs[1:]] + side)
    with contextlib.suppress(OSError):
        backup_dir(old_db).rmdir()  # only if nothing else is in it
    return MoveResult(new_db, [p for p in left if p.exists()])
