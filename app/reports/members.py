"""Who counts as an ASEAN member and as least developed on a given day (item 2.5.2).

Both come from reference records, not code: ASEAN membership from the
country records' membership dates, least-developed status from the
least-developed-member records the joint secretariat keeps on its Settings
page (shipped default: Cambodia, Lao PDR, Myanmar and Viet Nam, plus
Timor-Leste from its accession).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Country, LeastDevelopedMember

Period = tuple[dt.date | None, dt.date | None]


def _within(periods: list[Period], when: dt.date) -> bool:
    return any(
        (start is None or start <= when) and (end is None or when <= end) for start, end in periods
    )


class LdcMembership:
    """The least-developed-member records and ASEAN membership, with their dates."""

    def __init__(
        self,
        periods: list[tuple[str, dt.date | None, dt.date | None]],
        asean: list[tuple[str, dt.date | None, dt.date | None]] | None = None,
    ) -> None:
        self._periods: dict[str, list[Period]] = {}
        for country, start, end in periods:
            self._periods.setdefault(country, []).append((start, end))
        self._asean: dict[str, list[Period]] | None = None
        if asean is not None:
            self._asean = {}
            for country, start, end in asean:
                if start is not None:  # China's record has no membership date
                    self._asean.setdefault(country, []).append((start, end))

    def is_ldc(self, country: str | None, day: dt.date | None) -> bool:
        """True when ``country`` counts as least developed on ``day`` (None: today)."""
        if country is None:
            return False
        return _within(self._periods.get(country, []), day or dt.date.today())

    def is_asean(self, country: str | None, day: dt.date | None) -> bool:
        """True when ``country`` is an ASEAN member on ``day`` (None: today).

        Without country records every country but China counts as a member.
        """
        if country is None:
            return False
        if self._asean is None:
            return country != "CN"
        return _within(self._asean.get(country, []), day or dt.date.today())

    def members(self) -> list[tuple[str, dt.date | None, dt.date | None]]:
        """The least-developed members as (country, from, until), by country code."""
        return sorted(
            (c, start, end) for c, periods in self._periods.items() for start, end in periods
        )


def load_ldc_membership(session: Session) -> LdcMembership:
    """Read the least-developed-member and country records (deleted ones left out)."""
    rows = session.execute(
        select(
            LeastDevelopedMember.country,
            LeastDevelopedMember.valid_from,
            LeastDevelopedMember.valid_to,
        ).where(LeastDevelopedMember.deleted.is_(False))
    ).all()
    countries = session.execute(
        select(Country.code, Country.asean_from, Country.asean_to).where(Country.deleted.is_(False))
    ).all()
    return LdcMembership(
        [(r.country, r.valid_from, r.valid_to) for r in rows],
        [(c.code, c.asean_from, c.asean_to) for c in countries] if countries else None,
    )
