"""People an import brings who are likely already in the database: for its preview.

A filled template or a sync package may bring someone another office (or this
one) already recorded. The preview says how many, so the officer knows to look
at People › Duplicates after the import; nothing is linked or refused for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import format_number, ngettext
from app.identity.candidates import CandidateIndex, IdentityRecord, judge_people
from app.models import Organisation, Person
from app.reports.people import load_decisions
from app.services.duplicates import person_record, stored_people
from app.services.listing import UIDS_PER_QUERY
from app.store import Database
from app.sync.importer import PreparedImport


def count_likely_present(session: Session, incoming: Iterable[IdentityRecord]) -> int:
    """How many of the ``incoming`` people are likely one with someone stored apart from them
    (pairs any office linked or marked different aside)."""
    arriving = {r.uid: r for r in incoming}
    if not arriving:
        return 0
    stored = (r for r in stored_people(session) if r.uid not in arriving)
    index = CandidateIndex(stored, judge_people)
    decided = load_decisions(session, "person")

    def open_pair(first: str, second: str) -> bool:
        pair = frozenset((first, second))
        return pair not in decided.different and decided.canonical(first) != decided.canonical(
            second
        )

    return sum(
        1
        for record in arriving.values()
        if any(
            open_pair(record.uid, c.second.uid)
            for c in index.candidates_of(record, neighbours_only=True)
        )
    )


def template_people(session: Session, uids: set[str]) -> list[IdentityRecord]:
    """The people of a filled template, as written (not yet committed) in ``session``."""
    ordered = sorted(uids)
    found: list[IdentityRecord] = []
    for start in range(0, len(ordered), UIDS_PER_QUERY):
        found += stored_people(session, Person.uid.in_(ordered[start : start + UIDS_PER_QUERY]))
    return found


def _package_people(prepared: PreparedImport, session: Session) -> Iterator[IdentityRecord]:
    content = prepared.contents.get("person")
    if content is None:
        return
    at = {column.key: i for i, column in enumerate(content.columns)}
    org_names = {
        uid: name for uid, name in session.execute(select(Organisation.uid, Organisation.name))
    }
    orgs = prepared.contents.get("organisation")
    if orgs is not None:
        org_at = {column.key: i for i, column in enumerate(orgs.columns)}
        org_names |= {r[org_at["uid"]]: r[org_at["name"]] for r in orgs.records}

    def get(record: tuple[Any, ...], key: str) -> Any:
        return record[at[key]] if key in at else None

    for r in content.records:
        if get(r, "deleted") or r[at["uid"]] in content.refused_uids:
            continue
        yield person_record(
            r[at["uid"]],
            str(get(r, "name") or ""),
            get(r, "name_local"),
            get(r, "country"),
            org_names.get(get(r, "organisation_uid") or ""),
            get(r, "email"),
            get(r, "phone"),
            get(r, "birth_year"),
        )


def package_likely_present(db: Database, prepared: PreparedImport) -> int:
    """How many people new in a previewed package are likely already in the database."""
    with db.read_session() as session:
        known = set(session.scalars(select(Person.uid)))
        new = [r for r in _package_people(prepared, session) if r.uid not in known]
        return count_likely_present(session, new)


def likely_present_note(n: int) -> str:
    """The preview's line about the people of a file who may already be recorded."""
    return ngettext(
        "{n} person in this file may already be in the database: see People › "
        "Duplicates… after the import.",
        "{n} people in this file may already be in the database: see People › "
        "Duplicates… after the import.",
        n,
    ).format(n=format_number(n))
