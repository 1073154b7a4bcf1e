"""This running copy of the program: who, where, since when, and as the window or a command.

The lock on a database records it, so that a second copy can tell the user
which copy holds the database. Kept apart from the store so that start-up
can say what it is before the database libraries are loaded.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import platform
from dataclasses import dataclass

from app import __version__

WINDOW, COMMAND = "window", "command"

_STARTED = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
_role = {"role": COMMAND, "command": ""}


@dataclass(frozen=True)
class RunningCopy:
    """One running copy of ACEC Tracker, as its lock records it."""

    version: str
    pid: int
    host: str
    user: str
    started: str  # ISO 8601 with its UTC offset
    role: str  # WINDOW or COMMAND
    command: str = ""  # the command's name, for a command

    def started_at(self) -> dt.datetime | None:
        """The start time, or None if the record's is not a time."""
        try:
            return dt.datetime.fromisoformat(self.started)
        except ValueError:
            return None


def run_as(role: str, command: str = "") -> None:
    """Say once at start whether this copy is the window or a command (and which)."""
    _role["role"], _role["command"] = role, command


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment nor the password database
        return "?"


def this_copy() -> RunningCopy:
    """The description of this process."""
    return RunningCopy(
        version=__version__,
        pid=os.getpid(),
        host=platform.node() or "?",
        user=_user(),
        started=_STARTED,
        role=_role["role"],
        command=_role["command"],
    )
