"""Progress against the plan: milestones, targets and activities per plan item.

Rules (the tests hold these numbers):
- Activities are those of ``app.reports.figures.item_activities`` (the item's
  own, within the country rule). An activity's year is that of its start date
  (its end date when it has no start). A year report counts the activities of
  that year; the whole-period report counts those dated within the plan
  period and the undated ones.
- A milestone is met by a *completed* activity of the milestone's activity
  type under the milestone's item, hosted in the milestone's country when it
  names one. It is met on the earliest end date (start date when no end) of
  such activities: "met on time" when that day is on or before the due date,
  "met late" after it; a completed activity with no dates counts as met on
  time. Unmet, it is "due" when the due date is on or after ``as_of`` and
  "overdue" when before. Milestones are judged on the country's activities of
  every year; a year report lists the milestones due in that year. A
  milestone the plan puts after another (``after`` in the plan file) is
  flagged "out of order" when it is met while the earlier one is not, or met
  before it.
- Targets are evaluated by ``app.reports.target_rules`` on the region's
  records; for one country the country's contribution is set beside them.
  Item 2.5's people are its trainees as ``app.reports.trainees.plan_trainees``
  defines them (the one definition the training report and screens share).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Milestone, PlanArea, PlanItem, Target
from app.models.codes import ACTIVITY_STATUS
from app.reports.figures import (
    ActivityFact,
    PersonFact,
    in_window,
    item_activities,
    people_with_role,
)
from app.reports.members import load_ldc_membership
from app.reports.scope import ReportHeader, report_header
from app.reports.target_rules import (
    ItemFacts,
    Period,
    TargetProgress,
    YearFigure,
    evaluate_target,
    milestone_steps,
    people_roles,
    target_rules,
)
from app.reports.trainees import plan_trainees
from app.store import Database

__all__ = [
    "MILESTONE_STATUSES",
    "ItemProgress",
    "MilestoneProgress",
    "ProgressReport",
    "TargetProgress",
    "YearFigure",
    "progress_report",
]

MILESTONE_STATUSES = ("met_on_time", "met_late", "due", "overdue")


@dataclass(frozen=True)
class MilestoneProgress:
    """One milestone and whether (and when) it was met.

    ``after`` is the code of the milestone the plan puts before this one;
    ``out_of_order`` is True when this one is met while that one is not, or
    was met before it.
    """

    item_code: str
    code: str
    title_en: str
    title_zh: str | None
    due: dt.date
    country: str | None
    status: str  # one of MILESTONE_STATUSES
    met_on: dt.date | None
    after: str | None = None
    out_of_order: bool = False


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

    def out_of_order(self) -> list[MilestoneProgress]:
        """The milestones met while (or before) the step the plan puts first was not."""
        return [m for i in self.items for m in i.milestones if m.out_of_order]


def progress_report(
    db: Database,
    *,
    country: str | None = None,
    year: int | None = None,
    as_of: dt.date | None = None,
    accepted_only: bool = False,
) -> ProgressReport:
    """Progress of the active plan for ``country`` (None: the region) and ``year``
    (None: the whole plan period), judged on ``as_of`` (default today)."""
    as_of = as_of or dt.date.today()
    with db.read_session() as session:
        header = report_header(db, session, country=country, year=year, accepted_only=accepted_only)
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
        acts = item_activities(session, item_uids, country)
        region_acts = acts if country is None else item_activities(session, item_uids, None)
        milestones = session.scalars(
            select(Milestone)
            .where(Milestone.item_uid.in_(item_uids), Milestone.deleted.is_(False))
            .order_by(Milestone.due_date, Milestone.code)
        ).all()
        targets = list(
            session.scalars(
                select(Target)
                .where(Target.item_uid.in_(item_uids), Target.deleted.is_(False))
                .order_by(Target.code)
            ).all()
        )
        period = Period(plan.start, plan.end, year, as_of)
        trainees = plan_trainees(session, plan.code, period.window)
        roles = people_roles(plan.code, targets)
        roles.pop(trainees.root_uid, None)  # item 2.5 counts its trainees (below)
        people = _people(session, roles, None) + _as_of_item(trainees.rows, trainees.root_uid)
        own_people = None if country is None else _people_of(people, country)
        identity = trainees.identity
        ldc = load_ldc_membership(session)

    rules = target_rules(plan.code)
    counted = in_window(acts, period.window, keep_undated=year is None)
    by_item = _by_item(acts)
    region_by_item = _by_item(region_acts)
    code_of = {i.uid: i.code for i in items}
    all_ms = [
        _milestone(code_of[m.item_uid], m, by_item.get(m.item_uid, []), as_of) for m in milestones
    ]
    all_ms = _order_checked(all_ms, milestone_steps(plan.code))
    result: list[ItemProgress] = []
    for item in items:
        counts = Counter(a.status for a in counted if a.item_uid == item.uid)
        facts = ItemFacts(
            region_by_item.get(item.uid, []),
            [p for p in people if p.item_uid == item.uid],
            None if country is None else by_item.get(item.uid, []),
            None if own_people is None else [p for p in own_people if p.item_uid == item.uid],
        )
        item_targets = [
            evaluate_target(item.code, t, rules[t.kind], facts, period, identity, ldc, country)
            for t in targets
            if t.item_uid == item.uid and t.kind in rules
        ]
        result.append(
            ItemProgress(
                code=item.code,
                title_en=item.title_en,
                title_zh=item.title_zh,
                depth=1 if item.parent_uid else 0,
                status_counts={s: counts.get(s, 0) for s in ACTIVITY_STATUS},
                milestones=[
                    m
                    for m in all_ms
                    if m.item_code == item.code and (year is None or m.due.year == year)
                ],
                targets=item_targets,
                uid=item.uid,
                area_en=item.area_en or "",
                area_zh=item.area_zh,
            )
        )
    return ProgressReport(header=header, as_of=as_of, items=result)


def _by_item(acts: list[ActivityFact]) -> dict[str, list[ActivityFact]]:
    out: dict[str, list[ActivityFact]] = {}
    for a in acts:
        out.setdefault(a.item_uid, []).append(a)
    return out


def _people(session: Session, roles: dict[str, str], country: str | None) -> list[PersonFact]:
    rows: list[PersonFact] = []
    for role in sorted(set(roles.values())):
        items = {uid for uid, r in roles.items() if r == role}
        rows.extend(
            people_with_role(session, items, role=role, country=country, activity_type=None)
        )
    return rows


def _as_of_item(rows: list[PersonFact], item_uid: str) -> list[PersonFact]:
    """The rows counted under ``item_uid`` (item 2.5's trainees include its sub-items')."""
    return [replace(r, item_uid=item_uid) for r in rows]


def _people_of(rows: list[PersonFact], country: str) -> list[PersonFact]:
    return [r for r in rows if r.country == country]


def _milestone(
    item_code: str, m: Milestone, acts: list[ActivityFact], as_of: dt.date
) -> MilestoneProgress:
    meeting = [
        a
        for a in acts
        if a.status == "completed"
        and (m.activity_type is None or a.type == m.activity_type)
        and (m.country is None or a.host == m.country)
    ]
    met_on: dt.date | None = None
    if meeting:
        days = [d for d in (a.held_on for a in meeting) if d is not None]
        met_on = min(days) if days else None
        status = "met_late" if met_on is not None and met_on > m.due_date else "met_on_time"
    else:
        status = "due" if m.due_date >= as_of else "overdue"
    return MilestoneProgress(
        item_code, m.code, m.title_en, m.title_zh, m.due_date, m.country, status, met_on
    )


def _order_checked(
    milestones: list[MilestoneProgress], steps: dict[str, str]
) -> list[MilestoneProgress]:
    """Flag a milestone met while its earlier step is unmet, or met before that step."""
    by_code = {m.code: m for m in milestones}
    out = []
    for m in milestones:
        first = by_code.get(steps.get(m.code, ""))
        if first is None:
            out.append(m)
            continue
        met = m.status in ("met_on_time", "met_late")
        first_met = first.status in ("met_on_time", "met_late")
        early = (
            met
            and first_met
            and m.met_on is not None
            and first.met_on is not None
            and m.met_on < first.met_on
        )
        out.append(replace(m, after=first.code, out_of_order=(met and not first_met) or early))
    return out
