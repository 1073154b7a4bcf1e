"""The secretariat's completeness table on its Dashboard, over two countries' real packages:
counted per country and year on the worker, a stale office's last package shaded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import update

from app.models import PackageLog
from app.models.utc import utc_now
from app.services.completeness import completeness_rows
from app.services.locks import grant_exception, lock_year, unlock_year
from app.services.review import ReviewFilters, review_queue
from app.services.review_verdicts import accept_records, return_records
from app.store import Database
from app.ui.dashboard.dashboard_page import DashboardPage
from app.ui.records.workspace import Workspace
from app.ui.review.completeness_model import (
    STALE_BACKGROUND,
    CompletenessFigures,
    CompletenessModel,
    completeness_figures,
)
from tests.sync.conftest import add_sample_records, send
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
HEADERS = [
    "Country",
    "Year",
    "Submitted",
    "Accepted",
    "Returned",
    "Resubmitted",
    "Locked",
    "Last package",
]
SILENT = 10  # the offices of the plan that sent nothing: all but KH and VN
ROWS = 4 + SILENT


def _secretariat(make_db: Any, tmp_path: Path) -> Database:
    """VN's and KH's packages at the secretariat; KH's came half a year ago; some reviewed."""
    vn, kh, sec = make_db("VN"), make_db("KH"), make_db("SEC")
    vn_records = add_sample_records(vn)
    kh_records = add_sample_records(kh, " KH")
    send(kh, sec, tmp_path / "kh.xlsx")
    with sec.session() as session:
        session.execute(update(PackageLog).values(at=utc_now() - dt.timedelta(days=180)))
    send(vn, sec, tmp_path / "vn.xlsx")
    accept_records(sec, [vn_records["activity"].uid, kh_records["activity"].uid])
    return_records(sec, [vn_records["funding"].uid, vn_records["person"].uid], "No receipt")
    return sec


def _table(model: CompletenessModel) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _headers(model: CompletenessModel) -> list[str]:
    return [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]


def test_the_table_counts_two_countries_and_shades_the_stale_one(
    qtbot, make_db, tmp_path: Path
) -> None:
    sec = _secretariat(make_db, tmp_path)
    page = DashboardPage(Workspace(sec))
    qtbot.addWidget(page)
    page.resize(1100, 900)
    page.show()
    qtbot.waitUntil(lambda: not page.counting and page.completeness_model.rowCount() == ROWS)
    assert page.completeness is not None and page.completeness.isVisible()
    model = page.completeness_model
    assert _headers(model) == HEADERS
    rows = _table(model)
    # By code: Cambodia before Viet Nam; the year's records, then those without a year.
    kh, vn = 3, len(rows) - 2  # Cambodia after Brunei, China and Indonesia
    assert [r[:6] for r in rows[kh : kh + 2] + rows[vn:]] == [
        ["Cambodia", "2012", "2", "1", "0", "0"],  # its activity accepted, its funding not
        ["Cambodia", "No year", "2", "0", "0", "0"],
        ["Viet Nam", "2012", "2", "1", "1", "0"],  # the funding returned
        ["Viet Nam", "No year", "2", "0", "1", "0"],  # the person returned
    ]
    last = len(HEADERS) - 1
    shaded = [model.index(r, last).data(Qt.ItemDataRole.BackgroundRole) for r in range(ROWS)]
    colours = [b.color() if b else None for b in shaded]
    assert colours == [STALE_BACKGROUND] * (ROWS - 2) + [None] * 2  # all but Viet Nam's
    returned = [model.index(r, 4).data(Qt.ItemDataRole.BackgroundRole) for r in range(ROWS)]
    assert [r for r in range(ROWS) if returned[r] is not None] == [vn, vn + 1]
    tip = model.index(kh, last).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "The last package from this office came 6 months ago (stale after 3 months)"
    assert model.index(vn, last).data(Qt.ItemDataRole.ToolTipRole) is None
    assert rows[vn][last] and rows[vn][last] != "None yet"


def test_offices_that_never_sent_anything_have_a_shaded_row(qtbot, make_db, tmp_path: Path) -> None:
    sec = _secretariat(make_db, tmp_path)
    page = DashboardPage(Workspace(sec))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.counting and page.completeness_model.rowCount() == ROWS)
    model = page.completeness_model
    rows = _table(model)
    silent = [r for r, row in enumerate(rows) if row[-1] == "None yet"]
    assert [rows[r][0] for r in silent] == [
        "Brunei Darussalam",
        "China",
        "Indonesia",
        "Lao PDR",
        "Myanmar",
        "Malaysia",
        "Philippines",
        "Singapore",
        "Thailand",
        "Timor-Leste",
    ]
    for r in silent:
        assert rows[r][1:7] == ["", "0", "0", "0", "0", ""]
        for column in (0, len(HEADERS) - 1):  # its name and its last package stand out
            cell = model.index(r, column)
            assert cell.data(Qt.ItemDataRole.BackgroundRole).color() == STALE_BACKGROUND
            assert cell.data(Qt.ItemDataRole.ToolTipRole) == "No package from this office yet"
    cambodia = 3
    assert model.index(cambodia, 0).data(Qt.ItemDataRole.BackgroundRole) is None  # it did send


def test_the_table_follows_a_new_review(qtbot, make_db, tmp_path: Path) -> None:
    sec = _secretariat(make_db, tmp_path)
    ws = Workspace(sec)
    page = DashboardPage(ws)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.counting and page.completeness_model.rowCount() == ROWS)
    funding = next(r for r in completeness_rows(sec) if r.country == "KH" and r.year == 2012)
    assert funding.accepted == 1
    kh_funding = review_queue(sec, ReviewFilters(country="KH", kind="funding"))
    accept_records(sec, [r.uid for r in kh_funding])
    ws.changed.emit("review")  # what the review queue says after a verdict
    qtbot.waitUntil(lambda: _table(page.completeness_model)[3][3] == "2")  # Cambodia's 2012


def test_the_locked_column_follows_the_locks_under_the_model_tester(
    qtmodeltester, make_db, tmp_path: Path
) -> None:
    sec = _secretariat(make_db, tmp_path)
    model = CompletenessModel()
    # One check: the tester stays connected and checks the model again after each reset.
    qtmodeltester.check(model, force_py=True)  # empty
    model.set_rows(completeness_rows(sec))
    assert _headers(model) == HEADERS
    locked = HEADERS.index("Locked")
    assert not any(r[locked] for r in _table(model))
    vn_funding = review_queue(sec, ReviewFilters(country="VN", kind="funding"))[0]
    lock_year(sec, "VN", 2012)
    grant_exception(sec, vn_funding.uid)
    lock_year(sec, "KH", 2012)
    model.show_figures(completeness_figures(sec))
    rows = _table(model)
    shown = {(r[0], r[1]): r[locked] for r in rows if r[locked]}
    assert shown == {("Cambodia", "2012"): "Locked", ("Viet Nam", "2012"): "Locked, 1 exception"}
    vn = next(i for i, r in enumerate(rows) if r[:2] == ["Viet Nam", "2012"])
    tip = model.index(vn, locked).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "1 record of 2012 can no longer be changed at its office."
    unlock_year(sec, "KH", 2012)
    model.show_figures(completeness_figures(sec))
    assert [r[:2] for r in _table(model) if r[locked]] == [["Viet Nam", "2012"]]
    model.set_rows([])
    assert (model.rowCount(), model.columnCount()) == (0, len(HEADERS))


def test_the_filled_model_passes_the_model_tester(qtmodeltester, make_db, tmp_path: Path) -> None:
    sec = _secretariat(make_db, tmp_path)
    lock_year(sec, "KH", 2012)
    model = CompletenessModel()
    model.show_figures(CompletenessFigures(completeness_rows(sec)))
    qtmodeltester.check(model, force_py=True)
