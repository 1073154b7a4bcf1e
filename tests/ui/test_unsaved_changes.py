"""Unsaved edits are never dropped silently: leaving a record, a page or the window asks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.services.records import get_record, list_records
from app.store import Database
from app.ui.records.list_page import RecordListPage
from app.ui.records.workspace import Workspace
from app.ui.shell.main_window import MainWindow
from app.ui.shell.page_stack import PAGE_KEYS
from tests.ui.conftest import OFFSCREEN_NOISE, person

pytestmark = OFFSCREEN_NOISE

REAL_QUESTION = QMessageBox.__dict__["question"]
Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def real_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The prompt is a real message box here, answered by clicking its button."""
    monkeypatch.setattr(QMessageBox, "question", REAL_QUESTION)


def _answer(qtbot, button: Button, seen: list[str]) -> None:
    """Click ``button`` on the next message box shown (it runs its own event loop)."""

    def click() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
        shown = [b for b in boxes if b.isVisible()]
        if not shown:
            QTimer.singleShot(10, click)
            return
        seen.append(shown[0].text())
        shown[0].button(button).click()

    QTimer.singleShot(0, click)


def _people(qtbot, db: Database) -> RecordListPage:
    page = RecordListPage(Workspace(db), "person")
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def _retype(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_choosing_another_row_asks_and_cancel_stays(qtbot, db) -> None:
    lan, bao = person(db, "Tran Thi Lan"), person(db, "Pham Quoc Bao")
    page = _people(qtbot, db)
    page.refresh()
    page.table.selectRow(page.model.row_of(lan))
    name = page.editor.form.widgets["name"]
    _retype(qtbot, name, "Tran Thi Lan (edited)")
    seen: list[str] = []
    _answer(qtbot, Button.Cancel, seen)
    page.table.selectRow(page.model.row_of(bao))
    qtbot.waitUntil(lambda: page.table.currentIndex().row() == page.model.row_of(lan))
    assert seen and "Save the changes" in seen[0]
    assert page.editor.record.uid == lan and name.text() == "Tran Thi Lan (edited)"
    _answer(qtbot, Button.Discard, seen)
    page.table.selectRow(page.model.row_of(bao))
    assert page.editor.record.uid == bao
    assert get_record(db, "person", lan)["name"] == "Tran Thi Lan"


def test_new_asks_and_save_keeps_the_edit(qtbot, db) -> None:
    lan = person(db, "Tran Thi Lan")
    page = _people(qtbot, db)
    page.refresh()
    page.select_uid(lan)
    _retype(qtbot, page.editor.form.widgets["name"], "Tran Thi Lan Anh")
    seen: list[str] = []
    _answer(qtbot, Button.Save, seen)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert get_record(db, "person", lan)["name"] == "Tran Thi Lan Anh"
    assert page.editor.record is None and page.editor.title.text() == "New person"


def _window(qtbot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    return window


def _click_nav(qtbot, window: MainWindow, key: str) -> None:
    item = window.nav.item(PAGE_KEYS.index(key))
    rect = window.nav.visualItemRect(item)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _half_typed_person(qtbot, window: MainWindow) -> RecordListPage:
    _click_nav(qtbot, window, "person")
    page = window.pages["person"]
    assert isinstance(page, RecordListPage)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.editor.form.widgets["name"], "Half-typed name")
    return page


def test_leaving_the_page_by_the_sidebar_asks(qtbot, db) -> None:
    window = _window(qtbot, db)
    page = _half_typed_person(qtbot, window)
    seen: list[str] = []
    _answer(qtbot, Button.Cancel, seen)
    _click_nav(qtbot, window, "dashboard")
    assert seen, "no question was asked"
    assert window.current_key() == "person" and window.stack.currentWidget() is page
    assert page.editor.form.widgets["name"].text() == "Half-typed name"
    _answer(qtbot, Button.Discard, seen)
    _click_nav(qtbot, window, "dashboard")
    assert window.current_key() == "dashboard"
    assert window.stack.currentWidget() is window.pages["dashboard"]
    assert list_records(db, "person") == []
    # Back and away again: nothing left to ask about.
    _click_nav(qtbot, window, "person")
    _click_nav(qtbot, window, "plan")
    assert len(seen) == 2


def test_closing_the_window_asks_and_cancel_keeps_it_open(qtbot, db) -> None:
    window = _window(qtbot, db)
    page = _half_typed_person(qtbot, window)
    page.editor.form.widgets["country"].set_value("VN")
    seen: list[str] = []
    _answer(qtbot, Button.Cancel, seen)
    window.close()
    assert seen and window.isVisible()
    _answer(qtbot, Button.Save, seen)
    window.close()
    assert not window.isVisible()
    assert [r["name"] for r in list_records(db, "person")] == ["Half-typed name"]


def test_saving_says_saved_in_the_status_bar(qtbot, db) -> None:
    window = _window(qtbot, db)
    page = _half_typed_person(qtbot, window)
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == "Saved “Half-typed name”."
