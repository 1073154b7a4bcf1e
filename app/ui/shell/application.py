"""Start-up of the desktop program: the Qt application, the database, the main window.

The window appears before the database libraries are loaded: SQLAlchemy and
our models take longer to import than Qt takes to show a window, so the
database opens on the worker thread while the window is already on screen.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import AcecError, StoreError
from app.i18n import _, set_locale
from app.locations import APP_AUTHOR, APP_NAME, chosen_database, default_database_path
from app.reports.render_fonts import register_bundled_fonts
from app.running_copy import WINDOW, run_as
from app.shipped_data import icon_file
from app.ui.shell.error_hook import install_exception_hook, report_unexpected
from app.ui.shell.qt_texts import CatalogueQtTranslator

if TYPE_CHECKING:
    from app.store import Database
    from app.ui.shell.main_window import MainWindow
    from app.ui.shell.wizard import SetupChoice

DEMO_SIZE = 2000
DEMO_FILE = "acec-demo.sqlite"
QT_TRANSLATOR = "acec-qt-translator"
# Set (to anything) by the bundle's smoke test and bench/bench_bundle.py: the
# program quits by itself once its window shows the database, since a built
# executable cannot be driven from Python. Not an option in --help: users never need it.
QUIT_WHEN_READY = "ACEC_QUIT_WHEN_READY"


def make_application(lang: str | None = None) -> QApplication:
    """The QApplication with names (for QSettings), style, language and error hook."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(QIcon(str(icon_file())))
    register_bundled_fonts()  # the bundle's report fonts, for machines that lack them
    # Fusion follows the system's light or dark colour scheme on every platform.
    app.setStyle("Fusion")
    choose_language(app, lang)
    install_exception_hook()
    return app


def choose_language(app: QApplication, lang: str | None) -> str:
    """Set our language (argument, else the saved setting, else English) and Qt's."""
    wanted = lang or QSettings().value("language") or None
    try:
        ident = set_locale(str(wanted) if wanted else None)
    except ValueError:
        ident = set_locale(None)
    qt_name = "zh_CN" if ident.startswith("zh") else ident.split("_")[0]
    install_qt_translator(app, qt_name)
    QLocale.setDefault(QLocale(ident))
    return ident


def install_qt_translator(app: QApplication, qt_name: str) -> QTranslator | None:
    """Qt's own texts (standard buttons, context menus, dialogs) in the language.

    From Qt's ``qtbase_<lang>.qm`` where Qt ships one (Chinese), else from our
    catalogue (app/ui/shell/qt_texts.py); English needs neither. One at a time.
    """
    for old in app.findChildren(QTranslator, QT_TRANSLATOR):
        app.removeTranslator(old)
        old.setParent(None)  # gone from findChildren now, not only once deleted
        old.deleteLater()
    if qt_name == "en":
        return None  # Qt's own language
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{qt_name}", folder):
        translator = CatalogueQtTranslator()
    translator.setParent(app)
    translator.setObjectName(QT_TRANSLATOR)
    app.installTranslator(translator)
    return translator


def create_database(choice: SetupChoice, path: Path, parent: QWidget | None = None) -> Database:
    """Create the database the wizard asked for (with demo records if chosen)."""
    from app.services.office import init_office
    from app.store import open_database

    if choice.language:
        QSettings().setValue("language", choice.language)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            choose_language(app, choice.language)
    if choice.demo and path.exists():
        return open_database(path)
    db = init_office(path, choice.site, choice.office_name, demo=choice.demo)
    if choice.demo:
        try:
            fill_demo(db, parent)
        except BaseException:
            db.close()
            raise
    return db


def fill_demo(db: Database, parent: QWidget | None, size: int = DEMO_SIZE) -> None:
    """Add demo records in the background with a progress dialog; wait until done."""
    from app.demo import generate_demo
    from app.ui.background import BackgroundTask

    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def finished(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    task = BackgroundTask(
        parent,  # None is fine: the dialog has no owner yet
        _("Creating demonstration records…"),
        lambda progress: generate_demo(db, size, 1, progress),
        cancellable=False,
    )
    task.done.connect(lambda result: finished("result", result))
    task.error.connect(lambda exc: finished("error", exc))
    task.start()
    loop.exec()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error


def set_up(db_path: Path | None) -> Database | None:
    """Run the first-run wizard and create the database it asks for; None if cancelled."""
    from app.ui.shell.wizard import FirstRunWizard

    path = Path(db_path) if db_path else default_database_path()
    wizard = FirstRunWizard()
    if not wizard.exec():
        return None
    choice = wizard.choice()
    target = path if (db_path or not choice.demo) else path.with_name(DEMO_FILE)
    db = create_database(choice, target, None)
    if not choice.demo:
        _tell_fingerprint(db)
    return db


def _tell_fingerprint(db: Database) -> None:
    """Tell a new office its key fingerprint, which the secretariat will confirm."""
    try:
        from app.store.site_keys import own_key_info

        fingerprint = own_key_info(db).fingerprint
    except (ImportError, AcecError):
        return
    QMessageBox.information(
        None,
        _("Your office is set up"),
        _(
            "The database is at {path}.\n\nYour office's key fingerprint is {fingerprint}. "
            "The secretariat will ask you for it by telephone to confirm your first package."
        ).format(path=db.path, fingerprint=fingerprint),
    )


def open_for_window(path: Path, page: str) -> Database:
    """Open the database and load what the first page needs (runs on the worker thread)."""
    from app.store import open_database
    from app.ui.shell.page_stack import PAGE_MODULES

    db = open_database(path)
    try:
        db.site_info  # noqa: B018  # the first query, here rather than on the UI thread
        import_module(PAGE_MODULES.get(page, PAGE_MODULES["dashboard"]))
    except BaseException:
        db.close()
        raise
    return db


class _Start:
    """Opens the database behind a window already on screen; remembers how it went."""

    def __init__(self, app: QApplication, window: MainWindow, path: Path) -> None:
        self.app, self.window, self.path = app, window, path
        self.failed = False
        self.opened: list[Database] = []

    def begin(self) -> None:
        from app.ui.background import BackgroundCall

        page = self.window.current_key()
        call = BackgroundCall(self.window, lambda: self._open(page))
        call.done.connect(self.window.attach)
        call.error.connect(self._on_error)
        call.start()

    def _open(self, page: str) -> Database:
        db = open_for_window(self.path, page)
        self.opened.append(db)  # closed at exit even if the window never got it
        return db

    def _on_error(self, exc: BaseException) -> None:
        self.failed = True
        if isinstance(exc, AcecError):
            title = _("Cannot open the database") if isinstance(exc, StoreError) else _("Not done")
            QMessageBox.critical(self.window, title, exc.message)
            self._quit()
            return
        box = report_unexpected(exc)  # logged, explained, never a traceback
        if box is None:
            self._quit()
        else:
            box.finished.connect(lambda _result: self._quit())

    def _quit(self) -> None:
        self.window.hide()  # not close(): there is nothing to save
        self.app.exit(1)

    def close(self) -> None:
        from app.ui.background import wait_for_worker

        wait_for_worker()
        for db in self.opened:
            db.close()


def run_application(db_path: Path | None, lang: str | None) -> int:
    """Run the desktop program until its window closes; return the exit status."""
    from app.ui.shell.main_window import MainWindow

    run_as(WINDOW)  # named by the lock, for a second copy's message
    app = make_application(lang)
    path = Path(db_path) if db_path else default_database_path()
    if not path.exists() and db_path is None and chosen_database() is not None:
        # Moved there earlier: a new office must not be set up in its place.
        QMessageBox.critical(
            None,
            _("Cannot open the database"),
            _(
                "The database was moved to {path}, which cannot be found now. Connect the disk "
                "it is on, or start the program with --db and the database's new place."
            ).format(path=path),
        )
        return 1
    if not path.exists():
        try:
            db = set_up(db_path)
        except AcecError as exc:
            QMessageBox.critical(None, _("Not done"), exc.message)
            return 1
        except Exception as exc:  # logged, explained, never a traceback
            report_unexpected(exc)
            app.exec()
            return 1
        if db is None:
            return 0
        try:
            window = MainWindow(db)
            window.show()
            return app.exec()
        finally:
            from app.ui.background import wait_for_worker

            wait_for_worker()  # the dashboard may still be counting on it
            db.close()
    window = MainWindow()
    window.show_opening(path)
    window.show()
    if os.environ.get(QUIT_WHEN_READY):
        window.ready.connect(lambda: QTimer.singleShot(0, app.quit))
    start = _Start(app, window, path)
    start.begin()
    try:
        status = app.exec()
    finally:
        start.close()
    return 1 if start.failed else status
