"""Start-up shows the window before the database is open; the language changes at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from app.i18n import set_locale
from app.ui.shell.main_window import MainWindow
from app.ui.shell.page_stack import PAGES
from tests.ui.conftest import OFFSCREEN_NOISE, training

pytestmark = OFFSCREEN_NOISE

ROOT = Path(__file__).resolve().parents[2]


def test_the_window_starts_without_loading_the_database_libraries() -> None:
    # What the window needs before its database opens must not pull in
    # SQLAlchemy or our models: they take longer to load than Qt takes to
    # show the window.
    code = (
        "import sys\n"
        "import app.cli, app.ui.shell.application, app.ui.shell.main_window, app.ui.background\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'"
        " or m.startswith(('app.models', 'app.store', 'app.services')))\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_window_shows_before_the_database_and_then_its_records(qtbot, db) -> None:
    from app.ui.shell.application import run_application

    training(db, "Training on environmental impact assessment")
    path = db.path
    db.close()  # the program opens (and locks) the file itself
    seen: dict[str, object] = {}

    def first_pass() -> None:
        window = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and not w.is_ready
        )
        try:
            seen["ready at first"] = window.is_ready
            seen["status at first"] = window.status.office_label.text()
            seen["new enabled at first"] = window.new_action.isEnabled()
            # The user picks a page while the database is still opening.
            window.nav.setCurrentRow([k for k, _l, _i in PAGES].index("activity"))
            window.ready.connect(lambda: on_ready(window))
        except BaseException:
            window.close()
            raise

    def on_ready(window: MainWindow) -> None:
        try:
            seen["rows"] = window.pages["activity"].model.rowCount()  # type: ignore[attr-defined]
            seen["status"] = window.status.office_label.text()
            seen["new enabled"] = window.new_action.isEnabled()
        finally:
            window.close()

    QTimer.singleShot(0, first_pass)
    assert run_application(path, "en") == 0
    assert seen["ready at first"] is False
    assert seen["status at first"] == "Opening the database…"
    assert seen["new enabled at first"] is False
    assert seen["rows"] == 1
    assert seen["status"] == "Office: Focal point, Viet Nam"
    assert seen["new enabled"] is True


def test_pages_wait_for_the_database_and_then_show_it(qtbot, db) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_opening(db.path)
    window.nav.setCurrentRow([k for k, _l, _i in PAGES].index("person"))
    assert window.stack.currentWidget() is window.waiting
    assert window.waiting.text() == "Opening the database…"
    assert window.pages == {}
    assert not window.find_action.isEnabled() and not window.import_action.isEnabled()
    window.show_about().close()  # the About box works while the database opens
    with qtbot.waitSignal(window.ready):
        window.attach(db)
    assert window.stack.currentWidget() is window.pages["person"]
    assert window.find_action.isEnabled() and window.import_action.isEnabled()
    assert "Viet Nam" in window.status.office_label.text()


def test_choosing_a_language_changes_the_window_at_once(qtbot, db) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    people = window.show_page("person")
    english_placeholder = people.search.placeholderText()
    window.ws.create("person", {"name": "Nguyen Van An", "country": "VN"})
    settings = window.show_page("settings")
    try:
        with qtbot.waitSignal(window.nav.model().dataChanged, timeout=2000):
            settings.language.setCurrentIndex(settings.language.findData("zh_Hans_CN"))
        assert window.nav.item(0).text() == "概览"
        assert window.menuBar().actions()[0].text() == "文件(&F)"
        assert window.current_key() == "settings"
        rebuilt = window.pages["settings"]
        assert rebuilt is not settings
        assert rebuilt.language.currentData() == "zh_Hans_CN"
        assert "people" not in window.pages or window.pages["person"] is not people
        assert QSettings().value("language") == "zh_Hans_CN"
        # Edits made before the change can still be undone, named in Chinese.
        assert window.ws.undo_stack.count() == 1
        assert window.undo_action.text().startswith("撤销")
        assert "add" not in window.undo_action.text()
        window.undo_action.trigger()
        assert window.ws.undo_stack.count() == 1 and not window.ws.undo_stack.canUndo()
        again = window.show_page("person")
        assert again.model.rowCount() == 0
        # (The old page may be gone already: it goes while the undo waits its turn.)
        assert again.search.placeholderText() != english_placeholder
    finally:
        set_locale("en")


def test_unsaved_edits_keep_the_language_until_settled(qtbot, db, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    # Leaving a page with edits asks at once, so the language is chosen on the
    # Settings page while People shows its half-typed record.
    settings = window.show_page("settings")
    people = window.show_page("person")
    people.new_record()  # type: ignore[attr-defined]
    qtbot.keyClicks(people.editor.form.widgets["name"], "Half-typed name")  # type: ignore[attr-defined]
    asked = []

    def cancel(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    settings.language.setCurrentIndex(settings.language.findData("vi"))
    qtbot.waitUntil(lambda: settings.language.currentData() == "en")
    assert asked and "Save the changes" in str(asked[0])
    assert window.pages["settings"] is settings
    assert window.nav.item(0).text() == "Dashboard"
    assert QSettings().value("language") is None  # as before: never chosen
    # Nothing was rebuilt: the half-typed record is still there.
    assert window.pages["person"] is people
    assert people.editor.form.widgets["name"].text() == "Half-typed name"  # type: ignore[attr-defined]


def test_the_language_box_shows_the_language_on_screen(qtbot, db) -> None:
    # Started with --lang vi while English is saved: the box says Vietnamese,
    # so choosing English really changes the window back.
    QSettings().setValue("language", "en")
    set_locale("vi")
    try:
        window = MainWindow(db)
        qtbot.addWidget(window)
        window.show()
        settings = window.show_page("settings")
        assert settings.language.currentData() == "vi"
        settings.language.setCurrentIndex(settings.language.findData("en"))
        qtbot.waitUntil(lambda: window.nav.item(0).text() == "Dashboard")
        assert QSettings().value("language") == "en"
    finally:
        set_locale("en")


def test_menus_are_replaced_not_added_on_a_language_change(qtbot, db) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QMenu

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    try:
        for ident in ("vi", "th", "en"):
            assert window.change_language(ident)
            QApplication.processEvents()
        # The old menus go with their deferred deletes.
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        QApplication.processEvents()
        # Four menus and File's "Open recent" submenu, each once.
        assert len(window.menuBar().findChildren(QMenu)) == 5
        assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&Go", "&Help"]
    finally:
        set_locale("en")


def test_a_workbook_dropped_while_the_database_opens_is_refused(qtbot, db, tmp_path) -> None:
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent

    window = MainWindow()
    qtbot.addWidget(window)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "package.xlsx"))])

    def enter() -> bool:
        event = QDragEnterEvent(
            QPoint(5, 5),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        event.ignore()
        window.dragEnterEvent(event)
        return event.isAccepted()

    assert not enter()
    window._on_export()  # no page to go to yet: nothing happens
    window._on_print()
    window.attach(db)
    assert enter()
