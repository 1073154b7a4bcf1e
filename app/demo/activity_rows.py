"""Organisations, activities, partners and outputs for one owner."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from app.demo.activities import (
    AS_OF,
    COUNTRY_NAMES,
    ENVOYS_LAUNCH,
    FORUM,
    LEAST_DEVELOPED,
    NATIONAL_KINDS,
    OUTLOOK,
    REGIONAL_KINDS,
    SECRETARIAT_MILESTONES,
    THEMES,
    TOPIC_ZH,
    ActivityKind,
    fill_title,
    pick_dates,
    pick_status,
    pick_year,
)
from app.demo.names import ascii_fold
from app.demo.organisations import NATIONAL, REGIONAL, OrgInfo, made_up_organisation
from app.demo.owner import ActivityInfo, OwnerDemo
from app.demo.places import CITIES
from app.models.codes import COUNTRY_CODES, TRAINING_TOPIC
from app.services.reference_data import plan_item_uid

ASEAN = tuple(c for c in COUNTRY_CODES if c != "CN")
ORG_TYPE_WEIGHTS = {"ministry": 20, "school": 30, "company": 20, "ngo": 15, "research": 15}
TOPIC_WEIGHTS = {code: (2 if code == "other" else 10) for code in TRAINING_TOPIC}


def add_organisations(demo: OwnerDemo) -> None:
    """The owner's real partners first (its ministry always), then made-up local ones."""
    owner = demo.owner
    core_keys = {"caec", "asean", "acb", "unep", "cafund", "expo"}
    regional = [o for o in REGIONAL if o.key in core_keys]
    extra_regional = [o for o in REGIONAL if o.key not in core_keys]
    if demo.is_secretariat:
        ministries = [o for c in COUNTRY_CODES for o in NATIONAL[c] if o.key == "ministry"]
        core = regional + ministries
        others = extra_regional + [o for c in COUNTRY_CODES for o in NATIONAL[c] if not o.key]
    else:
        national = NATIONAL[owner]
        core = [o for o in national if o.key == "ministry"] + regional
        if owner != "CN":
            core += [o for o in NATIONAL["CN"] if o.key == "ministry"]
        else:
            core += [o for c in ASEAN for o in NATIONAL[c] if o.key == "ministry"]
        others = [o for o in national if not o.key] + extra_regional
    for info in core:
        demo.add_org(_as_known_by(owner, info))
    for info in others:
        if demo.remaining("organisation") <= 0:
            return
        demo.add_org(_as_known_by(owner, info))
    types, weights = list(ORG_TYPE_WEIGHTS), list(ORG_TYPE_WEIGHTS.values())
    while demo.remaining("organisation") > 0:
        country = _org_country(demo)
        kind = demo.rng.choices(types, weights=weights)[0]
        demo.add_org(made_up_organisation(demo.rng, country, kind))


def _as_known_by(owner: str, info: OrgInfo) -> OrgInfo:
    """International bodies have a Chinese name only in China's and the secretariat's records."""
    if info.country is None and owner not in ("SEC", "CN"):
        return dataclasses.replace(info, local=None)
    return info


def _org_country(demo: OwnerDemo) -> str:
    rng = demo.rng
    if demo.is_secretariat or (demo.owner == "CN" and rng.random() < 0.5):
        return rng.choice(COUNTRY_CODES)
    return demo.owner


def _countries_taking_part(demo: OwnerDemo, kind: ActivityKind, host: str) -> list[str]:
    rng = demo.rng
    chosen = {host}
    if not demo.is_secretariat:
        chosen.add(demo.owner)
    if kind.regional:
        pool = [c for c in COUNTRY_CODES if c != "TL" or rng.random() < 0.1]
        if demo.is_secretariat and rng.random() < 0.6:
            chosen.update(pool)
        else:
            # Least-developed members first, as item 2.5.2 asks.
            weights = [3 if c in LEAST_DEVELOPED else 1 for c in pool]
            chosen.update(rng.choices(pool, weights=weights, k=rng.randint(2, 8)))
        chosen.add("CN")
    elif rng.random() < 0.2:
        chosen.add("CN")
    return sorted(chosen)


def _host(demo: OwnerDemo, kind: ActivityKind) -> str:
    rng = demo.rng
    roll = rng.random()
    # Timor-Leste was not yet a member in 2011–2014: others did not meet there.
    abroad = [c for c in ASEAN if c not in ("TL", demo.owner)]
    if demo.is_secretariat:
        if not kind.regional or kind.item in ("1.2", "3.1") or kind in (ENVOYS_LAUNCH, OUTLOOK):
            return "CN"
        if kind.type == "training" and roll < 0.7:
            return "CN"
        return rng.choice(("CN", *abroad))
    if demo.owner == "CN":
        return "CN" if roll < 0.85 else rng.choice(abroad)
    if not kind.regional:
        return demo.owner if roll < 0.92 else "CN"
    if kind.item in ("1.2", "3.1") and roll < 0.7:
        return "CN"
    if roll < 0.7:
        return demo.owner
    return "CN" if roll < 0.9 else rng.choice(abroad)


def _city(demo: OwnerDemo, kind: ActivityKind, host: str) -> str:
    cities = CITIES[host]
    if kind.item == "1.1" or (demo.is_secretariat and (not kind.regional or kind is OUTLOOK)):
        return cities[0].name
    if kind.item in ("1.2", "3.1") and host == "CN":
        return demo.rng.choice(("Nanning", "Beijing", "Guilin", "Nanning"))
    return demo.rng.choice(cities).name


def _topic_words(topic: str | None) -> str:
    if topic is None:
        return ""
    if topic == "other":
        return "environmental management"
    return TRAINING_TOPIC[topic].lower()


def add_activities(demo: OwnerDemo) -> None:
    """Activities under the plan's items, with dates, statuses, places and countries."""
    rng = demo.rng
    kinds = REGIONAL_KINDS if demo.is_secretariat else NATIONAL_KINDS
    weights = [k.weight for k in kinds]
    # Every demo has a training and a forum, however small; the secretariat's
    # yearly forums and other milestones come first.
    first: list[tuple[ActivityKind, int | None]] = [
        (next(k for k in kinds if k.type == "training"), None),
        (next(k for k in kinds if k.type == "forum"), None),
    ]
    if demo.is_secretariat:
        first = [(k, y) for k, y in SECRETARIAT_MILESTONES] + first[:1]
    topics, topic_weights = list(TRAINING_TOPIC), list(TOPIC_WEIGHTS.values())
    count = demo.quotas["activity"]
    for i in range(count):
        kind, year = first[i] if i < len(first) else (rng.choices(kinds, weights=weights)[0], None)
        year = year or pick_year(rng)
        start, end = pick_dates(rng, kind, year)
        status = pick_status(rng, start, end)
        host = _host(demo, kind)
        city = _city(demo, kind, host)
        countries = _countries_taking_part(demo, kind, host)
        topic = rng.choices(topics, weights=topic_weights)[0] if kind.type == "training" else None
        country_name = COUNTRY_NAMES[host if demo.is_secretariat else demo.owner]
        title = fill_title(
            rng,
            rng.choice(kind.titles),
            {
                "city": city,
                "country": country_name,
                "year": str(year),
                "topic": _topic_words(topic),
            }
            | ({"theme": THEMES["forum"][year % len(THEMES["forum"])]} if kind is FORUM else {}),
        )
        title_local = None
        if kind.title_zh and (demo.is_secretariat or demo.owner == "CN"):
            title_local = kind.title_zh.format(year=year, topic_zh=TOPIC_ZH.get(topic or "", ""))
        uid = demo.add(
            "activity",
            {
                "item_uid": plan_item_uid(kind.item),
                "title": title,
                "title_local": title_local,
                "type": kind.type,
                "status": status,
                "topic": topic,
                "start_date": start,
                "end_date": end,
                "host_country": host,
                "city": city,
                "countries": " ".join(countries),
                "notes": demo.note,
            },
        )
        demo.activities.append(ActivityInfo(uid, title, kind, status, start, end, host, countries))


# The role a partner plays, by the key of the organisation (None: a local one).
ROLE_OF_KEY = {
    "caec": ("Co-organiser", "Funding partner"),
    "acb": ("Co-organiser", "Technical partner"),
    "expo": ("Co-organiser", "Host"),
    "asean": ("Co-organiser", "Technical partner"),
    "unep": ("Technical partner", "Resource persons"),
    None: ("Host", "Resource persons", "Venue provider", "Technical partner"),
}


def _partners(demo: OwnerDemo, info: ActivityInfo) -> list[tuple[str, str]]:
    """(organisation uid, role) of the partners of one activity."""
    keys = ["caec"]
    if info.kind.item == "4.2.5":
        keys.insert(0, "acb")
    elif info.kind.item == "3.1":
        keys.insert(0, "expo")
    elif info.kind.regional:
        keys += ["asean", "unep"]
    chosen = [demo.org_by_key[k] for k in keys if k in demo.org_by_key]
    local = demo.org_of(info.host, "school", "research", "ngo", "company")
    if local is not None:
        chosen.append(local)
    demo.rng.shuffle(chosen)
    out = {}
    for ref in chosen[: demo.rng.randint(1, 3)]:
        out[ref.uid] = demo.rng.choice(ROLE_OF_KEY.get(ref.info.key, ROLE_OF_KEY[None]))
    return list(out.items())


OUTPUT_BY_TYPE = {
    "training": (("report", "Training report"), ("material", "Training materials")),
    "forum": (("publication", "Proceedings"), ("link", "Forum website")),
    "meeting": (("report", "Meeting summary"),),
    "study": (("report", "Study report"),),
    "research": (("publication", "Research paper"), ("report", "Policy brief")),
    "report": (("publication", "Published report"),),
    "demonstration": (("report", "Demonstration results"),),
    "website": (("link", "Website"), ("material", "Printed materials")),
    "network": (("link", "Network web page"),),
}


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")
    return slug if len(slug) <= 60 else slug[:60].rsplit("-", 1)[0]


def add_partners_and_outputs(demo: OwnerDemo) -> None:
    """Partner organisations of events, and outputs of completed activities."""
    rng = demo.rng
    order = list(demo.activities)
    rng.shuffle(order)
    for info in order:
        if demo.remaining("activity_partner") <= 0:
            break
        if info.status == "cancelled":
            continue
        for org_uid, role in _partners(demo, info)[: demo.remaining("activity_partner")]:
            demo.add(
                "activity_partner",
                {"activity_uid": info.uid, "organisation_uid": org_uid, "role": role},
            )
    done = [a for a in order if a.status == "completed"] or order
    for number, info in enumerate(done, start=1):
        if demo.remaining("activity_output") <= 0:
            break
        options = OUTPUT_BY_TYPE[info.kind.type]
        for kind, label in options[: rng.randint(1, len(options))]:
            if demo.remaining("activity_output") <= 0:
                break
            date = min(info.end + dt.timedelta(days=rng.randint(7, 90)), AS_OF)
            title = info.title
            ext = ".pdf" if kind in ("report", "publication", "material") else "/"
            demo.add(
                "activity_output",
                {
                    "activity_uid": info.uid,
                    "kind": kind,
                    "title": f"{label}: {title}"[:300],
                    "link": f"https://acec-demo.example/{info.start.year}/{_slug(title)}-{number}{ext}",
                    "date": max(date, info.start),
                },
            )
