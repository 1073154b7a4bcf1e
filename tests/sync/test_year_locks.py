"""Locked years through real packages: the secretariat locks, a country is refused, exceptions.

Two (three) real office databases exchange real package files; nothing is
written into a database behind the program's back.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import YearLockedError
from app.services.dump import dump_data
from app.services.locks import grant_exception, lock_year, unlock_year
from app.services.records import (
    create_record,
    delete_record,
    get_record,
    list_records,
    update_record,
)
from app.services.reference_data import plan_item_uid
from app.sync.export import export_package
from app.sync.importer import prepare_import


def activity(db, title: str, day: dt.date):
    values = {
        "item_uid": plan_item_uid("2.5"),
        "title": title,
        "type": "training",
        "status": "completed",
        "start_date": day,
    }
    return create_record(db, "activity", values)


def trainee(db, activity_uid: str, name: str):
    person = create_record(db, "person", {"name": name, "country": db.site})
    values = {"activity_uid": activity_uid, "person_uid": person.uid, "role": "trainee"}
    return create_record(db, "participation", values)


def owned(db, site: str) -> dict:
    """The records ``site`` owns as ``db`` holds them (what convergence compares)."""
    return {
        kind: [r for r in records if r["owner"] == site] for kind, records in dump_data(db).items()
    }


@pytest.fixture
def offices(kh, sec, send_package, tmp_path):
    """KH's 2011 and 2012 activities at the secretariat; 2011 locked there, not yet at KH."""
    old = activity(kh, "Mekong EIA course", dt.date(2011, 5, 2))
    new = activity(kh, "Air quality course", dt.date(2012, 4, 1))
    send_package(kh, sec, tmp_path / "kh-1.xlsx")
    lock_year(sec, "KH", 2011)
    return old, new


def test_country_edit_refused_once_the_lock_arrives(offices, kh, sec, send_package, tmp_path):
    old, new = offices
    send_package(sec, kh, tmp_path / "sec-1.xlsx")
    with pytest.raises(YearLockedError) as refused:
        update_record(kh, "activity", old.uid, {"title": "Changed"})
    assert "“Mekong EIA course”" in refused.value.message and "2011" in refused.value.message
    update_record(kh, "activity", new.uid, {"title": "Air quality course II"})  # 2012 is open
    grant_exception(sec, old.uid)
    send_package(sec, kh, tmp_path / "sec-2.xlsx")
    update_record(kh, "activity", old.uid, {"title": "Mekong EIA course (corrected)"})
    with pytest.raises(YearLockedError):  # one record only: a new trainee of 2011 is still refused
        trainee(kh, old.uid, "Sok Dara")
    unlock_year(sec, "KH", 2011)
    send_package(sec, kh, tmp_path / "sec-3.xlsx")
    trainee(kh, old.uid, "Sok Dara")  # lifted: the year is open again


def test_package_changing_a_locked_row_refused_for_that_row(
    offices, kh, sec, send_package, receive_package, tmp_path
):
    old, new = offices
    # KH changes both activities and adds a 2011 trainee before the lock reaches it.
    update_record(kh, "activity", old.uid, {"title": "Mekong EIA course, late edit"})
    update_record(kh, "activity", new.uid, {"title": "Air quality course II"})
    late = trainee(kh, old.uid, "Sok Dara")
    path = tmp_path / "kh-2.xlsx"
    export_package(kh, path, to="SEC")
    preview = prepare_import(sec, path).preview
    assert not preview.refused
    notes = [str(n) for n in preview.withheld]
    assert len(notes) == 2, notes
    assert any(
        old.uid in n and "“Mekong EIA course, late edit”" in n and "2011" in n for n in notes
    )
    assert any(late.uid in n for n in notes)
    assert preview.sheet("activity").withheld == 1 and preview.sheet("activity").updated == 1
    result = receive_package(sec, path)
    assert len(result.preview.withheld) == 2
    assert get_record(sec, "activity", old.uid)["title"] == "Mekong EIA course"  # as accepted
    assert get_record(sec, "activity", new.uid)["title"] == "Air quality course II"  # applied
    assert get_record(sec, "person", get_record(kh, "participation", late.uid)["person_uid"])
    with pytest.raises(Exception, match="No Participation"):
        get_record(sec, "participation", late.uid)

    # The held-back change stays asked for: the next ordinary package carries it again.
    send_package(sec, kh, tmp_path / "sec-1.xlsx")
    again = send_package(kh, sec, tmp_path / "kh-3.xlsx")
    assert len(again.preview.withheld) == 2
    # An exception lets that one record in with the next package; the lifted lock the rest.
    grant_exception(sec, old.uid)
    send_package(sec, kh, tmp_path / "sec-2.xlsx")
    excepted = send_package(kh, sec, tmp_path / "kh-4.xlsx")
    assert [late.uid in str(n) for n in excepted.preview.withheld] == [True]
    assert get_record(sec, "activity", old.uid)["title"] == "Mekong EIA course, late edit"
    unlock_year(sec, "KH", 2011)
    send_package(sec, kh, tmp_path / "sec-3.xlsx")
    assert not send_package(kh, sec, tmp_path / "kh-5.xlsx").preview.withheld
    assert get_record(sec, "participation", late.uid)["person_uid"]
    assert owned(sec, "KH") == owned(kh, "KH")  # converged
    assert owned(kh, "SEC") == owned(sec, "SEC")


def test_relayed_locks_reach_other_countries_and_do_not_stop_relays(
    offices, kh, sec, vn, send_package, tmp_path
):
    """VN gets the lock and KH's accepted records; the lock is for KH only."""
    old, _new = offices
    send_package(sec, vn, tmp_path / "sec-vn.xlsx")
    assert get_record(vn, "activity", old.uid)["title"] == "Mekong EIA course"
    locks = [r for r in dump_data(vn)["year_lock"]]
    assert [(r["fields"]["country"], r["fields"]["year"]) for r in locks] == [("KH", 2011)]
    mine = activity(vn, "Hanoi EIA course", dt.date(2011, 6, 1))
    update_record(vn, "activity", mine.uid, {"title": "Hanoi EIA course (2)"})


def test_a_deletion_and_a_new_activity_of_a_locked_year_held_back_with_what_points_at_them(
    offices, kh, sec, receive_package, tmp_path
):
    old, new = offices
    delete_record(kh, "activity", old.uid)  # before the lock reached KH
    late = activity(kh, "Late 2011 workshop", dt.date(2011, 11, 1))
    paid = create_record(
        kh,
        "funding",
        {
            "activity_uid": late.uid,
            "kind": "disbursement",
            "source": "cafund",
            "amount": "10",
            "currency": "USD",
            "date": dt.date(2012, 1, 3),  # 2012's money, but its activity is not imported
        },
    )
    path = tmp_path / "kh-2.xlsx"
    export_package(kh, path, to="SEC")
    result = receive_package(sec, path)
    notes = {str(n) for n in result.preview.withheld}
    assert len(notes) == 3, notes
    assert any(old.uid in n and "2011" in n for n in notes)
    assert any(late.uid in n and "Late 2011 workshop" in n for n in notes)
    assert any(paid.uid not in n and late.uid in n and "points at" in n for n in notes)
    assert get_record(sec, "activity", old.uid).deleted is False
    assert {r.uid for r in list_records(sec, "funding")} == set()
    assert get_record(sec, "activity", new.uid)  # the rest of the first package is there


def test_an_exception_is_for_one_record_only(offices, kh, sec, receive_package, tmp_path):
    old, _new = offices
    grant_exception(sec, old.uid)
    update_record(kh, "activity", old.uid, {"title": "Mekong EIA course (corrected)"})
    part = trainee(kh, old.uid, "Sok Dara")
    path = tmp_path / "kh-2.xlsx"
    export_package(kh, path, to="SEC")
    result = receive_package(sec, path)
    assert [part.uid in str(n) for n in result.preview.withheld] == [True]
    assert get_record(sec, "activity", old.uid)["title"] == "Mekong EIA course (corrected)"


def test_the_command_line_import_names_the_held_back_rows(offices, kh, sec, tmp_path, capsys):
    from app.cli import main
    from app.store.site_keys import own_key_info

    old, _new = offices
    update_record(kh, "activity", old.uid, {"title": "Late edit"})
    path = tmp_path / "kh-2.xlsx"
    export_package(kh, path, to="SEC")
    fingerprint = own_key_info(kh).fingerprint
    sec.close()
    capsys.readouterr()
    assert (
        main(["--db", str(sec.path), "import", str(path), "--dry-run", "--trust", fingerprint]) == 0
    )
    out = capsys.readouterr().out
    assert old.uid in out and "2011" in out and "Late edit" in out
