"""This site's hybrid logical clock, kept in the database.

The clock moves only with this site's own changes (and its own versions
received back from a peer): another site's versions never move it, so an
office whose clock runs far ahead cannot push ours to the end of the format.
A clock that an older version of the program did let run ahead is brought
back, once, to this site's own newest version (``repair_clock``).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from sqlalchemy import ColumnElement, Table, func, select, update
from sqlalchemy.orm import Session

from app.errors import AcecError
from app.i18n import _
from app.models import RECORD_TYPES, ClockState
from app.models.hlc import (
    FAR_AHEAD_MS,
    LAST_PHYSICAL_MS,
    ClockExhausted,
    Hlc,
    observe,
    parse,
    tick,
)
from app.store.local_settings import read_setting, write_setting

# The newest own version this site may have sent that its tables no longer
# show (an undone import takes later edits with it; peers still hold them).
ISSUED_FLOOR_KEY = "clock.issued_floor"


def wall_clock_ms() -> int:
    """This computer's clock, in milliseconds since 1970."""
    return int(time.time() * 1000)


def _state(session: Session) -> ClockState:
    state = session.scalars(select(ClockState)).first()
    if state is None:
        state = ClockState(id=1, physical_ms=0, counter=0)
        session.add(state)
    return state


def next_versions(session: Session, site: str, count: int = 1) -> list[str]:
    """Reserve ``count`` new versions for changes made by ``site`` in this session."""
    now_ms = wall_clock_ms()
    repair_clock(session, site, now_ms)
    return _reserve(session, site, count, now_ms)


def _reserve(session: Session, site: str, count: int, now_ms: int) -> list[str]:
    state = _state(session)
    physical, counter = state.physical_ms, state.counter
    out = []
    try:
        for _n in range(count):
            physical, counter = tick(physical, counter, now_ms)
            out.append(str(Hlc(physical, counter, site)))
    except ClockExhausted:
        raise AcecError(
            _(
                "This office has already made a change with the last version a package can "
                "carry (year 2286), so no later change can be ordered after it. The computer's "
                "date was set far in the future; nothing was changed."
            )
        ) from None
    state.physical_ms, state.counter = physical, counter
    return out


def next_version(session: Session, site: str) -> str:
    """One new version for one change."""
    return next_versions(session, site, 1)[0]


def observe_versions(session: Session, site: str, versions: Iterable[str]) -> None:
    """Move the clock past ``site``'s own versions received back in a package.

    Only our own: our later edits must beat our earlier ones wherever they
    are, but another site's versions say nothing about our order.
    """
    state = _state(session)
    physical, counter = state.physical_ms, state.counter
    for version in versions:
        if version.rpartition(".")[2] == site:
            physical, counter = observe(physical, counter, version)
    state.physical_ms, state.counter = physical, counter


def _is_record_version(column: ColumnElement[str]) -> ColumnElement[bool]:
    """SQL: the version has the 13-digit shape (the old program could write 14)."""
    return (func.substr(column, 14, 1) == ".") & (func.substr(column, 21, 1) == ".")


def own_newest(session: Session, site: str) -> str:
    """The newest valid version among ``site``'s own records ("" when none)."""
    newest = ""
    for model in RECORD_TYPES:
        version = model.__table__.c.version
        found = session.scalar(
            select(func.max(version)).where(
                model.__table__.c.owner == site, _is_record_version(version)
            )
        )
        newest = max(newest, found or "")
    return newest


def _issued_floor(session: Session) -> str:
    return read_setting(session, ISSUED_FLOOR_KEY) or ""


def repair_clock(session: Session, site: str, now_ms: int | None = None) -> bool:
    """Bring back a clock far ahead of both this computer's and our own newest version.

    Only an older version of the program put it there (it followed other
    sites' versions); nothing of ours was issued above our own newest, so no
    later edit can lose. Own records it gave 14-digit versions (never
    exported: every export failed on them) get fresh ones. True when repaired.
    """
    state = session.scalars(select(ClockState)).first()
    if state is None:
        return False
    now_ms = wall_clock_ms() if now_ms is None else now_ms
    overflowed = state.physical_ms > LAST_PHYSICAL_MS
    if state.physical_ms <= now_ms + FAR_AHEAD_MS and not overflowed:
        return False  # the usual case: one row read
    newest = max(own_newest(session, site), _issued_floor(session))
    back = parse(newest) if newest else Hlc(0, 0, site)
    if state.physical_ms <= back.physical_ms + FAR_AHEAD_MS and not overflowed:
        return False  # our own versions are there too: ours to keep, monotonic
    state.physical_ms, state.counter = back.physical_ms, back.counter
    if overflowed:
        _reversion_overflowed(session, site, now_ms)
    return True


def _reversion_overflowed(session: Session, site: str, now_ms: int) -> None:
    """Fresh versions for own records whose version the format cannot carry."""
    for model in RECORD_TYPES:
        table = model.__table__
        uids = session.scalars(
            select(table.c.uid).where(table.c.owner == site, ~_is_record_version(table.c.version))
        ).all()
        if uids:
            versions = _reserve(session, site, len(uids), now_ms)
            for uid, version in zip(uids, versions, strict=True):
                session.execute(
                    update(cast(Table, table)).where(table.c.uid == uid).values(version=version)
                )


@dataclass(frozen=True)
class KeptClock:
    """What an undo must carry over: the clock, and the newest own version issued."""

    physical_ms: int
    counter: int
    issued_floor: str


def clock_to_keep(session: Session, site: str) -> KeptClock:
    """Read before a backup is put back: the clock and every own version already issued."""
    state = session.scalars(select(ClockState)).first()
    clock = (state.physical_ms, state.counter) if state else (0, 0)
    floor = max(own_newest(session, site), _issued_floor(session))
    return KeptClock(clock[0], clock[1], floor)


def keep_clock(session: Session, kept: KeptClock) -> None:
    """After a backup was put back: the clock never goes back, nor below what was issued.

    Edits exported after the undone import carry versions the next edits must
    still beat, though the restored tables no longer show them.
    """
    state = _state(session)
    if (state.physical_ms, state.counter) < (kept.physical_ms, kept.counter):
        state.physical_ms, state.counter = kept.physical_ms, kept.counter
    if kept.issued_floor > _issued_floor(session):
        write_setting(session, ISSUED_FLOOR_KEY, kept.issued_floor)
