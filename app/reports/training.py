"""Capacity building (plan item 2.5): sessions, trainees, least-developed share, certificates.

Every figure is one of ``app.reports.figures`` (the tests hold these numbers):
- A session is a *completed* activity of type "training" under item 2.5 (or
  an item below it), not deleted, within the country rule of every activity
  count (its office owns it or it was hosted there). Its year is that of its
  start date (end date when it has no start).
- Trainees are those of ``app.reports.trainees.plan_trainees`` (the one
  definition, shared with the progress report, the Dashboard and the plan page):
  distinct people after ``PersonIdentity``.
- For one country, trainees are its nationals, wherever they were trained;
  the region's sessions and trainees are given beside them, since the plan's
  targets are the region's.
- The least-developed share is over trainees from ASEAN members; trainees
  from China are counted separately (``figures.ldc_share``).
- Certificates: participation rows of trainees with a certificate number
  (``certificates_issued``, the one definition of that figure).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from app.models import Target
from app.reports.certificates import certificates_issued
from app.reports.figures import (
    LdcShare,
    item_activities,
    ldc_explanation,
    ldc_share,
    training_sessions,
)
from app.reports.members import load_ldc_membership
from app.reports.scope import ReportHeader, report_header
from app.reports.trainees import TRAINING_ITEM, plan_trainees
from app.store import Database

__all__ = ["TRAINING_ITEM", "TrainingReport", "YearTraining", "training_report"]


@dataclass(frozen=True)
class YearTraining:
    """One year of capacity building: sessions and distinct trainees."""

    year: int
    sessions: int
    trainees: int


@dataclass(frozen=True)
class TrainingReport:
    """Capacity building under item 2.5 for a country or the region, a year or the plan.

    ``sessions``/``trainees`` are the report's scope (one country's own, or the
    region); ``region_sessions``/``region_trainees`` the region's, which the
    plan's targets are about.
    """

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
    region_sessions: int = 0
    region_trainees: int = 0
    shares: LdcShare = LdcShare(0, 0, 0, 0)
    ldc_words: str = ""

    @property
    def ldc_share(self) -> float | None:
        """Least-developed trainees over trainees from ASEAN members (0–1); None without any."""
        return self.shares.share


def training_report(
    db: Database,
    *,
    country: str | None = None,
    year: int | None = None,
    accepted_only: bool = False,
) -> TrainingReport:
    """Capacity-building figures for ``country`` (None: region) and ``year`` (None: plan)."""
    with db.read_session() as session:
        header = report_header(db, session, country=country, year=year, accepted_only=accepted_only)
        window = header.plan.years if year is None else [year]
        trainees = plan_trainees(session, header.plan.code, window)
        items = list(trainees.item_uids)
        targets = {
            t.kind: t.value
            for t in session.scalars(
                select(Target).where(
                    Target.item_uid == trainees.root_uid, Target.deleted.is_(False)
                )
            )
        }
        region = training_sessions(item_activities(session, items, None))
        own = (
            region
            if country is None
            else training_sessions(item_activities(session, items, country))
        )
        ldc = load_ldc_membership(session)

    identity = trainees.identity
    rows = trainees.rows_of(country)
    sessions = [s for s in own if s.year in window]
    per_year_sessions = Counter(s.year for s in sessions)
    per_year_people: dict[int, set[str]] = defaultdict(set)
    for r in rows:
        if r.year is not None:
            per_year_people[r.year].add(identity.canonical_person(r.person_uid))
    people = {identity.canonical_person(r.person_uid): r for r in rows}
    shares = ldc_share(rows, identity, ldc)
    topic_people: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        topic_people[r.topic or "other"].add(identity.canonical_person(r.person_uid))
    return TrainingReport(
        header=header,
        sessions_per_year_target=targets.get("trainings_per_year", 2),
        trainees_target=targets.get("trainees_total", 100),
        ldc_share_target=targets.get("ldc_share", 50),
        years=[
            YearTraining(y, per_year_sessions.get(y, 0), len(per_year_people.get(y, set())))
            for y in window
        ],
        sessions=len(sessions),
        trainees=trainees.count(country),
        ldc_trainees=shares.ldc,
        certificates=certificates_issued(r.certificate for r in rows),
        by_country=_sorted(Counter(r.country for r in people.values())),
        by_gender=_sorted(Counter(r.gender or "x" for r in people.values())),
        by_category=_sorted(Counter(r.category or "other" for r in people.values())),
        by_topic=_sorted({k: len(v) for k, v in topic_people.items()}),
        region_sessions=sum(1 for s in region if s.year in window),
        region_trainees=trainees.count(None),
        shares=shares,
        ldc_words=ldc_explanation(ldc, country, shares),
    )


def _sorted(counts: dict[str, int]) -> dict[str, int]:
    """Largest group first, then by code, so tables and charts read the same way."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
