"""Warnings about offices whose clock runs far ahead of this computer's.

Such versions are accepted (they are their owner's own order of changes and
never move our clock), but the officer should know, and tell that office.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.i18n import _, format_datetime, format_timedelta
from app.models.hlc import FAR_AHEAD_MS, parse
from app.sync.sync_record import SyncRecord


def newest_per_owner(records: Iterable[SyncRecord], into: dict[str, str]) -> None:
    """Fold records into ``into``: the newest version per owner."""
    for record in records:
        owner, version = record.owner, record.version
        if version > into.get(owner, ""):
            into[owner] = version


def clock_warnings(newest: dict[str, str], now_ms: int) -> list[str]:
    """One warning per owner whose newest version is far ahead of ``now_ms``."""
    out = []
    for owner, version in sorted(newest.items()):
        ahead_ms = parse(version).physical_ms - now_ms
        if ahead_ms <= FAR_AHEAD_MS:
            continue
        when = dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=parse(version).physical_ms)
        out.append(
            _(
                "The clock of office {office} is {ahead} ahead of this computer's: its records "
                "carry versions up to {when}. They are imported in {office}'s own order and do "
                "not move this office's clock; ask {office} to check its computer's date."
            ).format(
                office=owner,
                ahead=format_timedelta(dt.timedelta(milliseconds=ahead_ms)),
                when=format_datetime(when),
            )
        )
    return out
