"""The secretariat's completeness table: per country and year, where its records stand.

Counts come from the review state (``app.models.review.review_state``); the
last package is the newest applied import from that office in this
database's package log (a package travels one way, country to secretariat).
Records without a year (people, organisations) count in a row whose year is
None. The "locked" column belongs to the locked years and is not here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import PackageLog
from app.models.codes import SECRETARIAT
from app.models.review import ACCEPTED, RESUBMITTED, RETURNED, review_state
from app.models.utc import utc_now
from app.services.review_kinds import REVIEWED_KINDS
from app.store import Database

STALE_AFTER = dt.timedelta(days=90)


@dataclass(frozen=True)
class CompletenessRow:
    """One country's records of one year (None: records without a year)."""

    country: str
    year: int | None
    submitted: int  # every record the country sent, whatever its state
    accepted: int
    returned: int
    resubmitted: int
    last_package: dt.datetime | None  # UTC, when its newest package was applied here
    stale: bool  # no package for STALE_AFTER, or never


@dataclass
class _Counts:
    submitted: int = 0
    accepted: int = 0
    returned: int = 0
    resubmitted: int = 0

    def add(self, state: str, n: int) -> None:
        self.submitted += n
        if state == ACCEPTED:
            self.accepted += n
        elif state == RETURNED:
            self.returned += n
        elif state == RESUBMITTED:
            self.resubmitted += n


def _counts(session: Session) -> dict[tuple[str, int | None], _Counts]:
    counts: dict[tuple[str, int | None], _Counts] = defaultdict(_Counts)
    for spec in REVIEWED_KINDS.values():
        model = spec.model
        inner = spec.select(review_state(model).label("state")).where(
            model.deleted.is_(False), model.owner != SECRETARIAT
        )
        rows = inner.subquery()
        query = select(rows.c.owner, rows.c.year, rows.c.state, func.count()).group_by(
            rows.c.owner, rows.c.year, rows.c.state
        )
        for owner, year, state, n in session.execute(query):
            counts[(owner, year)].add(state, n)
    return counts


def _last_packages(session: Session) -> dict[str, dt.datetime]:
    query = (
        select(PackageLog.peer, func.max(PackageLog.at))
        .where(PackageLog.direction == "import", PackageLog.outcome == "applied")
        .group_by(PackageLog.peer)
    )
    return {peer: at for peer, at in session.execute(query)}


def completeness_rows(db: Database) -> list[CompletenessRow]:
    """Per country and year: records submitted, accepted, returned, resubmitted; last package."""
    with db.read_session() as session:
        counts = _counts(session)
        last = _last_packages(session)
    now = utc_now()
    rows = []
    for (country, year), c in counts.items():
        at = last.get(country)
        stale = at is None or now - at > STALE_AFTER
        rows.append(
            CompletenessRow(
                country, year, c.submitted, c.accepted, c.returned, c.resubmitted, at, stale
            )
        )
    rows.sort(key=lambda r: (r.country, r.year is None, r.year or 0))
    return rows
