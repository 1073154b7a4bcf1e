"""Who is the same person: every head count in the reports goes through here.

Offices link person records ("these two people are the same person",
``IdentityLink`` records of their own); the standing decisions
(``app.identity.decisions``) make the identity map, so counts of distinct
people count a linked person once everywhere.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.identity.decisions import DecidedPairs, Decision, standing_decisions
from app.models import IdentityLink


class PersonIdentity:
    """Maps a person record's uid to the uid that stands for that person."""

    def __init__(self, same_as: dict[str, str] | None = None) -> None:
        self._same_as = dict(same_as or {})

    def canonical_person(self, uid: str) -> str:
        """The uid every record of this person is counted under."""
        seen = {uid}
        while uid in self._same_as:
            uid = self._same_as[uid]
            if uid in seen:  # a cycle of links: stop at a stable member
                return min(seen)
            seen.add(uid)
        return uid

    def distinct(self, uids: list[str] | set[str]) -> set[str]:
        """The distinct people among some person uids."""
        return {self.canonical_person(u) for u in uids}


def load_decisions(session: Session, record_kind: str) -> DecidedPairs:
    """The standing same/different decisions about records of ``record_kind``."""
    rows = session.execute(
        select(
            IdentityLink.first_uid,
            IdentityLink.second_uid,
            IdentityLink.verdict,
            IdentityLink.version,
        ).where(IdentityLink.record_kind == record_kind, IdentityLink.deleted.is_(False))
    ).all()
    return standing_decisions(Decision(*r) for r in rows)


def load_person_identity(session: Session) -> PersonIdentity:
    """The identity map of this database: linked person records count as one."""
    return PersonIdentity(load_decisions(session, "person").same_as)


def linked_copies(session: Session, record_kind: str) -> frozenset[str]:
    """The records linked into another that stands for them: left out of lists and pickers
    so that each office's copy of one partner shows once (the copy with the smallest uid)."""
    return frozenset(load_decisions(session, record_kind).same_as)
