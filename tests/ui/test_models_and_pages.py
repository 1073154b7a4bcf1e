"""Every list model passes Qt's model checks; other pages open and show what they should."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.demo import generate_demo
from app.reports.progress import progress_report
from app.reports.training import training_report
from app.services.listing import LIST_KINDS, count_rows, fetch_rows
from app.services.records import create_record, list_records
from app.ui.dashboard.dashboard_page import DashboardPage
from app.ui.plan.plan_page import PlanPage
from app.ui.records.list_model import RecordListModel
from app.ui.records.list_page import RecordListPage
from app.ui.records.workspace import Workspace
from app.ui.settings.settings_page import SettingsPage
from tests.ui.conftest import OFFSCREEN_NOISE, person, training

pytestmark = OFFSCREEN_NOISE


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory):
    from app.services.office import init_office

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    db = init_office(path, "SEC", demo=True)
    generate_demo(db, 2000, 3)
    db.close()
    return path


@pytest.fixture
def demo_db(demo_path):
    from app.store import open_database

    db = open_database(demo_path)
    yield db
    db.close()


@pytest.mark.parametrize("kind", LIST_KINDS)
def test_list_models_pass_the_model_tester(qtmodeltester, demo_db, kind) -> None:
    model = RecordListModel(demo_db, kind)
    model.refresh()
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)


def test_every_row_counts_at_once_and_loads_a_page_at_a_time(qtbot, demo_db) -> None:
    model = RecordListModel(demo_db, "person", page_size=100)
    model.refresh()
    total = count_rows(demo_db, "person")
    assert total > 500
    assert model.rowCount() == model.matching == total
    assert model.pages_loaded == 0
    last = fetch_rows(demo_db, "person", model.query, total - 1, 1)[0]
    assert model.data(model.index(total - 1, 0), Qt.ItemDataRole.UserRole) == last.uid
    assert model.pages_loaded == 0  # the id is known without reading the row
    assert model.row_at(total - 1) == last
    assert model.data(model.index(total - 1, 0)) == last.values[0]
    assert model.pages_loaded == 1


def test_person_page_shows_the_activities_of_a_person(qtbot, db) -> None:
    activity = training(db, "EIA training")
    lan = person(db, "Tran Thi Lan")
    create_record(
        db, "participation", {"activity_uid": activity, "person_uid": lan, "role": "trainee"}
    )
    page = RecordListPage(Workspace(db), "person")
    qtbot.addWidget(page)
    page.show()
    page.set_filter("role", "trainee")
    assert page.model.rowCount() == 1
    page.select_uid(lan)
    panel = page.editor.activities
    assert panel is not None and panel.model.index(0, 0).data() == "EIA training"
    assert panel.model.index(0, 2).data() == "Trainee"


def test_person_form_says_when_contacts_are_withheld(qtbot, db) -> None:
    from tests.ui.conftest import insert_foreign

    quiet = insert_foreign(db, "person", "KH", name="Sok Quiet", country="KH", consent=False)
    told = insert_foreign(
        db, "person", "KH", name="Sok Open", country="KH", consent=True, email="o@kh.example"
    )
    own = person(db, "Tran Thi Lan")
    page = RecordListPage(Workspace(db), "person")
    qtbot.addWidget(page)
    page.show()
    email = page.editor.form.widgets["email"]
    phone = page.editor.form.widgets["phone"]
    page.select_uid(quiet)
    assert email.text() == "" and email.placeholderText() == "Withheld (no consent to contact)"
    assert phone.placeholderText() == "Withheld (no consent to contact)"
    page.select_uid(told)
    assert email.text() == "o@kh.example" and email.placeholderText() == ""
    page.select_uid(own)  # this office's own person without consent: its own data
    assert email.placeholderText() == ""


def test_green_envoy_page_creates_an_envoy_for_a_person(qtbot, db) -> None:
    lan = person(db, "Tran Thi Lan")
    page = RecordListPage(Workspace(db), "green_envoy")
    qtbot.addWidget(page)
    page.show()
    page.new_record()
    form = page.editor.form
    form.widgets["person_uid"].set_value(lan)
    assert form.widgets["person_uid"].shown.text() == "Tran Thi Lan (Vietnam)"
    form.widgets["sector"].set_value("school")
    qtbot.keyClicks(form.widgets["year"], "2012")
    assert page.editor.save()
    assert page.model.data(page.model.index(0, 0)) == "Tran Thi Lan"
    assert page.model.data(page.model.index(0, 2)) == "School"


def test_dashboard_shows_trainings_trainees_and_milestones(qtbot, db) -> None:
    # Within the plan period: the dashboard shows the reports' whole-plan figures.
    activity = training(db, "EIA training", start_date="2012-01-10")
    create_record(
        db,
        "participation",
        {"activity_uid": activity, "person_uid": person(db, "Lan"), "role": "trainee"},
    )
    create_record(
        db,
        "funding",
        {
            "activity_uid": activity,
            "kind": "commitment",
            "source": "cafund",
            "amount": "5000",
            "currency": "USD",
            "date": "2012-01-01",
        },
    )
    page = DashboardPage(Workspace(db))
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitUntil(lambda: not page.counting)  # counted off the UI thread
    assert page.trainees.value.text() == "1"
    # A country office: its own nationals, beside the region's figure of the target.
    assert "Region: 1 of about 100" in page.trainees.detail.text()
    assert page.ldc.value.text() == "100 %"
    # Viet Nam's office is told why: Viet Nam counts as least developed, and where that is set.
    assert "Vietnam counts as a least-developed member" in page.cards.ldc_words.text()
    assert "Settings page" in page.cards.ldc_words.text()
    assert "Vietnam" in page.scope.text()
    assert page.milestone_model.rowCount() == 10
    assert "$5,000.00" in page.money_note.text()
    assert page.training_chart.series()


def test_dashboard_agrees_with_the_printed_reports(qtbot, db) -> None:
    training(db, "EIA training", start_date="2011-06-01")
    training(db, "Monitoring training", start_date="2012-06-01")
    page = DashboardPage(Workspace(db))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.counting)
    report = training_report(db, country="VN")
    assert page.trainings.value.text() == str(report.sessions) == "2"
    counts = progress_report(db, country="VN").milestone_counts()
    met = counts["met_on_time"] + counts["met_late"]
    assert page.milestones_card.value.text() == f"{met} / {sum(counts.values())}"
    assert f"{counts['overdue']} overdue" in page.milestones_card.detail.text()


def test_dashboard_follows_changes(qtbot, db) -> None:
    ws = Workspace(db)
    page = DashboardPage(ws)
    qtbot.addWidget(page)
    page.show()  # the figures are counted on the worker thread
    qtbot.waitUntil(lambda: page.trainings.value.text() == "0")
    ws.create(
        "activity",
        {
            "item_uid": list_records(db, "plan_item", code="2.5")[0].uid,
            "title": "Training",
            "type": "training",
            "status": "completed",
            "start_date": "2012-02-01",
        },
    )
    qtbot.waitUntil(lambda: page.trainings.value.text() == "1")


def test_plan_page_lists_items_and_opens_their_activities(qtbot, db) -> None:
    page = PlanPage(Workspace(db))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.counting)  # read on the worker thread
    model = page.model
    assert model.rowCount() == 4
    area = model.index(1, 0)
    item = next(
        model.index(r, 0, area)
        for r in range(model.rowCount(area))
        if model.index(r, 0, area).data() == "2.5"
    )
    assert "Capacity-building" in item.siblingAtColumn(1).data()
    with qtbot.waitSignal(page.open_item) as blocker:
        page.tree.activated.emit(item)
    assert blocker.args[0] == list_records(db, "plan_item", code="2.5")[0].uid


def test_settings_least_developed_members(qtbot, db, sec_db) -> None:
    country = SettingsPage(Workspace(db))
    qtbot.addWidget(country)
    assert country.ldc_boxes["KH"].isChecked() and not country.ldc_boxes["KH"].isEnabled()
    secretariat = SettingsPage(Workspace(sec_db))
    qtbot.addWidget(secretariat)
    box = secretariat.ldc_boxes["KH"]
    assert box.isEnabled()
    box.setChecked(False)
    assert not list_records(sec_db, "least_developed_member", country="KH")
    secretariat.ws.undo_stack.undo()
    assert list_records(sec_db, "least_developed_member", country="KH")
    secretariat.backups.setValue(25)
    from app.services.office_status import backups_kept

    assert backups_kept(sec_db) == 25
