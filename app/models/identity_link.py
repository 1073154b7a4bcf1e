"""An office's decision about two person or organisation records: one, or two.

A statement about other offices' records, so a record of its own, owned by the
office that decides (single writer, DESIGN.md): "same" links the two (reports
count them once), "different" keeps the pair from being proposed again. The
newest decision of any office about a pair stands (``app.services.identity``).
"""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.models.base import Base, SyncedRecord, info


class IdentityLink(SyncedRecord, Base):
    __tablename__ = "identity_link"
    __kind__ = "identity_link"
    __label__ = N_("Identity decision")
    __plural__ = N_("Identity decisions")

    record_kind: Mapped[str] = mapped_column(
        String(20), info=info(N_("Kind of record"), required=True, codes="identity_kind")
    )
    # The two uids in sorted order; plain text, since they may name either kind.
    first_uid: Mapped[str] = mapped_column(
        String(36), index=True, info=info(N_("First record"), required=True, kind="text")
    )
    second_uid: Mapped[str] = mapped_column(
        String(36), index=True, info=info(N_("Second record"), required=True, kind="text")
    )
    verdict: Mapped[str] = mapped_column(
        String(10), info=info(N_("Decision"), required=True, codes="identity_verdict")
    )
