"""Deciding that two person (or organisation) records are one, or two.

The decision is a record of this office (``IdentityLink``), whoever owns the
two records: a statement about other offices' records is a new record of the
office that makes it (single writer). Deciding again about a pair changes this
office's decision on it; the newest decision of any office stands.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import NotFoundError, Problem, ValidationError
from app.i18n import _
from app.models import IdentityLink, Organisation, Person
from app.services.records import create_record, update_record
from app.store import Database

VERDICTS = ("same", "different")


@dataclass(frozen=True)
class IdentityDecision:
    """This office's decision about a pair of records."""

    uid: str
    record_kind: str  # "person" or "organisation"
    first_uid: str
    second_uid: str
    verdict: str  # "same" or "different"
    changed: bool  # False when the office had already decided so
    previous: str | None = None  # this office's verdict before, when it changed its mind


def _kind_of(session: Session, uid: str) -> str:
    for kind, model in (("person", Person), ("organisation", Organisation)):
        row = session.get(model, uid)
        if row is not None and not row.deleted:
            return kind
    raise NotFoundError(_("No person or organisation with id {uid}.").format(uid=uid))


def _own_decision(session: Session, site: str, first: str, second: str) -> IdentityLink | None:
    return session.scalars(
        select(IdentityLink).where(
            IdentityLink.owner == site,
            IdentityLink.deleted.is_(False),
            or_(
                (IdentityLink.first_uid == first) & (IdentityLink.second_uid == second),
                (IdentityLink.first_uid == second) & (IdentityLink.second_uid == first),
            ),
        )
    ).first()


def decide(db: Database, uid_a: str, uid_b: str, verdict: str) -> IdentityDecision:
    """Record that the two records are one ("same") or two ("different")."""
    if verdict not in VERDICTS:
        raise ValidationError([Problem("verdict", _("a decision is same or different"))])
    first, second = sorted((uid_a.strip(), uid_b.strip()))
    if first == second:
        raise ValidationError(
            [Problem("uid", _("both ids are {uid}: give two different records").format(uid=first))]
        )
    with db.read_session() as session:
        kinds = {_kind_of(session, first), _kind_of(session, second)}
        mine = _own_decision(session, db.site, first, second)
        mine_uid, mine_verdict = (mine.uid, mine.verdict) if mine else (None, None)
    if len(kinds) != 1:
        raise ValidationError(
            [Problem("uid", _("one id is a person and the other an organisation"))]
        )
    kind = kinds.pop()
    if mine_uid is not None:
        if mine_verdict == verdict:
            return IdentityDecision(mine_uid, kind, first, second, verdict, False)
        update_record(db, "identity_link", mine_uid, {"verdict": verdict})
        return IdentityDecision(mine_uid, kind, first, second, verdict, True, mine_verdict)
    values = {"record_kind": kind, "first_uid": first, "second_uid": second, "verdict": verdict}
    row = create_record(db, "identity_link", values)
    return IdentityDecision(row.uid, kind, first, second, verdict, True)


def link(db: Database, uid_a: str, uid_b: str) -> IdentityDecision:
    """The two records are the same person (or organisation): count them once."""
    return decide(db, uid_a, uid_b, "same")


def distinct(db: Database, uid_a: str, uid_b: str) -> IdentityDecision:
    """The two records are different: never propose them again."""
    return decide(db, uid_a, uid_b, "different")
