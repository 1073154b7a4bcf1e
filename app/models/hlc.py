"""Hybrid logical clock values: comparable as text, monotonic per site.

A version reads ``PPPPPPPPPPPPP.CCCCCC.SITE``: milliseconds since 1970, a
counter for changes within one millisecond, and the site that made it (which
breaks ties, so two sites never produce the same version).

Records are single-writer, so a version is only ever compared with other
versions of the same record, all made by its owner: a site's clock needs to be
monotonic over its own versions only, and another site's versions never move
it (an office whose clock says 2099 must not drag everyone else there).
"""

from __future__ import annotations

from dataclasses import dataclass

COUNTER_LIMIT = 1_000_000
LAST_PHYSICAL_MS = 9_999_999_999_999  # 13 digits: 2286-11-20, the format's end
# A clock further ahead of this computer's is "far ahead": time zones and drift
# stay well within a day, a wrong year or a hostile package do not.
FAR_AHEAD_MS = 86_400_000
REFERENCE_VERSION = "0000000000000.000000.SEC"  # the shipped plan and reference data


class ClockExhausted(Exception):
    """The last version 13 digits can hold was made; no later one exists."""


@dataclass(frozen=True)
class Hlc:
    physical_ms: int
    counter: int
    site: str

    def __str__(self) -> str:
        return f"{self.physical_ms:013d}.{self.counter:06d}.{self.site}"


def parse(version: str) -> Hlc:
    """Read a version string; ``ValueError`` when malformed."""
    physical, counter, site = version.split(".")
    if len(physical) != 13 or len(counter) != 6 or not physical.isdigit() or not counter.isdigit():
        raise ValueError(version)
    return Hlc(int(physical), int(counter), site)


def version_before(version: str) -> str:
    """The greatest version of the same site below ``version`` ("" below the first)."""
    v = parse(version)
    if v.counter:
        return str(Hlc(v.physical_ms, v.counter - 1, v.site))
    if v.physical_ms:
        return str(Hlc(v.physical_ms - 1, COUNTER_LIMIT - 1, v.site))
    return ""


def is_valid(version: str) -> bool:
    """True when ``version`` is one the package format can carry."""
    try:
        parse(version)
    except ValueError:
        return False
    return True


def tick(last_ms: int, last_counter: int, now_ms: int) -> tuple[int, int]:
    """The next (physical, counter) after the last one, given the wall clock.

    Never leaves 13 digits: a wall clock past the format's end counts as its
    last millisecond, and after the very last version ``ClockExhausted``
    (staying put would make later edits lose to earlier ones).
    """
    now_ms = min(now_ms, LAST_PHYSICAL_MS)
    if now_ms > last_ms:
        return now_ms, 0
    if last_counter + 1 < COUNTER_LIMIT:
        return last_ms, last_counter + 1
    if last_ms < LAST_PHYSICAL_MS:
        return last_ms + 1, 0
    raise ClockExhausted()


def observe(last_ms: int, last_counter: int, own: str) -> tuple[int, int]:
    """Move the clock past a version this site made itself (received back from a peer)."""
    try:
        other = parse(own)
    except ValueError:
        return last_ms, last_counter
    if (other.physical_ms, other.counter) > (last_ms, last_counter):
        return other.physical_ms, other.counter
    return last_ms, last_counter
