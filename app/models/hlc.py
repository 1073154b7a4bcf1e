"""Hybrid logical clock values: comparable as text, monotonic per site.

A version reads ``PPPPPPPPPPPPP.CCCCCC.SITE``: milliseconds since 1970, a
counter for changes within one millisecond, and the site that made it (which
breaks ties, so two sites never produce the same version).
"""

from __future__ import annotations

from dataclasses import dataclass

COUNTER_LIMIT = 1_000_000
REFERENCE_VERSION = "0000000000000.000000.SEC"  # the shipped plan and reference data


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


def tick(last_ms: int, last_counter: int, now_ms: int) -> tuple[int, int]:
    """The next (physical, counter) after the last one, given the wall clock."""
    if now_ms > last_ms:
        return now_ms, 0
    if last_counter + 1 < COUNTER_LIMIT:
        return last_ms, last_counter + 1
    return last_ms + 1, 0


def observe(last_ms: int, last_counter: int, remote: str) -> tuple[int, int]:
    """Move the clock past a version received from elsewhere."""
    try:
        other = parse(remote)
    except ValueError:
        return last_ms, last_counter
    if (other.physical_ms, other.counter) > (last_ms, last_counter):
        return other.physical_ms, other.counter
    return last_ms, last_counter
