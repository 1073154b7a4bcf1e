"""Locking a country's year, lifting the lock and granting an exception on the secretariat's
Review page, driven as a user would: choose a row, click, read the question, confirm (or
cancel), see the tables follow. Then the secretariat's package carries it to the office."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.errors import YearLockedError
from app.services.locks import year_locks
from app.services.records import update_record
from app.ui.records.workspace import Workspace
from app.ui.review.review_page import ReviewPage
from app.ui.review.year_locks_panel import YearLocksPanel
from tests.sync.conftest import add_sample_records, send

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)
LOCKED = 6  # the completeness table's "Locked" column


def _page(qtbot, db) -> ReviewPage:
    page = ReviewPage(Workspace(db))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.counting)
    return page


def _years_tab(qtbot, page: ReviewPage) -> YearLocksPanel:
    assert page.tabs is not None and page.years is not None
    bar = page.tabs.tabBar()
    assert bar.tabText(1) == "Years and locks"
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert page.years.isVisible()
    return page.years


def _click_row(qtbot, view, row: int, column: int = 0) -> None:
    rect = view.visualRect(view.model().index(row, column))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _row_of(panel: YearLocksPanel, country: str, year: int | None) -> int:
    return next(n for n, r in enumerate(panel.model.rows) if (r.country, r.year) == (country, year))


def _locked_cell(panel: YearLocksPanel, country: str, year: int) -> str:
    return panel.model.index(_row_of(panel, country, year), LOCKED).data()


def _locked_now(db) -> set[tuple[str, int]]:
    return {(y.country, y.year) for y in year_locks(db) if y.locked}


def test_lock_a_year_grant_an_exception_and_lift_the_lock(qtbot, make_db, tmp_path: Path) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    records = add_sample_records(vn)
    send(vn, sec, tmp_path / "vn.xlsx")
    page = _page(qtbot, sec)
    panel = _years_tab(qtbot, page)
    assert not panel.lock_button.isEnabled() and not panel.lift_button.isEnabled()

    _click_row(qtbot, panel.view, _row_of(panel, "VN", None))  # no year: nothing to lock
    assert not panel.lock_button.isEnabled()
    _click_row(qtbot, panel.view, _row_of(panel, "VN", 2012))
    assert panel.lock_button.isEnabled() and not panel.lift_button.isEnabled()

    qtbot.mouseClick(panel.lock_button, Qt.MouseButton.LeftButton)  # asked, then cancelled
    box = panel.confirmation
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert panel.confirmation is None and _locked_now(sec) == set()

    qtbot.mouseClick(panel.lock_button, Qt.MouseButton.LeftButton)
    box = panel.confirmation
    assert box is not None and box.isVisible()
    assert box.text() == (
        "Lock 2012 for Viet Nam? Viet Nam's records of 2012 can then no longer be changed "
        "at its office; the lock travels in your next package."
    )
    assert box.do_button.text().replace("&", "") == "Lock 2012"
    qtbot.mouseClick(box.do_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _locked_now(sec) == {("VN", 2012)})
    qtbot.waitUntil(lambda: _locked_cell(panel, "VN", 2012) == "Locked")
    assert panel.message.text() == "2012 is locked for Viet Nam."
    assert panel.chosen_row() is not None and panel.chosen_row().locked  # still chosen
    assert panel.lift_button.isEnabled() and not panel.lock_button.isEnabled()

    # The queue marks the locked records; one of them gets an exception.
    qtbot.mouseClick(
        page.tabs.tabBar(), Qt.MouseButton.LeftButton, pos=page.tabs.tabBar().tabRect(0).center()
    )
    qtbot.waitUntil(lambda: not page.counting)
    funding = next(n for n, r in enumerate(page.model.rows) if r.uid == records["funding"].uid)
    assert page.model.index(funding, 2).data() == "2012, locked"
    person = next(n for n, r in enumerate(page.model.rows) if r.uid == records["person"].uid)
    _click_row(qtbot, page.view, person, 3)
    assert not page.exception_button.isEnabled()  # a person has no year to lock
    _click_row(qtbot, page.view, funding, 3)
    assert page.exception_button.isEnabled()
    qtbot.mouseClick(page.exception_button, Qt.MouseButton.LeftButton)
    box = page.confirmation
    assert box is not None and box.isVisible()
    assert box.text() == (
        "Let Viet Nam's office change this record (Funding: “Training on EIA”) although 2012 "
        "is locked for it? Only this record may then change; the exception travels in your "
        "next package."
    )
    qtbot.mouseClick(box.do_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.index(funding, 2).data() == "2012, exception")
    assert "may now be changed by its office" in page.message.text()
    assert not page.exception_button.isEnabled()  # it has its exception already
    qtbot.waitUntil(lambda: _locked_cell(panel, "VN", 2012) == "Locked, 1 exception")

    # The package carries the lock and the exception to Viet Nam.
    send(sec, vn, tmp_path / "sec.xlsx")
    with pytest.raises(YearLockedError):
        update_record(vn, "activity", records["activity"].uid, {"title": "Changed"})
    update_record(vn, "funding", records["funding"].uid, {"amount": "100.00"})

    _years_tab(qtbot, page)
    qtbot.mouseClick(panel.lift_button, Qt.MouseButton.LeftButton)
    box = panel.confirmation
    assert box is not None and box.text().startswith("Lift the lock of 2012 for Viet Nam?")
    qtbot.mouseClick(box.do_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _locked_now(sec) == set())
    qtbot.waitUntil(lambda: _locked_cell(panel, "VN", 2012) == "")
    assert panel.message.text() == "2012 is not locked for Viet Nam."
    assert panel.lock_button.isEnabled()


def test_a_country_office_has_no_lock_buttons(qtbot, make_db) -> None:
    page = _page(qtbot, make_db("VN"))
    assert page.tabs is None and page.years is None
    assert not page.exception_button.isVisible()
