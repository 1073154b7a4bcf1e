"""Reference data owned by the secretariat: sites, countries, settings, rates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.i18n import N_
from app.models.base import Base, DecimalText, SyncedRecord, info


class Site(SyncedRecord, Base):
    __tablename__ = "site"
    __kind__ = "site"
    __label__ = N_("Site")
    __plural__ = N_("Sites")
    __owned_by__ = "SEC"

    code: Mapped[str] = mapped_column(
        String(3), unique=True, info=info(N_("Code"), required=True, codes="site")
    )
    kind: Mapped[str] = mapped_column(
        String(20), info=info(N_("Kind"), required=True, codes="site_kind")
    )
    country: Mapped[str | None] = mapped_column(
        String(2), info=info(N_("Country"), codes="country")
    )


class Country(SyncedRecord, Base):
    __tablename__ = "country"
    __kind__ = "country"
    __label__ = N_("Country")
    __plural__ = N_("Countries")
    __owned_by__ = "SEC"

    code: Mapped[str] = mapped_column(
        String(2), unique=True, info=info(N_("Code"), required=True, codes="country")
    )
    asean_from: Mapped[dt.date | None] = mapped_column(Date, info=info(N_("ASEAN member from")))
    asean_to: Mapped[dt.date | None] = mapped_column(Date, info=info(N_("ASEAN member until")))


class LeastDevelopedMember(SyncedRecord, Base):
    """A member counted as least developed for the training priority of item 2.5.2."""

    __tablename__ = "least_developed_member"
    __kind__ = "least_developed_member"
    __label__ = N_("Least-developed member")
    __plural__ = N_("Least-developed members")
    __owned_by__ = "SEC"

    country: Mapped[str] = mapped_column(
        String(2), info=info(N_("Country"), required=True, codes="country")
    )
    valid_from: Mapped[dt.date | None] = mapped_column(Date, info=info(N_("From")))
    valid_to: Mapped[dt.date | None] = mapped_column(Date, info=info(N_("Until")))


class ExchangeRate(SyncedRecord, Base):
    """Units of the reporting currency for one unit of ``currency`` in ``year``."""

    __tablename__ = "exchange_rate"
    __kind__ = "exchange_rate"
    __label__ = N_("Exchange rate")
    __plural__ = N_("Exchange rates")
    __owned_by__ = "SEC"

    year: Mapped[int] = mapped_column(Integer, info=info(N_("Year"), required=True))
    currency: Mapped[str] = mapped_column(
        String(3), info=info(N_("Currency"), required=True, codes="currency")
    )
    reporting_currency: Mapped[str] = mapped_column(
        String(3), info=info(N_("Reporting currency"), required=True, codes="currency")
    )
    rate: Mapped[Decimal] = mapped_column(
        DecimalText, info=info(N_("Rate"), required=True, kind="decimal")
    )
