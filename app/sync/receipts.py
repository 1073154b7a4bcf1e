"""Receipts: every package tells its recipient which of its packages arrived, and how it went.

A statement about one peer (one manifest row ``receipt.PEER``, JSON text) has
the numbers applied here per series of that peer (``"1-4,6"``) and the
outcome of its latest packages (records applied, unchanged, refused with the
reasons, and the records held back by id, kind and reason under ``rows``, a
key older programs neither write nor read). The peer stores the newest statement it gets about itself; its Sync
page and ``acec stats`` read it. ``acec receipt`` writes a package that carries
only these statements.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import PackageReceived
from app.models.codes import ALL, COUNTRY_CODES
from app.models.utc import utc_now_seconds
from app.store.local_settings import read_setting, write_setting
from app.sync.errors import Located, PackageRefused
from app.sync.layout import MANIFEST_SHEET
from app.sync.manifest import Manifest
from app.sync.sequences import (
    MAX_REASON_CHARS,
    MAX_REFUSED_ROWS,
    UID_CHARS,
    Outcome,
    RefusedRecord,
    arrived_numbers,
    parse_ranges,
    ranges_text,
    received_from,
)

OUTCOMES_PER_SERIES = 5  # the latest packages whose outcome is stated back
MAX_CELL = 30_000  # a spreadsheet cell holds 32,767 characters
_STORED = "sync.receipt.{peer}"


@dataclass(frozen=True)
class Statement:
    """What a peer said arrived from us: numbers per series, latest outcomes, when it said so."""

    arrived: dict[str, set[int]] = field(default_factory=dict)
    outcomes: tuple[Outcome, ...] = ()
    created: str = ""  # when the peer made the package that carried it (UTC, ISO 8601)
    package_id: str = ""


def _outcome(row: PackageReceived) -> Outcome:
    data = json.loads(row.outcome or "{}")
    return Outcome(
        series=row.series,
        number=row.number,
        package_id=row.package_id,
        at=str(data.get("at", row.at.isoformat())),
        result=row.result,
        applied=int(data.get("applied", 0)),
        unchanged=int(data.get("unchanged", 0)),
        refused=int(data.get("refused", 0)),
        reasons=tuple(str(r) for r in data.get("reasons", [])),
        rows=_parse_rows(data.get("rows", [])),
    )


def _statement_text(rows: list[PackageReceived]) -> str:
    arrived = {s: ranges_text(n) for s, n in sorted(arrived_numbers(rows).items())}
    latest: list[PackageReceived] = []
    for series in sorted({r.series for r in rows}):
        latest += [r for r in rows if r.series == series][-OUTCOMES_PER_SERIES:]
    outcomes = [_outcome(r).to_json() for r in latest]

    def text() -> str:
        return json.dumps({"arrived": arrived, "outcomes": outcomes}, ensure_ascii=False)

    for older in outcomes[:-1]:  # the older outcomes' records give way first,
        if len(text()) <= MAX_CELL:
            break
        older.pop("rows", None)
    while len(text()) > MAX_CELL and outcomes:  # then the oldest outcomes
        outcomes.pop(0)
    return text()


def statements_for(session: Session, recipient: str) -> dict[str, str]:
    """The manifest's ``receipt.PEER`` rows for a package to ``recipient``."""
    peers = COUNTRY_CODES if recipient == ALL else (recipient,)
    out = {}
    for peer in peers:
        rows = received_from(session, peer)
        if rows:
            out[peer] = _statement_text(rows)
    return out


def _refuse(message: str, row: int | None) -> PackageRefused:
    return PackageRefused(message, [Located(message, MANIFEST_SHEET, row, "B" if row else None)])


def _parse_rows(items: Any) -> tuple[RefusedRecord, ...]:
    """The records a statement says were held back; ValueError when not of that form."""
    if not isinstance(items, list):
        raise ValueError(items)
    rows = []
    for item in items[:MAX_REFUSED_ROWS]:
        if not isinstance(item, dict):
            raise ValueError(item)
        uid, kind, reason = item.get("uid"), item.get("kind"), item.get("reason")
        if not (isinstance(uid, str) and isinstance(kind, str) and isinstance(reason, str)):
            raise ValueError(item)
        rows.append(RefusedRecord(uid[:UID_CHARS], kind[:40], reason[:MAX_REASON_CHARS]))
    return tuple(rows)


def _parse_outcome(item: Any) -> Outcome:
    if not isinstance(item, dict):
        raise ValueError(item)
    reasons = item.get("reasons", [])
    if not isinstance(reasons, list):
        raise ValueError(reasons)
    return Outcome(
        series=str(item["series"])[:3],
        number=int(item["n"]),
        package_id=str(item["id"])[:64],
        at=str(item.get("at", ""))[:32],
        result="applied" if item.get("result") == "applied" else "refused",
        applied=int(item.get("applied", 0)),
        unchanged=int(item.get("unchanged", 0)),
        refused=int(item.get("refused", 0)),
        reasons=tuple(str(r)[:500] for r in reasons[:50]),
        rows=_parse_rows(item.get("rows", [])),
    )


def statement_about(manifest: Manifest, site: str, row: int | None = None) -> Statement | None:
    """The sender's statement about ``site``'s packages; ``PackageRefused`` when unreadable."""
    text = manifest.receipts.get(site)
    if text is None:
        return None
    try:
        data = json.loads(text)
        arrived = {str(k)[:3]: parse_ranges(str(v)) for k, v in data.get("arrived", {}).items()}
        outcomes = tuple(_parse_outcome(i) for i in data.get("outcomes", [])[:500])
    except (ValueError, TypeError, KeyError, AttributeError):
        raise _refuse(
            _("The statement of what arrived from {site} (receipt.{site}) is unreadable.").format(
                site=site
            ),
            row,
        ) from None
    return Statement(arrived, outcomes, manifest.created, manifest.package_id)


def store_statement(session: Session, peer: str, statement: Statement) -> bool:
    """Keep ``peer``'s statement unless a newer one is stored; True when stored."""
    created = min(statement.created, utc_now_seconds().isoformat())
    key = _STORED.format(peer=peer)
    stored = stored_statement(session, peer)
    if stored is not None and stored.created > created:
        return False
    data = {
        "created": created,
        "package_id": statement.package_id,
        "arrived": {s: ranges_text(n) for s, n in statement.arrived.items()},
        "outcomes": [o.to_json() for o in statement.outcomes],
    }
    write_setting(session, key, json.dumps(data, ensure_ascii=False))
    return True


def stored_statement(session: Session, peer: str) -> Statement | None:
    """The newest statement ``peer`` made about our packages, if any."""
    text = read_setting(session, _STORED.format(peer=peer))
    if text is None:
        return None
    data = json.loads(text)
    return Statement(
        {s: parse_ranges(v) for s, v in data["arrived"].items()},
        tuple(_parse_outcome(o) for o in data["outcomes"]),
        data["created"],
        data.get("package_id", ""),
    )


def peers_stated(session: Session) -> list[str]:
    """Peers we hold a numbered package or a statement from."""
    senders = set(session.scalars(select(PackageReceived.sender).distinct()))
    return sorted(senders)
