"""Errors that carry a message a person can act on; every layer may raise them."""

from __future__ import annotations

from dataclasses import dataclass


class AcecError(Exception):
    """A refusal or failure whose message is shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreError(AcecError):
    """The database cannot be opened, created, migrated or locked."""


class LockedError(StoreError):
    """Another running copy of the program has this database open."""


class NotFoundError(AcecError):
    """A record that should exist does not."""


class ReadOnlyError(AcecError):
    """A change to a record this site does not own."""


class YearLockedError(ReadOnlyError):
    """A change to a record of a year the secretariat locked for its country."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of one record."""

    field: str
    message: str


class ValidationError(AcecError):
    """Values refused, with every problem named by field."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


class Cancelled(AcecError):
    """Raised by a progress callback when the user pressed Cancel.

    Long services call ``progress(done, total, message)`` now and then; the
    UI's callback raises this, and the service's transaction rolls back.
    """

    def __init__(self) -> None:
        super().__init__("cancelled")


class StorageError(StoreError):
    """The disk or the operating system refused to read or write a file.

    ``kind`` is full, read-only, permission, in-use, cannot-open or io.
    """

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


# SQLite's primary result codes (the low byte of ``sqlite_errorcode``).
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR = 3, 8, 10
_SQLITE_FULL, _SQLITE_CANTOPEN = 13, 14
# Windows system error codes Python does not map to the errno we need.
_WIN_SHARING_VIOLATION, _WIN_LOCK_VIOLATION = 32, 33
_WIN_DISK_FULL, _WIN_HANDLE_DISK_FULL, _WIN_WRITE_PROTECT = 112, 39, 19


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc``, the DBAPI error a SQLAlchemy error wraps, and what it was raised from."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop(0)
        if item is None or any(item is s for s in seen) or len(seen) > 20:
            continue
        seen.append(item)
        orig = getattr(item, "orig", None)
        todo += [orig if isinstance(orig, BaseException) else None]
        todo += [item.__cause__, item.__context__]
    return seen


def _kind_of(exc: BaseException) -> str | None:
    """full, read-only, permission, in-use, cannot-open or io for a storage failure."""
    import errno

    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):  # sqlite3.Error: the code, not the English text
        return {
            _SQLITE_FULL: "full",
            _SQLITE_READONLY: "read-only",
            _SQLITE_PERM: "permission",
            _SQLITE_CANTOPEN: "cannot-open",
            _SQLITE_IOERR: "io",
        }.get(code & 0xFF)
    if not isinstance(exc, OSError):
        return None
    winerror = getattr(exc, "winerror", None)
    if winerror in (_WIN_SHARING_VIOLATION, _WIN_LOCK_VIOLATION):
        return "in-use"
    if winerror in (_WIN_DISK_FULL, _WIN_HANDLE_DISK_FULL):
        return "full"
    if winerror == _WIN_WRITE_PROTECT:
        return "read-only"
    return {
        errno.ENOSPC: "full",
        getattr(errno, "EDQUOT", errno.ENOSPC): "full",
        errno.EFBIG: "full",
        errno.EROFS: "read-only",
        errno.EACCES: "permission",
        errno.EPERM: "permission",
        errno.EIO: "io",
    }.get(exc.errno or 0)


def _storage_message(kind: str, path: object) -> str:
    from app.i18n import _

    messages = {
        "full": _(
            "The disk holding {path} is full. Nothing was saved. Free some space and try again."
        ),
        "read-only": _(
            "{path} is read-only (the file, its folder or its disk), so nothing was saved. "
            "Copy it to a folder you can write to, or ask your computer's administrator."
        ),
        "permission": _(
            "You have no permission to write {path}, so nothing was saved. Choose another "
            "folder, or ask your computer's administrator for access."
        ),
        "in-use": _(
            "{path} is open in another program, so nothing was saved. Close it there and try again."
        ),
        "cannot-open": _(
            "{path} cannot be opened: its folder is missing, or you may not write in it. "
            "Check the folder and its permissions, then try again."
        ),
        "io": _(
            "The disk holding {path} could not be read or written, so nothing was saved. "
            "Check that the disk or USB stick is still connected, then try again."
        ),
    }
    return messages[kind].format(path=path)


def storage_error(
    exc: BaseException, path: object = None, *, shown_as: object = None
) -> StorageError | None:
    """The user's message for a full disk or a refused file behind ``exc``; else None.

    Looks through SQLAlchemy's wrapper and the exception chain for SQLite's
    result code or the operating system's error number (Windows' too), so no
    SQL text and no record value ever reaches the message. ``path`` names the
    database for SQLite errors; an ``OSError`` names its own file.
    """
    if isinstance(exc, StorageError):
        return exc
    for cause in _causes(exc):
        kind = _kind_of(cause)
        if kind is None:
            continue
        where = getattr(cause, "filename", None) if isinstance(cause, OSError) else None
        where = shown_as or where or path or "?"
        return StorageError(_storage_message(kind, where), kind)
    return None


def short_description(exc: BaseException) -> str:
    """A one-line description of an unexpected error, without SQL or its parameters."""
    orig = getattr(exc, "orig", None)  # a SQLAlchemy error's DBAPI error: its own text only
    source = orig if isinstance(orig, BaseException) else exc
    lines = str(source).strip().splitlines()
    first = lines[0] if lines else ""
    return (first[:200] or type(source).__name__).strip()
