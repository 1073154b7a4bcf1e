"""The error log in the data folder, where unexpected errors are written.

The log is the owner's only and holds no record values: the engine hides the
parameters bound to a statement (``hide_parameters``), and any text that
still carries SQLAlchemy's ``[parameters: ...]`` (an engine made elsewhere,
a wrapped message) has them cut out before it is written.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import traceback
from pathlib import Path

from app.locations import data_folder
from app.private_files import open_private

LOG_NAME = "acec-errors.log"
# SQLAlchemy writes "[parameters: (...)]" on a line of its own; reprs escape
# newlines, so the first "]" at a line's end closes it.
_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\n|$)", re.DOTALL)
HIDDEN = "[parameters: hidden]"


def log_path() -> Path:
    """The log file's path in the per-user data folder."""
    return data_folder() / LOG_NAME


def without_parameters(text: str) -> str:
    """``text`` with every SQL parameter list replaced by a placeholder."""
    return _PARAMETERS.sub(HIDDEN, text)


def log_unexpected(exc: BaseException) -> Path:
    """Append ``exc`` with its traceback to the log file; return the file's path."""
    path = log_path()
    entry = without_parameters("".join(traceback.format_exception(exc)))
    try:
        with open_private(path, "a", encoding="utf-8") as fh:
            fh.write(f"\n--- {dt.datetime.now().isoformat(timespec='seconds')}\n")
            fh.write(entry)
    except OSError:
        logging.getLogger("acec").exception("could not write the error log", exc_info=exc)
    return path


def log_notice(message: str) -> Path:
    """Append a warning the user was shown (no traceback, no record values) to the log."""
    path = log_path()
    try:
        with open_private(path, "a", encoding="utf-8") as fh:
            fh.write(f"\n--- {dt.datetime.now().isoformat(timespec='seconds')} warning\n")
            fh.write(message + "\n")
    except OSError:
        logging.getLogger("acec").warning("could not write the error log: %s", message)
    return path
