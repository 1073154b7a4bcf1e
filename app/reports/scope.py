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

from sqlalchemy import and_, event, or_, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from app.errors import AcecError, NotFoundError
from app.i18n import _, country_name, current_locale, format_date, set_locale
from app.models import ActionPlan, Activity, model_of
from app.models.codes import REVIEWED_KIND
from app.models.plan_wording import localised
from app.models.review import accepted_by_secretariat
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
    accepted_only: bool = False  # only records the secretariat accepted (limit_to_accepted)

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
    db: Database,
    session: Session,
    *,
    country: str | None,
    year: int | None,
    accepted_only: bool = False,
) -> ReportHeader:
    """The header facts of a report produced today from ``db``.

    With ``accepted_only``, every later query of ``session`` sees only the
    records the secretariat accepted (``limit_to_accepted``).
    """
    info = db.site_info
    if accepted_only:
        limit_to_accepted(session)
    return ReportHeader(
        office_name=info.office_name,
        site=info.site,
        plan=active_plan(session),
        country=country,
        year=year,
        produced=dt.date.today(),
        accepted_only=accepted_only,
    )


def limit_to_accepted(session: Session) -> None:
    """From now on, ``session`` sees of every reviewed kind only what the secretariat accepted.

    A record counts when its review state is "accepted" (its current version
    was accepted, ``app.models.review.review_state``) or when it is the
    secretariat's own. The condition joins every query of the session, the
    joins included, so no report kind can count a record it should not.
    """
    criteria = [
        with_loader_criteria(
            model_of(kind),
            lambda cls: accepted_by_secretariat(cls),
            include_aliases=True,
            track_closure_variables=False,
        )
        for kind in REVIEWED_KIND
    ]

    def accepted_only(state: ORMExecuteState) -> None:
        if state.is_select:
            state.statement = state.statement.options(*criteria)

    event.listen(session, "do_orm_execute", accepted_only)


def limit_sheet_to_accepted(session: Session, activity: Activity) -> None:
    """Refuse an activity the secretariat has not accepted; else see only accepted records."""
    query = select(accepted_by_secretariat(Activity)).where(Activity.uid == activity.uid)
    if not session.scalar(query):
        raise AcecError(
            _(
                "The secretariat has not accepted this activity as it is now, so there are no "
                "accepted figures to show. Make the sheet without “accepted only”, or accept "
                "the activity first."
            )
        )
    limit_to_accepted(session)


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
    if header.accepted_only:
        scope_line = _(
            "Scope: {scope}. Period: {period}. Figures accepted by the secretariat"
        ).format(scope=scope, period=period)
    else:
        scope_line = _("Scope: {scope}. Period: {period}").format(scope=scope, period=period)
    return [
        _("Office: {office}").format(office=header.office_title),
        _("Plan: {plan}").format(plan=localised(header.plan.title_en, header.plan.title_zh)),
        scope_line,
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
