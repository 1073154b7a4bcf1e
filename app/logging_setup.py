"""The error log in the data folder, where unexpected errors are written."""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from pathlib import Path

from app.locations import data_folder

LOG_NAME = "acec-errors.log"


def log_path() -> Path:
    """The log file's path in the per-user data folder."""
    return data_folder() / LOG_NAME


def log_unexpected(exc: BaseException) -> Path:
    """Append ``exc`` with its traceback to the log file; return the file's path."""
    path = log_path()
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"\n--- {dt.datetime.now().isoformat(timespec='seconds')}\n")
            fh.write("".join(traceback.format_exception(exc)))
    except OSError:
        logging.getLogger("acec").exception("could not write the error log", exc_info=exc)
    return path


def log_notice(message: str) -> Path:
    """Append a warning the user was shown (no traceback, no record values) to the log."""
    path = log_path()
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"\n--- {dt.datetime.now().isoformat(timespec='seconds')} warning\n")
            fh.write(message + "\n")
    except OSError:
        logging.getLogger("acec").warning("could not write the error log: %s", message)
    return path
