"""The note beside a lock file that says which running copy holds it.

The lock itself is an operating-system lock on the ``.lock`` file, which the
system drops when its process ends, however it ends. The note is only for
the message a second copy shows: ``<lock>.owner``, a small JSON file written
by the holder once it has the lock, owner-only, removed before the lock is
let go. A note left by a killed copy is harmless: it is read only when the
lock is refused, and the next holder overwrites it. It is never written into
the lock file itself, because filelock empties that file on every attempt to
take it (and on Windows its locked byte cannot be read).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from dataclasses import asdict, fields
from pathlib import Path

from app.private_files import open_private
from app.running_copy import RunningCopy, this_copy

# info, not warning: with no handler set up, Python prints warnings on stderr, and a
# command says one line there.
_log = logging.getLogger("acec")
_MOST_BYTES = 4096  # a note is a few hundred bytes; anything bigger is not ours


def owner_file(lock_path: Path) -> Path:
    """Where the note for ``lock_path`` lives."""
    return lock_path.with_name(lock_path.name + ".owner")


def write_owner(lock_path: Path) -> None:
    """Record this copy as the holder; call it only while holding the lock.

    A note that cannot be written costs only the detail of a later message,
    so it never stops the database from opening.
    """
    note = owner_file(lock_path)
    # A note left by a killed copy of another user (a shared folder) may not be
    # writable by this user, but it can be removed and made anew.
    with contextlib.suppress(OSError):
        note.unlink(missing_ok=True)
    try:
        with open_private(note) as fh:
            json.dump(asdict(this_copy()), fh)
    except OSError as exc:
        _log.info("could not write %s: %s", note, exc.strerror)


def remove_owner(lock_path: Path) -> None:
    """Take this copy's note away; call it while still holding the lock."""
    try:
        owner_file(lock_path).unlink(missing_ok=True)
    except OSError as exc:  # e.g. Windows while a second copy reads it: it is overwritten later
        _log.info("could not remove %s: %s", owner_file(lock_path), exc.strerror)


def read_owner(lock_path: Path) -> RunningCopy | None:
    """The copy the note names, or None when there is no readable note."""
    try:
        with owner_file(lock_path).open(encoding="utf-8") as fh:
            data = json.loads(fh.read(_MOST_BYTES))
        names = {f.name for f in fields(RunningCopy)}
        owner = RunningCopy(**{k: v for k, v in data.items() if k in names})
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    if not isinstance(owner.pid, int) or not all(
        isinstance(getattr(owner, name), str) for name in names - {"pid"}
    ):
        return None
    return owner


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer."""
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OSError:
        return False
    return True


def _windows_process_alive(pid: int) -> bool:
    # os.kill(pid, 0) on Windows would send CTRL_C_EVENT, so ask the kernel.
    if sys.platform != "win32":  # mypy checks what follows for Windows only
        return False
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE  # not int: a handle is pointer-wide
    kernel32.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
    kernel32.GetExitCodeProcess.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD)]
    kernel32.CloseHandle.argtypes = [wintypes.HANDLE]
    query_limited_information, still_active, access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:  # no such process, or one we may not look at (which exists)
        return bool(ctypes.get_last_error() == access_denied)
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
