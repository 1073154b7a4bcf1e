"""This database's own settings (``local_setting``, never synced): read and write one by key.

The one place that knows a setting is a row to add the first time and to
change afterwards, so every caller writes inside its own transaction the
same way.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.models import LocalSetting


def read_setting(session: Session, key: str) -> str | None:
    """The value stored under ``key``, or None."""
    row = session.get(LocalSetting, key)
    return row.value if row is not None else None


def write_setting(session: Session, key: str, value: str) -> None:
    """Store ``value`` under ``key`` inside the caller's transaction."""
    row = session.get(LocalSetting, key)
    if row is None:
        session.add(LocalSetting(key=key, value=value))
    else:
        row.value = value
