"""Locked years at the secretariat and at a country: who may lock, what a lock covers."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import AcecError, ReadOnlyError, YearLockedError
from app.models import YearLock
from app.services.certificates import issue_certificates
from app.services.locks import grant_exception, is_locked, lock_year, unlock_year, year_locks
from app.services.records import create_record, delete_record, get_record, update_record
from app.services.reference_data import plan_item_uid


def activity(db, day: dt.date | None, title: str = "EIA training"):
    return create_record(
        db,
        "activity",
        {
            "item_uid": plan_item_uid("2.5"),
            "title": title,
            "type": "training",
            "status": "completed",
            "start_date": day,
        },
    )


def test_only_the_secretariat_locks(db) -> None:
    with pytest.raises(ReadOnlyError, match="Only the joint secretariat"):
        lock_year(db, "VN", 2011)
    with pytest.raises(ReadOnlyError, match="Only the joint secretariat"):
        grant_exception(db, "x")


def test_lock_unlock_is_one_record_with_new_versions(sec_db) -> None:
    first = lock_year(sec_db, "kh", 2011)
    assert (first.country, first.year, first.locked, first.changed) == ("KH", 2011, True, True)
    assert not lock_year(sec_db, "KH", 2011).changed  # already locked: no new version
    version = get_record(sec_db, "year_lock", first.uid).version
    lifted = unlock_year(sec_db, "KH", 2011)
    assert lifted.uid == first.uid and not lifted.locked and lifted.changed
    stored = get_record(sec_db, "year_lock", first.uid)
    assert stored["lifted"] is True and stored.version > version
    assert lock_year(sec_db, "KH", 2011).uid == first.uid
    assert [(i.country, i.year, i.locked) for i in year_locks(sec_db)] == [("KH", 2011, True)]


def test_bad_country_or_year_refused(sec_db) -> None:
    with pytest.raises(AcecError, match="Unknown country “XX”"):
        lock_year(sec_db, "XX", 2011)
    with pytest.raises(AcecError, match="between 2000 and 2100"):
        lock_year(sec_db, "KH", 11)


def test_exception_only_for_kinds_a_lock_covers(sec_db) -> None:
    org = create_record(sec_db, "organisation", {"name": "Centre", "type": "ministry"})
    with pytest.raises(AcecError, match="not of a kind a year lock covers"):
        grant_exception(sec_db, org.uid)
    held_back = "3f1e2d3c-4b5a-4697-8877-665544332211"  # a record the secretariat never got
    info = grant_exception(sec_db, held_back)
    assert info.changed and info.record_kind is None
    assert not grant_exception(sec_db, held_back).changed


def test_year_of_each_kind(make_db) -> None:
    """Parts count in their activity's year, funding in its own date's, envoys in theirs."""
    kh = make_db("KH")
    act = activity(kh, dt.date(2011, 5, 2))
    undated = activity(kh, None, "Someday")
    person = create_record(kh, "person", {"name": "Sok", "country": "KH"})
    part = create_record(
        kh, "participation", {"activity_uid": act.uid, "person_uid": person.uid, "role": "trainee"}
    )
    paid_later = create_record(
        kh,
        "funding",
        {
            "activity_uid": act.uid,
            "kind": "disbursement",
            "source": "cafund",
            "amount": "10",
            "currency": "USD",
            "date": dt.date(2012, 1, 3),
        },
    )
    envoy = create_record(
        kh, "green_envoy", {"person_uid": person.uid, "sector": "school", "year": 2011}
    )
    _lock_at_country(kh, 2011)
    assert is_locked(kh, "activity", act.uid).year == 2011
    assert is_locked(kh, "participation", part.uid).year == 2011
    assert is_locked(kh, "green_envoy", envoy.uid).year == 2011
    assert is_locked(kh, "funding", paid_later.uid) is None
    assert is_locked(kh, "activity", undated.uid) is None
    assert is_locked(kh, "person", person.uid) is None
    update_record(kh, "person", person.uid, {"name": "Sok Dara"})  # people stay correctable


def _lock_at_country(db, year: int) -> None:
    """A lock as it arrives in a package, written straight into a country's database."""
    with db.session() as session:
        session.add(
            YearLock(
                uid="00000000-0000-4000-8000-00000000000" + str(year % 10),
                owner="SEC",
                version="0000000000001.000000.SEC",
                deleted=False,
                country=db.site,
                year=year,
                lifted=False,
            )
        )


def test_locked_record_refused_with_the_record_and_year_named(make_db) -> None:
    kh = make_db("KH")
    act = activity(kh, dt.date(2011, 5, 2), "Mekong EIA course")
    _lock_at_country(kh, 2011)
    with pytest.raises(YearLockedError) as refused:
        update_record(kh, "activity", act.uid, {"title": "Changed"})
    message = refused.value.message
    assert "“Mekong EIA course”" in message and act.uid in message
    assert "2011" in message and "Cambodia" in message
    with pytest.raises(YearLockedError):
        delete_record(kh, "activity", act.uid)
    with pytest.raises(YearLockedError):  # nor into a locked year from another one
        update_record(
            kh, "activity", activity(kh, dt.date(2012, 1, 1)).uid, {"start_date": "2011-06-01"}
        )
    with pytest.raises(YearLockedError):  # nor a new record in it
        activity(kh, dt.date(2011, 9, 9), "Late entry")
    update_record(kh, "activity", act.uid, {"title": "Mekong EIA course"})  # unchanged: no change
    assert get_record(kh, "activity", act.uid)["title"] == "Mekong EIA course"


def test_certificates_of_a_locked_year_refused(make_db) -> None:
    kh = make_db("KH")
    act = activity(kh, dt.date(2011, 5, 2))
    person = create_record(kh, "person", {"name": "Sok", "country": "KH"})
    create_record(
        kh,
        "participation",
        {"activity_uid": act.uid, "person_uid": person.uid, "role": "trainee", "completed": True},
    )
    _lock_at_country(kh, 2011)
    with pytest.raises(YearLockedError):
        issue_certificates(kh, act.uid)
