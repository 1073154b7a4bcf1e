"""Typing a name without its accents finds it, in a list page and in a picker."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from app.services.records import create_record
from app.ui.records.list_page import RecordListPage
from app.ui.records.pick_dialog import PickDialog
from app.ui.records.workspace import Workspace
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE

HUONG = "Nguyễn Thị Thu Hương"


def _type(qtbot, edit: QLineEdit, text: str) -> None:
    """Type as a person does: keys for ASCII, an input-method commit for the rest."""
    edit.clear()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # keyClicks aborts on non-ASCII text (NOTES.md, Testing Qt)
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(edit, event)


@pytest.fixture
def people_page(qtbot, db):
    org = create_record(
        db,
        "organisation",
        {"name": "Viện Khoa học Môi trường", "type": "research", "country": "VN"},
    )
    for name in (HUONG, "Đặng Văn Lâm", "Trần Văn Minh"):
        create_record(db, "person", {"name": name, "country": "VN", "organisation_uid": org.uid})
    page = RecordListPage(Workspace(db), "person")
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh()
    return page


def _shown_names(page: RecordListPage) -> list[str]:
    return [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("huong", HUONG),
        ("HUONG", HUONG),
        ("Hương", HUONG),
        ("nguyen thi", HUONG),
        ("ＨＵＯＮＧ", HUONG),
        ("dang", "Đặng Văn Lâm"),
    ],
)
def test_the_people_page_finds_names_typed_without_accents(
    qtbot, people_page, typed: str, found: str
) -> None:
    assert people_page.model.rowCount() == 3
    _type(qtbot, people_page.search, typed)
    qtbot.waitUntil(lambda: people_page.model.rowCount() == 1, timeout=3000)
    assert _shown_names(people_page) == [found]
    assert people_page.count.text() == "1 of 3 shown"


def test_the_organisation_picker_of_a_person_form_forgives_accents(qtbot, people_page) -> None:
    people_page.new_record()
    picker = people_page.editor.form.widgets["organisation_uid"]
    seen: list[list[str]] = []

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PickDialog):
            QTimer.singleShot(10, pick)
            return
        for typed in ("vien khoa hoc", "ＭＯＩ　ＴＲＵＯＮＧ"):
            _type(qtbot, dialog.search, typed)
            qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=3000)
            seen.append([dialog.results.item(i).text() for i in range(dialog.results.count())])
        _type(qtbot, dialog.search, "no such place")
        qtbot.waitUntil(lambda: dialog.results.count() == 0, timeout=3000)
        _type(qtbot, dialog.search, "VIEN")
        qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=3000)
        qtbot.mouseClick(
            dialog.results.viewport(),
            Qt.MouseButton.LeftButton,
            pos=dialog.results.visualItemRect(dialog.results.item(0)).center(),
        )
        dialog._on_ok()

    QTimer.singleShot(0, pick)
    qtbot.mouseClick(picker.pick, Qt.MouseButton.LeftButton)
    assert seen == [["Viện Khoa học Môi trường"]] * 2
    assert picker.shown.text() == "Viện Khoa học Môi trường"
