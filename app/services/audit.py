"""The audit log: every change to every record, with old and new values."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.models import AuditEntry
from app.store import Database


@dataclass(frozen=True)
class HistoryEntry:
    """One change in a record's history, as shown to a person."""

    at: dt.datetime
    site: str
    action: str
    changes: dict[str, tuple[Any, Any]]
    origin: str | None


def record_history(db: Database, uid: str) -> list[HistoryEntry]:
    """Every change logged for one record, oldest first."""
    with db.read_session() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.record_uid == uid).order_by(AuditEntry.id)
        ).all()
        return [
            HistoryEntry(
                at=r.at,
                site=r.site,
                action=r.action,
                changes={k: (v[0], v[1]) for k, v in json.loads(r.changes).items()},
                origin=r.origin,
            )
            for r in rows
        ]
