"""This site's hybrid logical clock, kept in the database."""

from __future__ import annotations

import time
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ClockState
from app.models.hlc import Hlc, observe, tick


def _state(session: Session) -> ClockState:
    state = session.scalars(select(ClockState)).first()
    if state is None:
        state = ClockState(id=1, physical_ms=0, counter=0)
        session.add(state)
    return state


def next_versions(session: Session, site: str, count: int = 1) -> list[str]:
    """Reserve ``count`` new versions for changes made by ``site`` in this session."""
    state = _state(session)
    now_ms = int(time.time() * 1000)
    physical, counter = state.physical_ms, state.counter
    out = []
    for _ in range(count):
        physical, counter = tick(physical, counter, now_ms)
        out.append(str(Hlc(physical, counter, site)))
    state.physical_ms, state.counter = physical, counter
    return out


def next_version(session: Session, site: str) -> str:
    """One new version for one change."""
    return next_versions(session, site, 1)[0]


def observe_versions(session: Session, versions: Iterable[str]) -> None:
    """Move the clock past versions received in a package, so ours stay newer."""
    state = _state(session)
    physical, counter = state.physical_ms, state.counter
    for version in versions:
        physical, counter = observe(physical, counter, version)
    state.physical_ms, state.counter = physical, counter
