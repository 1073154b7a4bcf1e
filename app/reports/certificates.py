"""Certificates: what a printed certificate says, and the one count of certificates issued.

``certificates_issued`` is the figure every report and screen uses ("N
certificates issued"): a participation, not deleted, that carries a
certificate number. ``ISSUED`` is the same rule as an SQL condition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select

from app.errors import AcecError
from app.i18n import _
from app.models import ActionPlan, Participation, Person
from app.reports.activity_lookup import live_activity
from app.store import Database

ISSUED = and_(
    Participation.deleted.is_(False),
    Participation.certificate.is_not(None),
    func.trim(Participation.certificate) != "",
)


def is_issued(number: str | None) -> bool:
    """True when a participation's certificate number means a certificate was issued."""
    return bool(number and number.strip())


def certificates_issued(numbers: Iterable[str | None]) -> int:
    """How many certificates the given (not deleted) participations' numbers stand for."""
    return sum(1 for number in numbers if is_issued(number))


@dataclass(frozen=True)
class CertificatePage:
    """One trainee's certificate."""

    number: str
    date: dt.date | None
    name: str
    name_local: str | None
    country: str


@dataclass
class CertificateBatch:
    """The certificates of one activity, in number order, with what they all say."""

    activity_uid: str
    office_name: str
    site: str
    title: str
    title_local: str | None
    start: dt.date | None
    end: dt.date | None
    host_country: str | None
    city: str | None
    item_title: tuple[str, str | None]
    plan_title: tuple[str, str | None]
    pages: list[CertificatePage] = field(default_factory=list)


def certificate_batch(db: Database, activity_uid: str) -> CertificateBatch:
    """Every numbered certificate of an activity; ``NotFoundError`` if there is no activity."""
    with db.read_session() as session:
        act, item = live_activity(session, activity_uid)
        plan = session.get(ActionPlan, item.plan_uid) if item else None
        batch = CertificateBatch(
            activity_uid=act.uid,
            office_name=db.site_info.office_name,
            site=db.site_info.site,
            title=act.title,
            title_local=act.title_local,
            start=act.start_date,
            end=act.end_date,
            host_country=act.host_country,
            city=act.city,
            item_title=(item.title_en, item.title_zh) if item else ("", None),
            plan_title=(plan.title_en, plan.title_zh) if plan else ("", None),
        )
        rows = session.execute(
            select(Participation.certificate, Participation.certificate_date, Person)
            .join(Person, Person.uid == Participation.person_uid)
            .where(Participation.activity_uid == act.uid, ISSUED)
            .order_by(Participation.certificate)
        )
        for number, on, person in rows:
            batch.pages.append(
                CertificatePage(number or "", on, person.name, person.name_local, person.country)
            )
        return batch


def check_printable(batch: CertificateBatch) -> None:
    """Refuse, saying what to do, when the activity has no numbered certificate to print."""
    if not batch.pages:
        raise AcecError(
            _(
                "This activity has no numbered certificates to print; issue them first "
                "(“Issue certificates…”, or --issue)."
            )
        )
