"""The default yearly exchange rates shipped in resources/exchange_rates.json.

Read by the reference data (a new database) and by the migration that brings
them to an older one, so both make the same records under the same ids.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Context, Decimal
from functools import cache

from app.models.reference_ids import reference_uid
from app.shipped_data import resources_folder

RATES_FILE = "exchange_rates.json"
REPORTING_CURRENCY = "USD"
_SIX_DIGITS = Context(prec=6)


@dataclass(frozen=True)
class ShippedSeries:
    """One currency's series as the data file gives it."""

    currency: str
    source: str
    verified: bool
    note: str
    per_usd: dict[int, Decimal]


@dataclass(frozen=True)
class ShippedRate:
    """One default rate: US dollars for one unit of ``currency`` in ``year``."""

    uid: str
    year: int
    currency: str
    rate: Decimal


def rate_uid(year: int, currency: str) -> str:
    """The shared id of the secretariat's rate for ``currency`` in ``year``."""
    return reference_uid("rate", str(year), currency)


def usd_for_one(per_usd: Decimal) -> Decimal:
    """US dollars for one unit, from units for one US dollar (six significant digits)."""
    return _SIX_DIGITS.divide(Decimal(1), per_usd)


@cache
def shipped_series() -> tuple[ShippedSeries, ...]:
    """Every series of the data file, in currency order."""
    text = (resources_folder() / RATES_FILE).read_text(encoding="utf-8")
    out = []
    for s in json.loads(text)["series"]:
        values = {int(y): Decimal(v) for y, v in s["per_usd"].items() if v is not None}
        out.append(
            ShippedSeries(
                s["currency"], s["source"], bool(s["verified"]), s.get("note", ""), values
            )
        )
    return tuple(sorted(out, key=lambda s: s.currency))


def shipped_rates() -> list[ShippedRate]:
    """Every default rate (a year without a figure has none)."""
    return [
        ShippedRate(rate_uid(year, s.currency), year, s.currency, usd_for_one(per_usd))
        for s in shipped_series()
        for year, per_usd in sorted(s.per_usd.items())
    ]
