"""Progress against the plan, checked against the hand-built database (see conftest)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.reports.progress import progress_report
from app.reports.training import training_report
from tests.reports.conftest import AS_OF


def _items(report):
    return {i.code: i for i in report.items}


def _milestones(report):
    return {m.code: m for i in report.items for m in i.milestones}


def _targets(report):
    return {t.code: t for i in report.items for t in i.targets}


def test_region_whole_plan_milestones(report_db) -> None:
    db, _ids = report_db
    report = progress_report(db, as_of=AS_OF)
    ms = _milestones(report)
    assert ms["1.2.3"].status == "met_on_time"
    assert ms["1.2.3"].met_on == dt.date(2011, 11, 12)
    assert ms["2.4.2"].status == "met_late"
    assert ms["2.5.4"].status == "met_on_time"
    assert ms["2.5.4"].met_on == dt.date(2011, 5, 10)
    assert ms["4.1.4a"].status == "overdue"  # its study was cancelled
    assert ms["4.1.4b"].status == "due"
    assert report.milestone_counts() == {"met_on_time": 2, "met_late": 1, "due": 5, "overdue": 2}


def test_region_whole_plan_activities_and_targets(report_db) -> None:
    db, _ids = report_db
    report = progress_report(db, as_of=AS_OF)
    items = _items(report)
    assert [i.code for i in report.items][:3] == ["1.1", "1.2", "2.4"]
    assert items["2.5"].status_counts["completed"] == 3
    assert items["2.5"].status_counts["planned"] == 1
    assert items["4.1"].status_counts["cancelled"] == 1
    assert sum(i.activity_total for i in report.items) == 7
    t = _targets(report)
    assert (t["2.5-T1"].expected, t["2.5-T1"].actual, t["2.5-T1"].met) == (6, 3, False)
    assert [(f.year, f.actual) for f in t["2.5-T1"].by_year] == [(2011, 1), (2012, 1), (2013, 1)]
    assert (t["2.5-T2"].expected, t["2.5-T2"].actual) == (100, 5)  # five people, nine rows
    # VN, LA, KH of the four trainees from ASEAN members (P4, from China, apart).
    assert t["2.5-T3"].actual == Decimal("75.0") and t["2.5-T3"].met
    assert (t["1.2-T1"].expected, t["1.2-T1"].actual) == (3, 1)
    assert (t["1.1-T1"].expected, t["1.1-T1"].actual, t["1.1-T1"].met) == (1, 0, False)


def test_one_country_counts_owned_or_hosted(report_db) -> None:
    db, _ids = report_db
    report = progress_report(db, country="LA", as_of=AS_OF)
    assert sum(i.activity_total for i in report.items) == 1  # A3, owned by and hosted in LA
    ms = _milestones(report)
    assert ms["2.5.4"].status == "met_late"  # LA's first training ended 2012-03-05
    assert ms["1.2.3"].status == "overdue"
    # The target is the region's (five people); Lao PDR's contribution is its own
    # people, as in the training report: only P2.
    t = _targets(report)["2.5-T2"]
    assert (t.expected, t.actual, t.country, t.contribution) == (100, 5, "LA", 1)
    assert t.contribution == training_report(db, country="LA").trainees
    sessions = _targets(report)["2.5-T1"]
    assert (sessions.actual, sessions.contribution) == (3, 1)  # A3 is Lao PDR's


def test_one_year(report_db) -> None:
    db, _ids = report_db
    report = progress_report(db, year=2012, as_of=AS_OF)
    items = _items(report)
    assert items["2.5"].status_counts["completed"] == 1
    assert items["2.5"].status_counts["planned"] == 1
    assert items["2.4"].status_counts["completed"] == 1
    assert sorted(_milestones(report)) == ["2.6.1", "3.1.3", "3.3.2", "4.2.5"]
    assert set(report.milestone_counts().values()) == {0, 4}
    t = _targets(report)
    assert (t["2.5-T1"].expected, t["2.5-T1"].actual) == (2, 1)
    assert t["2.5-T2"].expected == Decimal("33.3")
    assert t["2.5-T2"].actual == 3


def test_as_of_moves_due_to_overdue(report_db) -> None:
    db, _ids = report_db
    report = progress_report(db, as_of=dt.date(2014, 1, 1))
    assert report.milestone_counts() == {"met_on_time": 2, "met_late": 1, "due": 0, "overdue": 7}
