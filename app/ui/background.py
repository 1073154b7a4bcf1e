"""The one background helper: long work off the UI thread, with progress and Cancel.

A single worker thread serialises database writes. The work function gets a
``progress(done, total, message)`` callback; after Cancel that callback raises
``app.errors.Cancelled`` inside the worker, so the service's transaction rolls
back and the database stays as it was.

Short writes and list reads that the UI needs before it goes on (a record's
save, a list's ids) use ``call_on_worker``: they queue behind an import instead
of meeting a locked database, while the window keeps painting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import Cancelled, storage_error
from app.i18n import _
from app.logging_setup import log_unexpected

ProgressCallback = Callable[[int, int, str], None]
T = TypeVar("T")
WORKER_PREFIX = "acec-worker"
_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=WORKER_PREFIX)
# A wait longer than this shows the busy cursor.
BUSY_CURSOR_AFTER_MS = 300
# Room in a title bar for the icon and the close, maximise and minimise buttons.
TITLE_BAR_BUTTONS = 160
# How often a waiting UI thread looks whether its work is done.
POLL_MS = 5


def title_bar_width(window: QWidget) -> int:
    """The width a window needs for its whole title in the title bar.

    The bar shows the title with the program's name after it and the window's
    buttons beside it; a bar too narrow cuts it to "Writin…racker".
    """
    title = window.windowTitle()
    program = QGuiApplication.applicationDisplayName()
    if program and program not in title:
        title = f"{title} — {program}"
    bold = window.font()
    bold.setBold(True)  # many window managers write titles in bold
    return QFontMetrics(bold).horizontalAdvance(title) + TITLE_BAR_BUTTONS


class _Bridge(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class BackgroundTask(QObject):
    """One piece of long work with a progress dialog; keep a reference while it runs."""

    done = Signal(object)
    error = Signal(object)
    cancelled = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        work: Callable[[ProgressCallback], Any],
        *,
        cancellable: bool = True,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._bridge = _Bridge()
        self.dialog = QProgressDialog(title, _("Cancel") if cancellable else "", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumWidth(title_bar_width(self.dialog))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        if not cancellable:
            self.dialog.setCancelButton(None)
        self.dialog.canceled.connect(self._on_cancel)
        self._bridge.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._bridge.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._bridge.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.running = False

    def start(self) -> None:
        """Queue the work on the worker thread."""
        self.running = True
        _executor.submit(self._run)

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancel.set()

    def _progress(self, done: int, total: int, message: str) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._bridge.progressed.emit(int(done), int(total), message)

    def _run(self) -> None:
        try:
            result = self._work(self._progress)
        except BaseException as exc:  # handed to the UI thread, never lost
            self._bridge.failed.emit(storage_error(exc) or exc)
        else:
            self._bridge.finished.emit(result)

    def _on_cancel(self) -> None:
        self._cancel.set()
        self.dialog.setLabelText(_("Cancelling…"))

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)
        if message:
            self.dialog.setLabelText(message)

    def _close(self) -> None:
        self.running = False
        self.dialog.canceled.disconnect(self._on_cancel)
        self.dialog.close()

    def _dispose(self) -> None:
        # Each task and its dialog go once their outcome is told; a window that
        # ran hundreds of them would otherwise keep them all.
        self.dialog.deleteLater()
        self._bridge.deleteLater()
        self.deleteLater()

    def _on_finished(self, result: object) -> None:
        self._close()
        try:
            self.done.emit(result)
        finally:
            self._dispose()

    def _on_failed(self, exc: object) -> None:
        self._close()
        try:
            if isinstance(exc, Cancelled):
                self.cancelled.emit()
            else:
                self.error.emit(exc)
        finally:
            self._dispose()


def wait_for_worker() -> None:
    """Block until queued work has run (for tests and orderly shutdown)."""
    _executor.submit(lambda: None).result()


def on_worker_thread() -> bool:
    """True inside work the worker runs (which must not wait for the worker)."""
    return threading.current_thread().name.startswith(WORKER_PREFIX)


def call_on_worker(work: Callable[[], T], *, turn_events: bool = True) -> T:
    """Run ``work`` on the worker behind what is queued there, and return its result.

    The UI thread turns its event loop meanwhile (painting, timers, progress of
    an import), leaving only the user's input for later, so nothing is clicked
    twice while a save waits its turn. Exceptions are raised here, as if
    ``work`` had run on this thread. ``turn_events=False`` only waits: for
    callers inside Qt's own handlers (a show event), where events must not run.
    """
    app = QCoreApplication.instance()
    if on_worker_thread() or app is None or QThread.currentThread() != app.thread():
        return work()  # already serialised, or no event loop to keep turning
    future: Future[T] = _executor.submit(work)
    if turn_events and not future.done():
        _wait_turning_events(future)
    return future.result()


def _wait_turning_events(future: Future[Any]) -> None:
    # Polled from a timer of this thread: nothing the worker touches can be
    # deleted under it, as a signal object emitted from there could be.
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(POLL_MS)
    poll.timeout.connect(lambda: loop.quit() if future.done() else None)
    cursor_set: list[bool] = []

    def _on_slow() -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        cursor_set.append(True)

    slow = QTimer()
    slow.setSingleShot(True)
    slow.timeout.connect(_on_slow)
    slow.start(BUSY_CURSOR_AFTER_MS)
    poll.start()
    try:
        while not future.done():
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    finally:
        poll.stop()
        slow.stop()
        if cursor_set:
            QGuiApplication.restoreOverrideCursor()


class BackgroundCall(QObject):
    """Quiet work on the worker thread, no dialog: figures a page shows when ready.

    ``done`` carries the result, ``error`` the exception, both on the UI thread.
    """

    done = Signal(object)
    error = Signal(object)

    def __init__(self, parent: QObject, work: Callable[[], Any]) -> None:
        super().__init__(parent)
        self._work = work
        self._bridge = _Bridge()
        self._bridge.finished.connect(self.done, Qt.ConnectionType.QueuedConnection)
        self._bridge.failed.connect(self.error, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        """Queue the work behind anything already running."""
        _executor.submit(self._run)

    def _run(self) -> None:
        try:
            result = self._work()
        except BaseException as exc:  # handed to the UI thread
            self._bridge.failed.emit(storage_error(exc) or exc)
        else:
            self._bridge.finished.emit(result)
        # Pages start one of these on every change: each goes once it has reported.
        # Asked from here, after the emit has returned, and queued behind the
        # result, so the UI thread never deletes a bridge this thread still uses.
        self.deleteLater()


class NewestRead(QObject):
    """Reads on the worker thread where only the newest result counts.

    A page that shows figures starts a read on every change; a read started
    later supersedes one still under way, whose result is then dropped.
    ``shown`` carries the newest result, ``failed`` its error (already logged).
    """

    shown = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject, read: Callable[[], Any]) -> None:
        super().__init__(parent)
        self._read = read
        self._generation = 0
        self.busy = False  # a read is under way

    def start(self) -> None:
        """Read again on the worker thread."""
        self._generation += 1
        generation = self._generation
        self.busy = True
        call = BackgroundCall(self, self._read)
        call.done.connect(lambda result: self._on_done(generation, result))
        call.error.connect(lambda exc: self._on_failed(generation, exc))
        call.start()

    def supersede(self) -> None:
        """Drop the reads under way (the caller has read afresh on its own thread)."""
        self._generation += 1
        self.busy = False

    def _on_done(self, generation: int, result: object) -> None:
        if generation == self._generation:
            self.busy = False
            self.shown.emit(result)

    def _on_failed(self, generation: int, exc: object) -> None:
        if isinstance(exc, BaseException):
            log_unexpected(exc)
        if generation == self._generation:
            self.busy = False
            self.failed.emit(exc)
