"""The records being made for one owner site, and how many of each kind to make."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.demo.activities import ActivityKind
from app.demo.organisations import OrgInfo

# Share of the requested size per kind (DESIGN: a realistic office's mix).
SHARES = {
    "organisation": 0.03,
    "activity": 0.08,
    "activity_partner": 0.024,
    "activity_output": 0.016,
    "person": 0.33,
    "participation": 0.40,
    "green_envoy": 0.04,
    "funding": 0.08,
}
# Even a tiny demo shows a few of each kind.
MINIMUMS = {
    "organisation": 0,
    "activity": 3,
    "activity_partner": 2,
    "activity_output": 2,
    "person": 12,
    "participation": 12,
    "green_envoy": 2,
    "funding": 3,
}


def quotas_for(size: int) -> dict[str, int]:
    """How many records of each kind make about ``size`` records."""
    return {kind: max(MINIMUMS[kind], round(size * share)) for kind, share in SHARES.items()}


@dataclass
class ActivityInfo:
    """What later steps need to know about an activity made earlier."""

    uid: str
    title: str
    kind: ActivityKind
    status: str
    start: dt.date
    end: dt.date
    host: str
    countries: list[str]


@dataclass
class OrgRef:
    uid: str
    info: OrgInfo


@dataclass
class OwnerDemo:
    """Records for one owner site, as row dicts ready for a bulk insert.

    Rows carry every column but ``version``, which is given at insert time.
    """

    owner: str
    rng: random.Random
    new_uid: Callable[[str], str]  # owner -> a new id bound to it
    note: str
    quotas: dict[str, int]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    orgs: list[OrgRef] = field(default_factory=list)
    org_by_key: dict[str, OrgRef] = field(default_factory=dict)
    orgs_by_place: dict[tuple[str | None, str], list[OrgRef]] = field(
        default_factory=lambda: defaultdict(list)
    )
    activities: list[ActivityInfo] = field(default_factory=list)
    # Indexes into rows["person"], by ("youth" or "adult", country).
    people_by_group: dict[tuple[str, str], list[int]] = field(
        default_factory=lambda: defaultdict(list)
    )

    @property
    def is_secretariat(self) -> bool:
        return self.owner == "SEC"

    def add(self, kind: str, values: dict[str, Any]) -> str:
        """Append a new row of ``kind``; return its uid."""
        uid = self.new_uid(self.owner)
        self.rows[kind].append({"uid": uid, "owner": self.owner, "deleted": False, **values})
        return uid

    def remaining(self, kind: str) -> int:
        """How many more rows of ``kind`` the quota allows."""
        return self.quotas[kind] - len(self.rows[kind])

    def add_org(self, info: OrgInfo) -> OrgRef:
        """Add an organisation and index it by key, country and type."""
        uid = self.add(
            "organisation",
            {
                "name": info.name,
                "name_local": info.local,
                "abbreviation": info.abbreviation,
                "type": info.type,
                "country": info.country,
                "website": info.website,
            },
        )
        ref = OrgRef(uid, info)
        self.orgs.append(ref)
        if info.key:
            key = f"{info.key}:{info.country}" if info.key == "ministry" else info.key
            self.org_by_key.setdefault(key, ref)
        self.orgs_by_place[(info.country, info.type)].append(ref)
        return ref

    def org_of(self, country: str | None, *types: str) -> OrgRef | None:
        """An organisation of ``country`` of the first of ``types`` there is one of."""
        for kind in types:
            found = self.orgs_by_place.get((country, kind))
            if found:
                return self.rng.choice(found)
        return None
