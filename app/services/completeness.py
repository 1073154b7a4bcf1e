"""The secretariat's completeness table: per country and year, where its records stand.

Counts come from the review state (``app.models.review.review_state``); the
last package is the newest applied import from that office in this
database's package log (a package travels one way, country to secretariat).
Records without a year (people, organisations) count in a row whose year is
None. A row says whether the secretariat has locked that year for the country
(``app.services.locks``) and how many of its records an exception lets change.
Every office of the plan has at least one row, so one that never sent anything
shows as silent rather than missing; a locked year without records has a row too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.models import Country, LockException, PackageLog, YearLock
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
    locked: bool = False  # the secretariat has locked this year for the country
    exceptions: int = 0  # of its records, those an exception lets change all the same

    @property
    def locked_records(self) -> int:
        """The records the lock keeps as they are (none when the year is not locked)."""
        return self.submitted - self.exceptions if self.locked else 0


@dataclass
class _Counts:
    submitted: int = 0
    accepted: int = 0
    returned: int = 0
    resubmitted: int = 0
    excepted: int = 0

    def add(self, state: str, excepted: bool, n: int) -> None:
        self.submitted += n
        if excepted:
            self.excepted += n
        if state == ACCEPTED:
            self.accepted += n
        elif state == RETURNED:
            self.returned += n
        elif state == RESUBMITTED:
            self.resubmitted += n


def _counts(session: Session) -> dict[tuple[str, int | None], _Counts]:
    counts: dict[tuple[str, int | None], _Counts] = defaultdict(_Counts)
    excepted = select(LockException.record_uid).where(LockException.deleted.is_(False))
    for spec in REVIEWED_KINDS.values():
        model = spec.model
        inner = spec.select(
            review_state(model).label("state"), model.uid.in_(excepted).label("excepted")
        ).where(model.deleted.is_(False), model.owner != SECRETARIAT)
        rows = inner.subquery()
        query = select(
            rows.c.owner, rows.c.year, rows.c.state, rows.c.excepted, func.count()
        ).group_by(rows.c.owner, rows.c.year, rows.c.state, rows.c.excepted)
        for owner, year, state, is_excepted, n in session.execute(query):
            counts[(owner, year)].add(state, bool(is_excepted), n)
    return counts


def _locked_years(session: Session) -> set[tuple[str, int]]:
    query = select(YearLock.country, YearLock.year).where(
        YearLock.deleted.is_(False), YearLock.lifted.is_(False)
    )
    return {(country, year) for country, year in session.execute(query)}


def _plan_offices(session: Session) -> list[str]:
    """The countries of the plan whose membership has not ended (China has no dates)."""
    today = utc_now().date()
    query = select(Country.code).where(
        Country.deleted.is_(False), or_(Country.asean_to.is_(None), Country.asean_to >= today)
    )
    return list(session.scalars(query))


def _last_packages(session: Session) -> dict[str, dt.datetime]:
    query = (
        select(PackageLog.peer, func.max(PackageLog.at))
        .where(PackageLog.direction == "import", PackageLog.outcome == "applied")
        .group_by(PackageLog.peer)
    )
    return {peer: at for peer, at in session.execute(query)}


def completeness_rows(db: Database) -> list[CompletenessRow]:
    """Per country and year: records submitted, accepted, returned, resubmitted, whether the
    year is locked; the last package. Every office of the plan has a row, silent ones too."""
    with db.read_session() as session:
        counts = _counts(session)
        last = _last_packages(session)
        locked = _locked_years(session)
        offices = _plan_offices(session)
    for key in locked:
        counts.setdefault(key, _Counts())  # a locked year shows, records or not
    silent = set(offices) - {country for country, _year in counts}
    for country in silent:
        counts[(country, None)] = _Counts()  # an office that never sent a record
    now = utc_now()
    rows = []
    for (country, year), c in counts.items():
        at = last.get(country)
        stale = at is None or now - at > STALE_AFTER
        rows.append(
            CompletenessRow(
                country,
                year,
                c.submitted,
                c.accepted,
                c.returned,
                c.resubmitted,
                at,
                stale,
                locked=year is not None and (country, year) in locked,
                exceptions=c.excepted,
            )
        )
    rows.sort(key=lambda r: (r.country, r.year is None, r.year or 0))
    return rows
