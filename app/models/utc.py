"""The one way to say "now" in what we store: UTC, without a zone, as every table keeps times.

SQLite keeps no time zone, so times are stored naive and always meant as UTC;
writing ``datetime.now(UTC).replace(tzinfo=None)`` at every call site made it
easy for one site to forget the zone and store local time instead.
"""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    """Now, in UTC, naive (the form every table stores)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def utc_now_seconds() -> dt.datetime:
    """Now, in UTC, naive, to the whole second (packages and acknowledgements state these)."""
    return utc_now().replace(microsecond=0)
