"""Consistent backups of a live SQLite database, and their rotation."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from app.errors import storage_error
from app.models.utc import utc_now
from app.private_files import create_private
from app.store.unfinished import forget_unfinished, note_unfinished

DEFAULT_KEEP = 10


def backup_dir(db_path: Path) -> Path:
    """The folder beside the database where its backups go."""
    return db_path.parent / "backups"


def backup_database(
    db_path: Path, reason: str, keep: int = DEFAULT_KEEP, *, unfinished: bool = False
) -> Path:
    """Copy the database with SQLite's online backup API and return the copy's path.

    The copy is written under a temporary name and renamed when complete, and
    older backups are pruned only after that, so a crash never leaves us with
    fewer complete backups than before. With ``unfinished`` both names are
    listed as unfinished first (see ``app.store.unfinished``). Names carry UTC time, so they sort in
    the order taken even across a change of clocks or time zones.
    """
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = utc_now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{db_path.stem}-{stamp}-{reason}.sqlite"
    partial = target.with_suffix(".partial")
    try:
        create_private(partial)  # owner-only before SQLite writes a page into it
        if unfinished:
            note_unfinished(db_path, target, partial)
        copy_database(db_path, partial)
        os.replace(partial, target)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        if unfinished:
            target.unlink(missing_ok=True)
            forget_unfinished(db_path, target, partial)
        known = storage_error(exc, folder)
        if known is not None:  # the backups folder's disk, named for the user
            raise known from exc
        raise
    rotate_backups(db_path, keep)
    return target


def list_backups(db_path: Path, reason: str | None = None) -> list[Path]:
    """Complete backups of this database (not of another with a longer name), oldest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(
        re.escape(db_path.stem)
        + r"-\d{8}-\d{6}-\d{6}-"
        + (re.escape(reason) if reason else r"[\w-]+")
        + r"\.sqlite"
    )
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))


def rotate_backups(db_path: Path, keep: int) -> None:
    """Delete all but the newest ``keep`` complete backups."""
    backups = list_backups(db_path)
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)


def copy_database(source_path: Path, target_path: Path) -> None:
    """Copy one SQLite database's content over another's with SQLite's online backup API.

    SQLite copies page by page under its own locks, so a database in WAL mode
    (or one being read) is copied whole and consistent, which a file copy is not.
    """
    source = sqlite3.connect(str(source_path))
    try:
        dest = sqlite3.connect(str(target_path))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()


def restore_file(backup: Path, db_path: Path) -> None:
    """Replace the database's content with a backup's, through SQLite (WAL-safe)."""
    copy_database(backup, db_path)
