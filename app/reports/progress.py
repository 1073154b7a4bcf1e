"""Progress against the plan: milestones, targets and activities per plan item.

Rules (the tests hold these numbers):
- Activities are those under the active plan's items, not deleted, within the
  country rule of ``app.reports.scope``. An activity's year is that of its
  start date (its end date when it has no start). A year report counts the
  activities of that year; the whole-period report counts those dated within
  the plan period and the undated ones.
- A milestone is met by a *completed* activity of the milestone's activity
  type under the milestone's item, hosted in the milestone's country when it
  names one. It is met on the earliest end date (start date when no end) of
  such activities: "met on time" when that day is on or before the due date,
  "met late" after it; a completed activity with no dates counts as met on
  time. Unmet, it is "due" when the due date is on or after ``as_of`` and
  "overdue" when before. Milestones are judged on the country's activities of
  every year; a year report lists the milestones due in that year.
- Targets count completed activities of the target's activity type under the
  item: ``trainings_per_year`` and ``events_per_year`` per year;
  ``events_every_years`` over the ``period_years`` ending with the report year
  (whole period: one per started ``period_years``); ``trainees_total``
  distinct trainees (people, not rows), pro rata for one year;
  ``ldc_share`` the percentage of those trainees from a least-developed
  member on the training's start date. For one country the trainees are that
  country's people, wherever they were trained: the rule of the capacity-
  building report (``app.reports.training``), so both reports, and the
  dashboard that shows them, give the same numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from app.models import Activity, Milestone, Participation, Person, PlanArea, PlanItem, Target
from app.models.codes import ACTIVITY_STATUS
from app.reports.members import LdcMembership, load_ldc_membership
from app.reports.people import PersonIdentity, load_person_identity
from app.reports.scope import ReportHeader, activity_in_country, report_header
from app.store import Database

MILESTONE_STATUSES = ("met_on_time", "met_late", "due", "overdue")
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class MilestoneProgress:
    """One milestone and whether (and when) it was met."""

    item_code: str
    code: str
    title_en: str
    title_zh: str | None
    due: dt.date
    country: str | None
    status: str  # one of MILESTONE_STATUSES
    met_on: dt.date | None


@dataclass(frozen=True)
class YearFigure:
    """What a target expects in one year and what is recorded."""

    year: int
    expected: Decimal
    actual: Decimal


@dataclass(frozen=True)
class TargetProgress:
    """One target against what is recorded; ``actual`` None when nothing to measure."""

    item_code: str
    code: str
    kind: str
    title_en: str
    title_zh: str | None
    expected: Decimal
    actual: Decimal | None
    met: bool
    by_year: tuple[YearFigure, ...] = ()
    period_years: int = 1


@dataclass(frozen=True)
class ItemProgress:
    """One plan item: its activities by status, milestones and targets."""

    code: str
    title_en: str
    title_zh: str | None
    depth: int
    status_counts: dict[str, int]
    milestones: list[MilestoneProgress]
    targets: list[TargetProgress]
    uid: str = ""
    area_en: str = ""
    area_zh: str | None = None

    @property
    def activity_total(self) -> int:
        """All activities of the item in the report's scope."""
        return sum(self.status_counts.values())


@dataclass(frozen=True)
class ProgressReport:
    """Progress against the plan for one country or the region, a year or the plan."""

    header: ReportHeader
    as_of: dt.date
    items: list[ItemProgress] = field(default_factory=list)

    def milestone_counts(self) -> dict[str, int]:
        """How many milestones are in each status."""
        counts = Counter(m.status for i in self.items for m in i.milestones)
        return {s: counts.get(s, 0) for s in MILESTONE_STATUSES}

    def status_totals(self) -> dict[str, int]:
        """Activities per status over all items."""
        return {s: sum(i.status_counts[s] for i in self.items) for s in ACTIVITY_STATUS}


class _Trainee(NamedTuple):
    item_uid: str
    type: str
    person_uid: str
    country: str
    year: int | None
    day: dt.date | None


@dataclass(frozen=True)
class _Act:
    uid: str
    item_uid: str
    type: str
    status: str
    year: int | None
    start: dt.date | None
    end: dt.date | None
    host: str | None


def progress_report(
    db: Database,
    *,
    country: str | None = None,
    year: int | None = None,
    as_of: dt.date | None = None,
) -> ProgressReport:
    """Progress of the active plan for ``country`` (None: the region) and ``year``
    (None: the whole plan period), judged on ``as_of`` (default today)."""
    as_of = as_of or dt.date.today()
    with db.read_session() as session:
        header = report_header(db, session, country=country, year=year)
        plan = header.plan
        items = session.execute(
            select(PlanItem.uid, PlanItem.code, PlanItem.title_en, PlanItem.title_zh)
            .add_columns(PlanItem.parent_uid, PlanArea.title_en.label("area_en"))
            .add_columns(PlanArea.title_zh.label("area_zh"))
            .outerjoin(PlanArea, PlanArea.uid == PlanItem.area_uid)
            .where(PlanItem.plan_uid == plan.uid, PlanItem.deleted.is_(False))
            .order_by(PlanItem.sort_key, PlanItem.code)
        ).all()
        item_uids = [i.uid for i in items]
        acts = _activities(session, item_uids, country)
        milestones = session.scalars(
            select(Milestone)
            .where(Milestone.item_uid.in_(item_uids), Milestone.deleted.is_(False))
            .order_by(Milestone.due_date, Milestone.code)
        ).all()
        targets = session.scalars(
            select(Target)
            .where(Target.item_uid.in_(item_uids), Target.deleted.is_(False))
            .order_by(Target.code)
        ).all()
        people_targets = {t.item_uid for t in targets if t.kind in ("trainees_total", "ldc_share")}
        trainees = _trainees(session, people_targets, country)
        identity = load_person_identity(session)
        ldc = load_ldc_membership(session)

    window = plan.years if year is None else [year]
    in_window = [a for a in acts if a.year in window or (year is None and a.year is None)]
    by_item_acts: dict[str, list[_Act]] = {}
    for a in acts:
        by_item_acts.setdefault(a.item_uid, []).append(a)
    code_of = {i.uid: i.code for i in items}
    result: list[ItemProgress] = []
    for item in items:
        counts = Counter(a.status for a in in_window if a.item_uid == item.uid)
        item_ms = [
            _milestone(code_of[m.item_uid], m, by_item_acts.get(item.uid, []), as_of)
            for m in milestones
            if m.item_uid == item.uid and (year is None or m.due_date.year == year)
        ]
        item_targets = []
        for t in (t for t in targets if t.item_uid == item.uid):
            done = [
                a
                for a in by_item_acts.get(item.uid, [])
                if a.status == "completed"
                and (t.activity_type is None or a.type == t.activity_type)
            ]
            people = [p for p in trainees if p.item_uid == item.uid]
            item_targets.append(
                _target(item.code, t, done, people, plan.years, year, identity, ldc)
            )
        result.append(
            ItemProgress(
                code=item.code,
                title_en=item.title_en,
                title_zh=item.title_zh,
                depth=1 if item.parent_uid else 0,
                status_counts={s: counts.get(s, 0) for s in ACTIVITY_STATUS},
                milestones=item_ms,
                targets=item_targets,
                uid=item.uid,
                area_en=item.area_en or "",
                area_zh=item.area_zh,
            )
        )
    return ProgressReport(header=header, as_of=as_of, items=result)


def _activities(session: Session, item_uids: list[str], country: str | None) -> list[_Act]:
    rows = session.execute(
        select(
            Activity.uid,
            Activity.item_uid,
            Activity.type,
            Activity.status,
            Activity.start_date,
            Activity.end_date,
            Activity.host_country,
        ).where(
            Activity.deleted.is_(False),
            Activity.item_uid.in_(item_uids),
            activity_in_country(country),
        )
    ).all()
    out = []
    for r in rows:
        day = r.start_date or r.end_date
        out.append(
            _Act(
                r.uid,
                r.item_uid,
                r.type,
                r.status,
                day.year if day else None,
                r.start_date,
                r.end_date,
                r.host_country,
            )
        )
    return out


def _trainees(session: Session, item_uids: set[str], country: str | None) -> list[_Trainee]:
    """One row per trainee of a completed activity under ``item_uids``."""
    if not item_uids:
        return []
    rows = session.execute(
        select(
            Activity.item_uid,
            Activity.type,
            Participation.person_uid,
            Person.country,
            Activity.start_date,
            Activity.end_date,
        )
        .join(Participation, Participation.activity_uid == Activity.uid)
        .join(Person, Person.uid == Participation.person_uid)
        .where(
            Activity.item_uid.in_(item_uids),
            Activity.deleted.is_(False),
            Activity.status == "completed",
            Person.country == country if country else true(),
            Participation.deleted.is_(False),
            Participation.role == "trainee",
            Person.deleted.is_(False),
        )
    ).all()
    out = []
    for r in rows:
        day = r.start_date or r.end_date
        out.append(
            _Trainee(r.item_uid, r.type, r.person_uid, r.country, day.year if day else None, day)
        )
    return out


def _milestone(item_code: str, m: Milestone, acts: list[_Act], as_of: dt.date) -> MilestoneProgress:
    meeting = [
        a
        for a in acts
        if a.status == "completed"
        and (m.activity_type is None or a.type == m.activity_type)
        and (m.country is None or a.host == m.country)
    ]
    met_on: dt.date | None = None
    if meeting:
        days = [d for d in (a.end or a.start for a in meeting) if d is not None]
        met_on = min(days) if days else None
        status = "met_late" if met_on is not None and met_on > m.due_date else "met_on_time"
    else:
        status = "due" if m.due_date >= as_of else "overdue"
    return MilestoneProgress(
        item_code, m.code, m.title_en, m.title_zh, m.due_date, m.country, status, met_on
    )


def _target(
    item_code: str,
    t: Target,
    done: list[_Act],
    trainees: list[_Trainee],
    plan_years: list[int],
    year: int | None,
    identity: PersonIdentity,
    ldc: LdcMembership,
) -> TargetProgress:
    window = plan_years if year is None else [year]
    value = Decimal(t.value)
    by_year: tuple[YearFigure, ...] = ()
    actual: Decimal | None
    if t.kind in ("trainings_per_year", "events_per_year"):
        per_year = Counter(a.year for a in done)
        by_year = tuple(YearFigure(y, value, Decimal(per_year.get(y, 0))) for y in window)
        expected = value * len(window)
        actual = Decimal(sum(per_year.get(y, 0) for y in window))
        met = all(f.actual >= f.expected for f in by_year)
    elif t.kind == "events_every_years":
        span = max(t.period_years, 1)
        if year is None:
            years = plan_years
            expected = value * math.ceil(len(plan_years) / span)
        else:
            years = list(range(year - span + 1, year + 1))
            expected = value
        actual = Decimal(sum(1 for a in done if a.year in years))
        met = actual >= expected
    else:
        rows = [
            r
            for r in trainees
            if (t.activity_type is None or r.type == t.activity_type) and r.year in window
        ]
        people = identity.distinct([r.person_uid for r in rows])
        if t.kind == "trainees_total":
            share = Decimal(max(t.period_years, 1))
            expected = value if year is None else (value / share).quantize(ONE_DECIMAL)
            actual = Decimal(len(people))
            met = actual >= expected
        else:  # ldc_share
            ldc_people = identity.distinct(
                [r.person_uid for r in rows if ldc.is_ldc(r.country, r.day)]
            )
            expected = value
            actual = (
                (Decimal(100 * len(ldc_people)) / len(people)).quantize(ONE_DECIMAL)
                if people
                else None
            )
            met = actual is not None and actual >= expected
    return TargetProgress(
        item_code,
        t.code,
        t.kind,
        t.title_en,
        t.title_zh,
        expected,
        actual,
        met,
        by_year,
        max(t.period_years, 1),
    )
