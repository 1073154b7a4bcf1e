"""Money on forms, lists and panels: each currency's own decimals, current currencies only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.services.records import create_record, list_records
from app.store import Database
from app.ui.records.funding_panel import FundingPanel
from app.ui.records.list_page import RecordListPage
from app.ui.records.pick_dialog import RecordDialog
from app.ui.records.record_form import RecordForm
from app.ui.records.workspace import Workspace
from tests.ui.conftest import OFFSCREEN_NOISE, training

pytestmark = OFFSCREEN_NOISE


def _funding(db: Database, activity: str, amount: str, currency: str, **extra: object) -> str:
    values = {
        "activity_uid": activity,
        "kind": "commitment",
        "source": "china",
        "amount": amount,
        "currency": currency,
        "date": dt.date(2012, 3, 5),
    } | extra
    return create_record(db, "funding", values).uid


@pytest.fixture
def funded(db: Database) -> str:
    activity = training(db)
    _funding(db, activity, "250000000", "VND")
    _funding(db, activity, "1200.5", "USD", date=dt.date(2012, 4, 1))
    _funding(db, activity, "3000000", "LAK", date=dt.date(2012, 5, 1))
    return activity


def test_the_funding_panel_shows_each_currencys_decimals(qtbot, db, funded, tmp_path) -> None:
    ws = Workspace(db)
    panel = FundingPanel(ws)
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    panel.show_activity(funded, True)
    amount = [c.key for c in panel.columns].index("amount")
    shown = [panel.model.index(r, amount).data() for r in range(panel.model.rowCount())]
    assert shown == ["250,000,000", "1,200.50", "3,000,000"]
    panel.grab().save(str(tmp_path / "funding-panel-vnd.png"))


def test_the_funding_list_and_form_show_vnd_without_decimals(qtbot, db, funded) -> None:
    page = RecordListPage(Workspace(db), "funding")
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    page.refresh()
    amount = [c.key for c in page.model.columns].index("amount")
    texts = {page.model.index(r, amount).data() for r in range(page.model.rowCount())}
    assert texts == {"250,000,000", "1,200.50", "3,000,000"}
    row = next(
        r for r in range(page.model.rowCount()) if page.model.index(r, amount).data() == "3,000,000"
    )
    page.table.selectRow(row)
    assert page.editor.form.widgets["amount"].text() == "3,000,000"
    assert page.editor.form.values()["amount"] == "3000000"


def test_the_currency_picker_starts_with_the_offices_own(qtbot, db) -> None:
    form = RecordForm(Workspace(db), "funding")
    qtbot.addWidget(form)
    currency = form.widgets["currency"]
    assert currency.itemData(0) == "VND"
    codes = [currency.itemData(i) for i in range(currency.count())]
    assert "ADP" not in codes and "USD" in codes[:15]


def test_a_stored_obsolete_currency_still_shows(qtbot, db) -> None:
    activity = training(db)
    form = RecordForm(Workspace(db), "funding")
    qtbot.addWidget(form)
    form.set_values({"activity_uid": activity, "currency": "DEM", "amount": Decimal("10")})
    assert form.values()["currency"] == "DEM"
    assert form.widgets["amount"].text() == "10.00"


def test_new_records_start_with_the_offices_country(qtbot, make_db) -> None:
    kh = make_db("KH")
    people = RecordListPage(Workspace(kh), "person")
    qtbot.addWidget(people)
    people.show()
    qtbot.mouseClick(people.new_button, Qt.MouseButton.LeftButton)
    assert people.editor.form.values()["country"] == "KH"
    assert not people.editor.dirty  # a default is not an edit to ask about
    activities = RecordListPage(Workspace(kh), "activity")
    qtbot.addWidget(activities)
    activities.show()
    activities.new_record()
    values = activities.editor.form.values()
    assert values["host_country"] == "KH" and values["status"] == "planned"


def test_the_secretariat_has_no_country_to_default_to(qtbot, make_db) -> None:
    sec = make_db("SEC")
    people = RecordListPage(Workspace(sec), "person")
    qtbot.addWidget(people)
    people.show()
    people.new_record()
    assert people.editor.form.values()["country"] in ("", None)


def test_a_new_funding_row_starts_at_the_activitys_date(qtbot, db, monkeypatch) -> None:
    activity = training(db, start_date="2012-03-05")
    panel = FundingPanel(Workspace(db))
    qtbot.addWidget(panel)
    panel.show()
    panel.show_activity(activity, True)
    seen: dict[str, object] = {}

    def look_then_save() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, RecordDialog))
        seen.update(dialog.form.values())
        dialog.form.widgets["kind"].set_value("disbursement")
        dialog.form.widgets["source"].set_value("china")
        qtbot.keyClicks(dialog.form.widgets["amount"], "25,000,000")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, look_then_save)
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert seen["date"] == "2012-03-05" and seen["currency"] == "VND"
    [row] = list_records(db, "funding")
    assert row["date"] == dt.date(2012, 3, 5) and row["amount"] == Decimal("25000000")


def test_a_required_message_clears_as_soon_as_the_field_is_filled(qtbot, db) -> None:
    page = RecordListPage(Workspace(db), "activity")
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.new_record()
    form = page.editor.form
    qtbot.keyClicks(form.widgets["start_date"].edit, "2012-13")
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert "required" in form.problem_text("title")
    assert "not a date" in form.problem_text("start_date")
    assert "required" in form.problem_text("type")
    qtbot.keyClicks(form.widgets["title"], "E")
    assert form.problem_text("title") == ""
    assert form.errors["title"].isHidden()
    qtbot.keyClicks(form.widgets["start_date"].edit, "-01")  # 2012-13-01: still wrong
    assert "not a date" in form.problem_text("start_date")
    form.widgets["start_date"].edit.clear()
    qtbot.keyClicks(form.widgets["start_date"].edit, "2012-03-01")
    assert form.problem_text("start_date") == ""
    form.widgets["type"].setCurrentIndex(form.widgets["type"].findData("training"))
    assert form.problem_text("type") == ""


def test_another_offices_record_looks_read_only(qtbot, db, tmp_path) -> None:
    from PySide6.QtGui import QPalette

    from app.services.reference_data import plan_item_uid
    from tests.ui.conftest import insert_foreign

    mine = training(db, "Our own training")
    theirs = insert_foreign(
        db,
        "activity",
        "KH",
        item_uid=plan_item_uid("2.5"),
        title="Training in Phnom Penh",
        type="training",
        status="completed",
        start_date=dt.date(2012, 6, 4),
        city="Phnom Penh",
    )
    page = RecordListPage(Workspace(db), "activity")
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    page.refresh()
    form = page.editor.form
    base = QPalette.ColorRole.Base
    window = QPalette.ColorRole.Window

    page.select_uid(theirs)
    for name in ("title", "city"):
        box = form.widgets[name]
        assert box.isReadOnly()
        assert box.palette().color(base) == box.palette().color(window), name
    date = form.widgets["start_date"].edit
    assert date.palette().color(base) == date.palette().color(window)
    assert not form.widgets["type"].isEnabled()
    page.editor.grab().save(str(tmp_path / "read-only-form.png"))

    page.select_uid(mine)  # our own: white, editable boxes again
    title = form.widgets["title"]
    assert not title.isReadOnly()
    assert title.palette().color(base) != title.palette().color(window)
