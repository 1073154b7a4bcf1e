"""Review states: the secretariat accepts a country's records or returns them with a reason.

A record's state is derived, never stored (``app.models.review.review_state``):
no review → submitted; a review of its current version → accepted or
returned; a review of an earlier version → resubmitted. Only the secretariat
writes reviews; a country reads them from the secretariat's packages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import AcecError, ReadOnlyError
from app.i18n import _, format_number, ngettext
from app.models import Review
from app.models.codes import COUNTRY_CODES, REVIEW_STATE, SECRETARIAT, label_of
from app.models.review import RESUBMITTED, RETURNED, SUBMITTED, review_state
from app.services.review_kinds import REVIEWED_KINDS
from app.store import Database

QUEUE_LIMIT = 100_000


@dataclass(frozen=True)
class ReviewFilters:
    """Which records the queue shows; None shows all."""

    country: str | None = None  # the owning office
    kind: str | None = None
    state: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class ReviewRow:
    """One record in the review queue and where it stands."""

    uid: str
    kind: str
    title: str
    country: str  # the office that submitted it
    year: int | None
    state: str
    reason: str | None  # the secretariat's reason when it returned the record
    version: str


def _reason_of(model: Any) -> Any:
    columns = getattr(model, "c", model)
    return (
        select(Review.reason)
        .where(Review.record_uid == columns.uid, Review.deleted.is_(False))
        .correlate_except(Review)
        .limit(1)
        .scalar_subquery()
    )


def _review_row(kind: str, r: Any) -> ReviewRow:
    """A queue row of a result row with uid, owner, version, title, year, state and reason."""
    return ReviewRow(
        uid=r["uid"],
        kind=kind,
        title=r["title"] or "",
        country=r["owner"],
        year=r["year"],
        state=r["state"],
        reason=r["reason"],
        version=r["version"],
    )


def check_filters(filters: ReviewFilters) -> None:
    """Refuse an unknown kind or state, naming the ones there are."""
    if filters.kind is not None and filters.kind not in REVIEWED_KINDS:
        raise AcecError(
            _("Unknown kind of record “{kind}”; use one of: {kinds}.").format(
                kind=filters.kind, kinds=", ".join(REVIEWED_KINDS)
            )
        )
    if filters.country is not None and filters.country not in COUNTRY_CODES:
        raise AcecError(
            _("Unknown country code “{code}”; use one of: {codes}.").format(
                code=filters.country, codes=", ".join(COUNTRY_CODES)
            )
        )
    if filters.state is not None and filters.state not in REVIEW_STATE:
        raise AcecError(
            _("Unknown review state “{state}”; use one of: {states}.").format(
                state=filters.state, states=", ".join(REVIEW_STATE)
            )
        )


def _rows(session: Session, site: str, filters: ReviewFilters) -> list[ReviewRow]:
    rows: list[ReviewRow] = []
    for kind, spec in REVIEWED_KINDS.items():
        if filters.kind not in (None, kind):
            continue
        model = spec.model
        state = review_state(model)
        query = spec.select(state.label("state"), _reason_of(model).label("reason")).where(
            model.deleted.is_(False), model.owner != SECRETARIAT
        )
        if site != SECRETARIAT:  # an office sees where its own records stand
            query = query.where(model.owner == site)
        if filters.country is not None:
            query = query.where(model.owner == filters.country)
        if filters.state is not None:
            query = query.where(state == filters.state)
        if filters.year is not None:
            query = query.where(spec.year == filters.year)
        for r in session.execute(query.limit(QUEUE_LIMIT - len(rows))).mappings():
            rows.append(_review_row(kind, r))
    rows.sort(key=lambda r: (r.country, r.kind, r.year or 0, r.title.casefold(), r.uid))
    return rows


def review_queue(db: Database, filters: ReviewFilters | None = None) -> list[ReviewRow]:
    """The countries' records with their review states (at a country: its own records)."""
    filters = filters or ReviewFilters()
    check_filters(filters)
    with db.read_session() as session:
        return _rows(session, db.site, filters)


def returned_to_this_office(db: Database) -> list[ReviewRow]:
    """This office's records the secretariat returned for correction, with the reasons."""
    if db.site == SECRETARIAT:
        return []
    return review_queue(db, ReviewFilters(country=db.site, state=RETURNED))


def review_of(db: Database, uid: str) -> ReviewRow | None:
    """Where one record stands; None for a record that is not reviewed (or not found)."""
    with db.read_session() as session:
        for kind, spec in REVIEWED_KINDS.items():
            model = spec.model
            query = spec.select(
                review_state(model).label("state"), _reason_of(model).label("reason")
            ).where(model.uid == uid, model.owner != SECRETARIAT)
            r = session.execute(query).mappings().first()
            if r is not None:
                return _review_row(kind, r)
    return None


def state_label(state: str) -> str:
    """The translated name of a review state."""
    return label_of("review_state", state)


def returned_line(count: int) -> str:
    """The Dashboard's line about returned records."""
    return ngettext(
        "{n} record returned for correction", "{n} records returned for correction", count
    ).format(n=format_number(count))


def refuse_unless_secretariat(db: Database) -> None:
    """Only the joint secretariat reviews records; a country office is told so."""
    if db.site != SECRETARIAT:
        raise ReadOnlyError(
            _(
                "Only the joint secretariat reviews records; this database belongs to the "
                "office of {office}. Returned records are corrected by editing them."
            ).format(office=label_of("site", db.site))
        )


@dataclass(frozen=True)
class ReviewCounts:
    """How many records wait for the secretariat and how many are back with their offices."""

    awaiting: int  # submitted or resubmitted
    returned: int


def review_counts(db: Database) -> ReviewCounts:
    """The Dashboard's review figures: all countries at the secretariat, its own at an office."""
    counts = {state: 0 for state in REVIEW_STATE}
    with db.read_session() as session:
        for spec in REVIEWED_KINDS.values():
            model = spec.model
            state = review_state(model).label("state")
            inner = select(state).where(model.deleted.is_(False), model.owner != SECRETARIAT)
            if db.site != SECRETARIAT:
                inner = inner.where(model.owner == db.site)
            rows = inner.subquery()
            query = select(rows.c.state, func.count()).group_by(rows.c.state)
            for name, n in session.execute(query):
                counts[name] += n
    return ReviewCounts(counts[SUBMITTED] + counts[RESUBMITTED], counts[RETURNED])
