"""One database, every screen and report: the same figure reads the same everywhere.

The hand-built secretariat database of tests/reports/conftest.py: item 2.5 holds
four activities (A2, A3, A4, A7), three of them completed trainings; five people
were trained (P1 and P3 twice), four of them from ASEAN members, three of those
least developed (VN, LA, KH): 75 %. P4 from China is counted apart.
"""

from __future__ import annotations

from pathlib import Path

from app.reports.figures import plan_count_scope_text
from app.reports.progress import progress_report
from app.reports.progress_document import progress_document
from app.reports.training import training_report
from app.reports.training_document import training_document
from app.services.reference_data import plan_item_uid
from app.ui.plan.plan_tree_model import ACTIVITIES
from app.ui.shell.main_window import MainWindow
from tests.reports.conftest import build_report_db
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


def _table(document, title):
    return next(b for s in document.sections for b in s.blocks if getattr(b, "title", "") == title)


def test_every_screen_and_report_shows_the_same_numbers(qtbot, tmp_path: Path) -> None:
    db, _ids = build_report_db(tmp_path / "sec.sqlite")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()

    dashboard = window.show_page("dashboard")
    qtbot.waitUntil(lambda: not dashboard.counting and dashboard.figures is not None)
    plan = window.show_page("plan")
    qtbot.waitUntil(lambda: not plan.counting and plan.model.report is not None)
    item = plan.model.index_of_key(f"item:{plan_item_uid('2.5')}")
    plan_count = item.siblingAtColumn(ACTIVITIES).data()
    plan.open_item.emit(plan_item_uid("2.5"))
    activities = window.pages["activity"]
    qtbot.waitUntil(lambda: activities.model.rowCount() > 0)

    progress = progress_report(db)
    training = training_report(db)
    item_progress = next(i for i in progress.items if i.code == "2.5")
    targets = {t.code: t for t in item_progress.targets}
    progress_rows = _table(progress_document(progress), "Activities per plan item, by status")
    training_rows = _table(training_document(training), "Sessions and trainees per year")

    # Activities of item 2.5: Action plan tree, Activities list, progress report.
    assert plan_count == "4"
    assert activities.model.rowCount() == 4 and activities.count.text() == "4 of 7 shown"
    assert item_progress.activity_total == 4
    row = next(r for r in progress_rows.rows if r[0].text == "2.5")
    assert row[-1].text == "4"
    # Training sessions: Dashboard card, progress target, training report and its table.
    assert dashboard.trainings.value.text() == "3"
    assert targets["2.5-T1"].actual == training.sessions == 3
    assert training_rows.rows[-1][1].text == "3"
    # Trainees: Dashboard card, progress target, training report and its table.
    assert dashboard.trainees.value.text() == "5"
    assert targets["2.5-T2"].actual == training.trainees == 5
    assert training_rows.rows[-1][3].text == "5"
    # The least-developed share: Dashboard card, progress target, training report.
    assert dashboard.ldc.value.text() == "75 %"
    assert targets["2.5-T3"].actual == 75 and training.ldc_share == 0.75
    ldc_table = _table(training_document(training), "Trainees from least-developed members")
    assert [r[1].text for r in ldc_table.rows] == ["3", "1", "1"]  # LDC, other ASEAN, China
    # The scope is said in words beside the numbers.
    assert plan.scope.text() == plan_count_scope_text(None)
    assert "whole region" in dashboard.scope.text()
    assert "Settings page" in dashboard.cards.ldc_words.text()
    db.close()
