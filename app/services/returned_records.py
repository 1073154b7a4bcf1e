"""Which rows of a record list the secretariat returned for correction, and why.

A list marks these rows; it asks once per refresh (one query driven by the
review table, which holds a row per reviewed record only), never per row.
As in the review queue, a country office sees its own records' returns and
the secretariat every country's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from app.models import Review
from app.models.codes import SECRETARIAT
from app.models.review import RETURNED, review_state
from app.services.review_kinds import REVIEWED_KINDS
from app.store import Database


@dataclass(frozen=True)
class ReturnedRecords:
    """The returned records of one kind: the secretariat's reason by record id."""

    reasons: dict[str, str] = field(default_factory=dict)

    def __contains__(self, uid: object) -> bool:
        return uid in self.reasons

    def reason_of(self, uid: str) -> str | None:
        """The secretariat's reason for returning ``uid``; None when it is not returned."""
        return self.reasons.get(uid)


def returned_records(db: Database, kind: str) -> ReturnedRecords:
    """The records of ``kind`` whose review state is now "returned", with the reasons.

    An empty answer for a kind the secretariat does not review.
    """
    spec = REVIEWED_KINDS.get(kind)
    if spec is None:
        return ReturnedRecords()
    model = spec.model
    query = (
        select(model.uid, Review.reason)
        .join(Review, Review.record_uid == model.uid)
        .where(
            Review.deleted.is_(False),
            Review.verdict == RETURNED,
            model.deleted.is_(False),
            model.owner != SECRETARIAT,
            review_state(model) == RETURNED,  # the one definition of the state
        )
    )
    if db.site != SECRETARIAT:
        query = query.where(model.owner == db.site)
    with db.read_session() as session:
        return ReturnedRecords({uid: reason or "" for uid, reason in session.execute(query)})
