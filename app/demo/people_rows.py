"""People, their participation in activities, and green envoys, for one owner."""

from __future__ import annotations

import random
import re
import zlib
from collections import defaultdict

from app.demo.activities import LEAST_DEVELOPED
from app.demo.names import ascii_fold, person_name
from app.demo.organisations import mail_domain
from app.demo.owner import ActivityInfo, OwnerDemo
from app.demo.places import CITIES, phone_number
from app.models.codes import COUNTRY_CODES

CATEGORY_WEIGHTS = {
    "official": 35, "expert": 18, "academic": 10, "youth": 20, "business": 7, "ngo": 7, "other": 3,
}  # fmt: skip
ORG_TYPES_FOR = {
    "official": ("ministry",),
    "expert": ("research", "ministry", "company"),
    "academic": ("school", "research"),
    "youth": ("school",),
    "business": ("company",),
    "ngo": ("ngo",),
    "other": ("ngo", "school"),
}
POSITIONS = {
    "official": (
        "Director", "Deputy Director", "Head of Division", "Environmental Officer",
        "Senior Officer", "Inspector", "Programme Officer", "Technical Officer",
    ),
    "expert": (
        "Environmental Engineer", "Senior Researcher", "Researcher", "Consultant",
        "Laboratory Analyst", "Monitoring Specialist",
    ),
    "academic": ("Lecturer", "Associate Professor", "Professor", "Research Fellow", "Dean"),
    "youth": ("Student", "Undergraduate Student", "Master's Student", "Youth Volunteer", "Club President"),
    "business": ("Project Manager", "General Manager", "Sales Engineer", "Environmental Manager"),
    "ngo": ("Programme Coordinator", "Campaign Officer", "Executive Director", "Volunteer Coordinator"),
    "other": ("Journalist", "Teacher", "Community Leader"),
}  # fmt: skip
ENVOY_SECTOR_FOR = {
    "youth": "school", "official": "government", "expert": "research", "academic": "research",
    "business": "enterprise", "ngo": "ngo", "other": "ngo",
}  # fmt: skip
ENVOY_YEARS = {2011: 2, 2012: 8, 2013: 9, 2014: 4}


def _person_country(demo: OwnerDemo) -> str:
    rng = demo.rng
    roll = rng.random()
    if demo.is_secretariat:
        if roll < 0.2:
            return "CN"
    elif demo.owner == "CN":
        if roll < 0.35:
            return "CN"
    elif roll < 0.85:
        return demo.owner
    elif roll < 0.93:
        return "CN"
    others = [c for c in COUNTRY_CODES if c != "CN"]
    weights = [3 if c in LEAST_DEVELOPED else (0.3 if c == "TL" else 1) for c in others]
    return rng.choices(others, weights=weights)[0]


def _email(rng: random.Random, name: str, domain: str) -> str:
    words = [
        w
        for w in re.split(r"[^a-z]+", ascii_fold(name).lower())
        if w and w not in ("bin", "binti", "s", "o", "d")
    ]
    local = f"{words[0]}.{words[-1]}" if len(words) > 1 else words[0]
    if rng.random() < 0.3:
        local += str(rng.randint(1, 99))
    return f"{local}@{domain}"


def _birth_year(seed: str) -> int | None:
    """A birth year for three people in four, from a hash: the demo's random stream (and
    so every other value of a seed's demo) stays as it was before people had one."""
    spread = zlib.crc32(seed.encode())
    return None if spread % 4 == 0 else 1960 + spread // 4 % 40


def add_people(demo: OwnerDemo) -> None:
    """People of the region with names in their scripts, organisations and contacts."""
    rng = demo.rng
    categories, weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
    for index in range(demo.quotas["person"]):
        country = _person_country(demo)
        gender = "x" if rng.random() < 0.01 else rng.choice("mf")
        name, name_local = person_name(rng, country, "f" if gender == "x" else gender)
        category = rng.choices(categories, weights=weights)[0]
        org = demo.org_of(country, *ORG_TYPES_FOR[category]) if rng.random() < 0.9 else None
        domain = mail_domain(org.info) if org else "mail.example.com"
        demo.add(
            "person",
            {
                "name": name,
                "name_local": name_local,
                "gender": gender,
                "birth_year": _birth_year(f"{country} {index} {name}"),
                "country": country,
                "organisation_uid": org.uid if org else None,
                "position": rng.choice(POSITIONS[category]),
                "category": category,
                "email": _email(rng, name, domain) if rng.random() < 0.85 else None,
                "phone": phone_number(rng, country, rng.choice(CITIES[country]))
                if rng.random() < 0.9
                else None,
                "consent": rng.random() < 0.75,
            },
        )
        group = "youth" if category == "youth" else "adult"
        demo.people_by_group[(group, country)].append(index)


def _pick_people(
    demo: OwnerDemo, info: ActivityInfo, group: str, count: int, taken: set[int]
) -> list[int]:
    """People of ``group`` from the countries taking part (anyone, if none), not in ``taken``."""
    rng = demo.rng
    pools = [demo.people_by_group.get((group, c), []) for c in info.countries]
    if not any(pools):
        pools = [p for (g, _c), p in demo.people_by_group.items() if g == group]
    if not any(pools):
        pools = list(demo.people_by_group.values())
    sizes = [len(p) for p in pools]
    available = sum(sizes)
    chosen: set[int] = set()
    attempts = 0
    while len(chosen) < min(count, available) and attempts < count * 4:
        pool = rng.choices(pools, weights=sizes)[0]
        person = rng.choice(pool)
        if person not in taken:
            chosen.add(person)
        attempts += 1
    taken.update(chosen)
    return sorted(chosen)


class Certificates:
    """Certificate numbers "ACEC-2012-0042", numbered per year across the whole run."""

    def __init__(self, start_after: dict[int, int]) -> None:
        self._last = defaultdict(int, start_after)

    def next(self, year: int) -> str:
        self._last[year] += 1
        return f"ACEC-{year}-{self._last[year]:04d}"


def _participate(
    demo: OwnerDemo, info: ActivityInfo, person: int, role: str, certs: Certificates | None
) -> None:
    completed = info.status == "completed" and demo.rng.random() < 0.93
    demo.add(
        "participation",
        {
            "activity_uid": info.uid,
            "person_uid": demo.rows["person"][person]["uid"],
            "role": role,
            "completed": completed,
            "certificate": certs.next(info.end.year) if completed and certs else None,
            "certificate_date": info.end if completed and certs else None,
        },
    )


def _roles(demo: OwnerDemo, info: ActivityInfo) -> list[tuple[str, str, int]]:
    """(role, group, how many) for one activity."""
    rng = demo.rng
    if info.status == "cancelled":
        return [("organiser", "adult", 1)]
    if info.kind.type == "training":
        return [("trainer", "adult", rng.randint(1, 3)), ("trainee", "adult", rng.randint(15, 30))]
    if info.kind.youth:
        return [("organiser", "adult", 1), ("participant", "youth", rng.randint(8, 20))]
    if info.kind.type in ("forum", "meeting"):
        return [
            ("organiser", "adult", 1),
            ("speaker", "adult", rng.randint(2, 5)),
            ("participant", "adult", rng.randint(3, 12)),
        ]
    return [("contact", "adult", rng.randint(1, 2))]


def add_participations(demo: OwnerDemo, certificates: Certificates) -> None:
    """Trainees and trainers of trainings first, then speakers and participants elsewhere."""
    trainings = [a for a in demo.activities if a.kind.type == "training"]
    others = [a for a in demo.activities if a.kind.type != "training"]
    demo.rng.shuffle(others)
    for info in trainings + others:
        taken: set[int] = set()  # one role per person per activity
        for role, group, count in _roles(demo, info):
            count = min(count, demo.remaining("participation"))
            if count <= 0:
                return
            for person in _pick_people(demo, info, group, count, taken):
                _participate(demo, info, person, role, certificates if role == "trainee" else None)


def add_green_envoys(demo: OwnerDemo) -> None:
    """Green envoys named each year, young people first."""
    rng = demo.rng
    people = demo.rows["person"]
    youth = [i for i, p in enumerate(people) if p["category"] == "youth"]
    adults = [i for i, p in enumerate(people) if p["category"] != "youth"]
    rng.shuffle(youth)
    rng.shuffle(adults)
    # About four in five envoys are young people.
    take_youth = min(len(youth), round(demo.quotas["green_envoy"] * 0.8))
    chosen = youth[:take_youth] + adults
    years, weights = list(ENVOY_YEARS), list(ENVOY_YEARS.values())
    for index in chosen[: demo.quotas["green_envoy"]]:
        person = people[index]
        demo.add(
            "green_envoy",
            {
                "person_uid": person["uid"],
                "sector": ENVOY_SECTOR_FOR[person["category"]],
                "year": rng.choices(years, weights=weights)[0],
                "notes": None,
            },
        )
