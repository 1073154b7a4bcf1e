"""Package numbers: each recipient series counts from 1; replays and gaps are seen by them.

A package for a recipient (a site, or ALL) gets the sender's next number in
that recipient's series. The recipient notes every numbered package that
arrives with its outcome (``PackageReceived``): a package already applied is
recognised by its id and changes nothing; a number skipped is a gap until it
arrives (merge is order-independent, so later packages still import). An undo
takes the note back with the import, so the package can be imported again.
Packages of older programs carry no number and import as before.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.i18n import _, format_datetime
from app.models import PackageReceived, PackageSent
from app.models.utc import utc_now
from app.sync.errors import Located, PackageRefused
from app.sync.manifest import Manifest
from app.sync.preview import ImportPreview

MAX_REASONS = 10  # refusal reasons stated back per package
MAX_REASON_CHARS = 200
MAX_REFUSED_ROWS = 50  # records refused stated back per package, by id, kind and reason
UID_CHARS = 64


class PackageAlreadyImported(PackageRefused):
    """The package was applied here before; importing it again changes nothing."""

    def __init__(self, message: str, imported_at: dt.datetime, sequence: int) -> None:
        super().__init__(message)
        self.imported_at = imported_at
        self.sequence = sequence


@dataclass(frozen=True)
class SentPackage:
    """A numbered package this office wrote."""

    series: str
    number: int
    package_id: str
    at: dt.datetime
    records: int


@dataclass(frozen=True)
class RefusedRecord:
    """One record of a package its recipient did not apply, and why."""

    uid: str
    kind: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"uid": self.uid, "kind": self.kind, "reason": self.reason}


def refused_records(notes: Iterable[Located]) -> tuple[RefusedRecord, ...]:
    """The notes about one record each, as the sender will be told them (the first ones)."""
    rows = (
        RefusedRecord(n.uid[:UID_CHARS], n.kind, n.message[:MAX_REASON_CHARS])
        for n in notes
        if n.uid and n.kind
    )
    return tuple(itertools.islice(rows, MAX_REFUSED_ROWS))


@dataclass(frozen=True)
class Outcome:
    """What became of one numbered package at its recipient."""

    series: str
    number: int
    package_id: str
    at: str  # ISO 8601, UTC, when it was imported (or refused)
    result: str  # applied or refused
    applied: int  # records added or updated
    unchanged: int  # records already held (same or newer version)
    refused: int  # records refused or held back
    reasons: tuple[str, ...] = ()
    # The records held back, by id (older programs state none: the key is new and optional).
    rows: tuple[RefusedRecord, ...] = ()

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "series": self.series,
            "n": self.number,
            "id": self.package_id,
            "at": self.at,
            "result": self.result,
            "applied": self.applied,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "reasons": list(self.reasons),
        }
        if self.rows:
            data["rows"] = [r.to_json() for r in self.rows]
        return data


def next_number(session: Session, series: str) -> int:
    """The number the next package for ``series`` gets."""
    top = session.scalar(select(func.max(PackageSent.number)).where(PackageSent.series == series))
    return int(top or 0) + 1


def note_sent(session: Session, sent: SentPackage) -> None:
    """Note a numbered package as written."""
    session.add(
        PackageSent(
            series=sent.series,
            number=sent.number,
            package_id=sent.package_id,
            at=sent.at,
            records=sent.records,
        )
    )


def sent_packages(session: Session) -> list[SentPackage]:
    """Every numbered package written, oldest first."""
    rows = session.scalars(select(PackageSent).order_by(PackageSent.id))
    return [SentPackage(r.series, r.number, r.package_id, r.at, r.records) for r in rows]


def put_back_sent(session: Session, kept: Iterable[SentPackage]) -> None:
    """After an undo: the numbers written before it stay written (never given twice)."""
    have = {(s.series, s.number, s.package_id) for s in sent_packages(session)}
    for sent in kept:
        if (sent.series, sent.number, sent.package_id) not in have:
            note_sent(session, sent)


def ranges_text(numbers: Iterable[int]) -> str:
    """``1-4,6,9-10``: a set of numbers, short."""
    ordered = sorted(set(numbers))
    parts: list[str] = []
    start = prev = None
    for n in [*ordered, None]:
        if start is not None and prev is not None and (n is None or n != prev + 1):
            parts.append(str(start) if start == prev else f"{start}-{prev}")
            start = None
        if n is not None and start is None:
            start = n
        prev = n
    return ",".join(parts)


def parse_ranges(text: str, limit: int = 100_000) -> set[int]:
    """The numbers of ``ranges_text``; ValueError when it is not that form."""
    numbers: set[int] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        low, _sep, high = part.partition("-")
        first, last = int(low), int(high or low)
        if first < 1 or last < first or last - first + len(numbers) > limit:
            raise ValueError(part)
        numbers.update(range(first, last + 1))
    return numbers


def gaps(numbers: set[int]) -> list[int]:
    """The numbers missing below the highest one (counting from 1)."""
    top = max(numbers, default=0)
    return [n for n in range(1, top + 1) if n not in numbers]


def applied_record(session: Session, package_id: str) -> PackageReceived | None:
    """The note of ``package_id`` applied here, if it was."""
    return session.scalars(
        select(PackageReceived).where(
            PackageReceived.package_id == package_id, PackageReceived.result == "applied"
        )
    ).first()


def check_not_replayed(session: Session, manifest: Manifest) -> None:
    """``PackageAlreadyImported`` when this very package was applied here before."""
    if not manifest.sequence:
        return
    row = applied_record(session, manifest.package_id)
    if row is None:
        return
    raise PackageAlreadyImported(
        _(
            "Package {number} from {sender} ({id}) was already imported on {date}; "
            "nothing was changed."
        ).format(
            number=manifest.sequence,
            sender=manifest.sender,
            id=manifest.package_id,
            date=format_datetime(row.at),
        ),
        row.at,
        manifest.sequence,
    )


def outcome_of(manifest: Manifest, preview: ImportPreview, result: str) -> Outcome:
    """What importing (or refusing) the package did, as the sender will be told."""
    if result == "applied":
        notes = preview.withheld
        refused = len(preview.withheld)
    else:
        notes = preview.problems
        refused = max(preview.problem_count, sum(s.total for s in preview.sheets))
    return Outcome(
        series=manifest.recipient,
        number=manifest.sequence or 0,
        package_id=manifest.package_id,
        at=utc_now().replace(microsecond=0).isoformat(),
        result=result,
        applied=preview.changes if result == "applied" else 0,
        unchanged=sum(s.unchanged + s.older for s in preview.sheets) if result == "applied" else 0,
        refused=refused,
        reasons=tuple(str(n)[:MAX_REASON_CHARS] for n in notes[:MAX_REASONS]),
        rows=refused_records(preview.withheld) if result == "applied" else (),
    )


def note_arrival(session: Session, manifest: Manifest, outcome: Outcome) -> None:
    """Note a numbered package as applied or refused (an applied one replaces its refusals).

    A refused copy of a package applied here (changed in Excel, say) is not noted:
    the sender's package did arrive.
    """
    if not manifest.sequence:
        return
    if outcome.result != "applied" and applied_record(session, manifest.package_id):
        return
    if outcome.result == "applied":
        check_not_replayed(session, manifest)
        session.execute(
            delete(PackageReceived).where(PackageReceived.package_id == manifest.package_id)
        )
    session.add(
        PackageReceived(
            sender=manifest.sender,
            series=manifest.recipient,
            number=manifest.sequence,
            package_id=manifest.package_id[:64],
            at=utc_now(),
            result=outcome.result,
            outcome=json.dumps(outcome.to_json(), ensure_ascii=False),
        )
    )


def received_from(session: Session, sender: str) -> list[PackageReceived]:
    """Every note of a numbered package from ``sender``, oldest first."""
    return list(
        session.scalars(
            select(PackageReceived)
            .where(PackageReceived.sender == sender)
            .order_by(PackageReceived.id)
        )
    )


def arrived_numbers(rows: Iterable[PackageReceived]) -> dict[str, set[int]]:
    """Per series, the numbers applied here."""
    out: dict[str, set[int]] = {}
    for row in rows:
        if row.result == "applied":
            out.setdefault(row.series, set()).add(row.number)
    return out
