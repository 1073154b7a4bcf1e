"""Which members count as least developed on a given day (item 2.5.2 priority)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import LeastDevelopedMember


class LdcMembership:
    """The least-developed-member records with their validity dates."""

    def __init__(self, periods: list[tuple[str, dt.date | None, dt.date | None]]) -> None:
        self._periods: dict[str, list[tuple[dt.date | None, dt.date | None]]] = {}
        for country, start, end in periods:
            self._periods.setdefault(country, []).append((start, end))

    def is_ldc(self, country: str | None, day: dt.date | None) -> bool:
        """True when ``country`` counts as least developed on ``day`` (None: today)."""
        if country is None:
            return False
        when = day or dt.date.today()
        return any(
            (start is None or start <= when) and (end is None or when <= end)
            for start, end in self._periods.get(country, ())
        )


def load_ldc_membership(session: Session) -> LdcMembership:
    """Read the least-developed-member records (deleted ones left out)."""
    rows = session.execute(
        select(
            LeastDevelopedMember.country,
            LeastDevelopedMember.valid_from,
            LeastDevelopedMember.valid_to,
        ).where(LeastDevelopedMember.deleted.is_(False))
    ).all()
    return LdcMembership([(r.country, r.valid_from, r.valid_to) for r in rows])
