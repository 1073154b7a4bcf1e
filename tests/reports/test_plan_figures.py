"""The figures the dashboard and the action-plan page show, read from the report
data functions (formerly ``app.services.plan_progress``), on a small VN office."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.reports.funding import funding_report
from app.reports.progress import progress_report
from app.reports.training import training_report
from app.services.records import create_record
from app.services.reference_data import plan_item_uid


def _training(db, title: str, year: int) -> str:
    return create_record(
        db,
        "activity",
        {
            "item_uid": plan_item_uid("2.5"),
            "title": title,
            "type": "training",
            "status": "completed",
            "start_date": f"{year}-05-01",
            "host_country": "VN",
        },
    ).uid


def test_progress_counts_trainings_trainees_and_money(db) -> None:
    activity = _training(db, "EIA training", 2012)
    for name, country in (("Lan", "VN"), ("Somchai", "TH")):
        p = create_record(db, "person", {"name": name, "country": country}).uid
        create_record(
            db, "participation", {"activity_uid": activity, "person_uid": p, "role": "trainee"}
        )
    create_record(
        db,
        "funding",
        {
            "activity_uid": activity,
            "kind": "commitment",
            "source": "cafund",
            "amount": "1000",
            "currency": "USD",
            "date": "2012-01-01",
        },
    )
    training = training_report(db, country="VN")
    assert {y.year: y.sessions for y in training.years if y.sessions} == {2012: 1}
    # A focal point counts its own nationals only.
    assert training.trainees == 1 and training.ldc_trainees == 1
    money = {row.key: row for row in funding_report(db, country="VN").by_source}
    assert money["cafund"].committed == Decimal("1000.00")
    progress = progress_report(db, country="VN", as_of=dt.date(2012, 6, 1))
    item = next(i for i in progress.items if i.code == "2.5")
    assert item.milestones[0].status in ("met_on_time", "met_late")
    website = next(i for i in progress.items if i.code == "2.6")
    assert website.milestones[0].status == "due"
    later = progress_report(db, country="VN", as_of=dt.date(2013, 1, 1))
    assert next(i for i in later.items if i.code == "2.6").milestones[0].status == "overdue"


def test_items_carry_uid_area_and_target_period(db) -> None:
    report = progress_report(db, as_of=dt.date(2012, 6, 1))
    item = next(i for i in report.items if i.code == "2.5")
    assert item.uid == plan_item_uid("2.5")
    assert item.area_en and all(i.area_en for i in report.items)
    every = [t for i in report.items for t in i.targets if t.kind == "events_every_years"]
    assert every and all(t.period_years > 1 for t in every)
