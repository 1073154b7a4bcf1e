"""A country's lists shade the records the secretariat returned, with its reason in the
tooltip, and filter them; the returned records are read once per refresh, not per row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import event

from app.services.listing import ListQuery
from app.services.review import review_of
from app.services.review_verdicts import accept_records, return_records
from app.store import Database
from app.ui.records.list_model import RecordListModel
from app.ui.records.list_page import RecordListPage
from app.ui.records.workspace import Workspace
from app.ui.review.review_table_model import STATE_BACKGROUND
from tests.sync.conftest import add_sample_records, send
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
REASON = "Use the full name, as in the passport"
BACKGROUND = Qt.ItemDataRole.BackgroundRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def _offices(make_db: Any, tmp_path: Path) -> tuple[Database, Database, dict[str, Any]]:
    """VN and KH send their records; the secretariat returns both countries' people and
    accepts VN's organisation; VN receives the secretariat's package (KH's too, relayed)."""
    vn, kh, sec = make_db("VN"), make_db("KH"), make_db("SEC")
    records = add_sample_records(vn)
    kh_records = add_sample_records(kh, " KH")
    send(vn, sec, tmp_path / "1-vn.xlsx")
    send(kh, sec, tmp_path / "2-kh.xlsx")
    return_records(sec, [records["person"].uid, kh_records["person"].uid], REASON)
    accept_records(sec, [records["organisation"].uid])
    send(sec, vn, tmp_path / "3-sec.xlsx")
    records["kh_person"] = kh_records["person"]
    return vn, sec, records


def _page(qtbot: Any, db: Database, kind: str) -> RecordListPage:
    page = RecordListPage(Workspace(db), kind)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    return page


def _row_data(model: RecordListModel, uid: str, role: int) -> list[Any]:
    row = model.row_of(uid)
    assert row >= 0, uid
    return [model.index(row, c).data(role) for c in range(model.columnCount())]


def test_a_returned_row_is_shaded_with_the_reason_in_its_tooltip(
    qtbot, make_db, tmp_path: Path
) -> None:
    vn, _sec, records = _offices(make_db, tmp_path)
    page = _page(qtbot, vn, "person")
    model = page.model
    shade = STATE_BACKGROUND["returned"]
    returned = records["person"].uid
    assert [b.color() for b in _row_data(model, returned, BACKGROUND)] == [shade] * len(
        model.columns
    )
    tips = _row_data(model, returned, TOOLTIP)
    assert set(tips) == {f"Returned for correction by the joint secretariat: {REASON}"}
    # Cambodia's person, returned too, is Cambodia's to correct: not shaded here.
    kh_person = records["kh_person"].uid
    assert model.row_of(kh_person) >= 0
    assert _row_data(model, kh_person, BACKGROUND) == [None] * len(model.columns)
    assert set(_row_data(model, kh_person, TOOLTIP)) == {"Owned by Cambodia: read-only here"}

    organisations = _page(qtbot, vn, "organisation")  # accepted: no shade
    accepted = records["organisation"].uid
    assert _row_data(organisations.model, accepted, BACKGROUND) == [None] * len(
        organisations.model.columns
    )


def test_the_secretariat_sees_every_countrys_returned_rows(qtbot, make_db, tmp_path: Path) -> None:
    _vn, sec, records = _offices(make_db, tmp_path)
    page = _page(qtbot, sec, "person")
    for uid in (records["person"].uid, records["kh_person"].uid):
        assert _row_data(page.model, uid, BACKGROUND)[0] is not None
        assert REASON in _row_data(page.model, uid, TOOLTIP)[0]


def test_the_returned_filter_shows_this_offices_returned_records(
    qtbot, make_db, tmp_path: Path
) -> None:
    vn, _sec, records = _offices(make_db, tmp_path)
    page = _page(qtbot, vn, "person")
    assert page.model.rowCount() == 2  # VN's person and Cambodia's
    combo = page.filters["review"]
    assert combo.itemText(combo.findData("returned")) == "Returned for correction"
    page.set_filter("review", "returned")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.uid_at(0) == records["person"].uid
    assert page.count.text() == "1 of 2 shown"
    page.set_filter("review", "accepted")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    page.set_filter("review", None)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)


def test_a_corrected_record_loses_its_shade(qtbot, make_db, tmp_path: Path) -> None:
    vn, _sec, records = _offices(make_db, tmp_path)
    page = _page(qtbot, vn, "person")
    uid = records["person"].uid
    assert page.select_uid(uid)
    qtbot.waitUntil(lambda: page.editor.record is not None and page.editor.record.uid == uid)
    name = page.editor.form.widgets["name"]
    assert isinstance(name, QLineEdit)
    name.selectAll()
    qtbot.keyClicks(name, "Nguyen Van An")
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: review_of(vn, uid).state == "resubmitted")
    qtbot.waitUntil(lambda: _row_data(page.model, uid, BACKGROUND)[0] is None)
    assert "Returned" not in str(_row_data(page.model, uid, TOOLTIP)[0])


def test_the_returned_records_are_read_once_per_refresh(make_db, tmp_path: Path) -> None:
    vn, _sec, _records = _offices(make_db, tmp_path)
    model = RecordListModel(vn, "person", page_size=1)
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        seen.append(statement)

    event.listen(vn.engine, "before_cursor_execute", record)
    try:
        model.set_query(ListQuery())
        assert sum("review" in s for s in seen) == 1  # the refresh's one look at reviews
        seen.clear()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                for role in (BACKGROUND, TOOLTIP, Qt.ItemDataRole.DisplayRole):
                    model.index(row, column).data(role)
        assert seen and not any("review" in s for s in seen)  # pages, but no review query
    finally:
        event.remove(vn.engine, "before_cursor_execute", record)


def test_the_model_with_returned_rows_passes_the_model_tester(
    qtmodeltester, make_db, tmp_path: Path
) -> None:
    vn, _sec, _records = _offices(make_db, tmp_path)
    model = RecordListModel(vn, "person")
    model.set_query(ListQuery())
    assert len(model.returned.reasons) == 1
    qtmodeltester.check(model, force_py=True)


def test_the_review_screenshots_render(qtbot, make_db, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from app.ui.shell.screenshots import render_review_pages

    vn, sec, _records = _offices(make_db, tmp_path)
    written = render_review_pages(sec, vn, tmp_path / "shots")
    assert [p.name for p in written] == ["completeness.png", "year_locks.png", "returned_rows.png"]
    for path in written:
        image = QImage(str(path))
        assert image.width() > 1000 and image.height() > 600, path.name
        colours = {image.pixel(x, y) for x in range(0, 1000, 37) for y in range(0, 600, 23)}
        assert len(colours) > 3, path.name  # the page drew something
