"""Id squatting: an office that saw another office's record id cannot block the genuine record.

Real databases and real signed packages: Cambodia's office forges a package
(signed with its own real key) carrying a record under the id of a Viet Nam
record the secretariat has not received yet, and sends it first.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from app.demo import generate_demo
from app.errors import ValidationError
from app.models import PackageLog, Participation, Person
from app.models.record_ids import owner_bound_uid, uid_owner
from app.services.records import create_record
from app.services.reference_data import plan_item_uid
from app.store import Database
from app.sync.errors import PackageRefused
from app.sync.export import export_package
from app.sync.importer import import_package, prepare_import


def _person(db: Database, name: str, uid: str | None = None) -> str:
    values = {"name": name, "gender": "f", "country": db.site, "consent": True}
    return create_record(db, "person", values, uid=uid).uid


def _training(db: Database) -> str:
    values = {
        "item_uid": plan_item_uid("2.5"),
        "title": "EIA training",
        "type": "training",
        "status": "completed",
        "start_date": dt.date(2012, 3, 1),
        "end_date": dt.date(2012, 3, 5),
    }
    return create_record(db, "activity", values).uid


def _rename_uid(db: Database, table: str, old: str, new: str) -> None:
    """What a hostile office can do to its own database before signing a package."""
    with sqlite3.connect(db.path) as connection:
        connection.execute(f"UPDATE {table} SET uid = ? WHERE uid = ?", (new, old))
    connection.close()


def _people(db: Database) -> dict[str, tuple[str, str]]:
    with db.read_session() as session:
        return {p.uid: (p.owner, p.name) for p in session.scalars(select(Person))}


def test_new_ids_name_their_owner(vn, sec) -> None:
    assert uid_owner(_person(vn, "Lan")) == "VN"
    assert uid_owner(create_record(sec, "person", {"name": "Staff", "country": "CN"}).uid) == "SEC"
    assert uid_owner(plan_item_uid("2.5")) == "SEC"  # shipped reference data
    assert uid_owner(str(uuid.uuid4())) is None  # legacy ids stay valid, unbound
    with pytest.raises(ValidationError):
        _person(vn, "Borrowed", uid=owner_bound_uid("KH"))


def test_demo_ids_are_bound_to_each_owner_and_reproducible(make_db) -> None:
    dumps = []
    for _ in range(2):
        sec = make_db("SEC")
        generate_demo(sec, size=40, seed=7)
        with sec.read_session() as session:
            rows = [(p.uid, p.owner) for p in session.scalars(select(Person).order_by(Person.uid))]
        assert rows and all(uid_owner(uid) == owner for uid, owner in rows)
        dumps.append(rows)
    assert dumps[0] == dumps[1]


def test_a_squatted_id_is_refused_and_the_genuine_package_imports_whole(
    vn, kh, sec, tmp_path: Path, receive_package
) -> None:
    genuine = _person(vn, "Nguyen Thi Lan")
    vn_path = tmp_path / "vn.xlsx"
    export_package(vn, vn_path, to="SEC")  # intercepted on its way to the secretariat
    decoy = _person(kh, "Forged person")
    _rename_uid(kh, "person", decoy, genuine)
    kh_path = tmp_path / "kh.xlsx"
    export_package(kh, kh_path, to="SEC")  # signed with Cambodia's real key

    preview = prepare_import(sec, kh_path).preview
    assert preview.refused
    problem = next(p for p in preview.problems if "belongs to the office of" in p.message)
    assert (problem.sheet, problem.row) == ("People", 3)
    assert "Vietnam" in problem.message and "Cambodia" in problem.message
    with pytest.raises(PackageRefused):
        import_package(sec, kh_path, trust=preview.key.fingerprint if preview.key else None)
    with sec.read_session() as session:
        outcomes = [log.outcome for log in session.scalars(select(PackageLog))]
    assert outcomes == ["refused"]  # the attempt is on record
    assert genuine not in _people(sec)

    result = receive_package(sec, vn_path)
    assert not result.preview.withheld
    assert _people(sec)[genuine] == ("VN", "Nguyen Thi Lan")


def test_a_squatted_legacy_id_holds_back_one_record_not_the_genuine_package(
    vn, kh, sec, tmp_path: Path, send_package, receive_package
) -> None:
    """Legacy ids name no owner: the first holder keeps it, the rest of the genuine package flows."""
    legacy = str(uuid.uuid4())
    _person(vn, "Nguyen Thi Lan", uid=legacy)
    training = _training(vn)
    create_record(
        vn, "participation", {"activity_uid": training, "person_uid": legacy, "role": "trainee"}
    )
    other = _person(vn, "Tran Van B")
    vn_path = tmp_path / "vn.xlsx"
    export_package(vn, vn_path, to="SEC")
    _person(kh, "Forged person", uid=legacy)
    send_package(kh, sec, tmp_path / "kh.xlsx")

    result = receive_package(sec, vn_path)
    assert result.applied
    people = _people(sec)
    assert people[other] == ("VN", "Tran Van B")
    assert people[legacy] == ("KH", "Forged person")  # not handed over to either claim
    with sec.read_session() as session:
        assert not list(session.scalars(select(Participation)))  # would point at KH's person
    held = {(n.sheet, n.row) for n in result.preview.withheld}
    assert {"People", "Participations"} == {sheet for sheet, _row in held}
    assert any("Cambodia" in n.message and "Vietnam" in n.message for n in result.preview.withheld)
    with sec.read_session() as session:
        log = session.scalars(select(PackageLog).where(PackageLog.outcome == "applied")).all()[-1]
    assert any("was not imported" in note for note in json.loads(log.detail)["withheld"])
