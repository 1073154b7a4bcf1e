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
from app.services.review import ReviewFilters, review_queue
from app.services.review_verdicts import accept_records, return_records
from app.store import Database
from app.ui.dashboard.dashboard_page import DashboardPage
from app.ui.records.workspace import Workspace
from app.ui.review.completeness_model import (
    STALE_BACKGROUND,
    CompletenessFigures,
    CompletenessModel,
)
from tests.sync.conftest import add_sample_records, send
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE
HEADERS = ["Country", "Year", "Submitted", "Accepted", "Returned", "Resubmitted", "Last package"]


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
    qtbot.waitUntil(lambda: not page.counting and page.completeness_model.rowCount() == 4)
    assert page.completeness is not None and page.completeness.isVisible()
    model = page.completeness_model
    assert _headers(model) == HEADERS
    rows = _table(model)
    # Cambodia before Viet Nam (by code); the year's records, then those without a year.
    assert [r[:6] for r in rows] == [
        ["Cambodia", "2012", "2", "1", "0", "0"],  # its activity accepted, its funding not
        ["Cambodia", "No year", "2", "0", "0", "0"],
        ["Viet Nam", "2012", "2", "1", "1", "0"],  # the funding returned
        ["Viet Nam", "No year", "2", "0", "1", "0"],  # the person returned
    ]
    last = len(HEADERS) - 1
    shaded = [model.index(r, last).data(Qt.ItemDataRole.BackgroundRole) for r in range(4)]
    assert [b.color() if b else None for b in shaded] == [STALE_BACKGROUND] * 2 + [None] * 2
    returned = [model.index(r, 4).data(Qt.ItemDataRole.BackgroundRole) for r in range(4)]
    assert [b is not None for b in returned] == [False, False, True, True]
    tip = model.index(0, last).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "The last package from this office came 6 months ago (stale after 3 months)"
    assert model.index(2, last).data(Qt.ItemDataRole.ToolTipRole) is None
    assert rows[2][last] and rows[2][last] != "None yet"


def test_the_table_follows_a_new_review(qtbot, make_db, tmp_path: Path) -> None:
    sec = _secretariat(make_db, tmp_path)
    ws = Workspace(sec)
    page = DashboardPage(ws)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.counting and page.completeness_model.rowCount() == 4)
    funding = next(r for r in completeness_rows(sec) if r.country == "KH" and r.year == 2012)
    assert funding.accepted == 1
    kh_funding = review_queue(sec, ReviewFilters(country="KH", kind="funding"))
    accept_records(sec, [r.uid for r in kh_funding])
    ws.changed.emit("review")  # what the review queue says after a verdict
    qtbot.waitUntil(lambda: _table(page.completeness_model)[0][3] == "2")


def test_the_model_passes_the_model_tester_with_and_without_the_locked_column(
    qtmodeltester, make_db, tmp_path: Path
) -> None:
    sec = _secretariat(make_db, tmp_path)
    model = CompletenessModel()
    # One check: the tester stays connected and checks the model again after each reset.
    qtmodeltester.check(model, force_py=True)  # empty
    rows = completeness_rows(sec)
    model.set_rows(rows)
    assert model.columnCount() == len(HEADERS)
    model.show_figures(CompletenessFigures(rows, locked={("VN", 2012)}))
    assert _headers(model) == HEADERS[:6] + ["Locked", "Last package"]
    assert [r[6] for r in _table(model)] == ["", "", "Locked", ""]
    model.set_rows([])
    assert (model.rowCount(), model.columnCount()) == (0, len(HEADERS))


def test_the_filled_model_passes_the_model_tester(qtmodeltester, make_db, tmp_path: Path) -> None:
    sec = _secretariat(make_db, tmp_path)
    model = CompletenessModel()
    model.show_figures(CompletenessFigures(completeness_rows(sec), locked={("KH", 2012)}))
    qtmodeltester.check(model, force_py=True)
