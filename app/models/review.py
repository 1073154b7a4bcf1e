"""The secretariat's review of a country's record: accepted, or returned with a reason.

A review is a statement about another office's record, so it is a record of
its own, owned by the secretariat (single writer, DESIGN.md). It names the
record it reviewed by id and kind and the version it saw; the record's
review state follows from that (``review_state`` below): a later edit
of the record makes it "resubmitted" without anyone saying so.
"""

from __future__ import annotations

import random
from typing import Any

from sqlalchemy import ColumnElement, String, case, func, literal, or_, select
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.models.base import Base, SyncedRecord, info
from app.models.codes import SECRETARIAT
from app.models.record_ids import owner_bound_uid

REASON_LIMIT = 500
SUBMITTED, ACCEPTED, RETURNED, RESUBMITTED = "submitted", "accepted", "returned", "resubmitted"


class Review(SyncedRecord, Base):
    __tablename__ = "review"
    __kind__ = "review"
    __label__ = N_("Review")
    __plural__ = N_("Reviews")
    __owned_by__ = "SEC"

    record_uid: Mapped[str] = mapped_column(
        String(36), index=True, info=info(N_("Reviewed record"), required=True)
    )
    record_kind: Mapped[str] = mapped_column(
        String(40), info=info(N_("Kind of record"), required=True, codes="reviewed_kind")
    )
    record_version: Mapped[str] = mapped_column(
        String(40), info=info(N_("Version reviewed"), required=True)
    )
    verdict: Mapped[str] = mapped_column(
        String(10), info=info(N_("Verdict"), required=True, codes="review_verdict")
    )
    reason: Mapped[str | None] = mapped_column(
        String(REASON_LIMIT), info=info(N_("Reason for return"))
    )


def review_uid(record_uid: str) -> str:
    """The id of the one review of ``record_uid``: the secretariat's, the same everywhere.

    One review per record, changed in place when the secretariat reviews the
    record again, so the review state never has to choose between reviews.
    """
    return owner_bound_uid(SECRETARIAT, random.Random(f"review:{record_uid}"))


def review_state(record: Any) -> ColumnElement[str]:
    """The review state of each row of ``record`` (a mapped class or table), in SQL.

    The one definition of a record's state: no review → "submitted"; a review
    of its current version → that review's verdict ("accepted" or
    "returned"); a review of an earlier version → "resubmitted" (the owner
    changed the record after the secretariat saw it).
    """
    columns = getattr(record, "c", record)
    seen = (
        select(
            case(
                (Review.record_version == columns.version, Review.verdict),
                else_=literal(RESUBMITTED),
            )
        )
        .where(Review.record_uid == columns.uid, Review.deleted.is_(False))
        .correlate_except(Review)
        .limit(1)
        .scalar_subquery()
    )
    return func.coalesce(seen, literal(SUBMITTED))


def accepted_by_secretariat(record: Any) -> ColumnElement[bool]:
    """SQL: the row is one the secretariat accepted as it is now, or the secretariat's own."""
    columns = getattr(record, "c", record)
    return or_(columns.owner == SECRETARIAT, review_state(record) == ACCEPTED)
