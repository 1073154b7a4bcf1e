"""Files readable by their owner only: databases, backups, packages, reports, lists, the log.

Every file the program creates holds people's names and contact details or
its key, so on POSIX it is created with mode 0600 before a byte goes in: the
file is made empty with that mode (``os.open``, so there is no moment at
which another account may open it), then the library that writes it
(SQLite, xlsxwriter, openpyxl, Qt) opens and truncates it, which keeps the
mode. SQLite gives a database's ``-wal`` and ``-shm`` the database's mode.

On Windows mode bits mean nothing: a new file takes the access list of its
folder, which on a shared or USB drive may admit everyone. ``restrict``
therefore replaces the file's access list with one entry, full control for
the current user, with Windows' own ``icacls`` (inheritance removed, so the
folder's entries no longer apply). Administrators can still take ownership
of any file, and SQLite's ``-wal`` and ``-shm`` files, which SQLite makes
itself, keep their folder's list on Windows.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Literal, TextIO

PRIVATE_MODE = 0o600
_FLAGS = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)


def restrict(path: Path | str) -> None:
    """Narrow an existing file to its owner: mode 0600 on POSIX, a one-user ACL on Windows."""
    if sys.platform == "win32":
        _restrict_windows_acl(Path(path))
    elif os.name == "posix":
        os.chmod(path, PRIVATE_MODE)


def _windows_account() -> str:
    """The current account as icacls names it (``DOMAIN\\user`` when signed in to a domain)."""
    user = os.environ.get("USERNAME", "")
    domain = os.environ.get("USERDOMAIN", "")
    return f"{domain}\\{user}" if domain and user else user


def _restrict_windows_acl(path: Path) -> None:
    """Let only the current user open ``path``: drop inherited entries, grant that user alone."""
    if sys.platform != "win32":  # pragma: no cover - the branch mypy checks on Windows only
        return
    # By its full path: a program named icacls beside ours must not be run instead.
    icacls = Path(os.environ.get("SystemRoot", r"C:\Windows"), "System32", "icacls.exe")
    command = [str(icacls), str(path), "/inheritance:r", "/grant:r", f"{_windows_account()}:F"]
    try:
        subprocess.run(  # noqa: S603 - a fixed program, the path passed as one argument
            command,
            check=True,
            capture_output=True,
            creationflags=subprocess.CREATE_NO_WINDOW,  # no console flashes up
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        from app.i18n import _  # here only: the catalogue is not needed to create files

        # An OSError, so callers name the file as for any other refusal to write it.
        reason = _("cannot make the file private to {account}").format(account=_windows_account())
        raise PermissionError(errno.EACCES, reason, str(path)) from exc


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
