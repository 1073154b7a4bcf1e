"""Choices for pickers: plan items, and records found by a few typed letters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from babel.numbers import get_territory_currencies
from sqlalchemy import select

from app.errors import NotFoundError
from app.i18n import currency_name, current_locale, format_date
from app.models import ActionPlan, Activity, Organisation, Person, PlanItem
from app.models.codes import COUNTRY_CODES, label_of
from app.models.plan_wording import localised
from app.models.search_fold import SEARCH_COLUMN, like_pattern
from app.services.listing import hidden_copies, unindexed, without_copies
from app.store import Database

SEARCHABLE = ("activity", "person", "organisation")


@dataclass(frozen=True)
class Choice:
    """A record offered in a picker: its id and how it is shown."""

    uid: str
    label: str


def plan_item_choices(db: Database) -> list[Choice]:
    """The items of the active plan, in plan order, as "2.5  Title"."""
    stmt = (
        select(PlanItem.uid, PlanItem.code, PlanItem.title_en, PlanItem.title_zh)
        .join(ActionPlan, ActionPlan.uid == PlanItem.plan_uid)
        .where(ActionPlan.active.is_(True), PlanItem.deleted.is_(False))
        .order_by(PlanItem.sort_key)
    )
    with db.engine.connect() as conn:
        return [Choice(u, f"{c}  {localised(en, zh)}") for u, c, en, zh in conn.execute(stmt)]


WORLD_CURRENCIES = ("USD", "EUR")  # after the region's own, before the rest


def current_currencies(territory: str, on: dt.date | None = None) -> tuple[str, ...]:
    """The legal tender of a territory today (CLDR), its main currency first; () if none."""
    # A code CLDR does not know (SEC) has none.
    return tuple(get_territory_currencies(territory, start_date=on or dt.date.today(), tender=True))


@cache
def _world_currencies(on: dt.date) -> frozenset[str]:
    found: set[str] = set()
    for territory in current_locale().territories:
        found.update(current_currencies(str(territory), on))
    return frozenset(found)


def currency_choices(site: str) -> list[Choice]:
    """Current currencies only, the region's first: the office's own, then the
    ASEAN members' and China's, then USD and EUR, then the rest by localised name."""
    today = dt.date.today()
    by_name = sorted(_world_currencies(today), key=lambda c: currency_name(c).casefold())
    members = {
        c for country in COUNTRY_CODES if country != "CN" for c in current_currencies(country)
    }
    first = [
        *current_currencies(site)[:1],
        *(c for c in by_name if c in members),
        *current_currencies("CN")[:1],
        *WORLD_CURRENCIES,
    ]
    ordered = list(dict.fromkeys([*first, *by_name]))
    return [Choice(code, f"{currency_name(code)} ({code})") for code in ordered]


def _label(kind: str, row: tuple[Any, ...]) -> str:
    if kind == "activity":
        title, start = row[1], row[2]
        return f"{title} ({format_date(start)})" if start else title
    if kind == "person":
        name, country, local = row[1], row[2], row[3]
        shown = f"{name} / {local}" if local else name
        return f"{shown} ({label_of('country', country)})"
    name, abbreviation = row[1], row[2]
    return f"{name} ({abbreviation})" if abbreviation else name


def _columns(kind: str) -> tuple[Any, ...]:
    if kind == "activity":
        return (Activity.uid, Activity.title, Activity.start_date)
    if kind == "person":
        return (Person.uid, Person.name, Person.country, Person.name_local)
    return (Organisation.uid, Organisation.name, Organisation.abbreviation)


def search_choices(db: Database, kind: str, text: str = "", limit: int = 50) -> list[Choice]:
    """Up to ``limit`` live records of ``kind`` whose name or title contains ``text``.

    Case, accents and width are forgiven (``app.models.search_fold``).
    """
    cols = _columns(kind)
    model = cols[0].class_
    stmt = select(*cols).where(model.deleted.is_(False))
    hidden = hidden_copies(db, kind)
    if hidden:  # each office's copy of one partner, linked: offered once
        stmt = stmt.where(without_copies(cols[0], hidden))
    pattern = like_pattern(text)
    if pattern is not None:
        # The folded text: "huong" finds "Hương", as in the lists.
        stmt = stmt.where(getattr(model, SEARCH_COLUMN).like(pattern, escape="\\"))
    order = cols[1]
    if pattern is not None and db.engine.dialect.name == "sqlite":
        # Walking the name index to find a rare match reads every row through it,
        # eight times slower at 100,000 people than a scan and a sort of the matches.
        order = unindexed(order)
    stmt = stmt.order_by(order).limit(limit)
    with db.engine.connect() as conn:
        return [Choice(r[0], _label(kind, tuple(r))) for r in conn.execute(stmt)]


def choice_label(db: Database, kind: str, uid: str) -> str:
    """How the record ``uid`` of ``kind`` is shown in a picker."""
    if kind == "plan_item":
        for choice in plan_item_choices(db):
            if choice.uid == uid:
                return choice.label
        raise NotFoundError(uid)
    cols = _columns(kind)
    with db.engine.connect() as conn:
        row = conn.execute(select(*cols).where(cols[0] == uid)).first()
    if row is None:
        raise NotFoundError(uid)
    return _label(kind, tuple(row))
