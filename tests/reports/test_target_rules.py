"""Each kind of target counts what it is about: hand-computed fixtures for the one
evaluator (``app.reports.target_rules``), and milestone order flags."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.i18n import country_name
from app.models import Target
from app.reports.figures import ActivityFact, LdcShare, PersonFact, ldc_share
from app.reports.members import LdcMembership
from app.reports.people import PersonIdentity
from app.reports.progress import progress_report
from app.reports.progress_document import progress_document
from app.reports.target_rules import ItemFacts, Period, evaluate_target, target_rules
from app.services.records import create_record
from app.services.reference_data import plan_item_uid

D = dt.date
PLAN = Period(D(2011, 1, 1), D(2013, 12, 31), None, D(2014, 6, 1))
RULES = target_rules("2011-2013")
LDC = LdcMembership(
    [("KH", None, None), ("LA", None, None), ("VN", None, None)],
    [("KH", D(1999, 4, 30), None), ("LA", D(1997, 7, 23), None), ("VN", D(1995, 7, 28), None)]
    + [("TH", D(1967, 8, 8), None), ("TL", D(2025, 10, 26), None), ("CN", None, None)],
)


def _target(kind: str, value: int, period: int, type_: str | None = "meeting") -> Target:
    return Target(
        code="T", kind=kind, activity_type=type_, value=value, period_years=period, title_en="t"
    )


def _act(n: int, type_: str, status: str, day: dt.date, host: str = "CN", owner: str = "SEC"):
    return ActivityFact(f"a{n}", "item", type_, status, day, day, host, owner)


def _person(uid: str, country: str, day: dt.date, activity: str = "a", role_type="training"):
    return PersonFact(activity, "item", role_type, uid, country, day, None, None, None, None)


def _evaluate(kind, value, period, acts=(), people=(), when=PLAN, own_acts=None, country=None):
    t = _target(
        kind, value, period, "training" if "train" in kind or kind == "ldc_share" else "meeting"
    )
    facts = ItemFacts(list(acts), list(people), own_acts, None)
    return evaluate_target("1.1", t, RULES[kind], facts, when, PersonIdentity(), LDC, country)


def test_the_plan_file_declares_every_kind() -> None:
    assert set(RULES) == {
        "events_every_years",
        "events_per_year",
        "trainings_per_year",
        "trainees_total",
        "ldc_share",
    }
    assert RULES["events_every_years"].measure == "gaps"
    assert RULES["trainees_total"].role == "trainee"


def test_interval_counts_held_meetings_of_the_type_as_gaps() -> None:
    # Many activities under 1.1, but only completed meetings count: 2011-03-01 and
    # 2013-09-30. Gaps: 2011-01-01→2011-03-01 (0.2 y), →2013-09-30 (2.6 y), →2013-12-31
    # (0.3 y): all within three years.
    acts = [
        _act(1, "meeting", "completed", D(2011, 3, 1)),
        _act(2, "meeting", "completed", D(2013, 9, 30)),
        _act(3, "study", "completed", D(2012, 1, 1)),
        _act(4, "meeting", "cancelled", D(2012, 6, 1)),
        _act(5, "meeting", "planned", D(2013, 1, 1)),
    ]
    t = _evaluate("events_every_years", 1, 3, acts)
    assert (t.expected, t.actual, t.met) == (1, 2, True)
    assert t.longest_gap == Decimal("2.6")
    assert t.held == (D(2011, 3, 1), D(2013, 9, 30))


def test_interval_fails_on_a_gap_too_long() -> None:
    # Held 2011-02-01 and 2013-06-01 with a two-year limit: the gap is 2.3 years.
    acts = [
        _act(1, "meeting", "completed", D(2011, 2, 1)),
        _act(2, "meeting", "completed", D(2013, 6, 1)),
    ]
    t = _evaluate("events_every_years", 1, 2, acts)
    assert t.longest_gap == Decimal("2.3") and not t.met
    assert t.expected == 2  # two-year periods in three years: ceil(3 / 2)


def test_interval_with_none_held_is_not_met() -> None:
    t = _evaluate("events_every_years", 1, 3, [])
    assert (t.actual, t.met, t.held) == (0, False, ())


def test_per_year_counts_each_distinct_year() -> None:
    # 2011: two forums; 2012: none; 2013: one. Three recorded, yet 2012 misses.
    acts = [
        _act(1, "forum", "completed", D(2011, 3, 1)),
        _act(2, "forum", "completed", D(2011, 9, 1)),
        _act(3, "forum", "completed", D(2013, 5, 1)),
        _act(4, "meeting", "completed", D(2012, 5, 1)),
    ]
    t = evaluate_target(
        "1.2",
        _target("events_per_year", 1, 1, "forum"),
        RULES["events_per_year"],
        ItemFacts(acts, []),
        PLAN,
        PersonIdentity(),
        LDC,
        None,
    )
    assert [(f.year, f.actual) for f in t.by_year] == [(2011, 2), (2012, 0), (2013, 1)]
    assert (t.expected, t.actual, t.met) == (3, 3, False)


def test_people_with_a_role_count_distinct_people_pro_rata_for_a_year() -> None:
    rows = [
        _person("p1", "VN", D(2011, 5, 1)),
        _person("p1", "VN", D(2012, 5, 1)),  # trained twice: one person
        _person("p2", "LA", D(2012, 5, 1)),
        _person("p3", "TH", D(2013, 5, 1), role_type="meeting"),  # not a training
    ]
    t = _evaluate("trainees_total", 100, 3, people=rows)
    assert (t.expected, t.actual, t.met) == (100, 2, False)
    year = _evaluate(
        "trainees_total", 100, 3, people=rows, when=Period(PLAN.start, PLAN.end, 2012, PLAN.as_of)
    )
    assert (year.expected, year.actual) == (Decimal("33.3"), 2)


def test_ldc_share_leaves_china_out() -> None:
    rows = [
        _person("p1", "VN", D(2012, 5, 1)),
        _person("p2", "TH", D(2012, 5, 1)),
        _person("p3", "CN", D(2012, 5, 1)),
        _person("p4", "CN", D(2012, 5, 1)),
        _person("p5", "TL", D(2012, 5, 1)),  # not yet a member in 2012
    ]
    assert ldc_share(rows, PersonIdentity(), LDC) == LdcShare(asean=2, ldc=1, china=2, outside=1)
    t = _evaluate("ldc_share", 50, 3, people=rows)
    assert (t.actual, t.met) == (Decimal("50.0"), True)  # one of two, not one of five


def test_country_contribution_beside_the_region() -> None:
    acts = [
        _act(1, "training", "completed", D(2011, 5, 1)),
        _act(2, "training", "completed", D(2012, 5, 1), "LA", "LA"),
    ]
    t = _evaluate("trainings_per_year", 2, 1, acts, own_acts=[acts[1]], country="LA")
    assert (t.actual, t.contribution, t.country) == (2, 1, "LA")


def test_milestone_met_before_its_earlier_step_is_flagged(db) -> None:
    # The first report published (4.1.4b) while the design (4.1.4a) was never started.
    create_record(
        db,
        "activity",
        {
            "item_uid": plan_item_uid("4.1"),
            "title": "China–ASEAN Environment Outlook 1",
            "type": "report",
            "status": "completed",
            "start_date": "2012-10-01",
            "host_country": "VN",
        },
    )
    report = progress_report(db, as_of=D(2013, 1, 1))
    ms = {m.code: m for i in report.items for m in i.milestones}
    assert ms["4.1.4b"].status == "met_on_time" and ms["4.1.4b"].out_of_order
    assert ms["4.1.4b"].after == "4.1.4a" and ms["4.1.4a"].status == "overdue"
    assert not ms["4.1.4a"].out_of_order
    assert [m.code for m in report.out_of_order()] == ["4.1.4b"]
    table = next(
        b
        for s in progress_document(report).sections
        for b in s.blocks
        if getattr(b, "title", "") == "Milestones"
    )
    flagged = [r for r in table.rows if "out of order" in r[4].text]
    assert len(flagged) == 1 and "4.1.4a" in flagged[0][4].text
    # Once the design is done first, nothing is flagged.
    create_record(
        db,
        "activity",
        {
            "item_uid": plan_item_uid("4.1"),
            "title": "Outlook design workshop",
            "type": "study",
            "status": "completed",
            "start_date": "2011-09-01",
            "host_country": "VN",
        },
    )
    assert progress_report(db, as_of=D(2013, 1, 1)).out_of_order() == []


def test_country_report_shows_the_region_target_and_its_part(report_db) -> None:
    db, _ids = report_db
    report = progress_report(db, country="LA", as_of=D(2012, 6, 1))
    targets = next(
        b
        for s in progress_document(report).sections
        for b in s.blocks
        if getattr(b, "title", "") == "Targets against what is recorded"
    )
    headers = [c.header for c in targets.columns]
    assert f"Contribution of {country_name('LA')}" in headers
    row = next(r for r in targets.rows if r[1].value.startswith("About 100 trainees"))
    assert [c.text for c in row[2:5]] == ["100", "5", "1"]
    assert "whole region's" in targets.note
