"""Money for one owner's activities: commitments, disbursements, in-kind contributions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.demo.activities import AS_OF
from app.demo.currencies import LOCAL_CURRENCY, amount_in
from app.demo.owner import ActivityInfo, OrgRef, OwnerDemo

# (source, weight) of the plan's five sources (section III.2).
SOURCES = {"cafund": 30, "china": 25, "asean_gov": 25, "partners": 15, "ppp": 5}
IN_KIND_NOTES = (
    "Venue, interpretation and local transport",
    "Staff time of the host ministry",
    "Meeting rooms and equipment",
    "Field visit logistics",
)
TYPE_PRIORITY = {"training": 0, "forum": 0, "meeting": 1, "demonstration": 1}


def _currency(demo: OwnerDemo, source: str, host: str) -> str:
    rng = demo.rng
    if source == "china":
        return "CNY"
    if source == "cafund":
        return "USD" if rng.random() < 0.7 else "CNY"
    if source == "partners":
        return "USD"
    country = host if source == "asean_gov" or demo.is_secretariat else demo.owner
    return LOCAL_CURRENCY[country] if rng.random() < 0.8 else "USD"


def _donor(demo: OwnerDemo, source: str, info: ActivityInfo) -> OrgRef | None:
    keys = {"cafund": "cafund", "china": "ministry:CN"}
    if source in keys:
        return demo.org_by_key.get(keys[source])
    if source == "partners":
        partners = [r for r in demo.orgs if r.info.key in ("unep", "partner")]
        return demo.rng.choice(partners) if partners else demo.org_by_key.get("unep")
    if source == "asean_gov":
        return demo.org_by_key.get(f"ministry:{info.host}") or demo.org_by_key.get(
            f"ministry:{demo.owner}"
        )
    return demo.org_of(info.host, "company") or demo.org_of(demo.owner, "company")


def _clamp(day: dt.date, low: dt.date) -> dt.date:
    return min(max(day, low), AS_OF)


def _funding_rows(demo: OwnerDemo, info: ActivityInfo) -> list[dict[str, object]]:
    """The money story of one activity, oldest first."""
    rng = demo.rng
    source = rng.choices(list(SOURCES), weights=list(SOURCES.values()))[0]
    if info.host == "CN" and source == "asean_gov":
        source = "china"
    currency = _currency(demo, source, info.host)
    donor = _donor(demo, source, info)
    usd = round(rng.uniform(*info.kind.usd), -2)
    year = info.start.year
    committed = amount_in(currency, usd, year)
    committed_on = _clamp(
        info.start - dt.timedelta(days=rng.randint(30, 150)), dt.date(2010, 10, 1)
    )
    base: dict[str, object] = {
        "activity_uid": info.uid,
        "source": source,
        "currency": currency,
        "donor_uid": donor.uid if donor else None,
        "own_rate": None,  # the demo's amounts use the secretariat's yearly rates
    }
    rows: list[dict[str, object]] = [
        base | {"kind": "commitment", "amount": committed, "date": committed_on, "notes": None}
    ]
    if info.status in ("completed", "under_way"):
        shares = [Decimal(1)] if info.status == "completed" else [Decimal("0.5")]
        if info.status == "completed" and rng.random() < 0.4:
            shares = [Decimal("0.6"), Decimal("0.4")]
        first_on = _clamp(info.start - dt.timedelta(days=rng.randint(5, 25)), committed_on)
        dates = [first_on, _clamp(info.end + dt.timedelta(days=rng.randint(10, 60)), first_on)]
        for number, share in enumerate(shares):
            # What arrives is often a little less than what was promised.
            paid = (committed * share * Decimal(rng.choice(("1", "1", "0.95", "0.9")))).quantize(
                Decimal("0.01")
            )
            rows.append(
                base
                | {
                    "kind": "disbursement",
                    "amount": paid,
                    "date": dates[number],
                    "notes": "Final payment" if number == len(shares) - 1 and number else None,
                }
            )
    if info.status != "cancelled" and rng.random() < 0.25:
        host_gov = "china" if info.host == "CN" else "asean_gov"
        currency = "CNY" if info.host == "CN" else LOCAL_CURRENCY[info.host]
        ministry = demo.org_by_key.get(f"ministry:{info.host}")
        rows.append(
            {
                "activity_uid": info.uid,
                "kind": "in_kind",
                "source": host_gov,
                "donor_uid": ministry.uid if ministry else None,
                "amount": amount_in(currency, usd * rng.uniform(0.05, 0.2), year),
                "currency": currency,
                "date": _clamp(info.start, committed_on),
                "notes": rng.choice(IN_KIND_NOTES),
                "own_rate": None,
            }
        )
    return rows


def add_funding(demo: OwnerDemo) -> None:
    """Funding for activities, big events first, until the quota is used."""
    order = list(demo.activities)
    demo.rng.shuffle(order)
    order.sort(key=lambda a: (a.status == "cancelled", TYPE_PRIORITY.get(a.kind.type, 2)))
    for info in order:
        for row in _funding_rows(demo, info):
            if demo.remaining("funding") <= 0:
                return
            demo.add("funding", row)
