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
import platform
import time
from pathlib import Path

from filelock import FileLock, Timeout

from app.errors import LockedError, StorageError, storage_error
from app.i18n import _
from app.locations import data_folder
from app.running_copy import WINDOW, RunningCopy
from app.store.lock_owner import process_alive, read_owner, remove_owner, write_owner

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


# How long a refused copy waits before its one second try: the holder may be
# between taking the lock and writing its note, or between removing it and
# letting go.
_SECOND_TRY_SECONDS = 0.5


class DatabaseLock:
    """OS-level locks on the database's identity and its name, released when the process ends.

    filelock uses flock on POSIX and LockFileEx on Windows, so a crashed or
    killed program never leaves a lock behind: there is nothing to delete by
    hand. Beside each lock file the holder leaves a note saying who it is
    (``lock_owner``), which a refused copy puts in its message. The lock
    files themselves stay (a few empty files in the data folder): deleting a
    lock file another copy may be opening at that moment would let two
    copies hold "the" lock at once. The database file must exist.
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
        folder = _lock_folder()
        self._take(folder / f"{identity_of(self.db_path)}.lock")

    def acquire_name(self) -> None:
        """Lock the resolved name too (``<database>.lock`` beside it)."""
        self._take(self.path)

    def _take(self, lock_path: Path) -> None:
        lock = _file_lock(lock_path)
        try:
            _acquire_or_retry(lock, lock_path)
        except Timeout as exc:
            self.release()
            raise LockedError(locked_message(self.db_path, read_owner(lock_path))) from exc
        except OSError as exc:
            self.release()
            raise storage_error(exc) or _unexpected_lock_failure(lock_path, exc) from exc
        self._locks.append(lock)
        write_owner(lock_path)

    def release(self) -> None:
        while self._locks:
            lock = self._locks.pop()
            if lock.is_locked:
                remove_owner(Path(lock.lock_file))  # before letting go: the note is ours
                lock.release()


def _lock_folder() -> Path:
    """``<data folder>/locks``, or a message naming the folder when it cannot be made."""
    try:
        folder = data_folder() / LOCK_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        where = exc.filename or "?"
        raise StorageError(
            _(
                "The program's data folder {folder} cannot be used ({error}), so ACEC Tracker "
                "cannot make sure that no other copy has the database open. Make {folder} a "
                "folder you may write to (or remove what is in its way), then try again."
            ).format(folder=where, error=exc.strerror or type(exc).__name__),
            "cannot-open",
        ) from exc
    return folder


def _unexpected_lock_failure(lock_path: Path, exc: OSError) -> StorageError:
    return StorageError(
        _(
            "The lock file {path} cannot be made ({error}). Check its folder, then try again."
        ).format(path=lock_path, error=exc.strerror or type(exc).__name__),
        "cannot-open",
    )


def _acquire_or_retry(lock: FileLock, lock_path: Path) -> None:
    """Take ``lock``; once more after a moment if the note is missing or names a dead holder."""
    try:
        lock.acquire()
    except Timeout:
        owner = read_owner(lock_path)
        if owner is not None and not _ended_here(owner):
            raise
        time.sleep(_SECOND_TRY_SECONDS)
        lock.acquire()


def _ended_here(owner: RunningCopy) -> bool:
    """The note names a process of this computer that no longer runs."""
    return owner.host == platform.node() and not process_alive(owner.pid)


def _what(owner: RunningCopy) -> str:
    if owner.role == WINDOW:
        return _("the window")
    if owner.command:
        return _("the command {command}").format(command="acec " + owner.command)
    return _("a command")


def locked_message(db_path: Path, owner: RunningCopy | None) -> str:
    """What a refused copy says: who holds the database, or the plain message without a note."""
    if owner is None:
        return _(
            "The database {path} is already open in another copy of ACEC Tracker. "
            "Close that copy first."
        ).format(path=db_path)
    started = owner.started_at()
    # Year-month-day: read the same way in every language, and plain ASCII for any console.
    when = started.astimezone().strftime("%Y-%m-%d %H:%M") if started else owner.started
    if _ended_here(owner):
        return _(
            "The database {path} is still locked, but the copy of ACEC Tracker that locked it "
            "on this computer ({host}; process {pid}, started {when} by {user}) has ended. A "
            "program it started may still hold the lock: close every ACEC Tracker window, "
            "wait a minute and try again; if it stays locked, restart the computer."
        ).format(path=db_path, host=owner.host, pid=owner.pid, when=when, user=owner.user)
    return _(
        "The database {path} is already open in ACEC Tracker on {host} (started {when} by "
        "{user}, {what}, process {pid}). Close that copy first."
    ).format(
        path=db_path, host=owner.host, when=when, user=owner.user, what=_what(owner), pid=owner.pid
    )
