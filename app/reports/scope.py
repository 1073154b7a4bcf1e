"""What every report shares: the active plan, the period, the country rule, the language.

The country rule for activities (progress report, activity counts): an
activity belongs to a country when that country's office owns it (it entered
it) OR it was hosted in that country. So a training China organised in
Vientiane appears in both China's and Lao PDR's reports; the regional report
(no country) counts every activity once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.errors import NotFoundError
from app.i18n import _, country_name, current_locale, format_date, set_locale
from app.models import ActionPlan, Activity
from app.models.plan_wording import localised
from app.reports.office_names import office_title
from app.store import Database


@dataclass(frozen=True)
class PlanInfo:
    """The action plan a report is about."""

    uid: str
    code: str
    title_en: str
    title_zh: str | None
    start: dt.date
    end: dt.date

    @property
    def years(self) -> list[int]:
        """The calendar years the plan covers."""
        return list(range(self.start.year, self.end.year + 1))


@dataclass(frozen=True)
class ReportHeader:
    """Who produced a report, about what, for which country and period, and when."""

    office_name: str
    site: str
    plan: PlanInfo
    country: str | None
    year: int | None
    produced: dt.date

    @property
    def office_title(self) -> str:
        """The office's name as a report in the current language prints it."""
        return office_title(self.site, self.office_name)

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        """First and last day the report covers: the year, or the plan period."""
        return period_of(self.plan, self.year)


def active_plan(session: Session) -> PlanInfo:
    """The active action plan; ``NotFoundError`` when there is none."""
    row = session.scalars(
        select(ActionPlan).where(ActionPlan.active.is_(True), ActionPlan.deleted.is_(False))
    ).first()
    if row is None:
        raise NotFoundError(_("There is no active action plan in this database."))
    return PlanInfo(row.uid, row.code, row.title_en, row.title_zh, row.start_date, row.end_date)


def report_header(
    db: Database, session: Session, *, country: str | None, year: int | None
) -> ReportHeader:
    """The header facts of a report produced today from ``db``."""
    info = db.site_info
    return ReportHeader(
        office_name=info.office_name,
        site=info.site,
        plan=active_plan(session),
        country=country,
        year=year,
        produced=dt.date.today(),
    )


def period_of(plan: PlanInfo, year: int | None) -> tuple[dt.date, dt.date]:
    """The days a report covers: one calendar year, or the whole plan period."""
    if year is None:
        return plan.start, plan.end
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def activity_in_country(country: str | None) -> Any:
    """SQL condition: the activity is owned by or hosted in ``country`` (None: all)."""
    if country is None:
        return Activity.uid.is_not(None)
    return or_(Activity.owner == country, Activity.host_country == country)


def activity_in_period(start: dt.date, end: dt.date, *, keep_undated: bool) -> Any:
    """SQL condition: the activity starts within the period (undated ones if asked)."""
    within = and_(Activity.start_date >= start, Activity.start_date <= end)
    return or_(within, Activity.start_date.is_(None)) if keep_undated else within


def title_lines(header: ReportHeader) -> list[str]:
    """The title-page lines: office, plan, scope and period, date of production."""
    start, end = header.period
    scope = country_name(header.country) if header.country else _("The whole region")
    if header.year is None:
        period = _("Whole plan period, {start} to {end}").format(
            start=format_date(start), end=format_date(end)
        )
    else:
        period = _("Year {year}").format(year=header.year)
    return [
        _("Office: {office}").format(office=header.office_title),
        _("Plan: {plan}").format(plan=localised(header.plan.title_en, header.plan.title_zh)),
        _("Scope: {scope}. Period: {period}").format(scope=scope, period=period),
        _("Produced on {date}").format(date=format_date(header.produced)),
    ]


@contextmanager
def report_locale(name: str | None) -> Iterator[str]:
    """Write a report in language ``name`` (None: the current one), then switch back."""
    previous = str(current_locale())
    if name is None:
        yield previous
        return
    used = set_locale(name)
    try:
        yield used
    finally:
        set_locale(previous)


def plan_years(db: Database) -> list[int]:
    """The calendar years of the active plan (for a year chooser); empty without a plan."""
    with db.read_session() as session:
        try:
            return active_plan(session).years
        except NotFoundError:
            return []
