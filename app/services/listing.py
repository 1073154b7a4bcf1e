"""List rows for the record pages: searched, filtered, sorted and paged in SQL.

A page of a list shows a few hundred rows of possibly 100,000; sorting and
filtering in the database keeps every list responsive at that size. A list
view asks once for the ordered ids of every matching record (``list_uids``)
and then for the rows of the few ids on screen (``rows_by_uid``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, func, literal, select
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from app.models.search_fold import SEARCH_COLUMN
from app.reports.people import linked_copies
from app.services.list_kinds import (
    LIST_KINDS,
    LIST_SPECS,
    REVIEW,
    ListColumn,
    ListFilter,
    list_columns,
    list_filters,
    review_filter,
)
from app.store import Database

__all__ = [
    "LIST_KINDS",
    "PAGE_SIZE",
    "ListColumn",
    "ListFilter",
    "ListQuery",
    "ListRow",
    "count_rows",
    "fetch_rows",
    "list_columns",
    "list_filters",
    "list_uids",
    "rows_by_uid",
]

PAGE_SIZE = 500
# SQLite before 3.32 allows 999 parameters in one statement.
UIDS_PER_QUERY = 500


@dataclass(frozen=True)
class ListQuery:
    """What the user asked a list to show."""

    search: str = ""
    filters: tuple[tuple[str, str], ...] = ()
    sort: str | None = None
    descending: bool = False

    def with_filter(self, key: str, value: str | None) -> ListQuery:
        """A copy with filter ``key`` set to ``value`` (None or "" removes it)."""
        rest = tuple((k, v) for k, v in self.filters if k != key)
        return ListQuery(
            self.search, rest + (((key, value),) if value else ()), self.sort, self.descending
        )


@dataclass(frozen=True)
class ListRow:
    """One row: the record's id, its owner site and the column values."""

    uid: str
    owner: str
    values: tuple[Any, ...] = field(default_factory=tuple)


# Kinds whose linked copies (``app.reports.people.linked_copies``) a list shows once.
ONCE_LISTED = ("organisation",)


def hidden_copies(db: Database, kind: str) -> frozenset[str]:
    """The records of ``kind`` a list leaves out: copies linked into another one."""
    if kind not in ONCE_LISTED:
        return frozenset()
    with db.read_session() as session:
        return linked_copies(session, kind)


def without_copies(column: ColumnElement[str], hidden: frozenset[str]) -> ColumnElement[bool]:
    """``column`` is none of ``hidden``. The ids are written into the statement (they are
    ids this database holds, quoted by SQLAlchemy), so that no number of links meets
    SQLite's limit on parameters."""
    ids: BindParameter[list[str]] = bindparam(
        "hidden_copies", sorted(hidden), expanding=True, literal_execute=True
    )
    return column.not_in(ids)


def _filtered(
    kind: str,
    query: ListQuery,
    what: Callable[[Any, dict[str, Any]], list[Any]],
    db: Database,
) -> tuple[Select[Any], dict[str, Any]]:
    spec = LIST_SPECS[kind]
    site = db.site
    table, joined, cols = spec.base()
    stmt = select(*what(table, cols)).select_from(joined)
    stmt = stmt.where(table.c.deleted.is_(False))
    hidden = hidden_copies(db, kind)
    if hidden:
        stmt = stmt.where(without_copies(table.c.uid, hidden))
    text = query.search.strip()
    if text:
        stmt = stmt.where(spec.search(text))
    for key, value in query.filters:
        if key == REVIEW.key:
            stmt = stmt.where(review_filter(table, value, site))
        else:
            stmt = stmt.where(spec.apply_filter(key, value))
    return stmt, cols


def count_rows(db: Database, kind: str, query: ListQuery | None = None) -> int:
    """How many live records of ``kind`` match ``query`` (all when None)."""
    stmt, _cols = _filtered(kind, query or ListQuery(), lambda t, c: [func.count(literal(1))], db)
    with db.engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def _row_columns(kind: str) -> Callable[[Any, dict[str, Any]], list[Any]]:
    keys = [c.key for c in list_columns(kind)]
    return lambda t, c: [t.c.uid, t.c.owner, *(c[k].label(k) for k in keys)]


def _list_row(r: Any) -> ListRow:
    return ListRow(r[0], r[1], tuple(r[2:]))


def unindexed(column: Any) -> Any:
    """``column`` with the same value and collation, but no index to lead SQLite's plan (SQLite only)."""
    # SQLite walks an index that fits the ORDER BY and looks every row up through
    # it; for a whole list that is twice as slow as scanning the table and then
    # sorting. A unary + keeps the value (and its collation) but hides the index.
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def sort_terms(kind: str, key: str, cols: dict[str, Any]) -> list[Any]:
    """What the column ``key`` of ``kind``'s list sorts by, most significant first.

    A name or title sorts by its folded text first (its table's stored
    ``search_fold``, which starts with it), so that "Ánh" and "bảo" stand
    among the A's and B's rather than after "Z", then by the text itself.
    This is no language's collation (Vietnamese puts Đ after all D's; Thai
    names sort by their letters, leading vowels included): a sort key per
    language would be computed by ICU per name and stored for each language
    on screen. The names a list sorts by are Latin script (``name``), so the
    folded order is the one an office expects.
    """
    column = cols[key]
    spec = next(c for c in LIST_SPECS[kind].columns if c.key == key)
    if spec.folded_sort:
        return [column.table.c[SEARCH_COLUMN], column]
    return [column]


def _order_by(
    kind: str, query: ListQuery, cols: dict[str, Any], hide_index: bool = False
) -> list[Any]:
    """The sort asked for, then the id, so rows with equal values keep one order."""
    table = LIST_SPECS[kind].base()[0]
    if query.sort not in cols:
        return [unindexed(table.c.uid) if hide_index else table.c.uid]
    terms = [unindexed(t) if hide_index else t for t in sort_terms(kind, query.sort, cols)]
    # The id as a last term leads to no index, and as a plain column it sorts faster.
    return [t.desc() if query.descending else t.asc() for t in terms] + [table.c.uid]


def fetch_rows(
    db: Database, kind: str, query: ListQuery, offset: int = 0, limit: int | None = PAGE_SIZE
) -> list[ListRow]:
    """One page of matching rows, sorted as asked (then by id, so pages are stable)."""
    stmt, cols = _filtered(kind, query, _row_columns(kind), db)
    stmt = stmt.order_by(*_order_by(kind, query, cols)).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with db.engine.connect() as conn:
        result = conn.execute(stmt)
        return [_list_row(r) for r in result]


def list_uids(db: Database, kind: str, query: ListQuery, limit: int | None = None) -> list[str]:
    """The ids of the records of ``kind`` matching ``query``, in the order of its rows
    (all of them, or the first ``limit``).

    The same order as ``fetch_rows``: row ``i`` of the list is ``list_uids(...)[i]``.
    """
    stmt, cols = _filtered(kind, query, lambda t, c: [t.c.uid], db)
    # For every id, hiding the index helps SQLite's planner (another database would
    # refuse + on text); for the first few, walking the index stops early.
    hide_index = limit is None and db.engine.dialect.name == "sqlite"
    stmt = stmt.order_by(*_order_by(kind, query, cols, hide_index))
    if limit is not None:
        stmt = stmt.limit(limit)
    with db.engine.connect() as conn:
        return list(conn.execute(stmt).scalars())


def rows_by_uid(db: Database, kind: str, uids: Sequence[str]) -> dict[str, ListRow]:
    """The list rows of these records, by id; a record deleted meanwhile is left out."""
    table = LIST_SPECS[kind].base()[0]
    stmt, _cols = _filtered(kind, ListQuery(), _row_columns(kind), db)
    rows: dict[str, ListRow] = {}
    with db.engine.connect() as conn:
        for start in range(0, len(uids), UIDS_PER_QUERY):
            chunk = uids[start : start + UIDS_PER_QUERY]
            for r in conn.execute(stmt.where(table.c.uid.in_(chunk))):
                rows[r[0]] = _list_row(r)
    return rows
