"""Records related to one record, for the panels of its form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.models import Activity, Participation, Person
from app.store import Database


@dataclass(frozen=True)
class ParticipantRow:
    """A person's participation in an activity, as an activity's form lists it."""

    uid: str
    owner: str
    person_uid: str
    name: str
    country: str
    role: str
    completed: bool
    certificate: str | None = None
    certificate_date: dt.date | None = None


@dataclass(frozen=True)
class PersonActivityRow:
    """An activity a person took part in, as a person's form lists it."""

    uid: str
    owner: str
    activity_uid: str
    title: str
    start_date: dt.date | None
    role: str
    completed: bool


def activity_participants(db: Database, activity_uid: str) -> list[ParticipantRow]:
    """The live participations of an activity, by name."""
    stmt = (
        select(
            Participation.uid,
            Participation.owner,
            Person.uid,
            Person.name,
            Person.country,
            Participation.role,
            Participation.completed,
            Participation.certificate,
            Participation.certificate_date,
        )
        .join(Person, Person.uid == Participation.person_uid)
        .where(Participation.activity_uid == activity_uid, Participation.deleted.is_(False))
        .order_by(Person.name)
    )
    with db.engine.connect() as conn:
        return [ParticipantRow(*r) for r in conn.execute(stmt)]


def person_activities(db: Database, person_uid: str) -> list[PersonActivityRow]:
    """The activities a person took part in, newest first."""
    stmt = (
        select(
            Participation.uid,
            Participation.owner,
            Activity.uid,
            Activity.title,
            Activity.start_date,
            Participation.role,
            Participation.completed,
        )
        .join(Activity, Activity.uid == Participation.activity_uid)
        .where(
            Participation.person_uid == person_uid,
            Participation.deleted.is_(False),
            Activity.deleted.is_(False),
        )
        .order_by(Activity.start_date.desc())
    )
    with db.engine.connect() as conn:
        return [PersonActivityRow(*r) for r in conn.execute(stmt)]
