"""Which records an export to a peer carries: those it has not acknowledged.

Apart from the export itself so that counting them (``acec stats``, the Sync
page) needs the database only, not the spreadsheet writer.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, and_, func, not_, or_, select
from sqlalchemy.orm import Session

from app.models import SyncedRecord, model_of
from app.models.codes import SECRETARIAT
from app.store import Database
from app.sync.layout import kinds_in_order
from app.sync.owed import acks_to_send_on


def record_filter(
    model: type[SyncedRecord], site: str, recipient: str, acks: dict[str, str], full: bool
) -> ColumnElement[bool] | None:
    """The records of ``model`` a package from ``site`` carries (None: every record)."""
    table = model.__table__
    conditions: list[ColumnElement[bool]] = []
    if site != SECRETARIAT:
        conditions.append(table.c.owner == site)
    if not full:
        newer = [and_(table.c.owner == owner, table.c.version > v) for owner, v in acks.items()]
        conditions.append(or_(not_(table.c.owner.in_(list(acks))), *newer))
    return and_(*conditions) if conditions else None


def count_matching(conn: Connection, kind: str, where: ColumnElement[bool] | None) -> int:
    """How many records of ``kind`` match ``where`` (all when None)."""
    table = model_of(kind).__table__
    query = select(func.count()).select_from(table)
    if where is not None:
        query = query.where(where)
    return int(conn.execute(query).scalar_one())


def count_unacknowledged(db: Database, peer: str) -> int:
    """Records an ordinary export to ``peer`` would carry: those it has not acknowledged."""
    with db.engine.connect() as conn, Session(bind=conn) as session:
        acks = acks_to_send_on(session, peer)
        return sum(
            count_matching(conn, k, record_filter(model_of(k), db.site, peer, acks, False))
            for k in kinds_in_order()
        )
