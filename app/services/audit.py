"""The audit log: every change to every record, with old and new values."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.models import AuditEntry
from app.store import Database


def audit_row(
    site: str,
    kind: str,
    uid: str,
    action: str,
    version: str,
    changes: dict[str, tuple[Any, Any]] | None = None,
    origin: str | None = None,
) -> dict[str, Any]:
    """An audit row as a dict, for one insert or a bulk insert."""
    return {
        "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "site": site,
        "kind": kind,
        "record_uid": uid,
        "action": action,
        "version": version,
        "changes": json.dumps(
            {k: list(v) for k, v in (changes or {}).items()}, ensure_ascii=False, sort_keys=True
        ),
        "origin": origin,
    }


def write_audit(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert audit rows in the caller's transaction."""
    if rows:
        session.execute(insert(AuditEntry), list(rows))


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
