"""Start-up of the desktop program: the Qt application, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import AcecError, StoreError
from app.i18n import _, set_locale
from app.store import Database, open_database
from app.store.database import APP_AUTHOR, APP_NAME, default_database_path
from app.ui.shell.error_hook import install_exception_hook, report_unexpected

if TYPE_CHECKING:
    from app.ui.shell.wizard import SetupChoice

DEMO_SIZE = 2000
DEMO_FILE = "acec-demo.sqlite"


def make_application(lang: str | None = None) -> QApplication:
    """The QApplication with names (for QSettings), style, language and error hook."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_AUTHOR)
    app.setApplicationDisplayName(APP_NAME)
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
    translator = QTranslator(app)
    qt_name = "zh_CN" if ident.startswith("zh") else ident.split("_")[0]
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{qt_name}", folder):
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(qt_name))
    return ident


def create_database(choice: SetupChoice, path: Path, parent: QWidget | None = None) -> Database:
    """Create the database the wizard asked for (with demo records if chosen)."""
    from app.services.office import init_office

    if choice.language:
        QSettings().setValue("language", choice.language)
        set_locale(choice.language)
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
    from app.services.demo import generate_demo
    from app.ui.background import BackgroundTask

    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def finished(key: str, value: object) -> None:
        outcome[key] = value
        loop.quit()

    task = BackgroundTask(
        parent,  # type: ignore[arg-type]  # None is fine: the dialog has no owner yet
        _("Creating demonstration records…"),
        lambda progress: generate_demo(db, size, 1, progress),
        cancellable=False,
    )
    task.done.connect(lambda result: finished("result", result))
    task.error.connect(lambda exc: finished("error", exc))
    task.start()
    loop.exec()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]


def open_or_set_up(db_path: Path | None) -> Database | None:
    """Open the database, or run the first-run wizard when there is none; None if cancelled."""
    path = Path(db_path) if db_path else default_database_path()
    if path.exists():
        return open_database(path)
    from app.ui.shell.wizard import FirstRunWizard

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


def run_application(db_path: Path | None, lang: str | None) -> int:
    """Run the desktop program until its window closes; return the exit status."""
    app = make_application(lang)
    try:
        db = open_or_set_up(db_path)
    except AcecError as exc:
        title = _("Cannot open the database") if isinstance(exc, StoreError) else _("Not done")
        QMessageBox.critical(None, title, exc.message)
        return 1
    except Exception as exc:  # logged, explained, never a traceback
        report_unexpected(exc)
        app.exec()
        return 1
    if db is None:
        return 0
    from app.ui.shell.main_window import MainWindow

    try:
        window = MainWindow(db)
        window.show()
        return app.exec()
    finally:
        db.close()
