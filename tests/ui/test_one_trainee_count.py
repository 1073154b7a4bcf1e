"""One count of trainees: the Dashboard, the Action plan page, the progress report and
the capacity-building report show the same number on the same (demo) database,
because all of them count through ``app.reports.trainees.plan_trainees``."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.demo import generate_demo
from app.i18n import format_number
from app.reports.progress import progress_report
from app.reports.trainees import plan_trainees
from app.reports.training import training_report
from app.services.office import init_office
from app.services.reference_data import plan_item_uid
from app.ui.plan.plan_tree_model import STANDING
from app.ui.shell.main_window import MainWindow
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = OFFSCREEN_NOISE


@pytest.mark.parametrize("site", ["SEC", "LA"])
def test_demo_trainees_read_the_same_everywhere(qtbot, tmp_path: Path, site: str) -> None:
    db = init_office(tmp_path / "demo.sqlite", site, demo=True)
    generate_demo(db, 1500, 5)
    country = None if site == "SEC" else site
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.show_page("dashboard")
    qtbot.waitUntil(lambda: not dashboard.counting and dashboard.figures is not None)
    plan = window.show_page("plan")
    qtbot.waitUntil(lambda: not plan.counting and plan.model.report is not None)

    training = training_report(db, country=country)
    progress = progress_report(db, country=country)
    target = next(t for i in progress.items for t in i.targets if t.code == "2.5-T2")
    with db.read_session() as session:
        plan_years = progress.header.plan.years
        trainees = plan_trainees(session, progress.header.plan.code, plan_years)
    region, own = trainees.count(None), trainees.count(country)
    assert region > 10  # the demo trains people: a count of nothing proves nothing
    assert training.region_trainees == target.actual == region
    assert training.trainees == own
    assert dashboard.trainees.value.text() == format_number(own)
    row = plan.model.index_of_key(f"target:{plan_item_uid('2.5')}/2.5-T2")
    shown = row.siblingAtColumn(STANDING).data()
    assert shown.startswith(f"{format_number(region)} of 100") or (
        country is not None and f"Region: {format_number(region)} of 100" in shown
    )
    if country is not None:
        assert 0 < own < region and target.contribution == own
        assert shown.endswith(f"contributed {format_number(own)}")
    db.close()
