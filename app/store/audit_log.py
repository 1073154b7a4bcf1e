"""Writing the audit log: one row per change to a record, in the caller's transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import AuditEntry
from app.models.utc import utc_now


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
        "at": utc_now(),
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
