"""Linking people as one, marking them different: the decision is the deciding office's
record, linked people count once in the one count of trainees, decided pairs are
not proposed again."""

from __future__ import annotations

import pytest

from app.errors import NotFoundError, ValidationError
from app.reports.progress import progress_report
from app.reports.training import training_report
from app.services.duplicates import duplicates_of_person, find_duplicates
from app.services.identity import distinct, link
from app.services.records import create_record, get_record, list_records
from tests.ui.conftest import training


def _person(db, name: str, org: str | None = None, **extra) -> str:
    values = {"name": name, "country": "VN", "organisation_uid": org} | extra
    return create_record(db, "person", values).uid


def _org(db, name: str) -> str:
    return create_record(
        db, "organisation", {"name": name, "type": "ministry", "country": "VN"}
    ).uid


def _trainee(db, activity: str, person: str) -> None:
    create_record(
        db, "participation", {"activity_uid": activity, "person_uid": person, "role": "trainee"}
    )


def test_a_link_is_this_offices_record_and_people_linked_count_once(db) -> None:
    monre = _org(db, "Ministry of Natural Resources and Environment")
    a = _person(db, "Nguyễn Văn Minh", monre)
    b = _person(db, "NGUYEN Van Minh", monre)
    first, second = training(db, "EIA 2012"), training(db, "EIA 2013", start_date="2013-03-05")
    _trainee(db, first, a)
    _trainee(db, second, b)
    assert training_report(db).trainees == 2
    [candidate] = find_duplicates(db)
    assert candidate.pair == {a, b}
    assert [e.code for e in candidate.evidence] == ["name", "country", "organisation"]

    decision = link(db, b, a)
    assert decision.verdict == "same" and decision.changed
    stored = get_record(db, "identity_link", decision.uid)
    assert stored.owner == "VN" and stored["first_uid"] == min(a, b)
    assert find_duplicates(db) == []
    assert training_report(db).trainees == 1
    target = next(t for i in progress_report(db).items for t in i.targets if t.code == "2.5-T2")
    assert target.actual == 1
    # Deciding the same again changes nothing; changing one's mind changes the one record.
    assert not link(db, a, b).changed
    undone = distinct(db, a, b)
    assert undone.uid == decision.uid and undone.changed
    assert len(list_records(db, "identity_link")) == 1
    assert training_report(db).trainees == 2
    assert find_duplicates(db) == []  # marked different: not proposed again


def test_links_chain_into_one_person(db) -> None:
    act = training(db)
    people = [_person(db, f"Person {n}", email="same@monre.gov.vn") for n in "ABC"]
    for p in people:
        _trainee(db, act, p)
    assert len(find_duplicates(db)) == 3
    link(db, people[0], people[1])
    link(db, people[1], people[2])
    assert training_report(db).trainees == 1
    assert find_duplicates(db) == []


def test_organisation_copies_are_proposed_and_linked(db) -> None:
    a = _org(db, "Ministry of Environment")
    b = _org(db, "MINISTRY OF ENVIRONMENT")
    assert [c.pair for c in find_duplicates(db, "organisation")] == [{a, b}]
    link(db, a, b)
    assert find_duplicates(db, "organisation") == []


def test_hostile_decisions_are_refused_with_a_reason(db) -> None:
    a = _person(db, "Tran Thi Lan")
    org = _org(db, "Ministry of Environment")
    with pytest.raises(ValidationError, match="both ids"):
        link(db, a, a)
    with pytest.raises(NotFoundError, match="no-such-id"):
        link(db, a, "no-such-id")
    with pytest.raises(ValidationError, match="person and the other an organisation"):
        distinct(db, a, org)
    with pytest.raises(ValidationError, match="not person or organisation"):
        find_duplicates(db, "activity")
    assert list_records(db, "identity_link") == []


def test_a_new_person_is_checked_against_those_stored(db) -> None:
    monre = _org(db, "MONRE")
    stored = _person(db, "Nguyễn Văn Minh", monre)
    found = duplicates_of_person(
        db, {"name": "Minh Nguyen Van", "country": "VN", "organisation_uid": monre}
    )
    assert [c.second.uid for c in found] == [stored]
    assert duplicates_of_person(db, {"name": "Minh Nguyen Van", "country": "VN"}) == []
    elsewhere = create_record(
        db, "person", {"name": "Li Wei", "country": "CN", "email": "li.wei@mee.gov.cn"}
    ).uid
    abroad = {"name": "Wei Li", "country": "LA", "email": "LI.WEI@mee.gov.cn"}
    assert [c.second.uid for c in duplicates_of_person(db, abroad)] == [elsewhere]
    assert (
        duplicates_of_person(
            db, {"name": "Nguyen Van Minh", "country": "VN", "organisation_uid": monre}, uid=stored
        )
        == []
    )


def test_the_secretariats_copies_of_each_partner_link_into_one(tmp_path) -> None:
    """The regional demo: every office entered the partners, about 13 copies each."""
    from app.demo import generate_demo
    from app.services.office import init_office

    db = init_office(tmp_path / "sec.sqlite", "SEC", demo=True)
    generate_demo(db, 1500, 3)
    name = "United Nations Environment Programme"
    copies = [o.uid for o in list_records(db, "organisation") if o["name"] == name]
    assert len(copies) >= 10
    open_pairs = [c for c in find_duplicates(db, "organisation") if c.first.label == name]
    assert len(open_pairs) == len(copies) * (len(copies) - 1) // 2
    for uid in copies[1:]:  # n - 1 links make one organisation of n copies
        link(db, copies[0], uid)
    assert [c for c in find_duplicates(db, "organisation") if c.first.label == name] == []
    assert list_records(db, "identity_link")[0].owner == "SEC"
    db.close()
