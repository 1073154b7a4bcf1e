"""What the status bar and settings page show about this office and its database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from app.models import PackageLog
from app.store import Database
from app.store.database import BACKUPS_KEPT_SETTING
from app.store.local_settings import read_setting, write_setting

BACKUPS_KEPT = BACKUPS_KEPT_SETTING


@dataclass(frozen=True)
class LastSync:
    """The newest package written or applied: when, which way, with whom."""

    at: dt.datetime
    direction: str
    peer: str


def last_sync(db: Database) -> LastSync | None:
    """The newest package exported or applied, or None if there was none yet."""
    stmt = (
        select(PackageLog.at, PackageLog.direction, PackageLog.peer)
        .where(PackageLog.outcome.in_(("written", "applied")))
        .order_by(PackageLog.at.desc())
        .limit(1)
    )
    with db.engine.connect() as conn:
        row = conn.execute(stmt).first()
    return LastSync(row[0], row[1], row[2]) if row else None


def get_setting(db: Database, key: str, default: str | None = None) -> str | None:
    """A setting of this database (never synced)."""
    with db.read_session() as session:
        value = read_setting(session, key)
    return default if value is None else value


def set_setting(db: Database, key: str, value: str) -> None:
    """Store a setting of this database."""
    with db.session() as session:
        write_setting(session, key, value)


def backups_kept(db: Database) -> int:
    """How many automatic backups this database keeps."""
    return db.backups_to_keep()
