"""The one evaluator of plan targets and of the order of milestones.

What a target counts is declared in the plan file (``target_rules``: for each
kind of target, whether it counts activities or people with a role, and how:
in every year, as gaps between held events, in total, or as the
least-developed share); a target names its kind, activity type and plan item.
The progress report, the Dashboard and the Action plan page all evaluate
targets here. Every target of the plan is the whole region's: for one country
the region's figure is evaluated and the country's contribution set beside it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from app.models import Target
from app.reports.figures import (
    ActivityFact,
    PersonFact,
    distinct_people,
    ldc_share,
    people_in_years,
    training_sessions,
)
from app.reports.members import LdcMembership
from app.reports.people import PersonIdentity
from app.shipped_data import resources_folder

ONE_DECIMAL = Decimal("0.1")
DAYS_A_YEAR = Decimal("365.25")


@dataclass(frozen=True)
class TargetRule:
    """What a kind of target counts (from the plan file's ``target_rules``)."""

    counts: str  # "activities" or "people"
    measure: str  # "each_year", "gaps", "total" or "ldc_share"
    role: str | None = None
    scope: str = "region"


@dataclass(frozen=True)
class YearFigure:
    """What a target expects in one year and what is recorded."""

    year: int
    expected: Decimal
    actual: Decimal


@dataclass(frozen=True)
class TargetProgress:
    """One target against what is recorded; ``actual`` None when nothing to measure.

    ``expected``/``actual``/``met`` are the region's; ``country`` and
    ``contribution`` say what one country added (None for the region's report).
    ``longest_gap`` (years) and ``held`` are set for targets checked as gaps.
    """

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
    country: str | None = None
    contribution: Decimal | None = None
    longest_gap: Decimal | None = None
    held: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class ItemFacts:
    """The records a target of one item is judged on: the region's, and one country's."""

    region_acts: list[ActivityFact]
    region_people: list[PersonFact]
    own_acts: list[ActivityFact] | None = None  # None: the report is the region's
    own_people: list[PersonFact] | None = None


@dataclass(frozen=True)
class Period:
    """The plan's period, the report's year (None: whole plan) and the judging day."""

    start: dt.date
    end: dt.date
    year: int | None
    as_of: dt.date

    @property
    def plan_years(self) -> list[int]:
        """Every year of the plan."""
        return list(range(self.start.year, self.end.year + 1))

    @property
    def window(self) -> list[int]:
        """The years the report covers."""
        return self.plan_years if self.year is None else [self.year]


@cache
def _plan_file(code: str) -> dict[str, Any]:
    for path in sorted(resources_folder().glob("plan_*.json")):
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if data.get("code") == code:
            return data
    return {}


# The rules of the plan files before they declared them: the same meanings.
_DEFAULT_RULES = {
    "events_every_years": TargetRule("activities", "gaps"),
    "events_per_year": TargetRule("activities", "each_year"),
    "trainings_per_year": TargetRule("activities", "each_year"),
    "trainees_total": TargetRule("people", "total", "trainee"),
    "ldc_share": TargetRule("people", "ldc_share", "trainee"),
}


def target_rules(plan_code: str) -> dict[str, TargetRule]:
    """The counting rule of each kind of target of a plan."""
    declared = _plan_file(plan_code).get("target_rules", {})
    rules = dict(_DEFAULT_RULES)
    for kind, r in declared.items():
        rules[kind] = TargetRule(r["counts"], r["measure"], r.get("role"), r.get("scope", "region"))
    return rules


def milestone_steps(plan_code: str) -> dict[str, str]:
    """Milestone code → the code of the milestone that must come before it."""
    steps: dict[str, str] = {}
    for area in _plan_file(plan_code).get("areas", []):
        for item in area["items"]:
            for m in item["milestones"]:
                if m.get("after"):
                    steps[m["code"]] = m["after"]
    return steps


def people_roles(plan_code: str, targets: list[Target]) -> dict[str, str]:
    """Item uid → the role whose people that item's targets count."""
    rules = target_rules(plan_code)
    return {
        t.item_uid: rules[t.kind].role or "trainee"
        for t in targets
        if t.kind in rules and rules[t.kind].counts == "people"
    }


def evaluate_target(
    item_code: str,
    t: Target,
    rule: TargetRule,
    facts: ItemFacts,
    period: Period,
    identity: PersonIdentity,
    ldc: LdcMembership,
    country: str | None,
) -> TargetProgress:
    """The region's figure for target ``t`` and (for ``country``) its contribution."""
    value = Decimal(t.value)
    span = max(t.period_years, 1)
    base = (item_code, t.code, t.kind, t.title_en, t.title_zh)
    if rule.counts == "activities":
        done = training_sessions(facts.region_acts, t.activity_type)
        own = None if facts.own_acts is None else training_sessions(facts.own_acts, t.activity_type)
        if rule.measure == "gaps":
            return _gaps(base, value, span, done, own, period, country)
        return _each_year(base, value, span, done, own, period, country)
    rows = people_in_years(
        [r for r in facts.region_people if t.activity_type in (None, r.type)], period.window
    )
    own_rows = (
        None
        if facts.own_people is None
        else people_in_years(
            [r for r in facts.own_people if t.activity_type in (None, r.type)], period.window
        )
    )
    if rule.measure == "ldc_share":
        region = ldc_share(rows, identity, ldc)
        actual = (
            (Decimal(100 * region.ldc) / region.asean).quantize(ONE_DECIMAL)
            if region.asean
            else None
        )
        mine = None if own_rows is None else Decimal(ldc_share(own_rows, identity, ldc).ldc)
        met = actual is not None and actual >= value
        return TargetProgress(*base, value, actual, met, (), span, country, mine)
    expected = value if period.year is None else (value / span).quantize(ONE_DECIMAL)
    actual_people = Decimal(len(distinct_people(rows, identity)))
    mine = None if own_rows is None else Decimal(len(distinct_people(own_rows, identity)))
    return TargetProgress(
        *base, expected, actual_people, actual_people >= expected, (), span, country, mine
    )


def _each_year(
    base: tuple[str, str, str, str, str | None],
    value: Decimal,
    span: int,
    done: list[ActivityFact],
    own: list[ActivityFact] | None,
    period: Period,
    country: str | None,
) -> TargetProgress:
    per_year = Counter(a.year for a in done)
    by_year = tuple(YearFigure(y, value, Decimal(per_year.get(y, 0))) for y in period.window)
    actual = Decimal(sum(f.actual for f in by_year))
    mine = None if own is None else Decimal(sum(1 for a in own if a.year in period.window))
    met = all(f.actual >= f.expected for f in by_year)
    return TargetProgress(
        *base, value * len(period.window), actual, met, by_year, span, country, mine
    )


def _gaps(
    base: tuple[str, str, str, str, str | None],
    value: Decimal,
    span: int,
    done: list[ActivityFact],
    own: list[ActivityFact] | None,
    period: Period,
    country: str | None,
) -> TargetProgress:
    """Held at least every ``span`` years: from the plan's start to the first one,
    between two held ones, and from the last one to the end judged (the end of the
    report's period, or ``as_of`` when that comes first)."""
    window_end = period.end if period.year is None else dt.date(period.year, 12, 31)
    judged_to = min(window_end, period.as_of)
    held = sorted(
        d for d in (a.held_on for a in done) if d is not None and period.start <= d <= judged_to
    )
    marks = [period.start, *held, judged_to]
    longest = max((b - a).days for a, b in zip(marks, marks[1:], strict=False))
    longest_years = (Decimal(longest) / DAYS_A_YEAR).quantize(ONE_DECIMAL)
    if period.year is None:
        years = period.plan_years
        expected = value * math.ceil(len(years) / span)
    else:
        years = list(range(period.year - span + 1, period.year + 1))
        expected = value
    actual = Decimal(sum(1 for a in done if a.year in years))
    mine = None if own is None else Decimal(sum(1 for a in own if a.year in years))
    met = actual >= expected and longest_years <= span
    return TargetProgress(
        *base, expected, actual, met, (), span, country, mine, longest_years, tuple(held)
    )
