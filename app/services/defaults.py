"""What a new record starts with: the office's country and currency, its activity's date."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.models import Activity
from app.models.codes import COUNTRY_CODES
from app.services.choices import current_currencies
from app.store import Database

# The field that takes the office's country, by record kind.
OFFICE_COUNTRY_FIELD = {"person": "country", "activity": "host_country"}


def new_record_values(
    db: Database, kind: str, fixed: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The values a new record of ``kind`` shows before the user types, ``fixed`` ones kept.

    A country office's own country for a person and an activity's host country
    (the secretariat has none); a funding row's date is its activity's start
    and its currency the office's own.
    """
    values: dict[str, Any] = {}
    site = db.site
    field = OFFICE_COUNTRY_FIELD.get(kind)
    if field and site in COUNTRY_CODES:
        values[field] = site
    if kind == "activity":
        values["status"] = "planned"
    if kind == "funding":
        values |= _funding_defaults(db, (fixed or {}).get("activity_uid"))
    return values | dict(fixed or {})


def _funding_defaults(db: Database, activity_uid: str | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    own = current_currencies(db.site)
    if own:
        values["currency"] = own[0]
    if activity_uid:
        stmt = select(Activity.start_date).where(Activity.uid == activity_uid)
        with db.engine.connect() as conn:
            start = conn.execute(stmt).scalar()
        if start is not None:
            values["date"] = start
    return values
