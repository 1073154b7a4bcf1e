"""Capacity building (item 2.5), checked against the hand-built database (see conftest)."""

from __future__ import annotations

from app.i18n import country_name
from app.reports.people import PersonIdentity
from app.reports.training import training_report


def test_region_whole_plan(report_db) -> None:
    db, _ids = report_db
    r = training_report(db)
    assert [(y.year, y.sessions, y.trainees) for y in r.years] == [
        (2011, 1, 3),
        (2012, 1, 3),
        (2013, 1, 1),
    ]
    assert r.sessions == 3
    assert r.trainees == 5  # P1 trained twice and P3 twice count once each
    # VN, LA and KH of the four from ASEAN members; P4 from China counts apart.
    assert r.ldc_trainees == 3 and r.ldc_share == 0.75
    assert (r.shares.asean, r.shares.china, r.shares.outside) == (4, 1, 0)
    for code in ("KH", "LA", "MM", "VN", "TL"):
        assert country_name(code) in r.ldc_words
    assert "Settings page" in r.ldc_words and "1 trainee from China" in r.ldc_words
    assert r.certificates == 3
    assert r.sessions_per_year_target == 2 and r.trainees_target == 100
    assert r.by_country == {"CN": 1, "KH": 1, "LA": 1, "TH": 1, "VN": 1}
    assert r.by_gender == {"f": 2, "m": 2, "x": 1}
    assert r.by_category == {"official": 2, "academic": 1, "expert": 1, "youth": 1}
    assert r.by_topic == {"eia": 3, "policy_law": 3}


def test_one_country_counts_its_people(report_db) -> None:
    db, _ids = report_db
    r = training_report(db, country="LA")
    assert r.trainees == 1  # only P2 is from Lao PDR
    # A3, owned by and hosted in LA: the country rule of every activity count.
    assert r.sessions == 1
    assert r.by_country == {"LA": 1}
    assert (r.region_sessions, r.region_trainees) == (3, 5)
    assert f"{country_name('LA')} counts as a least-developed member" in r.ldc_words


def test_vietnam_sees_why_its_share_is_whole(report_db) -> None:
    db, _ids = report_db
    r = training_report(db, country="VN")
    assert r.trainees == 1 and r.ldc_share == 1.0  # P1
    assert f"{country_name('VN')} counts as a least-developed member" in r.ldc_words


def test_one_year(report_db) -> None:
    db, _ids = report_db
    r = training_report(db, year=2012)
    assert (r.sessions, r.trainees, r.ldc_trainees, r.certificates) == (1, 3, 2, 1)


def test_linked_people_count_once() -> None:
    identity = PersonIdentity({"b": "a", "c": "b"})
    assert identity.distinct(["a", "b", "c", "d"]) == {"a", "d"}
    assert PersonIdentity({"x": "y", "y": "x"}).canonical_person("x") in {"x", "y"}
