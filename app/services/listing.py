"""List rows for the record pages: searched, filtered, sorted and paged in SQL.

A page of a list shows a few hundred rows of possibly 100,000; sorting and
filtering in the database keeps every list responsive at that size. A list
view asks once for the ordered ids of every matching record (``list_uids``)
and then for the rows of the few ids on screen (``rows_by_uid``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, literal, or_, select
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import UnaryExpression

from app.i18n import N_
from app.models import (
    Activity,
    Funding,
    GreenEnvoy,
    Organisation,
    Participation,
    Person,
    PlanItem,
)
from app.store import Database

PAGE_SIZE = 500
# SQLite before 3.32 allows 999 parameters in one statement.
UIDS_PER_QUERY = 500


@dataclass(frozen=True)
class ListColumn:
    """One column of a list: its key, label (``N_``-marked) and value type.

    ``type`` is text, int, year, date, money, code (with ``codes``), country or site.
    """

    key: str
    label: str
    type: str = "text"
    codes: str | None = None


@dataclass(frozen=True)
class ListFilter:
    """A filter a list offers: key, label, and the code list or ``year``/``ref``."""

    key: str
    label: str
    codes: str | None = None


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


@dataclass(frozen=True)
class _Spec:
    kind: str
    columns: tuple[ListColumn, ...]
    filters: tuple[ListFilter, ...]
    base: Callable[[], tuple[Any, Any, dict[str, Any]]]
    search: Callable[[str], ColumnElement[bool]]
    apply_filter: Callable[[str, str], ColumnElement[bool]]


def _year_range(col: Any, year: str) -> ColumnElement[bool]:
    y = int(year)
    return and_(col >= dt.date(y, 1, 1), col < dt.date(y + 1, 1, 1))


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(cols: Sequence[Any], text: str) -> ColumnElement[bool]:
    pattern = _like(text)
    return or_(*(c.like(pattern, escape="\\") for c in cols))


# --- activity ---------------------------------------------------------------


def _activity_base() -> tuple[Any, Any, dict[str, Any]]:
    a, p = Activity.__table__, PlanItem.__table__
    participants = (
        select(func.count())
        .where(Participation.activity_uid == a.c.uid, Participation.deleted.is_(False))
        .correlate(a)
        .scalar_subquery()
    )
    cols = {
        "item": p.c.code,
        "title": a.c.title,
        "type": a.c.type,
        "status": a.c.status,
        "start_date": a.c.start_date,
        "host_country": a.c.host_country,
        "participants": participants,
        "owner": a.c.owner,
    }
    return a, a.join(p, p.c.uid == a.c.item_uid), cols


def _activity_filter(key: str, value: str) -> ColumnElement[bool]:
    a = Activity.__table__
    if key == "item":
        return a.c.item_uid == value
    if key == "year":
        return _year_range(a.c.start_date, value)
    if key == "country":
        return or_(a.c.host_country == value, a.c.countries.like(_like(value), escape="\\"))
    return a.c[key] == value


# --- person -----------------------------------------------------------------


def _person_base() -> tuple[Any, Any, dict[str, Any]]:
    pe, o = Person.__table__, Organisation.__table__
    cols = {
        "name": pe.c.name,
        "name_local": pe.c.name_local,
        "country": pe.c.country,
        "organisation": o.c.name,
        "position": pe.c.position,
        "category": pe.c.category,
        "email": pe.c.email,
        "owner": pe.c.owner,
    }
    return pe, pe.outerjoin(o, o.c.uid == pe.c.organisation_uid), cols


def _person_filter(key: str, value: str) -> ColumnElement[bool]:
    pe = Person.__table__
    if key == "role":
        pa = Participation.__table__
        return exists().where(
            pa.c.person_uid == pe.c.uid, pa.c.role == value, pa.c.deleted.is_(False)
        )
    return pe.c[key] == value


# --- green envoy ------------------------------------------------------------


def _envoy_base() -> tuple[Any, Any, dict[str, Any]]:
    g, pe = GreenEnvoy.__table__, Person.__table__
    cols = {
        "person": pe.c.name,
        "country": pe.c.country,
        "sector": g.c.sector,
        "year": g.c.year,
        "notes": g.c.notes,
        "owner": g.c.owner,
    }
    return g, g.join(pe, pe.c.uid == g.c.person_uid), cols


def _envoy_filter(key: str, value: str) -> ColumnElement[bool]:
    g, pe = GreenEnvoy.__table__, Person.__table__
    if key == "country":
        return pe.c.country == value
    if key == "year":
        return g.c.year == int(value)
    return g.c[key] == value


# --- funding ----------------------------------------------------------------


def _funding_base() -> tuple[Any, Any, dict[str, Any]]:
    f, a = Funding.__table__, Activity.__table__
    donor = Organisation.__table__.alias("donor")
    cols = {
        "activity": a.c.title,
        "kind": f.c.kind,
        "source": f.c.source,
        "amount": f.c.amount,
        "currency": f.c.currency,
        "date": f.c.date,
        "donor": donor.c.name,
        "owner": f.c.owner,
    }
    joined = f.join(a, a.c.uid == f.c.activity_uid).outerjoin(donor, donor.c.uid == f.c.donor_uid)
    return f, joined, cols


def _funding_filter(key: str, value: str) -> ColumnElement[bool]:
    f, a = Funding.__table__, Activity.__table__
    if key == "year":
        return _year_range(f.c.date, value)
    if key == "country":
        return a.c.host_country == value
    if key == "activity":
        return f.c.activity_uid == value
    return f.c[key] == value


# --- organisation -----------------------------------------------------------


def _organisation_base() -> tuple[Any, Any, dict[str, Any]]:
    o = Organisation.__table__
    cols = {
        "name": o.c.name,
        "abbreviation": o.c.abbreviation,
        "type": o.c.type,
        "country": o.c.country,
        "website": o.c.website,
        "owner": o.c.owner,
    }
    return o, o, cols


def _organisation_filter(key: str, value: str) -> ColumnElement[bool]:
    return Organisation.__table__.c[key] == value


OWNER = ListColumn("owner", N_("Office"), "site")

_SPECS: dict[str, _Spec] = {
    "activity": _Spec(
        "activity",
        (
            ListColumn("item", N_("Item")),
            ListColumn("title", N_("Title")),
            ListColumn("type", N_("Type"), "code", "activity_type"),
            ListColumn("status", N_("Status"), "code", "activity_status"),
            ListColumn("start_date", N_("Start"), "date"),
            ListColumn("host_country", N_("Host country"), "country"),
            ListColumn("participants", N_("Participants"), "int"),
            OWNER,
        ),
        (
            ListFilter("item", N_("Plan item"), "plan_item"),
            ListFilter("year", N_("Year"), "year"),
            ListFilter("status", N_("Status"), "activity_status"),
            ListFilter("type", N_("Type"), "activity_type"),
            ListFilter("country", N_("Country"), "country"),
        ),
        _activity_base,
        lambda t: _contains(
            [
                Activity.__table__.c.title,
                Activity.__table__.c.title_local,
                Activity.__table__.c.city,
            ],
            t,
        ),
        _activity_filter,
    ),
    "person": _Spec(
        "person",
        (
            ListColumn("name", N_("Name")),
            ListColumn("name_local", N_("Name in national script")),
            ListColumn("country", N_("Country"), "country"),
            ListColumn("organisation", N_("Organisation")),
            ListColumn("position", N_("Position")),
            ListColumn("category", N_("Category"), "code", "person_category"),
            ListColumn("email", N_("E-mail")),
            OWNER,
        ),
        (
            ListFilter("country", N_("Country"), "country"),
            ListFilter("category", N_("Category"), "person_category"),
            ListFilter("role", N_("Role"), "participation_role"),
        ),
        _person_base,
        lambda t: _contains(
            [
                Person.__table__.c.name,
                Person.__table__.c.name_local,
                Person.__table__.c.email,
                Organisation.__table__.c.name,
            ],
            t,
        ),
        _person_filter,
    ),
    "green_envoy": _Spec(
        "green_envoy",
        (
            ListColumn("person", N_("Name")),
            ListColumn("country", N_("Country"), "country"),
            ListColumn("sector", N_("Sector"), "code", "envoy_sector"),
            ListColumn("year", N_("Year named"), "year"),
            ListColumn("notes", N_("Notes")),
            OWNER,
        ),
        (
            ListFilter("country", N_("Country"), "country"),
            ListFilter("sector", N_("Sector"), "envoy_sector"),
            ListFilter("year", N_("Year"), "year"),
        ),
        _envoy_base,
        lambda t: _contains([Person.__table__.c.name, GreenEnvoy.__table__.c.notes], t),
        _envoy_filter,
    ),
    "funding": _Spec(
        "funding",
        (
            ListColumn("activity", N_("Activity")),
            ListColumn("kind", N_("Kind"), "code", "funding_kind"),
            ListColumn("source", N_("Source"), "code", "funding_source"),
            ListColumn("amount", N_("Amount"), "money"),
            ListColumn("currency", N_("Currency")),
            ListColumn("date", N_("Date"), "date"),
            ListColumn("donor", N_("Donor")),
            OWNER,
        ),
        (
            ListFilter("source", N_("Source"), "funding_source"),
            ListFilter("kind", N_("Kind"), "funding_kind"),
            ListFilter("year", N_("Year"), "year"),
            ListFilter("country", N_("Host country"), "country"),
        ),
        _funding_base,
        lambda t: _contains([Activity.__table__.c.title, Funding.__table__.c.notes], t),
        _funding_filter,
    ),
    "organisation": _Spec(
        "organisation",
        (
            ListColumn("name", N_("Name")),
            ListColumn("abbreviation", N_("Abbreviation")),
            ListColumn("type", N_("Type"), "code", "organisation_type"),
            ListColumn("country", N_("Country"), "country"),
            ListColumn("website", N_("Website")),
            OWNER,
        ),
        (
            ListFilter("type", N_("Type"), "organisation_type"),
            ListFilter("country", N_("Country"), "country"),
        ),
        _organisation_base,
        lambda t: _contains(
            [
                Organisation.__table__.c.name,
                Organisation.__table__.c.name_local,
                Organisation.__table__.c.abbreviation,
            ],
            t,
        ),
        _organisation_filter,
    ),
}

LIST_KINDS = tuple(_SPECS)


def list_columns(kind: str) -> tuple[ListColumn, ...]:
    """The columns a list of ``kind`` shows, in order."""
    return _SPECS[kind].columns


def list_filters(kind: str) -> tuple[ListFilter, ...]:
    """The filters a list of ``kind`` offers."""
    return _SPECS[kind].filters


def _filtered(
    kind: str, query: ListQuery, what: Callable[[Any, dict[str, Any]], list[Any]]
) -> tuple[Select[Any], dict[str, Any]]:
    spec = _SPECS[kind]
    table, joined, cols = spec.base()
    stmt = select(*what(table, cols)).select_from(joined)
    stmt = stmt.where(table.c.deleted.is_(False))
    text = query.search.strip()
    if text:
        stmt = stmt.where(spec.search(text))
    for key, value in query.filters:
        stmt = stmt.where(spec.apply_filter(key, value))
    return stmt, cols


def count_rows(db: Database, kind: str, query: ListQuery | None = None) -> int:
    """How many live records of ``kind`` match ``query`` (all when None)."""
    stmt, _cols = _filtered(kind, query or ListQuery(), lambda t, c: [func.count(literal(1))])
    with db.engine.connect() as conn:
        return int(conn.execute(stmt).scalar_one())


def _row_columns(kind: str) -> Callable[[Any, dict[str, Any]], list[Any]]:
    keys = [c.key for c in list_columns(kind)]
    return lambda t, c: [t.c.uid, t.c.owner, *(c[k].label(k) for k in keys)]


def _unindexed(column: Any) -> Any:
    # SQLite walks an index that fits the ORDER BY and looks every row up through
    # it; for a whole list that is twice as slow as scanning the table and then
    # sorting. A unary + keeps the value (and its collation) but hides the index.
    return UnaryExpression(column, operator=operators.custom_op("+"), type_=column.type)


def _order_by(
    kind: str, query: ListQuery, cols: dict[str, Any], hide_index: bool = False
) -> list[Any]:
    """The sort asked for, then the id, so rows with equal values keep one order."""
    table = _SPECS[kind].base()[0]
    if query.sort not in cols:
        return [_unindexed(table.c.uid) if hide_index else table.c.uid]
    order = _unindexed(cols[query.sort]) if hide_index else cols[query.sort]
    # The id as a second term leads to no index, and as a plain column it sorts faster.
    return [order.desc() if query.descending else order.asc(), table.c.uid]


def fetch_rows(
    db: Database, kind: str, query: ListQuery, offset: int = 0, limit: int | None = PAGE_SIZE
) -> list[ListRow]:
    """One page of matching rows, sorted as asked (then by id, so pages are stable)."""
    stmt, cols = _filtered(kind, query, _row_columns(kind))
    stmt = stmt.order_by(*_order_by(kind, query, cols)).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with db.engine.connect() as conn:
        result = conn.execute(stmt)
        return [ListRow(r[0], r[1], tuple(r[2:])) for r in result]


def list_uids(db: Database, kind: str, query: ListQuery) -> list[str]:
    """The ids of every record of ``kind`` matching ``query``, in the order of its rows.

    The same order as ``fetch_rows``: row ``i`` of the list is ``list_uids(...)[i]``.
    """
    stmt, cols = _filtered(kind, query, lambda t, c: [t.c.uid])
    # Hiding the index helps SQLite's planner; another database would refuse + on text.
    hide_index = db.engine.dialect.name == "sqlite"
    stmt = stmt.order_by(*_order_by(kind, query, cols, hide_index))
    with db.engine.connect() as conn:
        return list(conn.execute(stmt).scalars())


def rows_by_uid(db: Database, kind: str, uids: Sequence[str]) -> dict[str, ListRow]:
    """The list rows of these records, by id; a record deleted meanwhile is left out."""
    table = _SPECS[kind].base()[0]
    stmt, _cols = _filtered(kind, ListQuery(), _row_columns(kind))
    rows: dict[str, ListRow] = {}
    with db.engine.connect() as conn:
        for start in range(0, len(uids), UIDS_PER_QUERY):
            chunk = uids[start : start + UIDS_PER_QUERY]
            for r in conn.execute(stmt.where(table.c.uid.in_(chunk))):
                rows[r[0]] = ListRow(r[0], r[1], tuple(r[2:]))
    return rows
