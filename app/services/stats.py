"""Counts of records per kind, for ``acec stats`` and the status bar."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.models import RECORD_TYPES
from app.store import Database


@dataclass
class KindCount:
    kind: str
    live: int
    deleted: int
    own: int


@dataclass
class Stats:
    """How many records of each kind this database holds."""

    site: str
    office_name: str
    demo: bool
    kinds: list[KindCount] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(k.live for k in self.kinds)


def database_stats(db: Database) -> Stats:
    """Count live, deleted and own records of every kind."""
    info = db.site_info
    stats = Stats(info.site, info.office_name, info.demo)
    with db.engine.connect() as conn:
        for model in RECORD_TYPES:
            t = model.__table__
            deleted = func.sum(t.c.deleted.cast(type_=func.count().type))
            total, dead, own = conn.execute(
                select(
                    func.count(),
                    func.coalesce(deleted, 0),
                    func.coalesce(
                        func.sum((t.c.owner == info.site).cast(type_=func.count().type)), 0
                    ),
                )
            ).one()
            stats.kinds.append(
                KindCount(model.__kind__, int(total) - int(dead), int(dead), int(own))
            )
    return stats
