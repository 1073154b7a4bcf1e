"""Files readable by their owner only: databases, backups, packages, reports, lists, the log.

Every file the program creates holds people's names and contact details or
its key, so on POSIX it is created with mode 0600 before a byte goes in: the
file is made empty with that mode (``os.open``, so there is no moment at
which another account may open it), then the library that writes it
(SQLite, xlsxwriter, openpyxl, Qt) opens and truncates it, which keeps the
mode. SQLite gives a database's ``-wal`` and ``-shm`` the database's mode.

On Windows mode bits mean nothing; a file takes the access list of its
folder, which in the user's profile (the default data folder) admits only
that user and the administrators. A file saved elsewhere takes that
folder's access list.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, TextIO

PRIVATE_MODE = 0o600
_FLAGS = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)


def restrict(path: Path | str) -> None:
    """Narrow an existing file to its owner (POSIX; nothing to do on Windows)."""
    if os.name == "posix":
        os.chmod(path, PRIVATE_MODE)


def create_private(path: Path | str) -> None:
    """Make ``path`` an empty owner-only file (an existing one is emptied and narrowed)."""
    os.close(os.open(path, _FLAGS | os.O_TRUNC, PRIVATE_MODE))
    restrict(path)


def create_private_new(path: Path | str) -> None:
    """Make ``path`` a new, empty owner-only file; ``FileExistsError`` if it exists."""
    os.close(os.open(path, _FLAGS | os.O_EXCL, PRIVATE_MODE))
    restrict(path)  # os.open's mode passes through the umask, which may be odd


def open_private(
    path: Path | str,
    mode: Literal["w", "a"] = "w",
    *,
    encoding: str = "utf-8",
    newline: str | None = None,
) -> TextIO:
    """Open a text file for writing (``"w"``) or appending (``"a"``), owner-only."""
    flags = _FLAGS | (os.O_APPEND if mode == "a" else os.O_TRUNC)
    fd = os.open(path, flags, PRIVATE_MODE)
    try:
        restrict(path)  # a file an older version made open to all is narrowed too
        return os.fdopen(fd, mode, encoding=encoding, newline=newline)
    except BaseException:
        os.close(fd)
        raise
