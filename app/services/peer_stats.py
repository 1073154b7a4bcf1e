"""Per peer: the packages sent and received, gaps, and what the peer's receipts said.

For ``acec stats`` and the Sync page. A peer is an office this one exchanges
packages with (SEC for a country; for the secretariat, every country it has
exchanged with, and ALL for its packages to every country).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.orm import Session

from app.models.codes import ALL, COUNTRY_CODES, SECRETARIAT
from app.store import Database
from app.sync.acks import peer_acks
from app.sync.receipts import Statement, stored_statement
from app.sync.sequences import (
    Outcome,
    SentPackage,
    arrived_numbers,
    gaps,
    received_from,
    sent_packages,
)
from app.sync.unsent import count_unacknowledged


@dataclass(frozen=True)
class RecordRefused:
    """One of our records the peer did not apply from our package ``package``, and why."""

    uid: str
    kind: str
    reason: str
    package: int  # the number of our package it came in

    def to_dict(self) -> dict[str, Any]:
        return {"uid": self.uid, "kind": self.kind, "reason": self.reason, "package": self.package}


@dataclass(frozen=True)
class PeerStats:
    """One row of the per-peer table."""

    peer: str
    last_sent_number: int | None  # our latest package for this peer's series
    last_sent_at: dt.datetime | None
    last_received_number: int | None  # the highest number applied here from the peer
    last_receipt_at: str | None  # when the peer made the latest statement about our packages
    # Per series of the peer's packages to us (this site, or ALL): numbers skipped so far.
    gaps: dict[str, list[int]] = field(default_factory=dict)
    not_confirmed: list[int] = field(default_factory=list)  # ours the peer has not said arrived
    unacknowledged: int | None = None  # records not yet acknowledged (None for ALL)
    refused_by_peer: int = 0  # records the peer's latest statement says it refused
    # By id: the records the peer held back from the newest of our packages it applied.
    refused_records: list[RecordRefused] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "peer": self.peer,
            "last_sent_number": self.last_sent_number,
            "last_sent_at": self.last_sent_at.isoformat() if self.last_sent_at else None,
            "last_received_number": self.last_received_number,
            "last_receipt_at": self.last_receipt_at,
            "gaps": self.gaps,
            "not_confirmed": self.not_confirmed,
            "unacknowledged": self.unacknowledged,
            "refused_by_peer": self.refused_by_peer,
            "refused_records": [r.to_dict() for r in self.refused_records],
        }


def _peers(session: Session, site: str, sent: list[SentPackage]) -> list[str]:
    if site != SECRETARIAT:
        return [SECRETARIAT]
    known = {s.series for s in sent} | set(
        c for c in COUNTRY_CODES if received_from(session, c) or peer_acks(session, c)
    )
    return [c for c in (*COUNTRY_CODES, ALL) if c in known]


def _gaps(numbers: dict[str, set[int]]) -> dict[str, list[int]]:
    out = {}
    for series, got in sorted(numbers.items()):
        # ALL packages carry everything: an office that joined late misses the first ones.
        missing = gaps(got) if series != ALL else [n for n in gaps(got) if n > min(got)]
        if missing:
            out[series] = missing
    return out


def _refused_records(statement: Statement | None, peer: str) -> list[RecordRefused]:
    """What the peer held back from the newest package of ours it applied that had records.

    A held-back record travels again in each later package (the peer asks for it again),
    so the newest such package's outcome is where each one stands now.
    """
    if statement is None:
        return []

    def had_records(o: Outcome) -> bool:
        return o.result == "applied" and o.applied + o.unchanged + o.refused > 0

    ours = [o for o in statement.outcomes if o.series == peer and had_records(o)]
    newest = max(ours, key=lambda o: o.number, default=None)
    if newest is None:
        return []
    return [RecordRefused(r.uid, r.kind, r.reason, newest.number) for r in newest.rows]


def _row(session: Session, peer: str, sent: list[SentPackage]) -> PeerStats:
    mine = [s for s in sent if s.series == peer]
    last = max(mine, key=lambda s: s.number, default=None)
    if peer == ALL:
        return PeerStats(peer, last.number if last else None, last.at if last else None, None, None)
    numbers = arrived_numbers(received_from(session, peer))
    statement = stored_statement(session, peer)
    confirmed = statement.arrived.get(peer, set()) if statement else set()
    return PeerStats(
        peer=peer,
        last_sent_number=last.number if last else None,
        last_sent_at=last.at if last else None,
        last_received_number=max((max(n) for n in numbers.values()), default=None),
        last_receipt_at=statement.created if statement else None,
        gaps=_gaps(numbers),
        not_confirmed=sorted({s.number for s in mine} - confirmed),
        refused_by_peer=sum(o.refused for o in statement.outcomes) if statement else 0,
        refused_records=_refused_records(statement, peer),
    )


def peer_stats(db: Database) -> list[PeerStats]:
    """One row per peer, in the order of the site codes (ALL last)."""
    with db.read_session() as session:
        sent = sent_packages(session)
        rows = [_row(session, p, sent) for p in _peers(session, db.site, sent)]
    return [
        r if r.peer == ALL else replace(r, unacknowledged=count_unacknowledged(db, r.peer))
        for r in rows
    ]
