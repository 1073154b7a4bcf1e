"""The main window: navigation, shortcuts, status bar, remembered layout, errors, wizard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from app import __version__
from app.services.office import init_office
from app.store import open_database
from app.ui.shell.error_hook import report_unexpected
from app.ui.shell.main_window import MainWindow
from app.ui.shell.page_stack import LIST_PAGES, PAGES
from app.ui.shell.wizard import FirstRunWizard
from tests.ui.conftest import OFFSCREEN_NOISE, training

pytestmark = OFFSCREEN_NOISE


def _window(qtbot, db) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def test_every_page_opens_from_the_navigation(qtbot, db) -> None:
    window = _window(qtbot, db)
    for row, (key, label, _icon) in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is window.pages[key]
        assert window.nav.item(row).text() == label
    assert window.current_key() == "settings"


def test_shortcuts_find_and_new(qtbot, db) -> None:
    window = _window(qtbot, db)
    window.show_page("person")
    page = window.pages["person"]
    window.find_action.trigger()
    assert QApplication.focusWidget() is page.search or not window.isActiveWindow()
    assert window.find_action.shortcut().toString() == "Ctrl+F"
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    qtbot.keyClicks(page.search, "zzz")
    window.new_action.trigger()
    assert page.editor.record is None and page.editor.title.text() == "New person"
    window.show_page("dashboard")
    assert not window.new_action.isEnabled()


def test_status_bar_office_file_sync_and_demo_marker(qtbot, db, tmp_path) -> None:
    window = _window(qtbot, db)
    office = window.status.office_label.text()
    assert "Viet Nam" in office
    assert office.count("Viet Nam") == 1, office  # not "Focal point, Viet Nam (Viet Nam)"
    assert window.status.file_label.text() == str(db.path)
    assert window.status.sync_label.text() == "Last sync: never"
    assert window.status.demo_label.isHidden()
    demo = init_office(tmp_path / "demo.sqlite", "SEC", demo=True)
    try:
        demo_window = _window(qtbot, demo)
        assert not demo_window.status.demo_label.isHidden()
        assert "DEMO" in demo_window.windowTitle()
        # The window system adds "— ACEC Tracker" (the display name); ours must not repeat it.
        assert "ACEC Tracker" not in demo_window.windowTitle()
    finally:
        demo.close()


def test_about_shows_version_and_folders(qtbot, db) -> None:
    window = _window(qtbot, db)
    box = window.show_about()
    assert __version__ in box.text()
    assert str(db.path) in box.informativeText()
    box.close()


def test_layout_and_last_page_are_remembered(qtbot, db, temp_settings) -> None:
    training(db)
    window = _window(qtbot, db)
    window.resize(1111, 777)
    page = window.show_page("activity")
    page.table.horizontalHeader().resizeSection(1, 321)
    page.splitter.setSizes([700, 400])
    window.close()
    assert any(Path(temp_settings).rglob("*.ini"))
    assert QSettings().value("window/page") == "activity"

    again = _window(qtbot, db)
    assert again.current_key() == "activity"
    # The offscreen screen is small, so Qt fits the restored geometry to it;
    # what matters here is that it was stored.
    assert QSettings().value("window/geometry")
    restored = again.pages["activity"]
    assert restored.table.horizontalHeader().sectionSize(1) == 321
    assert QSettings().value("lists/activity/splitter") == page.splitter.saveState()


def test_dropping_a_workbook_goes_to_import(qtbot, db, tmp_path, monkeypatch) -> None:
    window = _window(qtbot, db)
    calls = []
    monkeypatch.setattr(window, "_on_import", lambda path=None: calls.append(path))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "package.xlsx"))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert calls == [tmp_path / "package.xlsx"]


def test_unexpected_error_is_logged_and_shown(qtbot, tmp_path, monkeypatch) -> None:
    log = tmp_path / "errors.log"
    monkeypatch.setattr("app.logging_setup.log_path", lambda: log)
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as exc:
        box = report_unexpected(exc)
    assert box is not None and box.isVisible()
    assert "disk on fire" in box.text()
    assert str(log) in box.informativeText()
    assert "RuntimeError: disk on fire" in log.read_text(encoding="utf-8")
    box.close()


def test_wizard_creates_the_office_database(qtbot, tmp_path) -> None:
    from app.ui.shell.application import create_database

    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.welcome.own_office.isChecked()
    wizard.next()
    office = wizard.office
    office.site.setCurrentIndex(office.site.findData("KH"))
    qtbot.keyClicks(office.name, "Ministry of Environment")
    choice = wizard.choice()
    assert (choice.demo, choice.site, choice.office_name, choice.language) == (
        False,
        "KH",
        "Ministry of Environment",
        "en",
    )
    db = create_database(choice, tmp_path / "office.sqlite")
    try:
        assert db.site == "KH" and db.site_info.office_name == "Ministry of Environment"
        assert not db.site_info.demo
    finally:
        db.close()


def test_wizard_starts_on_the_computers_country_and_language(qtbot) -> None:
    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    office = wizard.office
    office.preselect_for_locale("vi_VN")
    assert (office.site.currentData(), office.language.currentData()) == ("VN", "vi")
    office.preselect_for_locale("zh_CN")
    assert office.site.currentData() == "CN"
    assert office.language.currentData() == "zh_Hans_CN"


def test_wizard_demo_database_is_marked_and_filled(qtbot, tmp_path) -> None:
    from app.services.stats import database_stats
    from app.ui.shell.application import create_database

    wizard = FirstRunWizard()
    qtbot.addWidget(wizard)
    wizard.welcome.demo.setChecked(True)
    choice = wizard.choice()
    db = create_database(choice, tmp_path / "demo.sqlite")
    try:
        assert db.site_info.demo
        assert database_stats(db).total > 1000
    finally:
        db.close()
    reopened = open_database(tmp_path / "demo.sqlite")
    reopened.close()


def test_list_pages_have_a_search_box(qtbot, db) -> None:
    window = _window(qtbot, db)
    for key in LIST_PAGES:
        page = window.show_page(key)
        assert isinstance(page.search, QLineEdit)


def test_records_arriving_by_sync_refresh_the_lists(qtbot, db) -> None:
    window = _window(qtbot, db)
    page = window.show_page("activity")
    window.ws.create(
        "organisation", {"name": "Ministry of Environment", "type": "ministry", "country": "VN"}
    )
    assert window.ws.undo_stack.count() == 1
    training(db, "Arrived by package")  # written behind the window's back, as an import does
    window._on_records_arrived()
    assert page.model.rowCount() == 1
    assert window.ws.undo_stack.count() == 0


def test_run_application_opens_the_window_and_returns_when_closed(qtbot, db, tmp_path) -> None:
    from PySide6.QtCore import QTimer

    from app.ui.shell.application import run_application

    path = db.path
    db.close()  # the program opens (and locks) the file itself
    seen = []

    def close_window() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                seen.append(widget.windowTitle())
                widget.close()

    QTimer.singleShot(300, close_window)
    assert run_application(path, "en") == 0
    # The office in the title (windows of earlier tests may still be listed);
    # Qt adds the display name "ACEC Tracker" on screen.
    assert "Focal point, Viet Nam" in seen
    assert QApplication.applicationDisplayName() == "ACEC Tracker"


def test_a_locked_database_gets_a_clear_message(qtbot, db, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.ui.shell.application import run_application

    messages = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: messages.append(args[1:]))
    # ``db`` is open (and locked) by this process, as by a second running copy.
    assert run_application(db.path, "en") == 1
    assert messages and messages[0][0] == "Cannot open the database"
    assert "is already open in ACEC Tracker on" in messages[0][1]
    assert not any(
        isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets()
    )


def test_double_clicking_a_plan_item_lists_its_activities(qtbot, db) -> None:
    from app.services.reference_data import plan_item_uid

    training(db, "EIA training")
    window = _window(qtbot, db)
    plan = window.show_page("plan")
    plan.open_item.emit(plan_item_uid("1.2"))
    assert window.current_key() == "activity"
    page = window.pages["activity"]
    assert page.filters["item"].currentData() == plan_item_uid("1.2")
    assert page.model.rowCount() == 0
    plan.open_item.emit(plan_item_uid("2.5"))
    assert page.model.rowCount() == 1
