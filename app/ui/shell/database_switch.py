"""The window's other database: open another file, or move this one, the old one closed cleanly.

Another file opens on the worker the way the database opens at start
(``open_for_window``) while the current one stays in use, so a file that
cannot be opened (not ours, locked, gone) leaves the window as it was. Only
then is the current one closed, after its unsaved edits were offered for
saving as a change of language does. A move closes the database's pages
first, since the files move under them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from app.errors import AcecError, StoreError
from app.i18n import _
from app.ui.shell.error_hook import report_unexpected
from app.ui.shell.recent_databases import forget_recent

if TYPE_CHECKING:
    from app.services.data_files import MoveResult
    from app.store import Database
    from app.ui.shell.main_window import MainWindow


class DatabaseSwitch(QObject):
    """Switches the window to another database; closes at the end the ones it opened."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.owned: list[Database] = []  # opened here, so closed here when the window closes
        self.box: QMessageBox | None = None  # the last message shown (tests read it)
        self.busy = False

    # --- open another file ----------------------------------------------------

    def open_file(self, path: Path) -> bool:
        """Start opening ``path`` instead of the current database; False if not started."""
        window = self.window
        path = path.expanduser().resolve()
        if self.busy or (window.is_ready and path == window.db.path):
            return False
        if not path.is_file():
            forget_recent(path)
            self.tell(
                _("Cannot open the database"),
                _(
                    "{path} is not there any more (moved, renamed, or on a disk that is not "
                    "connected). It was taken off the list of recent databases."
                ).format(path=path),
            )
            return False
        if not window.settle_edits():
            return False
        self._open_in_background(path, previous=window.db if window.is_ready else None)
        return True

    def _open_in_background(self, path: Path, previous: Database | None) -> None:
        from app.ui.background import BackgroundCall
        from app.ui.shell.application import open_for_window

        self.busy = True
        self.window.show_opening(path)
        page = self.window.current_key()
        call = BackgroundCall(self.window, lambda: open_for_window(path, page))
        call.done.connect(self._opened)
        call.error.connect(lambda exc: self._open_failed(exc, previous))
        call.start()

    def _opened(self, db: Database) -> None:
        self.busy = False
        self.owned.append(db)
        if self.window.is_ready:
            if not self.window.settle_edits():  # edits begun while it opened, kept
                self.owned.remove(db)
                db.close()
                self.window.status.attach(self.window.db)
                return
            self.window.close_database()
        self.window.attach(db)

    def _open_failed(self, exc: object, previous: Database | None) -> None:
        self.busy = False
        if previous is not None:
            self.window.status.attach(previous)  # the status bar said "opening…"
        if isinstance(exc, AcecError):
            self.tell(_("Cannot open the database"), exc.message)
        elif isinstance(exc, BaseException):
            report_unexpected(exc)  # logged, explained, never a traceback

    # --- move this one --------------------------------------------------------

    def move_to(self, folder: Path) -> bool:
        """Start moving the database into ``folder``; False if not started."""
        from app.services.data_files import move_database
        from app.ui.background import BackgroundTask

        window = self.window
        if self.busy or not window.is_ready or not window.settle_edits():
            return False
        self.busy = True
        db = window.detach()  # no page may read the files while they move
        task = BackgroundTask(
            window,
            _("Moving the database…"),
            lambda _progress: move_database(db, folder),
            cancellable=False,
        )
        task.done.connect(lambda result: self._moved(db, result))
        task.error.connect(lambda exc: self._move_failed(db, exc))
        self._task = task
        task.start()
        return True

    def _moved(self, old: Database, result: MoveResult) -> None:
        self.busy = False
        forget_recent(old.path)
        if result.left_behind:
            self.tell(
                _("The database was moved"),
                _(
                    "The database now lives at {path}. These old files could not be removed; "
                    "delete them yourself (the key file is secret):\n{files}"
                ).format(path=result.path, files="\n".join(str(p) for p in result.left_behind)),
            )
        self._open_in_background(result.path, previous=None)

    def _move_failed(self, db: Database, exc: object) -> None:
        self.busy = False
        self.window.attach(db)  # still open where it was
        if isinstance(exc, StoreError):
            self.tell(_("The database was not moved"), exc.message)
        elif isinstance(exc, BaseException):
            report_unexpected(exc)

    # --- messages and the end -------------------------------------------------

    def tell(self, title: str, text: str) -> QMessageBox:
        """A message in a box that leaves the window usable behind it."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok)
        box.setParent(self.window, box.windowFlags())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.box = box
        box.open()
        return box

    def close_owned(self) -> None:
        """Close the databases opened here (the window is closing)."""
        from app.ui.background import wait_for_worker

        wait_for_worker()
        for db in self.owned:
            db.close()
        self.owned.clear()
