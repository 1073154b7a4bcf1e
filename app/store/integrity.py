"""SQLite's own checks: page integrity and foreign keys."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from app.store.database import Database


@dataclass
class CheckResult:
    """What ``acec check`` found: empty lists mean a sound database."""

    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.integrity and not self.foreign_keys


def check_database(db: Database) -> CheckResult:
    """Run ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``."""
    result = CheckResult()
    with db.engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
        if rows != ["ok"]:
            result.integrity = rows
        for table, rowid, parent, _fkid in conn.execute(text("PRAGMA foreign_key_check")):
            result.foreign_keys.append(f"{table} row {rowid} -> {parent}")
    return result
