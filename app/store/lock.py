"""The single-instance lock: one running program per database file."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from app.errors import LockedError
from app.i18n import _


class DatabaseLock:
    """An OS-level lock on ``<database>.lock``, released when the process ends.

    filelock uses fcntl on POSIX and msvcrt on Windows, so a crashed program
    never leaves a stale lock behind.
    """

    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        # Not thread-local: the window opens the database on its worker thread
        # and closes it on the UI thread.
        self._lock = FileLock(str(self.path), timeout=0, thread_local=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise LockedError(
                _(
                    "The database {path} is already open in another copy of ACEC Tracker. "
                    "Close that copy first."
                ).format(path=self.path.with_suffix(""))
            ) from exc

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()
