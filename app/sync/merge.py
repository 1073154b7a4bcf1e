"""Merge: apply a package's records whose version is newer than the stored one.

Newer wins, whatever else: so re-importing changes nothing, an older package
after a newer one changes nothing, a tombstone beats any older edit, and
every site that has seen the same records holds the same data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from app.models import AuditEntry, FieldSpec, model_of
from app.models.search_fold import SEARCH_COLUMN, fold, folded_values, search_fields
from app.models.utc import utc_now
from app.models.values import canonical
from app.store.audit_log import audit_row, write_audit
from app.store.bulk_indexes import indexes_set_aside
from app.sync.layout import value_specs
from app.sync.sync_record import CHANGEABLE_FROM, SyncRecord, as_sync_records

CHUNK = 900  # below SQLite's bound-parameter limit for "uid IN (...)"
BATCH = 5000
FULL_SCAN_AT = 5000
Progress = Callable[[int], None]
_AUDIT_NAMES = ["at", "site", "kind", "record_uid", "action", "version", "changes", "origin"]


@dataclass
class Classified:
    """A kind's records split by what applying them would do."""

    new: list[SyncRecord]
    updated: list[SyncRecord]
    unchanged: int
    older: int
    foreign: list[SyncRecord] = field(default_factory=list)
    holders: dict[str, str] = field(default_factory=dict)  # foreign uid -> owner stored here


def stored_versions(session: Session, kind: str, uids: Iterable[str]) -> dict[str, str]:
    """The stored version of each of ``uids`` that exists here."""
    return {uid: version for uid, (version, _owner) in _stored_heads(session, kind, uids).items()}


def _stored_heads(session: Session, kind: str, uids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """The stored (version, owner) of each of ``uids`` that exists here."""
    table = model_of(kind).__table__
    wanted = list(uids)
    columns = (table.c.uid, table.c.version, table.c.owner)
    if len(wanted) > FULL_SCAN_AT:  # one scan beats hundreds of IN (...) queries
        stored = {
            uid: (version, owner) for uid, version, owner in session.execute(select(*columns))
        }
        return {uid: stored[uid] for uid in wanted if uid in stored}
    found: dict[str, tuple[str, str]] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        rows = session.execute(select(*columns).where(table.c.uid.in_(chunk)))
        found.update((uid, (version, owner)) for uid, version, owner in rows)
    return found


def classify(session: Session, kind: str, records: Sequence[Sequence[Any]]) -> Classified:
    """Split records (values in ``value_specs(kind)`` order) by what applying them does.

    A record whose id is stored here under another owner is ``foreign``: only
    the owner changes a record, so such a record is refused, never applied.
    """
    named = as_sync_records(records)
    stored = _stored_heads(session, kind, (r.uid for r in named))
    out = Classified([], [], 0, 0)
    for record in named:
        head = stored.get(record.uid)
        if head is None:
            out.new.append(record)
            continue
        have, owner = head
        if owner != record.owner:
            out.foreign.append(record)
            out.holders[record.uid] = owner
        elif record.version > have:
            out.updated.append(record)
        elif record.version == have:
            out.unchanged += 1
        else:
            out.older += 1
    return out


def apply_kind(
    session: Session,
    kind: str,
    classified: Classified,
    *,
    origin: str,
    progress: Progress,
) -> None:
    """Insert the new and update the newer records of one kind, with audit rows.

    Audit rows name the record's owner as the site that made the change.
    """
    _insert_new(session, kind, classified.new, origin, progress)
    _update_newer(session, kind, classified.updated, origin, progress, len(classified.new))


def _insert_new(
    session: Session, kind: str, records: list[SyncRecord], origin: str, progress: Progress
) -> None:
    """Insert new records in id order, with one short audit row each."""
    if not records:
        return
    specs = value_specs(kind)
    model = model_of(kind)
    folded = bool(search_fields(model))
    names = [s.name for s in specs] + ([SEARCH_COLUMN] if folded else [])
    table, audit = model.__table__, AuditEntry.__table__
    # In id order, the id index (and the audit's record index) grow at one end.
    ordered = sorted(records, key=_uid_of)
    at = utc_now()
    done = 0

    def insert(batch: list[SyncRecord]) -> None:
        nonlocal done
        bulk_insert(session, table, names, _with_search_text(model, specs, batch, folded))
        # One timestamp and no field list for new records: their values are the record.
        audit_rows = [(at, r.owner, kind, r.uid, "import", r.version, "{}", origin) for r in batch]
        bulk_insert(session, audit, _AUDIT_NAMES, audit_rows)
        done += len(batch)
        progress(done)

    insert(ordered[:BATCH])  # the transaction is open from here on
    rest = len(ordered) - BATCH
    with (
        indexes_set_aside(session, model.__tablename__, rest),
        indexes_set_aside(session, AuditEntry.__tablename__, rest),
    ):
        for start in range(BATCH, len(ordered), BATCH):
            insert(ordered[start : start + BATCH])


def _update_newer(
    session: Session,
    kind: str,
    records: list[SyncRecord],
    origin: str,
    progress: Progress,
    done: int,
) -> None:
    """Update stored records to their newer versions, with the changed values audited."""
    if not records:
        return
    specs = value_specs(kind)
    model = model_of(kind)
    folded = bool(search_fields(model))
    names = [s.name for s in specs] + ([SEARCH_COLUMN] if folded else [])
    table = model.__table__
    statement = (
        update(cast(Table, table))
        .where(table.c.uid == bindparam("b_uid"))
        .values({name: bindparam(name) for name in names[1:]})
    )
    for start in range(0, len(records), BATCH):
        batch = records[start : start + BATCH]
        old = _stored_rows(session, kind, [r.uid for r in batch])
        rows = _with_search_text(model, specs, batch, folded)
        session.execute(
            statement, [{"b_uid": r[0]} | dict(zip(names[1:], r[1:], strict=True)) for r in rows]
        )
        audits = []
        for record in batch:
            changes = _changes(specs, old[record.uid], record)
            audits.append(
                audit_row(record.owner, kind, record.uid, "import", record.version, changes, origin)
            )
        write_audit(session, audits)
        done += len(batch)
        progress(done)


def _uid_of(record: SyncRecord) -> str:
    return record.uid


def _changes(
    specs: tuple[FieldSpec, ...], before: tuple[Any, ...], after: SyncRecord
) -> dict[str, tuple[Any, Any]]:
    """The canonical (before, after) of each value an update changes, the deleted flag too."""
    changes = {}
    at = CHANGEABLE_FROM
    for spec, old, new in zip(specs[at:], before[at:], after[at:], strict=True):
        was, now = canonical(spec.type, old), canonical(spec.type, new)
        if was != now:
            changes[spec.name] = (was, now)
    return changes


def _with_search_text(
    model: Any, specs: tuple[FieldSpec, ...], batch: Sequence[SyncRecord], folded: bool
) -> Sequence[tuple[Any, ...]]:
    """The records with their folded search text appended, for a searchable kind.

    The same text as ``record_search_text`` (in ``search_fields`` order), with
    each distinct value folded once per batch.
    """
    if not folded:
        return batch
    position = {s.name: i for i, s in enumerate(specs)}
    at = [position[name] for name in search_fields(model)]
    memo: dict[str, str] = {}

    def fold_once(text: str) -> str:
        found = memo.get(text)
        if found is None:
            found = memo[text] = fold(text)
        return found

    return [(*r, folded_values([r[i] for i in at], fold_once)) for r in batch]


def _stored_rows(session: Session, kind: str, uids: list[str]) -> dict[str, tuple[Any, ...]]:
    table = model_of(kind).__table__
    columns = [table.c[s.name] for s in value_specs(kind)]
    out: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(uids), CHUNK):
        chunk = uids[start : start + CHUNK]
        for row in session.execute(select(*columns).where(table.c.uid.in_(chunk))):
            out[row[0]] = tuple(row)
    return out


def bulk_insert(
    session: Session, table: Any, names: list[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert rows (tuples in ``names`` order) with one executemany.

    The column types' own bind processors convert the values, column by
    column, so the stored form is what SQLAlchemy would store; skipping the
    per-row parameter dictionaries makes a 100,000-record import much faster.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    columns: list[Sequence[Any]] = []
    for name, values in zip(names, zip(*rows, strict=True), strict=True):
        process = table.c[name].type.bind_processor(dialect)
        if process is None:
            columns.append(values)
        elif _one_object(values):  # the audit rows' one timestamp: converted once
            columns.append((process(values[0]),) * len(values))
        else:
            columns.append(list(map(process, values)))
    quote = dialect.identifier_preparer.quote
    sql = "INSERT INTO {table} ({columns}) VALUES ({marks})".format(
        table=quote(table.name),
        columns=", ".join(quote(n) for n in names),
        marks=", ".join("?" for _ in names),
    )
    connection.exec_driver_sql(sql, list(zip(*columns, strict=True)))


def _one_object(values: tuple[Any, ...]) -> bool:
    """Whether every value is the very same object (identity: equal is not the same form)."""
    first = values[0]
    return values[-1] is first and all(value is first for value in values)
