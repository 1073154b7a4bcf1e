"""Where the active plan stands: each item's milestones and targets against records.

The dashboard and the action-plan page read this. A country office sees its
own country (activities it owns or hosts, its nationals trained, money for
those activities); the secretariat sees the whole region.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import and_, case, func, or_, select

from app.i18n import current_locale
from app.models import (
    ActionPlan,
    Activity,
    ExchangeRate,
    Funding,
    LeastDevelopedMember,
    Milestone,
    Participation,
    Person,
    PlanArea,
    PlanItem,
    Target,
)
from app.models.codes import SECRETARIAT
from app.store import Database

NOT_COUNTED = ("cancelled", "postponed")


@dataclass(frozen=True)
class MilestoneState:
    """A milestone and whether it is done, under way, due or overdue."""

    code: str
    title: str
    due: dt.date
    state: str  # done, under_way, due, overdue
    activity_title: str | None = None


@dataclass(frozen=True)
class TargetState:
    """A target and what the records show against it.

    ``by_year`` holds counts per plan year for yearly targets; ``measured`` is
    the total (or, for a share, a percentage).
    """

    code: str
    kind: str
    title: str
    value: int
    period_years: int
    measured: float
    by_year: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemProgress:
    """One plan item: its area, title, milestones, targets and activity count."""

    uid: str
    code: str
    area: str
    title: str
    activities: int
    milestones: list[MilestoneState]
    targets: list[TargetState]


@dataclass(frozen=True)
class SourceMoney:
    """Money from one source in one currency."""

    source: str
    currency: str
    committed: Decimal
    disbursed: Decimal
    in_kind: Decimal


@dataclass(frozen=True)
class PlanProgress:
    """The active plan's progress, seen from one office."""

    plan_title: str
    start: dt.date
    end: dt.date
    country: str | None  # None: the whole region
    items: list[ItemProgress]
    trainings_by_year: dict[int, int]
    trainees: int
    ldc_trainees: int
    money: list[SourceMoney]
    reporting_currency: str = "USD"

    @property
    def years(self) -> list[int]:
        return list(range(self.start.year, self.end.year + 1))


def _title(en: str, zh: str | None) -> str:
    return zh if zh and current_locale().language == "zh" else en


def _activity_scope(country: str | None):  # type: ignore[no-untyped-def]
    live = Activity.deleted.is_(False)
    if country is None:
        return live
    return and_(live, or_(Activity.owner == country, Activity.host_country == country))


def plan_progress(db: Database, today: dt.date | None = None) -> PlanProgress | None:
    """Progress of the active plan for this office; None when there is no active plan."""
    today = today or dt.date.today()
    country = None if db.site == SECRETARIAT else db.site
    with db.read_session() as s:
        plan = s.scalars(
            select(ActionPlan).where(ActionPlan.active.is_(True), ActionPlan.deleted.is_(False))
        ).first()
        if plan is None:
            return None
        areas = {
            a.uid: _title(a.title_en, a.title_zh)
            for a in s.scalars(select(PlanArea).where(PlanArea.plan_uid == plan.uid))
        }
        items = list(
            s.scalars(
                select(PlanItem)
                .where(PlanItem.plan_uid == plan.uid, PlanItem.deleted.is_(False))
                .order_by(PlanItem.sort_key)
            )
        )
        scope = _activity_scope(country)
        counts = dict(
            s.execute(
                select(Activity.item_uid, func.count())
                .where(scope, Activity.status.notin_(NOT_COUNTED))
                .group_by(Activity.item_uid)
            ).all()
        )
        year = func.strftime("%Y", Activity.start_date)
        per_type_year: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
        for item_uid, a_type, y, n in s.execute(
            select(Activity.item_uid, Activity.type, year, func.count())
            .where(scope, Activity.status.notin_(NOT_COUNTED), Activity.start_date.is_not(None))
            .group_by(Activity.item_uid, Activity.type, year)
        ):
            per_type_year[(item_uid, a_type)][int(y)] = n
        ldc = list(
            s.scalars(select(LeastDevelopedMember).where(LeastDevelopedMember.deleted.is_(False)))
        )
        trainee_rows = s.execute(
            select(Activity.item_uid, Person.country, Activity.start_date, func.count())
            .join(Participation, Participation.activity_uid == Activity.uid)
            .join(Person, Person.uid == Participation.person_uid)
            .where(
                Activity.deleted.is_(False),
                Participation.deleted.is_(False),
                Activity.type == "training",
                Activity.status.notin_(NOT_COUNTED),
                Participation.role == "trainee",
                *([Person.country == country] if country else []),
            )
            .group_by(Activity.item_uid, Person.country, Activity.start_date)
        ).all()
        milestones = defaultdict(list)
        for m in s.scalars(select(Milestone).where(Milestone.deleted.is_(False))):
            milestones[m.item_uid].append(m)
        targets = defaultdict(list)
        for t in s.scalars(select(Target).where(Target.deleted.is_(False))):
            targets[t.item_uid].append(t)
        matches = _milestone_matches(s, [m for ms in milestones.values() for m in ms])
        money, reporting = _money(s, country)

    def is_ldc(code: str, when: dt.date | None) -> bool:
        for m in ldc:
            if m.country != code:
                continue
            if when is not None and m.valid_from and when < m.valid_from:
                continue
            if when is not None and m.valid_to and when > m.valid_to:
                continue
            return True
        return False

    trainees_by_item: dict[str, int] = defaultdict(int)
    ldc_by_item: dict[str, int] = defaultdict(int)
    for item_uid, person_country, start, n in trainee_rows:
        trainees_by_item[item_uid] += n
        if is_ldc(person_country, start):
            ldc_by_item[item_uid] += n
    trainings_by_year: dict[int, int] = defaultdict(int)
    for (_item, a_type), years in per_type_year.items():
        if a_type == "training":
            for y, n in years.items():
                trainings_by_year[y] += n

    result: list[ItemProgress] = []
    for item in items:
        ms = [
            _milestone_state(m, matches.get(m.uid), today)
            for m in sorted(milestones[item.uid], key=lambda m: m.due_date)
        ]
        ts = []
        for t in targets[item.uid]:
            by_year = per_type_year.get((item.uid, t.activity_type or ""), {})
            if t.kind in ("trainings_per_year", "events_per_year"):
                plan_years = {
                    y: by_year.get(y, 0)
                    for y in range(plan.start_date.year, plan.end_date.year + 1)
                }
                ts.append(_target(t, sum(plan_years.values()), plan_years))
            elif t.kind == "events_every_years":
                ts.append(_target(t, sum(by_year.values()), dict(by_year)))
            elif t.kind == "trainees_total":
                ts.append(_target(t, trainees_by_item[item.uid]))
            elif t.kind == "ldc_share":
                total = trainees_by_item[item.uid]
                share = 100.0 * ldc_by_item[item.uid] / total if total else 0.0
                ts.append(_target(t, round(share, 1)))
        result.append(
            ItemProgress(
                uid=item.uid,
                code=item.code,
                area=areas.get(item.area_uid, ""),
                title=_title(item.title_en, item.title_zh),
                activities=counts.get(item.uid, 0),
                milestones=ms,
                targets=ts,
            )
        )
    return PlanProgress(
        plan_title=_title(plan.title_en, plan.title_zh),
        start=plan.start_date,
        end=plan.end_date,
        country=country,
        items=result,
        trainings_by_year=dict(trainings_by_year),
        trainees=sum(trainees_by_item.values()),
        ldc_trainees=sum(ldc_by_item.values()),
        money=money,
        reporting_currency=reporting,
    )


def _target(t: Target, measured: float, by_year: dict[int, int] | None = None) -> TargetState:
    return TargetState(
        t.code,
        t.kind,
        _title(t.title_en, t.title_zh),
        t.value,
        t.period_years,
        measured,
        by_year or {},
    )


def _milestone_matches(s, milestones: list[Milestone]) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """For each milestone, the best matching activity's (status, title), regionally."""
    found: dict[str, tuple[str, str]] = {}
    rank = case((Activity.status == "completed", 0), else_=1)
    for m in milestones:
        stmt = select(Activity.status, Activity.title).where(
            Activity.item_uid == m.item_uid,
            Activity.deleted.is_(False),
            Activity.status.notin_(NOT_COUNTED + ("planned",)),
        )
        if m.activity_type:
            stmt = stmt.where(Activity.type == m.activity_type)
        if m.country:
            stmt = stmt.where(Activity.host_country == m.country)
        row = s.execute(stmt.order_by(rank, Activity.start_date).limit(1)).first()
        if row is not None:
            found[m.uid] = (row[0], row[1])
    return found


def _milestone_state(m: Milestone, match: tuple[str, str] | None, today: dt.date) -> MilestoneState:
    title = _title(m.title_en, m.title_zh)
    if match and match[0] == "completed":
        return MilestoneState(m.code, title, m.due_date, "done", match[1])
    late = m.due_date < today
    if match:
        return MilestoneState(
            m.code, title, m.due_date, "overdue" if late else "under_way", match[1]
        )
    return MilestoneState(m.code, title, m.due_date, "overdue" if late else "due")


def _money(s, country: str | None) -> tuple[list[SourceMoney], str]:  # type: ignore[no-untyped-def]
    """Money by source, converted to the reporting currency where a rate is known.

    Amounts in a currency without a rate for their year stay in that currency.
    """
    rates: dict[tuple[int, str], Decimal] = {}
    reporting_counts: dict[str, int] = defaultdict(int)
    for year, currency, reporting, rate in s.execute(
        select(
            ExchangeRate.year,
            ExchangeRate.currency,
            ExchangeRate.reporting_currency,
            ExchangeRate.rate,
        ).where(ExchangeRate.deleted.is_(False))
    ):
        reporting_counts[reporting] += 1
        rates[(year, currency)] = rate
    reporting = max(reporting_counts, key=lambda c: reporting_counts[c], default="USD")
    year = func.strftime("%Y", Funding.date)
    rows = s.execute(
        select(Funding.source, Funding.currency, Funding.kind, year, func.sum(Funding.amount))
        .join(Activity, Activity.uid == Funding.activity_uid)
        .where(Funding.deleted.is_(False), _activity_scope(country))
        .group_by(Funding.source, Funding.currency, Funding.kind, year)
    ).all()
    sums: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for source, currency, kind, y, total in rows:
        # The sum keeps the Money column type, so it arrives as a Decimal.
        amount = Decimal(total or 0)
        rate = Decimal(1) if currency == reporting else rates.get((int(y), currency))
        if rate is not None:
            sums[(source, reporting)][kind] += (amount * rate).quantize(Decimal("0.01"))
        else:
            sums[(source, currency)][kind] += amount
    money = [
        SourceMoney(
            source,
            currency,
            v.get("commitment", Decimal(0)),
            v.get("disbursement", Decimal(0)),
            v.get("in_kind", Decimal(0)),
        )
        for (source, currency), v in sorted(sums.items())
    ]
    return money, reporting
