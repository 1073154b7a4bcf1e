"""Which records a year lock covers: the year of a record, and whether it is locked.

The year of a record is the year its figures count in, so that a locked
year's accepted figures stay as they were accepted:

- an activity: the year of its start date (an activity without one is in no year);
- its participations, partner organisations and outputs: the year of their
  activity, because they are that activity's figures (trainees of a 2011
  training count in 2011) and have no date of their own that reports count by;
- a funding row: its own date's year, because the funding report counts money
  in the year of its date (a 2011 activity paid in 2012 is 2012's money);
- a green envoy: the year named, which is where the envoy report counts it;
- people, organisations, the plan and reference data: no year. A person trained
  in a locked year may be trained again later, and correcting a name must stay
  possible.

A lock is for a country; a record is that country's when its owner is that
country's office (an office's code is its country's). The secretariat's own
records are never locked. An exception for a record's id lets that one record
change in a locked year; nothing else does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import YearLockedError
from app.i18n import _
from app.models.activity import Activity
from app.models.codes import SECRETARIAT, label_of
from app.models.locks import LockException, YearLock
from app.models.registry import model_of

ACTIVITY_PARTS = ("activity_partner", "activity_output", "participation")
CHUNK = 900  # below SQLite's bound-parameter limit for "uid IN (...)"


def own_year(kind: str, values: Mapping[str, Any]) -> int | None:
    """The year of a record that has one of its own (see the module's list)."""
    if kind == "activity" or kind == "funding":
        day = values.get("start_date" if kind == "activity" else "date")
        return day.year if isinstance(day, dt.date) else None
    if kind == "green_envoy":
        year = values.get("year")
        return year if isinstance(year, int) else None
    return None


@dataclass(frozen=True)
class LockedRecord:
    """A record a year lock keeps as it is: which, whose and the year locked."""

    kind: str
    uid: str
    owner: str
    year: int
    name: str = ""

    def message(self) -> str:
        """Why the record cannot change, naming it, the year and the country."""
        kind = _(model_of(self.kind).__label__)
        shown = (
            _("“{name}” ({uid})").format(name=self.name, uid=self.uid) if self.name else self.uid
        )
        return _(
            "The {kind} {record} counts in {year}, which the joint secretariat has locked for "
            "{country}: it can no longer be changed or deleted. Ask the secretariat for an "
            "exception for this record if it must change."
        ).format(
            kind=kind.lower(), record=shown, year=self.year, country=label_of("country", self.owner)
        )


def record_name(values: Mapping[str, Any]) -> str:
    """The words a record is known by (an activity's title, a person's name), if any."""
    for key in ("title", "name"):
        if values.get(key):
            return str(values[key])
    return ""


@dataclass
class LockCheck:
    """The locks and exceptions as stored, asked about records (one session's view)."""

    session: Session
    locked: frozenset[tuple[str, int]]
    excepted: frozenset[str]
    # The activities' years, stored and (for an import) as the package would make them.
    _activity_years: dict[str, set[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> LockCheck:
        locks = session.execute(
            select(YearLock.country, YearLock.year).where(
                YearLock.deleted.is_(False), YearLock.lifted.is_(False)
            )
        )
        excepted = session.scalars(
            select(LockException.record_uid).where(LockException.deleted.is_(False))
        )
        return cls(session, frozenset((c, y) for c, y in locks), frozenset(excepted))

    def __bool__(self) -> bool:
        return bool(self.locked)

    def years(self, kind: str, values: Mapping[str, Any]) -> set[int]:
        """The years a record's figures count in (more than one while its activity moves)."""
        if kind in ACTIVITY_PARTS:
            uid = values.get("activity_uid")
            return self.activity_years([uid])[uid] if isinstance(uid, str) else set()
        year = own_year(kind, values)
        return set() if year is None else {year}

    def activity_years(self, uids: Iterable[str]) -> dict[str, set[int]]:
        """The stored year of each activity (read once), with any noted by ``note_activity``."""
        wanted = [u for u in set(uids) if u not in self._activity_years]
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            for uid in chunk:
                self._activity_years[uid] = set()
            rows = self.session.execute(
                select(Activity.uid, Activity.start_date).where(Activity.uid.in_(chunk))
            )
            for uid, start_date in rows:
                if start_date is not None:
                    self._activity_years[uid].add(start_date.year)
        return {u: self._activity_years.get(u, set()) for u in uids}

    def note_activity(self, uid: str, values: Mapping[str, Any]) -> None:
        """An activity's year as an import would make it: its parts count there too."""
        year = own_year("activity", values)
        self.activity_years([uid])
        if year is not None:
            self._activity_years[uid].add(year)

    def locked_record(
        self, kind: str, uid: str, owner: str, values: Mapping[str, Any]
    ) -> LockedRecord | None:
        """The lock that keeps this record (in this state) as it is, or None."""
        if not self.locked or owner == SECRETARIAT or uid in self.excepted:
            return None
        for year in sorted(self.years(kind, values)):
            if (owner, year) in self.locked:
                return LockedRecord(kind, uid, owner, year, record_name(values))
        return None

    def refuse(self, kind: str, uid: str, owner: str, *states: Mapping[str, Any]) -> None:
        """``YearLockedError`` when a lock keeps the record in any of these states."""
        for values in states:
            locked = self.locked_record(kind, uid, owner, values)
            if locked is not None:
                raise YearLockedError(locked.message())
