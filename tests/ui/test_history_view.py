"""The History tab of a record, as a user reads it: words, names, full dates, long text whole."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.i18n import set_locale
from app.services.records import update_record
from app.services.reference_data import plan_item_uid
from app.ui.records.list_page import RecordListPage
from app.ui.records.workspace import Workspace
from tests.ui.conftest import OFFSCREEN_NOISE, training

pytestmark = OFFSCREEN_NOISE

LONG_NOTE = "Participants from eight member states; " * 30 + "the end."


@pytest.fixture
def page(qtbot, db):
    page = RecordListPage(Workspace(db), "activity")
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


def _open_history(page, uid: str):
    page.refresh()
    assert page.select_uid(uid)
    editor = page.editor
    editor.tabs.setCurrentWidget(editor.history)
    return editor.history


def test_the_history_tab_reads_as_plain_words(qtbot, page, db, tmp_path: Path) -> None:
    uid = training(db, "EIA training", status="planned")
    update_record(db, "activity", uid, {"status": "completed", "topic": "eia", "notes": LONG_NOTE})
    history = _open_history(page, uid)
    table = history.table
    assert table.rowCount() == 2
    changed, created = table.item(0, 3).text(), table.item(1, 3).text()
    assert "Status: Planned → Completed" in changed.splitlines()
    assert "Topic: Environmental impact assessment" in changed.splitlines()
    assert "Plan item: 2.5 Capacity-building" in created
    assert "Host country: Viet Nam" in created.splitlines()
    for text in (changed, created):
        assert plan_item_uid("2.5") not in text and "→ completed" not in text
    year = str(dt.datetime.now(dt.UTC).year)
    assert table.item(0, 0).text().count(year) == 1  # "Dec 2, 2026, 4:39 AM"
    assert table.item(0, 2).text() == "changed"
    # The long note is shortened in the table, whole below it and in the tooltip.
    assert LONG_NOTE not in changed and "…" in changed
    assert table.currentRow() == 0 and LONG_NOTE in history.detail.toPlainText()
    assert LONG_NOTE in table.item(0, 3).toolTip()
    # Choosing the other entry shows it in full.
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualItemRect(table.item(1, 1)).center(),
    )
    assert (
        "Plan item" in history.detail.toPlainText()
        and LONG_NOTE not in history.detail.toPlainText()
    )
    qtbot.wait(50)
    page.grab().save(str(tmp_path / "history.png"))


def test_the_history_tab_in_vietnamese(qtbot, db) -> None:
    uid = training(db, "Tập huấn ĐTM", status="planned")
    update_record(db, "activity", uid, {"status": "completed"})
    set_locale("vi")
    page = RecordListPage(Workspace(db), "activity")
    qtbot.addWidget(page)
    page.show()
    history = _open_history(page, uid)
    changed = history.table.item(0, 3).text().splitlines()
    assert changed == ["Trạng thái: Đã lên kế hoạch → Đã hoàn thành"]
    assert "Nước đăng cai: Việt Nam" in history.table.item(1, 3).text().splitlines()
    assert "thg" in history.table.item(0, 0).text()
