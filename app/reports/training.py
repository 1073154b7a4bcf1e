"""Capacity building (plan item 2.5): sessions, trainees, least-developed share, certificates.

Rules (the tests hold these numbers):
- A session is a *completed* activity of type "training" under item 2.5 (or
  an item below it), not deleted. Its year is that of its start date (end
  date when it has no start).
- People are counted, not rows: every head count is of distinct people after
  ``PersonIdentity.canonical_person``, so one person trained twice in a year
  counts once in that year, and once in the plan total.
- For one country, trainees are the people of that country; a session counts
  when that country's office owns it, it was hosted there, or one of that
  country's people was trained in it.
- A trainee counts as from a least-developed member when their country is one
  on the session's start date.
- Certificates: participation rows of trainees with a certificate number.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import select

from app.models import Activity, Participation, Person, PlanItem, Target
from app.models.reference_ids import plan_item_uid
from app.reports.members import load_ldc_membership
from app.reports.people import load_person_identity
from app.reports.scope import ReportHeader, report_header
from app.store import Database

TRAINING_ITEM = "2.5"


@dataclass(frozen=True)
class YearTraining:
    """One year of capacity building: sessions and distinct trainees."""

    year: int
    sessions: int
    trainees: int


@dataclass(frozen=True)
class TrainingReport:
    """Capacity building under item 2.5 for a country or the region, a year or the plan."""

    header: ReportHeader
    sessions_per_year_target: int
    trainees_target: int
    ldc_share_target: int  # percent
    years: list[YearTraining]
    sessions: int
    trainees: int
    ldc_trainees: int
    certificates: int
    by_country: dict[str, int] = field(default_factory=dict)
    by_gender: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    by_topic: dict[str, int] = field(default_factory=dict)

    @property
    def ldc_share(self) -> float | None:
        """Share of trainees from least-developed members (0–1); None without trainees."""
        return self.ldc_trainees / self.trainees if self.trainees else None


class _Row(NamedTuple):
    activity: str
    year: int | None
    day: dt.date | None
    topic: str | None
    person: str
    country: str
    gender: str | None
    category: str | None
    certificate: str | None


def training_report(
    db: Database, *, country: str | None = None, year: int | None = None
) -> TrainingReport:
    """Capacity-building figures for ``country`` (None: region) and ``year`` (None: plan)."""
    with db.read_session() as session:
        header = report_header(db, session, country=country, year=year)
        root = plan_item_uid(TRAINING_ITEM, header.plan.code)
        items = {root} | set(
            session.scalars(select(PlanItem.uid).where(PlanItem.parent_uid == root)).all()
        )
        targets = {
            t.kind: t.value
            for t in session.scalars(
                select(Target).where(Target.item_uid == root, Target.deleted.is_(False))
            )
        }
        sessions = session.execute(
            select(
                Activity.uid,
                Activity.owner,
                Activity.host_country,
                Activity.start_date,
                Activity.end_date,
            ).where(
                Activity.item_uid.in_(items),
                Activity.type == "training",
                Activity.status == "completed",
                Activity.deleted.is_(False),
            )
        ).all()
        rows = [
            _Row(
                r.activity_uid,
                None,
                None,
                r.topic,
                r.person_uid,
                r.country,
                r.gender,
                r.category,
                r.certificate,
            )
            for r in session.execute(
                select(
                    Participation.activity_uid,
                    Participation.person_uid,
                    Participation.certificate,
                    Activity.topic,
                    Person.country,
                    Person.gender,
                    Person.category,
                )
                .join(Activity, Activity.uid == Participation.activity_uid)
                .join(Person, Person.uid == Participation.person_uid)
                .where(
                    Activity.item_uid.in_(items),
                    Activity.type == "training",
                    Activity.status == "completed",
                    Activity.deleted.is_(False),
                    Participation.deleted.is_(False),
                    Participation.role == "trainee",
                    Person.deleted.is_(False),
                )
            )
        ]
        identity = load_person_identity(session)
        ldc = load_ldc_membership(session)

    day_of = {s.uid: s.start_date or s.end_date for s in sessions}
    rows = [
        r._replace(
            day=day_of[r.activity], year=day_of[r.activity].year if day_of[r.activity] else None
        )
        for r in rows
    ]
    window = header.plan.years if year is None else [year]
    if country is not None:
        rows = [r for r in rows if r.country == country]
    own = {s.uid for s in sessions if country in (s.owner, s.host_country)} if country else set()
    held = {s.uid for s in sessions} if country is None else own | {r.activity for r in rows}
    rows = [r for r in rows if r.year in window]
    session_years = {
        uid: day_of[uid].year
        for uid in held
        if day_of[uid] is not None and day_of[uid].year in window
    }
    per_year_sessions = Counter(session_years.values())
    per_year_people: dict[int, set[str]] = defaultdict(set)
    for r in rows:
        if r.year is not None:
            per_year_people[r.year].add(identity.canonical_person(r.person))
    people = {identity.canonical_person(r.person): r for r in rows}
    ldc_people = {identity.canonical_person(r.person) for r in rows if ldc.is_ldc(r.country, r.day)}
    topic_people: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        topic_people[r.topic or "other"].add(identity.canonical_person(r.person))
    return TrainingReport(
        header=header,
        sessions_per_year_target=targets.get("trainings_per_year", 2),
        trainees_target=targets.get("trainees_total", 100),
        ldc_share_target=targets.get("ldc_share", 50),
        years=[
            YearTraining(y, per_year_sessions.get(y, 0), len(per_year_people.get(y, set())))
            for y in window
        ],
        sessions=len(session_years),
        trainees=len(people),
        ldc_trainees=len(ldc_people),
        certificates=sum(1 for r in rows if r.certificate),
        by_country=_sorted(Counter(r.country for r in people.values())),
        by_gender=_sorted(Counter(r.gender or "x" for r in people.values())),
        by_category=_sorted(Counter(r.category or "other" for r in people.values())),
        by_topic=_sorted({k: len(v) for k, v in topic_people.items()}),
    )


def _sorted(counts: dict[str, int]) -> dict[str, int]:
    """Largest group first, then by code, so tables and charts read the same way."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
