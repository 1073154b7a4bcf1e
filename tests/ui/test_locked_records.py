"""A record of a locked year opens read-only in the window, saying why (real packages)."""

from __future__ import annotations

import pytest

from app.services.locks import grant_exception, lock_year
from app.ui.records.list_page import RecordListPage
from app.ui.records.workspace import Workspace
from tests.sync.conftest import send
from tests.ui.conftest import OFFSCREEN_NOISE, training

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def offices(make_db, tmp_path):
    """KH's activities of 2011 and 2012; the secretariat locked 2011 and KH has heard."""
    kh, sec = make_db("KH"), make_db("SEC")
    old = training(kh, "Mekong EIA course", start_date="2011-05-02", host_country="KH")
    new = training(kh, "Air quality course", start_date="2012-04-01", host_country="KH")
    send(kh, sec, tmp_path / "kh.xlsx")
    lock_year(sec, "KH", 2011)
    send(sec, kh, tmp_path / "sec-1.xlsx")
    return kh, sec, old, new


@pytest.fixture
def page(qtbot, offices):
    page = RecordListPage(Workspace(offices[0]), "activity")
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


def test_locked_record_read_only_with_the_message(page, offices, tmp_path) -> None:
    kh, sec, old, new = offices
    assert page.select_uid(old)
    editor = page.editor
    note = editor.form.lock_note
    assert note.isVisible()
    assert "“Mekong EIA course”" in note.text() and "2011" in note.text()
    assert "Cambodia" in note.text()
    assert editor.form.widgets["title"].isReadOnly()
    assert not editor.save_button.isEnabled() and not editor.delete_button.isEnabled()
    assert editor.lock.isVisible() and not editor.owner_note.isVisible()  # own, but locked

    assert page.select_uid(new)  # 2012 is open: the same form is editable again
    assert not editor.form.lock_note.isVisible()
    assert not editor.form.widgets["title"].isReadOnly()
    assert editor.delete_button.isEnabled()

    grant_exception(sec, old)
    send(sec, kh, tmp_path / "sec-2.xlsx")
    assert page.select_uid(old)
    assert not editor.form.lock_note.isVisible()
    assert not editor.form.widgets["title"].isReadOnly()


def test_new_record_after_a_locked_one_is_editable(page, offices) -> None:
    _kh, _sec, old, _new = offices
    assert page.select_uid(old)
    page.new_record()
    assert not page.editor.form.lock_note.isVisible()
    assert not page.editor.form.widgets["title"].isReadOnly()
    assert page.editor.save_button.isEnabled()
