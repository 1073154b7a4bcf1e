"""Likely duplicate people and organisations in this database, for the user to decide.

Reads the records (not deleted) with the keys ``app.identity`` compares, leaves
out the pairs any office has linked or marked different, and returns the
open candidate pairs, best first, each with its score and evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.errors import Problem, ValidationError
from app.i18n import _
from app.identity.candidates import (
    Candidate,
    CandidateIndex,
    IdentityRecord,
    judge_organisations,
    judge_people,
)
from app.identity.name_keys import email_key, in_sound_script, name_key, phone_key, sound_key
from app.models import Organisation, Person
from app.reports.people import load_decisions
from app.store import Database

DUPLICATE_KINDS = ("person", "organisation")


def _names(*texts: str | None) -> tuple[str, ...]:
    keys = [name_key(t) for t in texts]
    return tuple(dict.fromkeys(k for k in keys if k))


def _script_sounds(*texts: str | None) -> tuple[str, ...]:
    return tuple(sound_key(name_key(t)) for t in texts if in_sound_script(t))


def person_record(
    uid: str,
    name: str,
    name_local: str | None,
    country: str | None,
    organisation: str | None,
    email: str | None,
    phone: str | None,
    birth_year: int | None = None,
) -> IdentityRecord:
    """A person as the check compares them (``organisation``: the organisation's name)."""
    return IdentityRecord(
        uid,
        name,
        _names(name, name_local),
        country,
        name_key(organisation),
        email_key(email),
        phone_key(phone),
        birth_year,
        _script_sounds(name, name_local),
    )


def stored_people(session: Session, *narrower: ColumnElement[bool]) -> Iterator[IdentityRecord]:
    """The people (not deleted) of ``session``, as the check compares them."""
    org = aliased(Organisation)
    rows = session.execute(
        select(
            Person.uid,
            Person.name,
            Person.name_local,
            Person.country,
            org.name,
            Person.email,
            Person.phone,
            Person.birth_year,
        )
        .outerjoin(org, org.uid == Person.organisation_uid)
        .where(Person.deleted.is_(False), *narrower)
    )
    for r in rows:
        yield person_record(*r)


def _organisations(session: Session) -> Iterator[IdentityRecord]:
    rows = session.execute(
        select(
            Organisation.uid,
            Organisation.name,
            Organisation.name_local,
            Organisation.country,
            Organisation.abbreviation,
        ).where(Organisation.deleted.is_(False))
    )
    for uid, name, local, country, abbreviation in rows:
        yield IdentityRecord(uid, name, _names(name, local), country, name_key(abbreviation))


def _check_kind(kind: str) -> None:
    if kind not in DUPLICATE_KINDS:
        raise ValidationError(
            [Problem("kind", _("{kind} is not person or organisation").format(kind=kind))]
        )


def find_duplicates(db: Database, kind: str = "person") -> list[Candidate]:
    """The open candidate pairs of ``kind`` ("person" or "organisation"), best first."""
    _check_kind(kind)
    with db.read_session() as session:
        decided = load_decisions(session, kind)
        if kind == "person":
            index = CandidateIndex(stored_people(session), judge_people)
        else:
            index = CandidateIndex(_organisations(session), judge_organisations, by_group=True)
    return index.candidates(decided.canonical, decided.different)


def duplicates_of_person(db: Database, values: dict[str, Any], uid: str = "") -> list[Candidate]:
    """The people already stored that a person with ``values`` (a form's fields) is
    likely one with, best first; ``uid`` is the person's own when saved already.
    Read from the same country or with the same e-mail only (a phone alone, in
    another country, is found by the full check, ``find_duplicates``)."""
    with db.read_session() as session:
        org_name = None
        if values.get("organisation_uid"):
            org = session.get(Organisation, values["organisation_uid"])
            org_name = org.name if org is not None else None
        # Only those who could match: the same country, or the same e-mail.
        near = or_(
            Person.country == values.get("country"),
            func.lower(Person.email) == email_key(values.get("email")),
        )
        index = CandidateIndex(stored_people(session, near), judge_people)
        decided = load_decisions(session, "person")
    new = person_record(
        uid or "(new)",
        str(values.get("name") or ""),
        values.get("name_local"),
        values.get("country"),
        org_name,
        values.get("email"),
        values.get("phone"),
        values.get("birth_year"),
    )
    return [
        c
        for c in index.candidates_of(new)
        if decided.canonical(c.second.uid) != decided.canonical(new.uid)
        and c.pair not in decided.different
    ]
