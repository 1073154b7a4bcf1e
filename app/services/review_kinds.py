"""What the review queue shows of each kind of record it holds: its title and its year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Select, extract, literal, null, select

from app.models import Activity, Funding, GreenEnvoy, Organisation, Person, SyncedRecord
from app.models.codes import REVIEWED_KIND


@dataclass(frozen=True)
class ReviewedKind:
    """A kind of record the secretariat reviews, and the columns the queue shows of it."""

    kind: str
    model: type[SyncedRecord]
    title: Any  # a column (or a column of a joined record)
    year: Any  # an integer expression, or NULL for kinds without a year

    def select(self, *extra: Any) -> Select[Any]:
        """Uid, owner, version, title and year of every record of this kind, joined as needed."""
        m = self.model
        query = select(
            literal(self.kind).label("kind"),
            m.uid.label("uid"),
            m.owner.label("owner"),
            m.version.label("version"),
            self.title.label("title"),
            self.year.label("year"),
            *extra,
        ).select_from(m)
        if self.kind == "green_envoy":
            return query.join(Person, Person.uid == GreenEnvoy.person_uid)
        if self.kind == "funding":
            return query.join(Activity, Activity.uid == Funding.activity_uid)
        return query


def _year_of(date_column: Any) -> Any:
    return extract("year", date_column).cast(Integer)


REVIEWED_KINDS: dict[str, ReviewedKind] = {
    "activity": ReviewedKind("activity", Activity, Activity.title, _year_of(Activity.start_date)),
    "person": ReviewedKind("person", Person, Person.name, null().cast(Integer)),
    "organisation": ReviewedKind(
        "organisation", Organisation, Organisation.name, null().cast(Integer)
    ),
    "green_envoy": ReviewedKind("green_envoy", GreenEnvoy, Person.name, GreenEnvoy.year),
    "funding": ReviewedKind("funding", Funding, Activity.title, _year_of(Funding.date)),
}
assert tuple(REVIEWED_KINDS) == tuple(REVIEWED_KIND)  # one list of reviewed kinds
