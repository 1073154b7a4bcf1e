"""The trainees of item 2.5: the one definition every screen and report counts through.

The Dashboard's card, the Action plan page's target "about 100 trainees", the
progress report and the capacity-building report all call ``plan_trainees``,
so the figure cannot drift between them. A trainee is:
- a participation with the role "trainee", not deleted, of a person not deleted,
- in a *completed* activity of type "training", not deleted, under item 2.5
  or an item directly below it,
- dated (start date, else end date) within the years asked for.
People are counted, not rows: records linked as the same person
(``PersonIdentity``) count once. For one country, its trainees are its
nationals, wherever they were trained.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import PlanItem
from app.models.reference_ids import plan_item_uid
from app.reports.figures import PersonFact, people_in_years, people_with_role
from app.reports.people import PersonIdentity, load_person_identity

TRAINING_ITEM = "2.5"
TRAINING_TYPE = "training"
TRAINEE_ROLE = "trainee"


@dataclass(frozen=True)
class Trainees:
    """The region's trainee rows of item 2.5 in some years, and who is the same person."""

    root_uid: str
    item_uids: tuple[str, ...]
    rows: list[PersonFact]
    identity: PersonIdentity

    def rows_of(self, country: str | None) -> list[PersonFact]:
        """The rows of ``country``'s nationals (None: every row)."""
        return self.rows if country is None else [r for r in self.rows if r.country == country]

    def people(self, country: str | None = None) -> set[str]:
        """The distinct trainees (canonical person uids) of ``country`` (None: region)."""
        return self.identity.distinct([r.person_uid for r in self.rows_of(country)])

    def count(self, country: str | None = None) -> int:
        """How many distinct trainees ``country`` (None: the region) has."""
        return len(self.people(country))


def training_item_uids(session: Session, plan_code: str) -> tuple[str, ...]:
    """Item 2.5 of the plan and the items directly below it."""
    root = plan_item_uid(TRAINING_ITEM, plan_code)
    below = session.scalars(select(PlanItem.uid).where(PlanItem.parent_uid == root)).all()
    return (root, *below)


def plan_trainees(session: Session, plan_code: str, years: list[int]) -> Trainees:
    """The trainees of item 2.5 of the plan ``plan_code`` in ``years``, region-wide."""
    items = training_item_uids(session, plan_code)
    rows = people_with_role(
        session, list(items), role=TRAINEE_ROLE, country=None, activity_type=TRAINING_TYPE
    )
    return Trainees(items[0], items, people_in_years(rows, years), load_person_identity(session))
