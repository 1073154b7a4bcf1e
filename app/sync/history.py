"""The sync history: packages written and imported, and what each peer acknowledged."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from app.models import PackageLog, PeerAck
from app.models.hlc import parse as parse_version
from app.store import Database


@dataclass(frozen=True)
class PackageEntry:
    """One package exported, imported, refused or undone."""

    id: int
    at: dt.datetime
    direction: str  # export, import, undo
    peer: str
    package_id: str
    file_name: str
    records: int
    outcome: str  # written, applied, refused, undone
    reason: str | None
    backup: str | None


@dataclass(frozen=True)
class Acknowledgement:
    """The newest record of ``owner`` that ``peer`` said it holds, and when that record was made."""

    peer: str
    owner: str
    version: str
    made_at: dt.datetime | None


def _entry(row: PackageLog) -> PackageEntry:
    detail = {}
    if row.detail:
        try:
            detail = json.loads(row.detail)
        except ValueError:
            detail = {}
    return PackageEntry(
        id=row.id,
        at=row.at,
        direction=row.direction,
        peer=row.peer,
        package_id=row.package_id,
        file_name=row.file_name,
        records=row.records,
        outcome=row.outcome,
        reason=detail.get("reason"),
        backup=detail.get("backup"),
    )


def package_history(db: Database, limit: int = 500) -> list[PackageEntry]:
    """The latest packages exported and imported, newest first."""
    with db.read_session() as session:
        rows = session.scalars(select(PackageLog).order_by(PackageLog.id.desc()).limit(limit))
        return [_entry(r) for r in rows]


def last_applied_import(db: Database) -> PackageEntry | None:
    """The most recent import that changed this database, if any."""
    with db.read_session() as session:
        row = session.scalars(
            select(PackageLog)
            .where(PackageLog.direction == "import", PackageLog.outcome == "applied")
            .order_by(PackageLog.id.desc())
        ).first()
        return _entry(row) if row is not None else None


def acknowledgements(db: Database) -> list[Acknowledgement]:
    """What every peer has acknowledged, by peer then owner."""
    with db.read_session() as session:
        rows = session.scalars(select(PeerAck).order_by(PeerAck.peer, PeerAck.owner)).all()
    out = []
    for row in rows:
        try:
            ms = parse_version(row.version).physical_ms
            made = dt.datetime.fromtimestamp(ms / 1000, dt.UTC).replace(tzinfo=None) if ms else None
        except ValueError:
            made = None
        out.append(Acknowledgement(row.peer, row.owner, row.version, made))
    return out
