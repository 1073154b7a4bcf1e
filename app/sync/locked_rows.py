"""At the secretariat: a country's changes to records of a year it locked are held back.

A country office may have changed a record before the lock reached it. Its
package is not refused for that: the rows that would change or delete a
record of a locked year (or add one to it, or move one into it) are taken
out, each named in the preview and the result, and the rest is applied, with
the machinery that holds back squatted ids (``hold_back``): a new record held
back holds back what points at it. A record with an exception is let through.

The held-back change stays at the country, so the secretariat asks for it
again (a floor below its version, ``app.sync.floors``): every later package
of that office carries it, and once the lock is lifted or an exception
granted, the next one brings it in and every office converges again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import model_of
from app.models.codes import SECRETARIAT, label_of
from app.models.lock_rules import ACTIVITY_PARTS, LockCheck, LockedRecord
from app.sync.errors import Located
from app.sync.merge import CHUNK, Classified
from app.sync.package_reader import SheetContent
from app.sync.sync_record import SyncRecord


def lock_check_for(session: Session, site: str, sender: str) -> LockCheck:
    """The locks to hold a package's rows against (none but at the secretariat)."""
    if site == SECRETARIAT and sender != SECRETARIAT:
        return LockCheck.load(session)
    return LockCheck(session, frozenset(), frozenset())


def hold_back_locked(
    check: LockCheck,
    content: SheetContent,
    split: Classified,
    held: dict[str, set[str]],
    lowest: dict[str, str],
) -> list[Located]:
    """Take out of ``split`` the rows a year lock keeps out; one note per row.

    ``held`` gets the new records held back (so what points at them is held
    back too); ``lowest`` the lowest version held back per owner.
    """
    if not check:
        return []
    names = [c.key for c in content.columns]
    countries = {country for country, _year in check.locked}
    if content.kind == "activity":
        check.activity_years([r.uid for r in (*split.new, *split.updated)])  # read at once
        for record in (*split.new, *split.updated):
            check.note_activity(record.uid, dict(zip(names, record, strict=True)))
    elif content.kind in ACTIVITY_PARTS:  # their activities' years, read at once
        at = names.index("activity_uid")
        parts = (*split.new, *split.updated)
        check.activity_years([r[at] for r in parts if r.owner in countries])
    row_of = {r.uid: n for r, n in zip(content.records, content.rows, strict=True)}
    updated = [r.uid for r in split.updated if r.owner in countries]
    stored = _stored_values(check.session, content.kind, updated)
    notes: list[Located] = []
    for bucket, is_new in ((split.new, True), (split.updated, False)):
        keep = []
        for record in bucket:
            locked = None
            if record.owner in countries:
                states = [dict(zip(names, record, strict=True))]
                states += [stored[record.uid]] if record.uid in stored else []
                locked = _first_locked(check, content.kind, record, states)
            if locked is None:
                keep.append(record)
                continue
            if is_new:
                held.setdefault(content.kind, set()).add(record.uid)
            if record.owner not in lowest or record.version < lowest[record.owner]:
                lowest[record.owner] = record.version
            where = row_of.get(record.uid)
            notes.append(
                Located(_note(locked), content.title, where, kind=content.kind, uid=record.uid)
            )
        bucket[:] = keep
    return notes


def _first_locked(
    check: LockCheck, kind: str, record: SyncRecord, states: list[dict[str, Any]]
) -> LockedRecord | None:
    for values in states:
        locked = check.locked_record(kind, record.uid, record.owner, values)
        if locked is not None:
            return locked
    return None


def _note(locked: LockedRecord) -> str:
    kind = _(model_of(locked.kind).__label__).lower()
    shown = (
        _("“{name}” ({uid})").format(name=locked.name, uid=locked.uid)
        if locked.name
        else locked.uid
    )
    return _(
        "the {kind} {record} counts in {year}, which is locked for {country}, so this change "
        "was not imported (the rest of the package was). To let it in, grant an exception for "
        "this record (acec exception {uid}) or lift the lock; the office's next package brings it."
    ).format(
        kind=kind,
        record=shown,
        year=locked.year,
        country=label_of("country", locked.owner),
        uid=locked.uid,
    )


def _stored_values(session: Session, kind: str, uids: list[str]) -> dict[str, dict[str, Any]]:
    """The stored fields of the records about to be updated (their state before)."""
    if not uids:
        return {}
    table = model_of(kind).__table__
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(uids), CHUNK):
        chunk = uids[start : start + CHUNK]
        for row in session.execute(select(table).where(table.c.uid.in_(chunk))).mappings():
            out[row["uid"]] = dict(row)
    return out
