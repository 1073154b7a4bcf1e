"""Linked organisations (each office's copy of one partner) show once in the organisation
list, its count and the pickers, and are listed once among an activity's partners."""

from __future__ import annotations

from app.reports.activity_sheet import activity_sheet
from app.services.choices import search_choices
from app.services.identity import distinct, link
from app.services.listing import ListQuery, count_rows, fetch_rows, list_uids, rows_by_uid
from app.services.records import create_record
from tests.ui.conftest import training

NAME = "ASEAN Centre for Biodiversity"


def _org(db, name: str = NAME, **extra) -> str:
    values = {"name": name, "type": "intergovernmental", "country": "PH"} | extra
    return create_record(db, "organisation", values).uid


def test_linked_copies_show_once_in_the_list_and_the_pickers(db) -> None:
    copies = sorted(_org(db) for _ in range(3))
    other = _org(db, "Ministry of Environment", country="KH")
    everything = ListQuery()
    assert count_rows(db, "organisation") == 4
    link(db, copies[2], copies[0])
    link(db, copies[1], copies[2])  # a chain: all three are one
    assert count_rows(db, "organisation") == 2
    assert set(list_uids(db, "organisation", everything)) == {copies[0], other}
    assert [r.uid for r in fetch_rows(db, "organisation", ListQuery(search="biodiv"))] == [
        copies[0]
    ]
    assert set(rows_by_uid(db, "organisation", copies)) == {copies[0]}
    assert [c.uid for c in search_choices(db, "organisation", "ASEAN")] == [copies[0]]
    # Changing one's mind about a link shows the copy again.
    distinct(db, copies[1], copies[2])
    assert count_rows(db, "organisation") == 3
    # People are never hidden by a link: they are counted once, but each record is listed.
    a = create_record(db, "person", {"name": "Sok Dara", "country": "KH"}).uid
    b = create_record(db, "person", {"name": "SOK Dara", "country": "KH"}).uid
    link(db, a, b)
    assert count_rows(db, "person") == 2


def test_many_linked_copies_list_without_reaching_a_parameter_limit(db) -> None:
    first = _org(db)
    for n in range(1100):  # more ids than the 999 parameters old SQLite allows in one statement
        create_record(
            db,
            "identity_link",
            {
                "record_kind": "organisation",
                "first_uid": first,
                "second_uid": f"{first[:-5]}x{n:04}",
                "verdict": "same",
            },
        )
    assert count_rows(db, "organisation") == 1
    assert [c.uid for c in search_choices(db, "organisation")] == [first]


def test_an_activitys_partners_are_listed_once(db) -> None:
    act = training(db)
    copies = [_org(db) for _ in range(2)]
    for uid in copies:
        create_record(
            db,
            "activity_partner",
            {"activity_uid": act, "organisation_uid": uid, "role": "co-organiser"},
        )
    assert len(activity_sheet(db, act).partners) == 2
    link(db, *copies)
    assert [p[0] for p in activity_sheet(db, act).partners] == [NAME]
