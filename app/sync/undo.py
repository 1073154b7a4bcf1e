"""Undo the last import: put back the backup taken just before it.

Two things are not taken back with the records. Trust (the keys this site
knows, the officers' confirmations, the secretariat's registry) stays as it is
now: an undo must not bring back a revoked key, nor make the secretariat issue
a registry version twice. And the acknowledgements peers hold of us are now
too high, so floors (``app.sync.floors``) make the next packages ask again for
what the undo took.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.errors import AcecError
from app.i18n import _, format_datetime
from app.models import AuditEntry, LocalSetting, PackageLog, SiteKey
from app.models.utc import utc_now
from app.store import Database, restore_file, schema
from app.store.backup import stored_backup
from app.store.clock import clock_to_keep, keep_clock
from app.sync.acks import received_vector
from app.sync.floors import mark_floors_after_undo
from app.sync.history import PackageEntry, last_applied_import
from app.sync.sequences import put_back_sent, sent_packages
from app.sync.trust import CONTENT_SETTING, VERSION_SETTING

_TRUST_SETTINGS = (VERSION_SETTING, CONTENT_SETTING)


@dataclass(frozen=True)
class UndoPlan:
    """What undoing the last import would do."""

    entry: PackageEntry
    backup: Path
    later_changes: int  # changes made here after that import, also undone


@dataclass(frozen=True)
class UndoResult:
    """An import undone: which one, from which backup, and where the state before undoing is."""

    entry: PackageEntry
    backup: Path
    safety_backup: Path
    later_changes: int
    # Owners whose records the undo took and the next packages ask for again.
    asks_again: tuple[str, ...] = ()


def plan_undo(db: Database) -> UndoPlan:
    """What ``undo_last_import`` would restore; ``AcecError`` when there is nothing to undo."""
    entry = last_applied_import(db)
    if entry is None:
        raise AcecError(_("There is no import to undo: no package has been imported here."))
    backup = stored_backup(Path(entry.backup)) if entry.backup else None
    if backup is None:
        raise AcecError(
            _(
                "The backup taken before importing {file} on {at} is no longer there ({backup}); "
                "nothing was changed."
            ).format(
                file=Path(entry.file_name).name, at=format_datetime(entry.at), backup=entry.backup
            )
        )
    with db.read_session() as session:
        later = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.at > entry.at, AuditEntry.action != "import")
        )
    return UndoPlan(entry, backup, int(later or 0))


def undo_last_import(db: Database) -> UndoResult:
    """Restore the backup taken before the last import, after backing up the current state."""
    plan = plan_undo(db)
    safety = db.backup("before-undo", rotate=False)
    with db.read_session() as session:
        kept = clock_to_keep(session, db.site)
        held_before = received_vector(session)
        trust = _trust_state(session)
        sent = sent_packages(session)  # a number once written is never given again
    db.engine.dispose()
    restore_file(plan.backup, db.path)
    db.engine.dispose()
    # A backup taken by an older version of the program gets today's schema.
    schema.upgrade(db.engine)
    db.forget_site_cache()
    with db.session() as session:
        keep_clock(session, kept)
        _put_back_trust(session, trust)
        put_back_sent(session, sent)
        asked = mark_floors_after_undo(session, db.site, held_before)
        session.add(
            PackageLog(
                at=utc_now(),
                direction="undo",
                peer=plan.entry.peer,
                package_id=plan.entry.package_id,
                file_name=plan.entry.file_name,
                records=plan.entry.records,
                outcome="undone",
                detail=json.dumps({"backup": str(safety)}, ensure_ascii=False),
            )
        )
    return UndoResult(plan.entry, plan.backup, safety, plan.later_changes, tuple(asked))


def _trust_state(session: Session) -> tuple[list[dict[str, Any]], dict[str, str]]:
    keys = [
        {c.key: getattr(row, c.key) for c in SiteKey.__table__.columns}
        for row in session.scalars(select(SiteKey).order_by(SiteKey.id))
    ]
    settings = {}
    for key in _TRUST_SETTINGS:
        row = session.get(LocalSetting, key)
        if row is not None:
            settings[key] = row.value
    return keys, settings


def _put_back_trust(session: Session, state: tuple[list[dict[str, Any]], dict[str, str]]) -> None:
    keys, settings = state
    session.execute(delete(SiteKey))
    session.add_all(SiteKey(**values) for values in keys)
    for key in _TRUST_SETTINGS:
        row = session.get(LocalSetting, key)
        if key not in settings:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(LocalSetting(key=key, value=settings[key]))
        else:
            row.value = settings[key]
