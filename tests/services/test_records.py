"""Create, update, delete: validation by field, ownership, tombstones, audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import update

from app.errors import NotFoundError, ReadOnlyError, ValidationError
from app.models import ActionPlan, Activity
from app.services.audit import record_history
from app.services.records import (
    create_record,
    delete_record,
    get_record,
    list_records,
    restore_record,
    update_record,
)
from app.services.reference_data import plan_item_uid, reference_uid


def training(**extra):
    return {
        "item_uid": plan_item_uid("2.5"),
        "title": "EIA training",
        "type": "training",
        "status": "planned",
        "start_date": "2012-03-01",
        "end_date": "2012-03-10",
    } | extra


def problems(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {p.field: p.message for p in exc.value.problems}


def test_create_and_read_back(db) -> None:
    created = create_record(db, "activity", training(countries="vn kh"))
    assert created.owner == "VN"
    assert created["countries"] == "KH VN"
    assert get_record(db, "activity", created.uid).values == created.values


def test_required_fields_named(db) -> None:
    with pytest.raises(ValidationError) as exc:
        create_record(db, "activity", training(title="  ", type=None))
    assert set(problems(exc)) == {"title", "type"}
    assert "Title is required" in problems(exc)["title"]


def test_end_before_start_refused(db) -> None:
    with pytest.raises(ValidationError) as exc:
        create_record(db, "activity", training(end_date="2012-02-01"))
    assert problems(exc) == {"end_date": "the end date is before the start date"}


def test_negative_amount_refused(db) -> None:
    activity = create_record(db, "activity", training())
    values = {
        "activity_uid": activity.uid,
        "kind": "commitment",
        "source": "cafund",
        "currency": "USD",
        "date": "2012-01-05",
    }
    with pytest.raises(ValidationError) as exc:
        create_record(db, "funding", values | {"amount": "-5"})
    assert "negative" in problems(exc)["amount"]
    ok = create_record(db, "funding", values | {"amount": "5.5"})
    assert ok["amount"] == Decimal("5.50")


def test_unknown_codes_and_currency_refused(db) -> None:
    activity = create_record(db, "activity", training())
    with pytest.raises(ValidationError) as exc:
        create_record(
            db,
            "funding",
            {
                "activity_uid": activity.uid,
                "kind": "gift",
                "source": "cafund",
                "amount": 1,
                "currency": "XYZ",
                "date": "2012-01-05",
            },
        )
    assert set(problems(exc)) == {"kind", "currency"}


def test_reference_must_exist(db) -> None:
    with pytest.raises(ValidationError) as exc:
        create_record(
            db,
            "participation",
            {
                "activity_uid": reference_uid("nothing"),
                "person_uid": reference_uid("nobody"),
                "role": "trainee",
            },
        )
    assert set(problems(exc)) == {"activity_uid", "person_uid"}


def test_activity_must_be_under_active_plan(db) -> None:
    with db.session() as session:
        session.execute(update(ActionPlan).values(active=False))
    with pytest.raises(ValidationError) as exc:
        create_record(db, "activity", training())
    assert "active plan" in problems(exc)["item_uid"]


def test_topic_only_for_training(db) -> None:
    with pytest.raises(ValidationError) as exc:
        create_record(db, "activity", training(type="forum", topic="eia"))
    assert "topic" in problems(exc)


def test_update_changes_version_and_audits(db) -> None:
    created = create_record(db, "activity", training())
    same = update_record(db, "activity", created.uid, {"title": "EIA training"})
    assert same.version == created.version  # no change, no new version
    changed = update_record(db, "activity", created.uid, {"status": "completed"})
    assert changed.version > created.version
    history = record_history(db, created.uid)
    assert [h.action for h in history] == ["create", "update"]
    assert history[1].changes == {"status": ("planned", "completed")}


def test_update_validates_merged_record(db) -> None:
    created = create_record(db, "activity", training())
    with pytest.raises(ValidationError) as exc:
        update_record(db, "activity", created.uid, {"start_date": "2012-04-01"})
    assert "end_date" in problems(exc)


def test_delete_is_a_tombstone_and_can_be_undone(db) -> None:
    created = create_record(db, "activity", training())
    deleted = delete_record(db, "activity", created.uid)
    assert deleted.deleted and deleted.version > created.version
    assert list_records(db, "activity") == []
    assert len(list_records(db, "activity", include_deleted=True)) == 1
    with pytest.raises(NotFoundError):
        update_record(db, "activity", created.uid, {"title": "x"})
    restored = restore_record(db, "activity", created.uid)
    assert not restored.deleted and restored.version > deleted.version


def test_other_sites_records_are_read_only(db) -> None:
    with db.session() as session:
        session.add(
            Activity(
                uid="11111111-2222-4333-8444-555555555555",
                owner="KH",
                version="1795496223302.000000.KH",
                deleted=False,
                item_uid=plan_item_uid("2.5"),
                title="Cambodian training",
                type="training",
                status="planned",
                start_date=dt.date(2012, 1, 1),
            )
        )
    for action in (
        lambda: update_record(
            db, "activity", "11111111-2222-4333-8444-555555555555", {"title": "mine"}
        ),
        lambda: delete_record(db, "activity", "11111111-2222-4333-8444-555555555555"),
    ):
        with pytest.raises(ReadOnlyError, match="belongs to Cambodia"):
            action()
    assert (
        get_record(db, "activity", "11111111-2222-4333-8444-555555555555")["title"]
        == "Cambodian training"
    )


def test_plan_structure_is_kept_by_the_secretariat(db, sec_db) -> None:
    rate = {"year": 2012, "currency": "VND", "reporting_currency": "USD", "rate": "0.000048"}
    with pytest.raises(ReadOnlyError, match="joint secretariat"):
        create_record(db, "exchange_rate", rate)
    assert create_record(sec_db, "exchange_rate", rate)["rate"] == Decimal("0.000048")
    with pytest.raises(ValidationError) as exc:
        create_record(sec_db, "exchange_rate", rate | {"rate": "0"})
    assert "rate" in problems(exc)


def test_records_of_an_earlier_plan_can_still_be_corrected(db) -> None:
    created = create_record(db, "activity", training())
    with db.session() as session:
        session.execute(update(ActionPlan).values(active=False))
    fixed = update_record(db, "activity", created.uid, {"title": "EIA training, corrected"})
    assert fixed["title"] == "EIA training, corrected"
    with pytest.raises(ValidationError) as exc:  # moving it to another item is checked
        update_record(db, "activity", created.uid, {"item_uid": plan_item_uid("1.2")})
    assert "active plan" in problems(exc)["item_uid"]
