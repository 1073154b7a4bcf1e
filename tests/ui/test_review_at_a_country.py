"""At a country office: the Dashboard says how many records came back, the form shows the
secretariat's reason, and saving a correction resubmits the record."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.services.review import review_of
from app.services.review_verdicts import accept_records, return_records
from app.ui.dashboard.dashboard_page import DashboardPage
from app.ui.records.list_page import RecordListPage
from app.ui.records.workspace import Workspace
from tests.sync.conftest import add_sample_records, send

# Raising the queue's window is all the offscreen platform cannot do.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


def _returned(make_db, tmp_path: Path):
    vn, sec = make_db("VN"), make_db("SEC")
    records = add_sample_records(vn)
    send(vn, sec, tmp_path / "vn.xlsx")
    return_records(sec, [records["person"].uid, records["organisation"].uid], "Use the full name")
    accept_records(sec, [records["activity"].uid])
    send(sec, vn, tmp_path / "sec.xlsx")
    return vn, sec, records


def test_the_dashboard_counts_returned_records_and_shows_them(
    qtbot, make_db, tmp_path: Path
) -> None:
    from app.ui.shell.main_window import MainWindow

    vn, _sec, _records = _returned(make_db, tmp_path)
    window = MainWindow(vn)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("dashboard")
    qtbot.waitUntil(lambda: not page.counting and page.review.isVisible())
    assert page.review.text.text() == "2 records returned for correction"
    qtbot.mouseClick(page.review.button, Qt.MouseButton.LeftButton)
    assert window.current_key() == "review"
    queue = window.pages["review"]
    assert queue.state.currentData() == "returned"
    qtbot.waitUntil(lambda: not queue.counting and queue.model.rowCount() == 2)
    assert {queue.model.index(r, 5).data() for r in range(2)} == {"Use the full name"}


def test_the_secretariats_dashboard_counts_what_awaits_review(
    qtbot, make_db, tmp_path: Path
) -> None:
    _vn, sec, _records = _returned(make_db, tmp_path)
    page = DashboardPage(Workspace(sec))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.counting and page.review.isVisible())
    assert page.review.text.text() == "1 record from the countries awaits review"  # the funding


def test_the_form_shows_the_reason_and_a_correction_resubmits(
    qtbot, make_db, tmp_path: Path
) -> None:
    vn, _sec, records = _returned(make_db, tmp_path)
    ws = Workspace(vn)
    page = RecordListPage(ws, "person")
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    uid = records["person"].uid
    qtbot.waitUntil(lambda: page.select_uid(uid))
    qtbot.waitUntil(lambda: page.editor.record is not None and page.editor.record.uid == uid)
    note = page.editor.review_note
    assert note.isVisible()
    assert "Returned for correction by the joint secretariat: Use the full name" in note.text()
    name = page.editor.form.widgets["name"]
    assert isinstance(name, QLineEdit)
    name.selectAll()
    qtbot.keyClicks(name, "Nguyen Van An")
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review_of(vn, uid).state == "resubmitted")
    qtbot.waitUntil(lambda: "Resubmitted" in note.text())


def test_an_accepted_activity_says_so(qtbot, make_db, tmp_path: Path) -> None:
    vn, _sec, records = _returned(make_db, tmp_path)
    page = RecordListPage(Workspace(vn), "activity")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.select_uid(records["activity"].uid))
    qtbot.waitUntil(lambda: page.editor.record is not None)
    assert page.editor.review_note.text() == "Accepted by the joint secretariat."


def test_returned_records_stand_out_in_the_list(qtbot, make_db, tmp_path: Path) -> None:
    vn, _sec, records = _returned(make_db, tmp_path)
    page = RecordListPage(Workspace(vn), "organisation")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    index = page.model.index(0, 0)
    assert page.model.uid_at(0) in page.model.returned
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "Returned for correction" in index.data(Qt.ItemDataRole.ToolTipRole)
    activities = RecordListPage(Workspace(vn), "activity")  # accepted: as any other row
    qtbot.addWidget(activities)
    activities.show()
    qtbot.waitUntil(lambda: activities.model.rowCount() == 1)
    assert activities.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_the_secretariats_dashboard_has_the_completeness_table(
    qtbot, make_db, tmp_path: Path
) -> None:
    vn, sec, _records = _returned(make_db, tmp_path)
    page = DashboardPage(Workspace(sec))
    qtbot.addWidget(page)
    page.show()
    # Viet Nam's two rows, and one for each of the eleven offices that sent nothing.
    qtbot.waitUntil(lambda: not page.counting and page.completeness_model.rowCount() == 13)
    assert page.completeness is not None and page.completeness.isVisible()
    model = page.completeness_model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in (11, 12)]
    assert rows[0][:6] == ["Viet Nam", "2012", "2", "1", "0", "0"]  # activity, funding
    assert rows[1][:6] == ["Viet Nam", "No year", "2", "0", "2", "0"]  # person, organisation
    assert rows[0][7] and model.index(11, 7).data(Qt.ItemDataRole.BackgroundRole) is None
    at_vn = DashboardPage(Workspace(vn))
    qtbot.addWidget(at_vn)
    at_vn.show()
    assert at_vn.completeness is None
