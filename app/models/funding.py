"""Money for activities: commitments, disbursements and in-kind contributions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.models.base import Base, DecimalText, Money, SyncedRecord, info
from app.models.plan import fk
from app.models.search_fold import search_fold_column


class Funding(SyncedRecord, Base):
    __tablename__ = "funding"
    __kind__ = "funding"
    __label__ = N_("Funding")
    __plural__ = N_("Funding")
    # Folded into search_fold for a search without accents or case (app.models.search_fold).
    __search_fields__ = ("notes",)

    activity_uid: Mapped[str] = mapped_column(
        fk("activity.uid"), index=True, info=info(N_("Activity"), required=True, ref="activity")
    )
    kind: Mapped[str] = mapped_column(
        String(20), info=info(N_("Kind"), required=True, codes="funding_kind")
    )
    source: Mapped[str] = mapped_column(
        String(20), info=info(N_("Source"), required=True, codes="funding_source")
    )
    donor_uid: Mapped[str | None] = mapped_column(
        fk("organisation.uid"), info=info(N_("Donor"), ref="organisation")
    )
    amount: Mapped[Decimal] = mapped_column(
        Money, info=info(N_("Amount"), required=True, kind="money")
    )
    currency: Mapped[str] = mapped_column(
        String(3), info=info(N_("Currency"), required=True, codes="currency")
    )
    date: Mapped[dt.date] = mapped_column(Date, info=info(N_("Date"), required=True))
    # The rate this office's finance section applied (US dollars for one unit),
    # used instead of the secretariat's yearly rate when given.
    own_rate: Mapped[Decimal | None] = mapped_column(
        DecimalText, info=info(N_("Own exchange rate (US$ for one unit)"), kind="decimal")
    )
    notes: Mapped[str | None] = mapped_column(String(500), info=info(N_("Notes")))
    search_fold: Mapped[str | None] = search_fold_column()
