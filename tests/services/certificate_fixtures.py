"""A Cambodia office's training with trainees in Latin and Khmer script, for certificate tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.services.records import create_record
from app.services.reference_data import plan_item_uid
from app.store import Database

TRAINEES = (
    # name, name in national script, completed
    ("Sok Dara", "សុខ ដារា", True),
    ("Chan Sophea", "ចាន់ សុភា", True),
    ("Keo Vanna", "កែវ វណ្ណា", False),
    ("Meas Bopha", None, True),
)


def training(db: Database, title: str = "EIA training", **more: Any) -> str:
    values = {
        "item_uid": plan_item_uid("2.5"),
        "title": title,
        "type": "training",
        "status": "completed",
        "start_date": dt.date(2012, 3, 1),
        "end_date": dt.date(2012, 3, 5),
        "host_country": "KH",
        "city": "Phnom Penh",
    } | more
    return create_record(db, "activity", values).uid


def person(db: Database, name: str, local: str | None, country: str = "KH") -> str:
    return create_record(db, "person", {"name": name, "name_local": local, "country": country}).uid


def enrol(
    db: Database, activity: str, person_uid: str, *, completed: bool, role: str = "trainee"
) -> str:
    return create_record(
        db,
        "participation",
        {"activity_uid": activity, "person_uid": person_uid, "role": role, "completed": completed},
    ).uid


def training_with_trainees(db: Database) -> tuple[str, dict[str, str]]:
    """An activity with the four TRAINEES and one trainer; participation uid by name."""
    act = training(db)
    parts = {}
    for name, local, completed in TRAINEES:
        parts[name] = enrol(db, act, person(db, name, local), completed=completed)
    parts["trainer"] = enrol(
        db, act, person(db, "Trainer Li", "李老师", "CN"), completed=True, role="trainer"
    )
    return act, parts
