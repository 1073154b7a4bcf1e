"""The shipped reference data: sites, countries, least-developed members, the plan, rates.

Ids are derived from codes (UUID 5), and versions are fixed, so every site
holds the same reference records under the same ids and versions.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy.orm import Session

from app.models import (
    ActionPlan,
    Country,
    ExchangeRate,
    LeastDevelopedMember,
    Milestone,
    PlanArea,
    PlanItem,
    Site,
    Target,
)
from app.models.codes import SECRETARIAT, SITE_CODES
from app.models.hlc import REFERENCE_VERSION
from app.models.reference_ids import plan_item_uid, reference_uid
from app.shipped_data import resources_folder
from app.shipped_rates import REPORTING_CURRENCY, shipped_rates

__all__ = ["plan_item_uid", "reference_uid", "reference_rows", "seed_reference_data"]

RESOURCES = resources_folder()
PLAN_FILES = ("plan_2011_2013.json",)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _sync(uid: str) -> dict[str, Any]:
    return {"uid": uid, "owner": SECRETARIAT, "version": REFERENCE_VERSION, "deleted": False}


def reference_rows() -> list[Any]:
    """Every reference record as unsaved mapped objects, parents first."""
    rows: list[Any] = []
    countries = json.loads((RESOURCES / "countries.json").read_text(encoding="utf-8"))
    for code in SITE_CODES:
        kind = "secretariat" if code == SECRETARIAT else "country"
        rows.append(
            Site(
                **_sync(reference_uid("site", code)),
                code=code,
                kind=kind,
                country=None if code == SECRETARIAT else code,
            )
        )
    for c in countries["countries"]:
        rows.append(
            Country(
                **_sync(reference_uid("country", c["code"])),
                code=c["code"],
                asean_from=_date(c["asean_from"]),
                asean_to=None,
            )
        )
    for m in countries["least_developed"]:
        rows.append(
            LeastDevelopedMember(
                **_sync(reference_uid("ldc", m["code"])),
                country=m["code"],
                valid_from=_date(m["from"]),
                valid_to=None,
            )
        )
    for name in PLAN_FILES:
        rows.extend(_plan_rows(json.loads((RESOURCES / name).read_text(encoding="utf-8"))))
    rows.extend(
        ExchangeRate(
            **_sync(r.uid),
            year=r.year,
            currency=r.currency,
            reporting_currency=REPORTING_CURRENCY,
            rate=r.rate,
        )
        for r in shipped_rates()
    )
    return rows


def _plan_rows(plan: dict[str, Any]) -> list[Any]:
    code = plan["code"]
    plan_uid = reference_uid("plan", code)
    rows: list[Any] = [
        ActionPlan(
            **_sync(plan_uid),
            code=code,
            title_en=plan["title_en"],
            title_zh=plan["title_zh"],
            start_date=_date(plan["start"]),
            end_date=_date(plan["end"]),
            active=True,
        )
    ]
    order = 0
    for area in plan["areas"]:
        area_uid = reference_uid("plan", code, "area", area["code"])
        rows.append(
            PlanArea(
                **_sync(area_uid),
                plan_uid=plan_uid,
                code=area["code"],
                title_en=area["title_en"],
                title_zh=area["title_zh"],
            )
        )
        for item in area["items"]:
            order += 1
            item_uid = reference_uid("plan", code, "item", item["code"])
            parent = (
                reference_uid("plan", code, "item", item["parent"]) if item.get("parent") else None
            )
            rows.append(
                PlanItem(
                    **_sync(item_uid),
                    plan_uid=plan_uid,
                    area_uid=area_uid,
                    parent_uid=parent,
                    code=item["code"],
                    title_en=item["title_en"],
                    title_zh=item["title_zh"],
                    sort_key=order,
                )
            )
            for m in item["milestones"]:
                rows.append(
                    Milestone(
                        **_sync(reference_uid("plan", code, "milestone", m["code"])),
                        item_uid=item_uid,
                        code=m["code"],
                        due_date=_date(m["due"]),
                        activity_type=m.get("activity_type"),
                        country=m.get("country"),
                        title_en=m["title_en"],
                        title_zh=m["title_zh"],
                    )
                )
            for t in item["targets"]:
                rows.append(
                    Target(
                        **_sync(reference_uid("plan", code, "target", t["code"])),
                        item_uid=item_uid,
                        code=t["code"],
                        kind=t["kind"],
                        activity_type=t.get("activity_type"),
                        value=t["value"],
                        period_years=t["period_years"],
                        title_en=t["title_en"],
                        title_zh=t["title_zh"],
                    )
                )
    return rows


def seed_reference_data(session: Session) -> int:
    """Insert the reference records missing from this database; return how many."""
    added = 0
    for row in reference_rows():
        if session.get(type(row), row.uid) is None:
            session.add(row)
            added += 1
    return added
