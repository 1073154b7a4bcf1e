"""The Activities page driven as a user would: create, validate, find, edit, delete, undo."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.i18n import set_locale
from app.models.registry import fields_of
from app.services.records import get_record, list_records
from app.services.reference_data import plan_item_uid
from app.ui.records.fields import TextField
from app.ui.records.list_page import RecordListPage
from app.ui.records.pick_dialog import PickDialog, RecordDialog
from app.ui.records.workspace import Workspace
from tests.ui.conftest import OFFSCREEN_NOISE, insert_foreign, person, training

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def page(qtbot, db):
    ws = Workspace(db)
    page = RecordListPage(ws, "activity")
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


def _fill_new_training(qtbot, page, title: str) -> None:
    form = page.editor.form
    form.widgets["item_uid"].setCurrentIndex(
        form.widgets["item_uid"].findData(plan_item_uid("2.5"))
    )
    qtbot.keyClicks(form.widgets["title"], title)
    form.widgets["type"].set_value("training")
    qtbot.keyClicks(form.widgets["start_date"].edit, "2012-05-14")


def test_create_shows_problems_beside_fields_then_saves_and_undoes(
    qtbot, page, db, monkeypatch
) -> None:
    page.new_record()
    form = page.editor.form
    qtbot.keyClicks(form.widgets["start_date"].edit, "2012-13-40")
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert "required" in form.problem_text("title")
    assert "not a date" in form.problem_text("start_date")
    assert list_records(db, "activity") == []

    form.widgets["start_date"].edit.clear()
    # New on a half-filled form asks first; keep editing.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    page.new_record()
    assert "not a date" in form.problem_text("start_date")
    _fill_new_training(qtbot, page, "EIA training")
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert form.problem_text("title") == ""
    saved = list_records(db, "activity")
    assert [r["title"] for r in saved] == ["EIA training"]
    assert page.count.text() == "1 record"
    assert page.editor.record is not None and page.editor.record.uid == saved[0].uid

    page.ws.undo_stack.undo()
    assert list_records(db, "activity") == []
    assert page.model.rowCount() == 0
    page.ws.undo_stack.redo()
    assert len(list_records(db, "activity")) == 1
    assert page.model.rowCount() == 1


def test_search_filter_and_sort(qtbot, page, db) -> None:
    training(db, "EIA training", start_date="2011-04-01")
    training(db, "Monitoring training", start_date="2012-04-01", status="planned")
    training(db, "Enforcement course", start_date="2013-04-01")
    page.refresh()
    assert page.model.rowCount() == 3
    qtbot.keyClicks(page.search, "train")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=2000)
    assert page.count.text() == "2 of 3 shown"
    page.set_filter("status", "planned")
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 1)) == "Monitoring training"
    page.search.clear()
    page.set_filter("status", None)
    page.set_filter("year", "2013")
    assert [page.model.data(page.model.index(r, 1)) for r in range(page.model.rowCount())] == [
        "Enforcement course"
    ]
    page.set_filter("year", None)
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    titles = [page.model.data(page.model.index(r, 1)) for r in range(3)]
    assert titles == ["EIA training", "Enforcement course", "Monitoring training"]
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert page.model.data(page.model.index(0, 1)) == "Monitoring training"


def test_edit_keeps_history_and_undo_puts_it_back(qtbot, page, db) -> None:
    uid = training(db, "EIA training")
    page.refresh()
    assert page.select_uid(uid)
    title = page.editor.form.widgets["title"]
    title.selectAll()
    qtbot.keyClicks(title, "EIA training, second course")
    assert page.editor.save_button.isEnabled()
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert get_record(db, "activity", uid)["title"] == "EIA training, second course"
    assert page.editor.history.table.rowCount() == 2
    assert "EIA training, second course" in page.editor.history.table.item(0, 3).text()
    page.ws.undo_stack.undo()
    assert get_record(db, "activity", uid)["title"] == "EIA training"
    assert page.editor.form.widgets["title"].text() == "EIA training"


def test_delete_asks_first_and_undo_restores(qtbot, page, db, monkeypatch) -> None:
    uid = training(db)
    page.refresh()
    page.select_uid(uid)
    answers = []

    def answer(reply):
        def question(*args, **kwargs):
            answers.append(args[2])
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    qtbot.mouseClick(page.editor.delete_button, Qt.MouseButton.LeftButton)
    assert "Delete “EIA training for provincial officers”?" in answers[0]
    assert len(list_records(db, "activity")) == 1
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.mouseClick(page.editor.delete_button, Qt.MouseButton.LeftButton)
    assert list_records(db, "activity") == []
    assert page.model.rowCount() == 0
    page.ws.undo_stack.undo()
    assert len(list_records(db, "activity")) == 1
    assert page.model.rowCount() == 1


def test_records_of_other_offices_are_marked_and_read_only(qtbot, page, db) -> None:
    uid = insert_foreign(
        db,
        "activity",
        "KH",
        item_uid=plan_item_uid("2.5"),
        title="Training in Phnom Penh",
        type="training",
        status="completed",
    )
    page.refresh()
    index = page.model.index(0, 0)
    assert (
        page.model.data(index, Qt.ItemDataRole.ToolTipRole) == "Owned by Cambodia: read-only here"
    )
    assert page.model.data(index, Qt.ItemDataRole.FontRole).italic()
    assert page.model.data(index, Qt.ItemDataRole.DecorationRole) is not None
    page.select_uid(uid)
    assert page.editor.read_only
    assert not page.editor.save_button.isEnabled()
    assert not page.editor.delete_button.isEnabled()
    assert page.editor.form.widgets["title"].isReadOnly()
    assert page.editor.owner_note.text() == "Owned by Cambodia: read-only here"
    assert not page.editor.participants.add.isEnabled()


def _when_dialog_opens(handle) -> None:
    """Run ``handle(dialog)`` on the next modal dialog (exec blocks the test otherwise)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
        else:
            handle(dialog)

    QTimer.singleShot(0, poll)


def test_participants_picked_or_created_in_place_and_funding(qtbot, page, db) -> None:
    uid = training(db)
    lan, _minh = person(db, "Tran Thi Lan"), person(db, "Le Van Minh")
    page.refresh()
    page.select_uid(uid)
    panel = page.editor.participants

    def pick(dialog: PickDialog) -> None:
        qtbot.keyClicks(dialog.search, "lan")
        dialog._on_search()
        assert dialog.results.count() == 1
        dialog.select_uids([lan])
        dialog._on_ok()

    _when_dialog_opens(pick)
    qtbot.mouseClick(panel.add, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1 and panel.model.index(0, 0).data() == "Tran Thi Lan"

    def create(dialog: RecordDialog) -> None:
        qtbot.keyClicks(dialog.form.widgets["name"], "Pham Quoc Bao")
        dialog.form.widgets["country"].set_value("VN")
        dialog._on_save()

    panel.role.setCurrentIndex(panel.role.findData("trainer"))
    _when_dialog_opens(create)
    qtbot.mouseClick(panel.new, Qt.MouseButton.LeftButton)
    names = sorted(panel.model.index(r, 0).data() for r in range(panel.model.rowCount()))
    assert names == ["Pham Quoc Bao", "Tran Thi Lan"]
    assert panel.count.text() == "2 people"
    roles = {panel.model.index(r, 0).data(): panel.model.index(r, 2).data() for r in range(2)}
    assert roles["Pham Quoc Bao"] == "Trainer"

    funding = page.editor.funding

    def add_money(dialog: RecordDialog) -> None:
        form = dialog.form
        assert "activity_uid" not in form.widgets
        form.widgets["kind"].set_value("commitment")
        form.widgets["source"].set_value("cafund")
        qtbot.keyClicks(form.widgets["amount"], "12500")
        form.widgets["currency"].set_value("USD")
        form.widgets["date"].edit.clear()  # it starts at the activity's date
        qtbot.keyClicks(form.widgets["date"].edit, "2012-02-01")
        dialog._on_save()

    _when_dialog_opens(add_money)
    qtbot.mouseClick(funding.add, Qt.MouseButton.LeftButton)
    assert funding.model.rowCount() == 1
    assert funding.model.index(0, 2).data() == "12,500.00"
    # The participant count in the list follows.
    assert page.model.data(page.model.index(0, 6)) == "2"


def test_export_writes_the_rows_shown(qtbot, page, db, tmp_path) -> None:
    training(db, "EIA training")
    training(db, '=HYPERLINK("x")')
    page.refresh()
    page.set_filter("type", "training")
    path = tmp_path / "activities.xlsx"
    assert page.export_to(path) == 2
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Item", "Title")
    assert sorted(r[1] for r in rows[1:]) == ['=HYPERLINK("x")', "EIA training"]
    assert rows[1][2] == "Training"


def test_unsaved_edits_are_not_lost_when_another_row_is_chosen(
    qtbot, page, db, monkeypatch
) -> None:
    first = training(db, "EIA training", start_date="2012-01-01")
    second = training(db, "Monitoring training", start_date="2011-01-01")
    page.refresh()
    page.select_uid(first)
    title = page.editor.form.widgets["title"]
    title.selectAll()
    qtbot.keyClicks(title, "EIA training (revised)")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    page.select_uid(second)
    qtbot.waitUntil(lambda: page.table.currentIndex().row() == page.model.row_of(first))
    assert page.editor.record.uid == first and title.text() == "EIA training (revised)"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Save)
    page.select_uid(second)
    assert page.editor.record.uid == second
    assert get_record(db, "activity", first)["title"] == "EIA training (revised)"


def test_a_record_deleted_behind_the_list_opens_no_form(qtbot, page, db) -> None:
    from app.services.records import delete_record

    kept = training(db, "Kept training")
    gone = training(db, "Deleted elsewhere", start_date="2012-04-01")
    page.refresh()
    # Deleted without the workspace hearing of it (as by another window or a
    # script): the list still has its id, and its row reads as empty.
    delete_record(db, "activity", gone)
    assert page.select_uid(gone)
    assert page.editor.record is None and not page.editor.delete_button.isEnabled()
    assert page.select_uid(kept)
    assert page.editor.record is not None and page.editor.record.uid == kept


def test_amounts_are_typed_as_in_excel(qtbot, page, db) -> None:
    """ "25,000" and "$1,200.50" are numbers, as Excel takes them (they once were refused)."""
    uid = training(db)
    page.refresh()
    page.select_uid(uid)
    funding = page.editor.funding

    def add_money(typed: str):  # type: ignore[no-untyped-def]
        def fill(dialog: RecordDialog) -> None:
            form = dialog.form
            form.widgets["kind"].set_value("commitment")
            form.widgets["source"].set_value("cafund")
            qtbot.keyClicks(form.widgets["amount"], typed)
            form.widgets["currency"].set_value("USD")
            form.widgets["date"].edit.clear()  # it starts at the activity's date
            qtbot.keyClicks(form.widgets["date"].edit, "2012-02-01")
            dialog._on_save()

        return fill

    for typed in ("25,000", "$1,200.50"):
        _when_dialog_opens(add_money(typed))
        qtbot.mouseClick(funding.add, Qt.MouseButton.LeftButton)
    amounts = sorted(funding.model.index(r, 2).data() for r in range(funding.model.rowCount()))
    assert amounts == ["1,200.50", "25,000.00"]


def test_amount_fields_read_and_show_the_languages_own_signs(qtbot) -> None:
    spec = next(s for s in fields_of("funding") if s.name == "amount")
    field = TextField(spec)
    qtbot.addWidget(field)
    try:
        set_locale("vi")  # "." groups, "," is the decimal sign
        field.setText("150.000.000,5 ₫")
        assert field.value() == "150000000.5"
        field.set_value(Decimal("25000"))
        assert field.text() == "25.000,00"
        assert field.value() == "25000.00"  # what it shows reads back
        field.setText("25000.50")  # as a spreadsheet would paste it
        assert field.value() == "25000.50"
        field.setText("abc")
        assert field.value() == "abc"  # left for the service to refuse with its message
    finally:
        set_locale("en")
