"""Undo the last import: put back the backup taken just before it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.errors import AcecError
from app.i18n import _, format_datetime
from app.models import AuditEntry, PackageLog
from app.store import Database, restore_file, schema
from app.store.clock import clock_to_keep, keep_clock
from app.sync.history import PackageEntry, last_applied_import


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


def plan_undo(db: Database) -> UndoPlan:
    """What ``undo_last_import`` would restore; ``AcecError`` when there is nothing to undo."""
    entry = last_applied_import(db)
    if entry is None:
        raise AcecError(_("There is no import to undo: no package has been imported here."))
    if not entry.backup or not Path(entry.backup).is_file():
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
    return UndoPlan(entry, Path(entry.backup), int(later or 0))


def undo_last_import(db: Database) -> UndoResult:
    """Restore the backup taken before the last import, after backing up the current state."""
    plan = plan_undo(db)
    safety = db.backup("before-undo", rotate=False)
    with db.read_session() as session:
        kept = clock_to_keep(session, db.site)
    db.engine.dispose()
    restore_file(plan.backup, db.path)
    db.engine.dispose()
    # A backup taken by an older version of the program gets today's schema.
    schema.upgrade(db.engine)
    db.forget_site_cache()
    with db.session() as session:
        keep_clock(session, kept)
        session.add(
            PackageLog(
                at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                direction="undo",
                peer=plan.entry.peer,
                package_id=plan.entry.package_id,
                file_name=plan.entry.file_name,
                records=plan.entry.records,
                outcome="undone",
                detail=json.dumps({"backup": str(safety)}, ensure_ascii=False),
            )
        )
    return UndoResult(plan.entry, plan.backup, safety, plan.later_changes)
