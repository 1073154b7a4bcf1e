"""Numbering certificates: pattern, continuation per office and year, uniqueness, re-runs."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import ReadOnlyError, ValidationError
from app.reports.certificates import certificate_batch, certificates_issued
from app.services.certificates import (
    DEFAULT_PATTERN,
    issue_certificates,
    plan_issue,
    set_certificate_pattern,
    set_certificates,
)
from app.services.records import get_record, list_records, update_record
from tests.reports.conftest import add_owned_by
from tests.services.certificate_fixtures import enrol, person, training, training_with_trainees

ON = dt.date(2012, 3, 6)


def _numbers(db, activity: str) -> dict[str, tuple[str | None, dt.date | None]]:
    names = {p.uid: p["name"] for p in list_records(db, "person")}
    return {
        names[p["person_uid"]]: (p["certificate"], p["certificate_date"])
        for p in list_records(db, "participation", activity_uid=activity)
    }


def test_completed_trainees_are_numbered_in_name_order_with_the_date(make_db) -> None:
    db = make_db("KH")
    act, _parts = training_with_trainees(db)
    plan = issue_certificates(db, act, ON)
    assert DEFAULT_PATTERN == "ACEC-{office}-{year}-{n:04}"
    assert (plan.first, plan.last, len(plan.numbers)) == (
        "ACEC-KH-2012-0001",
        "ACEC-KH-2012-0003",
        3,
    )
    assert _numbers(db, act) == {
        "Chan Sophea": ("ACEC-KH-2012-0001", ON),
        "Meas Bopha": ("ACEC-KH-2012-0002", ON),
        "Sok Dara": ("ACEC-KH-2012-0003", ON),
        "Keo Vanna": (None, None),  # not completed
        "Trainer Li": (None, None),  # a trainer, not a trainee
    }


def test_a_second_run_numbers_only_those_completed_since(make_db) -> None:
    db = make_db("KH")
    act, parts = training_with_trainees(db)
    issue_certificates(db, act, ON)
    versions = {p.uid: p.version for p in list_records(db, "participation")}
    again = issue_certificates(db, act, ON)
    assert again.numbers == [] and again.already_numbered == 3
    assert {p.uid: p.version for p in list_records(db, "participation")} == versions
    update_record(db, "participation", parts["Keo Vanna"], {"completed": True})
    later = issue_certificates(db, act, dt.date(2012, 4, 1))
    assert later.numbers == [(parts["Keo Vanna"], "ACEC-KH-2012-0004")]


def test_numbers_continue_per_year_across_activities_and_restart_each_year(make_db) -> None:
    db = make_db("KH")
    first, _ = training_with_trainees(db)
    issue_certificates(db, first, ON)
    second = training(db, "Monitoring training")
    enrol(db, second, person(db, "Ly Srey", None), completed=True)
    assert issue_certificates(db, second, ON).numbers[0][1] == "ACEC-KH-2012-0004"
    third = training(db, "Enforcement training")
    enrol(db, third, person(db, "Om Rith", None), completed=True)
    assert issue_certificates(db, third, dt.date(2013, 1, 2)).first == "ACEC-KH-2013-0001"


def test_the_pattern_is_a_setting_and_a_bad_one_is_refused(make_db) -> None:
    db = make_db("KH")
    act, _ = training_with_trainees(db)
    with pytest.raises(ValidationError, match="needs"):
        set_certificate_pattern(db, "ACEC-{year}")
    with pytest.raises(ValidationError):
        set_certificate_pattern(db, "ACEC-{name}-{n}")
    set_certificate_pattern(db, "ACEC-{year}-{n:04}")
    assert issue_certificates(db, act, ON).first == "ACEC-2012-0001"


def test_a_number_is_never_given_twice_by_one_office(make_db) -> None:
    db = make_db("KH")
    act, parts = training_with_trainees(db)
    # A number typed by hand earlier, that the pattern would give next.
    other = training(db, "Earlier training")
    typed = enrol(db, other, person(db, "Hand Typed", None), completed=True)
    update_record(db, "participation", typed, {"certificate": "X-0002"})
    set_certificate_pattern(db, "X-{n:04}")
    # The highest number is 2, so issuing continues at 3: no clash.
    assert issue_certificates(db, act, ON).first == "X-0003"
    # Typing a number another participation of this office has is refused...
    with pytest.raises(ValidationError, match="already given"):
        update_record(db, "participation", parts["Keo Vanna"], {"certificate": "X-0003"})
    # ...and so is an undo/redo that would give a taken number.
    with pytest.raises(ValidationError, match="already given"):
        set_certificates(db, {parts["Keo Vanna"]: ("X-0004", ON)})
    assert get_record(db, "participation", parts["Keo Vanna"])["certificate"] is None


def test_a_deleted_participations_number_is_not_given_again(make_db) -> None:
    db = make_db("KH")
    act, parts = training_with_trainees(db)
    issue_certificates(db, act, ON)
    from app.services.records import delete_record

    delete_record(db, "participation", parts["Sok Dara"])  # held 0003
    update_record(db, "participation", parts["Keo Vanna"], {"completed": True})
    assert issue_certificates(db, act, ON).first == "ACEC-KH-2012-0004"


def test_another_offices_numbers_do_not_count_and_its_trainees_are_refused(make_db) -> None:
    sec = make_db("SEC")
    act = training(sec)
    someone = add_owned_by(sec, "person", "KH", {"name": "Sok Dara", "country": "KH"})
    add_owned_by(
        sec,
        "participation",
        "KH",
        {"activity_uid": act, "person_uid": someone, "role": "trainee", "completed": True},
    )
    with pytest.raises(ReadOnlyError, match="Cambodia"):
        issue_certificates(sec, act, ON)
    with pytest.raises(ReadOnlyError):
        plan_issue(sec, act, ON)
    assert certificate_batch(sec, act).pages == []


def test_undo_takes_every_number_back_in_one_step(make_db) -> None:
    db = make_db("KH")
    act, _ = training_with_trainees(db)
    plan = issue_certificates(db, act, ON)
    set_certificates(db, {uid: (None, None) for uid, _n in plan.numbers})
    assert all(n == (None, None) for n in _numbers(db, act).values())
    set_certificates(db, {uid: (number, ON) for uid, number in plan.numbers})
    assert certificates_issued(p["certificate"] for p in list_records(db, "participation")) == 3


def test_the_figure_counts_numbered_participations_only() -> None:
    assert certificates_issued(["A-1", None, "", "  ", "A-2"]) == 2
