"""Unexpected errors: written to the log file and shown in a dialog; the window stays."""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from app.errors import short_description, storage_error
from app.i18n import _
from app.logging_setup import log_unexpected

_open_boxes: list[QMessageBox] = []


def report_unexpected(exc: BaseException) -> QMessageBox | None:
    """Log ``exc`` and tell the user in a dialog that does not block; return the dialog.

    A full disk or a refused file is no bug: it is explained (what, and what to
    do) and not logged.
    """
    known = storage_error(exc)
    path = None if known is not None else log_unexpected(exc)
    if QApplication.instance() is None:
        return None
    if known is not None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Not saved"),
            known.message,
            QMessageBox.StandardButton.Close,
        )
    else:
        box = QMessageBox(
            QMessageBox.Icon.Critical, _("Unexpected error"), "", QMessageBox.StandardButton.Close
        )
        box.setText(_("Something went wrong: {error}").format(error=short_description(exc)))
        box.setInformativeText(
            _(
                "Your saved records are safe. The details were written to {log}. "
                "Please send that file to your support contact."
            ).format(log=path)
        )
    box.finished.connect(lambda _r: _open_boxes.remove(box) if box in _open_boxes else None)
    _open_boxes.append(box)
    box.open()
    return box


def _hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    report_unexpected(exc)


def install_exception_hook() -> None:
    """Route uncaught exceptions (e.g. in Qt slots) to the log and a dialog."""
    sys.excepthook = _hook
