"""Which exchange rate converts an amount, and why: one rule for every report.

An amount recorded with the rate its office's finance section used (the
funding record's own rate) is converted with that rate; otherwise with the
secretariat's yearly rate for its date's year and currency; an amount in the
reporting currency needs none. With none of these it stays out of totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import N_
from app.models import ExchangeRate

CENT = Decimal("0.01")
# The basis of a conversion, as reports name it.
OWN, SECRETARIAT_RATE, REPORTING, NONE = "own", "secretariat", "reporting", "none"
BASIS_LABELS = {
    OWN: N_("the office's own rate"),
    SECRETARIAT_RATE: N_("the secretariat's yearly rate"),
    REPORTING: N_("no rate needed"),
    NONE: N_("no rate: left out of the totals"),
}


@dataclass(frozen=True)
class AppliedRate:
    """The rate applied to one amount (None when there is none) and its basis."""

    basis: str
    rate: Decimal | None

    def convert(self, amount: Decimal) -> Decimal | None:
        """``amount`` in the reporting currency, or None without a rate."""
        return None if self.rate is None else (amount * self.rate).quantize(CENT)


def yearly_rates(session: Session, reporting: str) -> dict[tuple[int, str], Decimal]:
    """The secretariat's rates by (year, currency); the latest version wins."""
    rows = session.execute(
        select(ExchangeRate.year, ExchangeRate.currency, ExchangeRate.rate)
        .where(ExchangeRate.deleted.is_(False), ExchangeRate.reporting_currency == reporting)
        .order_by(ExchangeRate.version)
    ).all()
    return {(r.year, r.currency): r.rate for r in rows}


def applied_rate(
    currency: str,
    year: int,
    own_rate: Decimal | None,
    rates: dict[tuple[int, str], Decimal],
    reporting: str,
) -> AppliedRate:
    """The rate that converts an amount of ``currency`` dated in ``year``."""
    if currency == reporting:
        return AppliedRate(REPORTING, Decimal(1))
    if own_rate is not None and own_rate > 0:
        return AppliedRate(OWN, own_rate)
    rate = rates.get((year, currency))
    if rate is not None:
        return AppliedRate(SECRETARIAT_RATE, rate)
    return AppliedRate(NONE, None)
