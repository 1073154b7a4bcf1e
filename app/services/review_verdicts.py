"""The secretariat accepts records or returns them with one reason, several at once.

Each call is one transaction: every named record is checked first (it must
be a country's record this database holds), then one review per record is
written or changed in place (``app.models.review.review_uid``), so the next
package carries the verdicts to the country.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import AcecError, Problem, ValidationError
from app.i18n import _
from app.models import Review
from app.models.codes import SECRETARIAT
from app.models.review import ACCEPTED, RETURNED, review_uid
from app.services.review import refuse_unless_secretariat
from app.services.review_kinds import REVIEWED_KINDS
from app.services.validation import coerce_values
from app.store import Database
from app.store.audit_log import audit_row, write_audit
from app.store.clock import next_versions

_BATCH = 500


@dataclass(frozen=True)
class ReviewedRecord:
    """A record about to be reviewed: its kind and the version the verdict is about."""

    uid: str
    kind: str
    version: str


@dataclass(frozen=True)
class VerdictResult:
    """How many records got the verdict now, and how many already had it."""

    changed: int
    unchanged: int


def accept_records(db: Database, uids: Iterable[str]) -> VerdictResult:
    """Accept the records as they are now."""
    return _give_verdict(db, uids, ACCEPTED, None)


def return_records(db: Database, uids: Iterable[str], reason: str) -> VerdictResult:
    """Return the records to their offices for correction, with one reason for all."""
    refuse_unless_secretariat(db)
    clean = coerce_values("review", {"reason": reason}, partial=True).get("reason")
    if not clean:
        raise ValidationError([Problem("reason", _("say why the records are returned"))])
    return _give_verdict(db, uids, RETURNED, str(clean))


def _give_verdict(
    db: Database, uids: Iterable[str], verdict: str, reason: str | None
) -> VerdictResult:
    refuse_unless_secretariat(db)
    wanted = list(dict.fromkeys(u.strip() for u in uids if u.strip()))
    if not wanted:
        raise AcecError(_("Name at least one record to review."))
    with db.session() as session:
        records = _reviewable(wanted, _find(session, wanted))
        old = _load_reviews(session, records)
        todo = [r for r in records if _needs(old.get(r.uid), r, verdict, reason)]
        versions = next_versions(session, SECRETARIAT, len(todo)) if todo else []
        audit = [
            _write(session, old.get(r.uid), r, verdict, v, reason)
            for r, v in zip(todo, versions, strict=True)
        ]
        write_audit(session, audit)
    return VerdictResult(changed=len(todo), unchanged=len(wanted) - len(todo))


def _find(session: Session, uids: list[str]) -> dict[str, ReviewedRecord | str]:
    """Each uid's record, or why it cannot be reviewed."""
    found: dict[str, ReviewedRecord | str] = {}
    for kind, spec in REVIEWED_KINDS.items():
        m = spec.model
        for start in range(0, len(uids), _BATCH):
            chunk = uids[start : start + _BATCH]
            query = select(m.uid, m.owner, m.version, m.deleted).where(m.uid.in_(chunk))
            for uid, owner, version, deleted in session.execute(query):
                if deleted:
                    found[uid] = _("it is deleted")
                elif owner == SECRETARIAT:
                    found[uid] = _("it is the secretariat's own record")
                else:
                    found[uid] = ReviewedRecord(uid, kind, version)
    return found


def _reviewable(wanted: list[str], found: dict[str, ReviewedRecord | str]) -> list[ReviewedRecord]:
    """The records to review, in the order named; refused with every reason if one cannot be."""
    records, problems = [], []
    for uid in wanted:
        why = found.get(uid, _("no record of a kind the secretariat reviews has this id"))
        if isinstance(why, str):
            problems.append(Problem(uid, why))
        else:
            records.append(why)
    if problems:
        raise ValidationError(problems)
    return records


def _load_reviews(session: Session, records: list[ReviewedRecord]) -> dict[str, Review]:
    """The reviews these records have already, by the reviewed record's id (one query a batch)."""
    uids = [review_uid(r.uid) for r in records]
    found: dict[str, Review] = {}
    for start in range(0, len(uids), _BATCH):
        query = select(Review).where(Review.uid.in_(uids[start : start + _BATCH]))
        found.update((row.record_uid, row) for row in session.scalars(query))
    return found


def _needs(old: Review | None, record: ReviewedRecord, verdict: str, reason: str | None) -> bool:
    """Whether the verdict changes anything (a new review, or a different one)."""
    if old is None or old.deleted:
        return True
    return (old.record_version, old.verdict, old.reason) != (record.version, verdict, reason)


def _write(
    session: Session,
    row: Review | None,
    record: ReviewedRecord,
    verdict: str,
    version: str,
    reason: str | None,
) -> dict[str, Any]:
    """Write the record's review (new, or changed in place); return its audit row."""
    uid = review_uid(record.uid)
    values: dict[str, str | None] = {
        "record_uid": record.uid,
        "record_kind": record.kind,
        "record_version": record.version,
        "verdict": verdict,
        "reason": reason,
    }
    if row is None:
        changes: dict[str, tuple[Any, Any]] = {
            k: (None, v) for k, v in values.items() if v is not None
        }
        session.add(Review(uid=uid, owner=SECRETARIAT, version=version, deleted=False, **values))
        return audit_row(SECRETARIAT, "review", uid, "create", version, changes)
    changes = {k: (getattr(row, k), v) for k, v in values.items() if getattr(row, k) != v}
    for key, value in values.items():
        setattr(row, key, value)
    row.version, row.deleted = version, False
    return audit_row(SECRETARIAT, "review", uid, "update", version, changes)
