"""The single-instance lock: one running program per database file, whatever its name.

SQLite finds a database's ``-wal`` file by name, so two copies that open one
file through two names (a hard link, a symbolic link, another spelling of the
path) write two logs and damage the database. The lock therefore goes by what
the file is: its device and file number, which ``os.stat`` gives on POSIX and
on Windows (volume serial and file index) alike. That lock file lives in the
per-user data folder, where every name of the file meets it. A second lock
beside the file, by its resolved name, keeps out another user's copy opening
it by the same name.

The database file itself is not locked: SQLite holds POSIX locks on it, which
closing any other descriptor of the file would drop, and a Windows byte-range
lock on it would block SQLite's own reads.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from filelock import FileLock, Timeout

from app.errors import LockedError
from app.i18n import _
from app.locations import data_folder

LOCK_FOLDER = "locks"


def identity_of(db_path: Path) -> str:
    """A name for the file itself, the same for every path that reaches it."""
    info = os.stat(db_path)
    if info.st_ino:
        return f"{info.st_dev:x}-{info.st_ino:x}"
    # Some network shares report no file number: fall back to the resolved path.
    name = os.path.normcase(str(db_path.resolve()))
    return "path-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:32]


def _file_lock(path: Path) -> FileLock:
    # Not thread-local: the window opens the database on its worker thread
    # and closes it on the UI thread.
    return FileLock(str(path), timeout=0, thread_local=False)


class DatabaseLock:
    """OS-level locks on the database's identity and its name, released when the process ends.

    filelock uses flock on POSIX and LockFileEx on Windows, so a crashed
    program never leaves a stale lock behind. The database file must exist.
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = db_path.with_name(db_path.name + ".lock")
        self._locks: list[FileLock] = []

    def acquire(self) -> None:
        """Take both locks (the one by identity first)."""
        self.acquire_identity()
        self.acquire_name()

    def acquire_identity(self) -> None:
        """Lock the file itself; this makes nothing beside the database."""
        folder = data_folder() / LOCK_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        self._take(folder / f"{identity_of(self.db_path)}.lock")

    def acquire_name(self) -> None:
        """Lock the resolved name too (``<database>.lock`` beside it)."""
        self._take(self.path)

    def _take(self, lock_path: Path) -> None:
        lock = _file_lock(lock_path)
        try:
            lock.acquire()
        except Timeout as exc:
            self.release()
            raise LockedError(
                _(
                    "The database {path} is already open in another copy of ACEC Tracker. "
                    "Close that copy first."
                ).format(path=self.db_path)
            ) from exc
        self._locks.append(lock)

    def release(self) -> None:
        while self._locks:
            lock = self._locks.pop()
            if lock.is_locked:
                lock.release()
