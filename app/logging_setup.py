"""The error log in the data folder, where unexpected errors are written.

The log is the owner's only and holds no record values: the engine hides the
parameters bound to a statement (``hide_parameters``), and any text that
still carries SQLAlchemy's ``[parameters: ...]`` (an engine made elsewhere,
a wrapped message) has them cut out before it is written.

It rotates by size (the standard library's ``RotatingFileHandler``): at
``LOG_MAX_BYTES`` it is renamed ``acec-errors.log.1`` and older ones shift
up to ``.3``, so years of warnings never fill an office laptop's disk. Every
file is opened owner-only; a rename keeps a file's permissions.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import logging.handlers
import re
import threading
import traceback
from pathlib import Path
from typing import cast

from app.locations import data_folder
from app.private_files import open_private

LOG_NAME = "acec-errors.log"
LOG_MAX_BYTES = 1_000_000
LOG_FILES_KEPT = 3  # besides the current one: .1 (newest) to .3
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


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Size rotation whose files are readable by their owner only."""

    def _open(self) -> io.TextIOWrapper:
        stream = open_private(self.baseFilename, "a", encoding=self.encoding or "utf-8")
        return cast(io.TextIOWrapper, stream)  # os.fdopen's text file, typed as TextIO


_handlers: dict[Path, PrivateRotatingFileHandler] = {}
_handlers_lock = threading.Lock()


def _handler(path: Path) -> PrivateRotatingFileHandler:
    """One handler per log file, shared by the UI thread and the worker."""
    with _handlers_lock:
        handler = _handlers.get(path)
        if handler is None:
            handler = PrivateRotatingFileHandler(
                path,
                maxBytes=LOG_MAX_BYTES,
                backupCount=LOG_FILES_KEPT,
                encoding="utf-8",
                delay=True,
            )
            handler.setFormatter(logging.Formatter("%(message)s"))
            _handlers[path] = handler
        return handler


def _write(heading: str, text: str) -> Path:
    """Append one entry to the log; raise ``OSError`` if the file cannot be written."""
    path = log_path()
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    record = logging.LogRecord(
        "acec", logging.ERROR, __file__, 0, f"\n--- {stamp}{heading}\n{text.rstrip()}", None, None
    )
    handler = _handler(path)
    # Not handler.handle(): that hides a failed write in handleError. The file
    # is closed after each entry, so that on Windows another copy of the
    # program (a command while the window runs) can rename it when it rotates.
    with handler.lock or threading.Lock():
        try:
            if handler.shouldRollover(record):
                handler.doRollover()
            stream = handler.stream or handler._open()
            handler.stream = stream
            stream.write(handler.format(record) + "\n")
        finally:
            handler.close()
    return path


def log_unexpected(exc: BaseException) -> Path:
    """Append ``exc`` with its traceback to the log file; return the file's path."""
    entry = without_parameters("".join(traceback.format_exception(exc)))
    try:
        return _write("", entry)
    except OSError:
        logging.getLogger("acec").exception("could not write the error log", exc_info=exc)
    return log_path()


def log_notice(message: str) -> Path:
    """Append a warning the user was shown (no traceback, no record values) to the log."""
    try:
        return _write(" warning", message)
    except OSError:
        logging.getLogger("acec").warning("could not write the error log: %s", message)
    return log_path()
