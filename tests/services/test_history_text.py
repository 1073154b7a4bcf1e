"""A record's history reads as plain words: labels, names, local dates, never codes or ids."""

from __future__ import annotations

import datetime as dt

import pytest

from app.i18n import set_locale
from app.services.history_text import readable_history
from app.services.records import create_record, update_record
from app.services.reference_data import plan_item_uid
from app.store import Database


@pytest.fixture
def training(db: Database) -> str:
    uid = create_record(
        db,
        "activity",
        {
            "item_uid": plan_item_uid("2.5"),
            "title": "EIA training",
            "type": "training",
            "status": "planned",
            "start_date": "2012-05-14",
            "host_country": "VN",
            "countries": "KH LA",
        },
    ).uid
    update_record(db, "activity", uid, {"status": "completed", "topic": "eia", "notes": "x" * 900})
    return uid


def _by_label(line) -> dict[str, tuple[str, str]]:
    return {c.label: (c.old, c.new) for c in line.changes}


def test_a_change_names_fields_codes_and_records_in_words(db: Database, training: str) -> None:
    changed, created = readable_history(db, "activity", training)
    assert (changed.action, created.action) == ("update", "create")
    assert changed.office == created.office == "Viet Nam"
    first = _by_label(created)
    assert first["Plan item"][1].startswith("2.5 Capacity-building")
    assert first["Status"] == ("", "Planned")
    assert first["Host country"] == ("", "Viet Nam")
    assert first["Start date"] == ("", "May 14, 2012")
    assert first["Participating countries"] == ("", "Cambodia, Lao PDR")
    later = _by_label(changed)
    assert later["Status"] == ("Planned", "Completed")
    assert later["Topic"] == ("", "Environmental impact assessment")
    assert later["Notes"] == ("", "x" * 900)  # whole: the view decides how to show it
    shown = repr(readable_history(db, "activity", training))
    assert plan_item_uid("2.5") not in shown and "'eia'" not in shown


def test_the_history_speaks_the_users_language_with_the_year_in_full(
    db: Database, training: str
) -> None:
    set_locale("vi")
    changed, created = readable_history(db, "activity", training)
    assert _by_label(changed)["Trạng thái"][1] == "Đã hoàn thành"
    assert _by_label(created)["Nước đăng cai"][1] == "Việt Nam"
    year = str(dt.datetime.now(dt.UTC).year)
    assert year in changed.when and "thg" in changed.when
    set_locale("en")
    assert year in readable_history(db, "activity", training)[0].when


def test_a_person_shows_the_name_of_the_organisation_chosen(db: Database) -> None:
    org = create_record(
        db, "organisation", {"name": "Bộ Tài nguyên và Môi trường", "type": "ministry"}
    )
    other = create_record(db, "organisation", {"name": "Viện Khoa học", "type": "research"})
    who = create_record(
        db,
        "person",
        {"name": "Hương", "country": "VN", "organisation_uid": org.uid, "consent": True},
    )
    update_record(db, "person", who.uid, {"organisation_uid": other.uid, "consent": False})
    changed = _by_label(readable_history(db, "person", who.uid)[0])
    assert changed["Organisation"] == ("Bộ Tài nguyên và Môi trường", "Viện Khoa học")
    assert changed["Consents to be contacted"] == ("Yes", "No")
