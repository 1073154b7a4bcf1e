"""Consistent backups of a live SQLite database, and their rotation.

The newest backup stays a plain SQLite file; older ones are kept gzip-
compressed (a 300,000-record database of 284 MB packs into 80 MB at gzip's
fastest level), so ten backups cost about 3.5 full copies, not ten.
Undo and restore read either kind and give back exactly what was copied.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import sqlite3
import zlib
from pathlib import Path

from app.errors import StoreError, storage_error
from app.i18n import _
from app.models.utc import utc_now
from app.private_files import create_private
from app.store.unfinished import forget_unfinished, note_unfinished

DEFAULT_KEEP = 10
# How many of the newest backups stay uncompressed: the undo of the last import
# (the newest backup) costs no unpacking; an undo further back unpacks first
# (about two seconds at 300,000 records).
PLAIN_KEPT = 1
COMPRESSED = ".gz"
# Fast compression: at 300,000 records it adds about a second to an import.
_LEVEL = 1
_CHUNK = 1 << 20


def backup_dir(db_path: Path) -> Path:
    """The folder beside the database where its backups go."""
    return db_path.parent / "backups"


def backup_database(
    db_path: Path, reason: str, keep: int | None = DEFAULT_KEEP, *, unfinished: bool = False
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
    if keep is not None:  # None: leave every older backup as it is (undo reads one)
        rotate_backups(db_path, keep)
    return target


def list_backups(db_path: Path, reason: str | None = None) -> list[Path]:
    """Complete backups of this database (not of another with a longer name), oldest first.

    A backup is ``NAME.sqlite`` or, once compressed, ``NAME.sqlite.gz``; should
    both be there (the program stopped while compressing), the plain one counts.
    """
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(
        re.escape(db_path.stem)
        + r"-\d{8}-\d{6}-\d{6}-"
        + (re.escape(reason) if reason else r"[\w-]+")
        + r"\.sqlite(?:"
        + re.escape(COMPRESSED)
        + ")?"
    )
    names = {p.name for p in folder.iterdir() if pattern.fullmatch(p.name)}
    plain = {name for name in names if not name.endswith(COMPRESSED)}
    kept = plain | {name for name in names - plain if name[: -len(COMPRESSED)] not in plain}
    return [folder / name for name in sorted(kept)]


def stored_backup(recorded: Path) -> Path | None:
    """The file that holds the backup recorded as ``recorded``: itself, or its
    compressed copy once rotation has compressed it; None when neither is there."""
    for candidate in (recorded, recorded.with_name(recorded.name + COMPRESSED)):
        if candidate.is_file():
            return candidate
    return None


def rotate_backups(db_path: Path, keep: int) -> None:
    """Delete all but the newest ``keep`` complete backups; compress all but the
    newest ``PLAIN_KEPT`` of those (one a rotation, as each import adds one)."""
    backups = list_backups(db_path)
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink(missing_ok=True)
        _leftover_plain(old)
    for older in backups[max(0, len(backups) - keep) : max(0, len(backups) - PLAIN_KEPT)]:
        if not older.name.endswith(COMPRESSED):
            compress_backup(older)


def _leftover_plain(path: Path) -> None:
    # A compressed backup whose plain file a stopped compression left beside it.
    if path.name.endswith(COMPRESSED):
        path.with_name(path.name[: -len(COMPRESSED)]).unlink(missing_ok=True)


def compress_backup(plain: Path) -> Path:
    """Replace a backup by its gzip copy, written under a temporary name first, so
    that a stop at any moment leaves the backup whole in one form or the other."""
    target = plain.with_name(plain.name + COMPRESSED)
    partial = target.with_name(target.name + ".partial")
    try:
        create_private(partial)
        with plain.open("rb") as source, gzip.open(partial, "wb", compresslevel=_LEVEL) as out:
            shutil.copyfileobj(source, out, _CHUNK)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    plain.unlink()
    return target


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
    """Replace the database's content with a backup's, through SQLite (WAL-safe).

    A compressed backup is first unpacked beside it (gzip checks its CRC, so a
    damaged file is refused before the database is touched).
    """
    if not backup.name.endswith(COMPRESSED):
        copy_database(backup, db_path)
        return
    unpacked = backup.with_name(backup.name[: -len(COMPRESSED)] + ".unpacked")
    try:
        _unpack(backup, unpacked)
        copy_database(unpacked, db_path)
    finally:
        unpacked.unlink(missing_ok=True)


def _unpack(backup: Path, unpacked: Path) -> None:
    try:
        create_private(unpacked)
        with gzip.open(backup, "rb") as source, unpacked.open("wb") as out:
            shutil.copyfileobj(source, out, _CHUNK)
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        known = storage_error(exc, backup.parent)
        if known is not None:  # the disk is full or read-only: said as such
            raise known from exc
        raise StoreError(
            _(
                "The backup {backup} is damaged and cannot be read, so nothing was "
                "changed. Restore an older backup from the same folder, or a copy."
            ).format(backup=backup)
        ) from exc
