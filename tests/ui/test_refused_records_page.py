"""The sender's Sync page lists the records the secretariat held back from its package,
by office, kind, id, package and reason, after a real round of packages."""

from __future__ import annotations

from pathlib import Path

from app.ui.sync.sync_page import SyncPage
from tests.sync.conftest import send
from tests.sync.test_refused_records import hold_back_two
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def test_the_sync_page_shows_the_refused_records(qtbot, make_db, tmp_path: Path) -> None:
    kh, sec = make_db("KH"), make_db("SEC")
    page = SyncPage(kh, None)
    qtbot.addWidget(page)
    page.show()
    assert not page.refused_table.isVisible()  # nothing refused heard of yet
    old, late = hold_back_two(kh, sec, tmp_path)
    page.refresh()
    assert not page.refused_table.isVisible()  # the secretariat has not told KH yet
    send(sec, kh, tmp_path / "sec-1.xlsx")
    page.refresh()
    table = page.refused_table
    assert table.isVisible() and table.rowCount() == 2
    cells = {table.item(r, 2).text(): [table.item(r, c).text() for c in range(5)] for r in (0, 1)}
    assert cells[old.uid][:2] == ["Joint Secretariat (SEC)", "Activity"]
    assert cells[late.uid][1:4] == ["Participation", late.uid, "No. 2"]
    assert "locked" in cells[old.uid][4]
