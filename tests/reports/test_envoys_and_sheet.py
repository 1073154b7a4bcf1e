"""Green envoys and the activity sheet, checked against the hand-built database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.errors import NotFoundError
from app.reports.activity_sheet import activity_choices, activity_sheet
from app.reports.envoys import envoys_report


def test_envoys_region_whole_plan(report_db) -> None:
    db, _ids = report_db
    r = envoys_report(db)
    assert r.total == 3  # P1 named twice counts once; P5 was named in 2014
    assert r.by_country == {"LA": 1, "TH": 1, "VN": 1}
    assert r.by_sector == {"school": 1, "government": 1, "enterprise": 1}
    assert r.by_year == {2011: 1, 2012: 2, 2013: 1}
    assert r.by_country_sector["VN"]["school"] == 1


def test_envoys_country_and_year(report_db) -> None:
    db, _ids = report_db
    assert envoys_report(db, country="VN").total == 1
    assert envoys_report(db, year=2012).total == 2


def test_activity_sheet(report_db) -> None:
    db, ids = report_db
    s = activity_sheet(db, ids["A2"])
    assert s.item_code == "2.5" and s.topic == "eia"
    assert s.role_counts() == {"trainee": 3}
    assert s.partners == [("Ministry of Natural Resources and Environment", "VN", "co-organiser")]
    assert [(m.kind, m.converted) for m in s.money] == [
        ("commitment", Decimal("15000.00")),
        ("disbursement", Decimal("7500.00")),
    ]
    assert s.outputs[0][1] == "Training report"


def test_activity_sheet_unknown_id(report_db) -> None:
    db, _ids = report_db
    with pytest.raises(NotFoundError):
        activity_sheet(db, "no-such-id")


def test_activity_choices_search(report_db) -> None:
    db, ids = report_db
    found = activity_choices(db, "Vientiane")
    assert [uid for uid, _label in found] == [ids["A3"]]
    assert "2012-03-01" in found[0][1]
