"""The People page's likely duplicates: the list of open pairs with Link and Different,
and a warning with the candidates when a new person who may be recorded is saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.reports.training import training_report
from app.services.records import create_record, list_records
from app.ui.records.duplicates_dialog import DuplicatesDialog
from app.ui.records.list_page import RecordListPage
from app.ui.records.workspace import Workspace
from tests.ui.conftest import OFFSCREEN_NOISE, training

pytestmark = OFFSCREEN_NOISE


@pytest.fixture
def page(qtbot, db):
    page = RecordListPage(Workspace(db), "person")
    qtbot.addWidget(page)
    page.resize(1300, 800)
    page.show()
    return page


def _people(db) -> list[str]:
    org = create_record(db, "organisation", {"name": "MONRE", "type": "ministry", "country": "VN"})
    act = training(db)
    uids = []
    for name in ("Nguyễn Văn Minh", "NGUYEN Van Minh", "Tran Thi Lan", "TRẦN THỊ LAN"):
        values = {"name": name, "country": "VN", "organisation_uid": org.uid}
        uid = create_record(db, "person", values).uid
        create_record(
            db, "participation", {"activity_uid": act, "person_uid": uid, "role": "trainee"}
        )
        uids.append(uid)
    return uids


def test_open_pairs_are_listed_and_linked_or_kept_apart(qtbot, page, db) -> None:
    _people(db)
    assert training_report(db).trainees == 4
    qtbot.mouseClick(page.duplicates_button, Qt.MouseButton.LeftButton)  # as a user opens it
    dialog = page.findChild(DuplicatesDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 2
    assert "2 pairs of records may be one" in dialog.note.text()
    assert not dialog.link_button.isEnabled()  # nothing chosen yet
    evidence = dialog.table.item(0, 3).text()
    assert "similar names" in evidence and "same organisation" in evidence
    assert dialog.table.item(0, 0).text() == "75"

    dialog.table.selectRow(0)
    assert dialog.link_button.isEnabled()
    qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1
    assert training_report(db).trainees == 3  # the linked two count once
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.different_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0 and "0 pairs" in dialog.note.text()
    decisions = sorted(r["verdict"] for r in list_records(db, "identity_link"))
    assert decisions == ["different", "same"]
    assert training_report(db).trainees == 3
    # Edit › Undo takes a decision back like any other change.
    assert page.ws.undo_stack.count() == 2
    page.ws.undo_stack.undo()
    page.ws.undo_stack.undo()
    assert [r for r in list_records(db, "identity_link") if not r.deleted] == []
    assert training_report(db).trainees == 4
    dialog.refresh()
    assert dialog.table.rowCount() == 2


def test_saving_a_new_person_warns_with_the_candidates(qtbot, page, db) -> None:
    create_record(
        db, "person", {"name": "Somchai Jaidee", "country": "TH", "email": "sj@onep.go.th"}
    )
    page.new_record()
    form = page.editor.form
    qtbot.keyClicks(form.widgets["name"], "S. Jaidee")
    form.widgets["country"].set_value("TH")
    qtbot.keyClicks(form.widgets["email"], "SJ@onep.go.th")
    assert page.duplicate_warning.isHidden()
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert len(list_records(db, "person")) == 2  # saved all the same: a warning, not a refusal
    assert page.duplicate_warning.isVisible()
    text = page.duplicate_warning.text()
    assert "“S. Jaidee” may be someone already recorded" in text and "Somchai Jaidee" in text
    dialog = page.show_duplicates()
    qtbot.addWidget(dialog)
    assert page.duplicate_warning.isHidden()
    assert dialog.table.rowCount() == 1 and "same e-mail" in dialog.table.item(0, 3).text()


def test_a_person_with_no_likely_duplicate_saves_without_a_warning(qtbot, page, db) -> None:
    create_record(db, "person", {"name": "Somchai Jaidee", "country": "TH"})
    page.new_record()
    qtbot.keyClicks(page.editor.form.widgets["name"], "Tran Thi Lan")
    page.editor.form.widgets["country"].set_value("VN")
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert len(list_records(db, "person")) == 2
    assert page.duplicate_warning.isHidden()


def test_a_link_moves_the_dashboard_and_the_plan_page_to_one_person(qtbot, db) -> None:
    from app.services.reference_data import plan_item_uid
    from app.ui.plan.plan_tree_model import STANDING
    from app.ui.shell.main_window import MainWindow

    a, b, _c, _d = _people(db)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.show_page("dashboard")
    qtbot.waitUntil(lambda: not dashboard.counting and dashboard.figures is not None)
    assert dashboard.trainees.value.text() == "4"
    window.ws.decide(a, b, "same")
    qtbot.waitUntil(lambda: not dashboard.counting and dashboard.trainees.value.text() == "3")
    plan = window.show_page("plan")
    qtbot.waitUntil(lambda: not plan.counting and plan.model.report is not None)
    row = plan.model.index_of_key(f"target:{plan_item_uid('2.5')}/2.5-T2")
    assert "Region: 3 of 100" in row.siblingAtColumn(STANDING).data()


def test_the_birth_year_is_checked_on_the_form_and_finds_a_namesake(qtbot, page, db) -> None:
    """A birth year before 1900 or after this year is refused beside its field; a year in
    common with someone of the same name in another ministry makes them a candidate."""
    env = create_record(db, "organisation", {"name": "MoE", "type": "ministry", "country": "KH"})
    agri = create_record(db, "organisation", {"name": "MAFF", "type": "ministry", "country": "KH"})
    values = {"name": "Sok Dara", "country": "KH", "organisation_uid": env.uid}
    create_record(db, "person", values | {"birth_year": 1979})
    page.new_record()
    form = page.editor.form
    assert "birth_year" in form.widgets
    qtbot.keyClicks(form.widgets["name"], "Dara SOK")
    form.widgets["country"].set_value("KH")
    form.widgets["organisation_uid"].set_value(agri.uid)
    qtbot.keyClicks(form.widgets["birth_year"], "1879")
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert "from 1900 to" in form.problem_text("birth_year")
    assert len(list_records(db, "person")) == 1  # refused: nothing saved
    form.widgets["birth_year"].clear()
    qtbot.keyClicks(form.widgets["birth_year"], "1979")
    qtbot.mouseClick(page.editor.save_button, Qt.MouseButton.LeftButton)
    assert len(list_records(db, "person")) == 2
    assert page.duplicate_warning.isVisible()
    assert "Sok Dara" in page.duplicate_warning.text()


def test_organisations_linked_in_the_dialog_show_once_in_the_list(qtbot, db) -> None:
    for _n in range(3):  # three offices' copies of one partner
        create_record(
            db,
            "organisation",
            {"name": "ASEAN Centre for Biodiversity", "type": "intergovernmental", "country": "PH"},
        )
    page = RecordListPage(Workspace(db), "organisation")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    dialog = page.show_duplicates()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3)
    for _n in range(2):  # two links make one of three
        dialog.table.selectRow(0)
        qtbot.mouseClick(dialog.link_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # the list follows the links
