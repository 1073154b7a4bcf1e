"""What each record list shows: its columns, its filters, and how it is searched.

One ``ListSpec`` per kind of record, written out so each list reads as it looks
on screen; ``app.services.listing`` turns them into queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, true

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
from app.models.codes import SECRETARIAT
from app.models.review import review_state
from app.models.search_fold import SEARCH_COLUMN, like_pattern


@dataclass(frozen=True)
class ListColumn:
    """One column of a list: its key, label (``N_``-marked) and value type.

    ``type`` is text, int, year, date, money, code (with ``codes``), country or site.
    ``folded_sort``: the column is the first searched field of its table, so it
    sorts by that table's ``search_fold`` (case and accents aside) — see
    ``app.services.listing.sort_terms``.
    """

    key: str
    label: str
    type: str = "text"
    codes: str | None = None
    folded_sort: bool = False


@dataclass(frozen=True)
class ListFilter:
    """A filter a list offers: key, label, and the code list or ``year``/``ref``."""

    key: str
    label: str
    codes: str | None = None


@dataclass(frozen=True)
class ListSpec:
    """How one kind of record is listed: columns, filters, the joined tables, search."""

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


def _folded_search(table: Any, *through: tuple[str, Any]) -> Callable[[str], ColumnElement[bool]]:
    """A search of the folded text of ``table`` and of the records it points to.

    ``through`` names (reference column, referenced table) pairs: a person is
    found by the name of its organisation. The typed text is folded as the
    stored column is (``app.models.search_fold``), so case, accents and width
    do not matter; text that folds to nothing matches every row. A reference
    is searched as ``IN (SELECT uid ...)``: an ``OR`` over a joined column makes
    SQLite test every pair of rows, four times slower at 100,000 people.
    """

    def search(text: str) -> ColumnElement[bool]:
        pattern = like_pattern(text)
        if pattern is None:
            return true()
        found = [table.c[SEARCH_COLUMN].like(pattern, escape="\\")]
        for column, other in through:
            matching = select(other.c.uid).where(other.c[SEARCH_COLUMN].like(pattern, escape="\\"))
            found.append(table.c[column].in_(matching))
        return or_(*found)

    return search


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
# Every list filters by review state ("Returned for correction", ...): see review_filter.
REVIEW = ListFilter("review", N_("Review"), "review_state")


def review_filter(table: Any, state: str, site: str) -> ColumnElement[bool]:
    """The rows of ``table`` in review ``state`` that this site follows.

    As in the review queue: a country office follows its own records, the
    secretariat every country's; the secretariat's own records are not reviewed.
    """
    followed = table.c.owner != SECRETARIAT if site == SECRETARIAT else table.c.owner == site
    return and_(followed, review_state(table) == state)


LIST_SPECS: dict[str, ListSpec] = {
    "activity": ListSpec(
        "activity",
        (
            ListColumn("item", N_("Item")),
            ListColumn("title", N_("Title"), folded_sort=True),
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
            REVIEW,
        ),
        _activity_base,
        _folded_search(Activity.__table__),
        _activity_filter,
    ),
    "person": ListSpec(
        "person",
        (
            ListColumn("name", N_("Name"), folded_sort=True),
            ListColumn("name_local", N_("Name in national script")),
            ListColumn("country", N_("Country"), "country"),
            ListColumn("organisation", N_("Organisation"), folded_sort=True),
            ListColumn("position", N_("Position")),
            ListColumn("category", N_("Category"), "code", "person_category"),
            ListColumn("email", N_("E-mail")),
            OWNER,
        ),
        (
            ListFilter("country", N_("Country"), "country"),
            ListFilter("category", N_("Category"), "person_category"),
            ListFilter("role", N_("Role"), "participation_role"),
            REVIEW,
        ),
        _person_base,
        _folded_search(Person.__table__, ("organisation_uid", Organisation.__table__)),
        _person_filter,
    ),
    "green_envoy": ListSpec(
        "green_envoy",
        (
            ListColumn("person", N_("Name"), folded_sort=True),
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
            REVIEW,
        ),
        _envoy_base,
        _folded_search(GreenEnvoy.__table__, ("person_uid", Person.__table__)),
        _envoy_filter,
    ),
    "funding": ListSpec(
        "funding",
        (
            ListColumn("activity", N_("Activity"), folded_sort=True),
            ListColumn("kind", N_("Kind"), "code", "funding_kind"),
            ListColumn("source", N_("Source"), "code", "funding_source"),
            ListColumn("amount", N_("Amount"), "money"),
            ListColumn("currency", N_("Currency")),
            ListColumn("date", N_("Date"), "date"),
            ListColumn("donor", N_("Donor"), folded_sort=True),
            OWNER,
        ),
        (
            ListFilter("source", N_("Source"), "funding_source"),
            ListFilter("kind", N_("Kind"), "funding_kind"),
            ListFilter("year", N_("Year"), "year"),
            ListFilter("country", N_("Host country"), "country"),
            REVIEW,
        ),
        _funding_base,
        _folded_search(Funding.__table__, ("activity_uid", Activity.__table__)),
        _funding_filter,
    ),
    "organisation": ListSpec(
        "organisation",
        (
            ListColumn("name", N_("Name"), folded_sort=True),
            ListColumn("abbreviation", N_("Abbreviation")),
            ListColumn("type", N_("Type"), "code", "organisation_type"),
            ListColumn("country", N_("Country"), "country"),
            ListColumn("website", N_("Website")),
            OWNER,
        ),
        (
            ListFilter("type", N_("Type"), "organisation_type"),
            ListFilter("country", N_("Country"), "country"),
            REVIEW,
        ),
        _organisation_base,
        _folded_search(Organisation.__table__),
        _organisation_filter,
    ),
}

LIST_KINDS = tuple(LIST_SPECS)


def list_columns(kind: str) -> tuple[ListColumn, ...]:
    """The columns a list of ``kind`` shows, in order."""
    return LIST_SPECS[kind].columns


def list_filters(kind: str) -> tuple[ListFilter, ...]:
    """The filters a list of ``kind`` offers."""
    return LIST_SPECS[kind].filters
