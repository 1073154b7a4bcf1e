"""The review queue, driven as a user would: filter, choose several rows, accept, return
with one reason; read-only at a country office, which sees the reasons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services.review import review_of
from app.ui.records.workspace import Workspace
from app.ui.review.review_page import ReviewPage
from tests.sync.conftest import add_sample_records, send

# Raising the queue's and the main window is all the offscreen platform cannot do.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


def _page(qtbot, db) -> ReviewPage:
    page = ReviewPage(Workspace(db))
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitUntil(lambda: not page.counting)
    return page


def _choose_by_clicks(qtbot, page: ReviewPage, rows: list[int]) -> None:
    for n, row in enumerate(rows):
        rect = page.view.visualRect(page.model.index(row, 3))
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_accept_and_return_several_at_once(qtbot, make_db, tmp_path: Path) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    records = add_sample_records(vn)
    send(vn, sec, tmp_path / "vn.xlsx")
    page = _page(qtbot, sec)
    assert page.model.rowCount() == 4 and "4 records" in page.count.text()
    assert not page.accept_button.isEnabled()

    _choose_by_clicks(qtbot, page, [0, 1])
    assert len(page.chosen_uids()) == 2 and page.accept_button.isEnabled()
    chosen = page.chosen_uids()
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(review_of(sec, u).state == "accepted" for u in chosen))
    qtbot.waitUntil(lambda: "Accepted 2 records." in page.message.text())

    page.state.setCurrentIndex(page.state.findData("submitted"))
    qtbot.waitUntil(lambda: not page.counting and page.model.rowCount() == 2)
    page.view.selectAll()
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    dialog = page.return_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.return_button.isEnabled()  # no reason yet
    qtbot.keyClicks(dialog.reason, "Please add the dates")
    assert dialog.return_button.isEnabled()
    qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    others = [r for r in records.values() if r.uid not in chosen and r.kind != "participation"]
    qtbot.waitUntil(lambda: all(review_of(sec, r.uid).state == "returned" for r in others))
    qtbot.waitUntil(lambda: not page.counting and page.model.rowCount() == 0)

    page.state.setCurrentIndex(page.state.findData("returned"))
    qtbot.waitUntil(lambda: not page.counting and page.model.rowCount() == 2)
    reason = page.model.index(0, 5).data()
    assert reason == "Please add the dates"
    assert page.model.index(0, 4).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_cancelling_the_reason_returns_nothing(qtbot, make_db, tmp_path: Path) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    add_sample_records(vn)
    send(vn, sec, tmp_path / "vn.xlsx")
    page = _page(qtbot, sec)
    page.kind.setCurrentIndex(page.kind.findData("person"))
    qtbot.waitUntil(lambda: not page.counting and page.model.rowCount() == 1)
    page.view.selectAll()
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    dialog = page.return_dialog
    assert dialog is not None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.return_dialog is None)
    assert review_of(sec, page.model.rows[0].uid).state == "submitted"


def test_a_country_sees_its_records_and_the_reasons_read_only(
    qtbot, make_db, tmp_path: Path
) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    records = add_sample_records(vn)
    send(vn, sec, tmp_path / "vn.xlsx")
    from app.services.review_verdicts import return_records

    return_records(sec, [records["person"].uid], "Surname first")
    send(sec, vn, tmp_path / "sec.xlsx")
    page = _page(qtbot, vn)
    assert page.accept_button.isHidden() and page.return_button.isHidden()
    assert page.country.isHidden()
    page.state.setCurrentIndex(page.state.findData("returned"))
    qtbot.waitUntil(lambda: not page.counting and page.model.rowCount() == 1)
    assert page.model.index(0, 5).data() == "Surname first"
    assert QApplication.focusWidget() is not page.return_button


def test_a_double_clicked_row_shows_the_record_in_the_window(
    qtbot, make_db, tmp_path: Path
) -> None:
    from app.ui.shell.main_window import MainWindow

    vn, sec = make_db("VN"), make_db("SEC")
    records = add_sample_records(vn)
    send(vn, sec, tmp_path / "vn.xlsx")
    window = MainWindow(sec)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.show_page("dashboard")
    qtbot.waitUntil(lambda: not dashboard.counting and dashboard.review.isVisible())
    qtbot.mouseClick(dashboard.review.button, Qt.MouseButton.LeftButton)
    assert window.current_key() == "review"
    queue = window.pages["review"]
    queue.kind.setCurrentIndex(queue.kind.findData("funding"))
    qtbot.waitUntil(lambda: not queue.counting and queue.model.rowCount() == 1)
    rect = queue.view.visualRect(queue.model.index(0, 3))
    qtbot.mouseClick(queue.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(queue.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key() == "funding"
    editor = window.pages["funding"].editor
    qtbot.waitUntil(lambda: editor.record is not None)
    assert editor.record.uid == records["funding"].uid
