"""Years the secretariat locked for a country, and the records it let change anyway."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.models.base import Base, SyncedRecord, info


class YearLock(SyncedRecord, Base):
    """A country's year whose figures the secretariat accepted: its records stay as they are.

    One record per country and year, kept by the secretariat: lifting the lock
    (``lifted``) and locking again are new versions of the same record, so the
    last word travels like any other change.
    """

    __tablename__ = "year_lock"
    __kind__ = "year_lock"
    __label__ = N_("Locked year")
    __plural__ = N_("Locked years")
    __owned_by__ = "SEC"

    country: Mapped[str] = mapped_column(
        String(2), index=True, info=info(N_("Country"), required=True, codes="country")
    )
    year: Mapped[int] = mapped_column(Integer, info=info(N_("Year"), required=True))
    lifted: Mapped[bool] = mapped_column(Boolean, default=False, info=info(N_("Lifted")))


class LockException(SyncedRecord, Base):
    """One record of a locked year that its office may still change (granted by the secretariat).

    Withdrawing the exception deletes this record (a tombstone that travels).
    """

    __tablename__ = "lock_exception"
    __kind__ = "lock_exception"
    __label__ = N_("Lock exception")
    __plural__ = N_("Lock exceptions")
    __owned_by__ = "SEC"

    record_uid: Mapped[str] = mapped_column(
        String(36), index=True, info=info(N_("Record id"), required=True, kind="text")
    )
    # Empty when the secretariat does not hold the record (a new one its import held back).
    record_kind: Mapped[str | None] = mapped_column(
        String(30), info=info(N_("Kind of record"), kind="text")
    )
