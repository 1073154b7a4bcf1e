"""What activities under each plan item look like: type, titles, length, cost.

Titles are templates filled by the generator: {city}, {country}, {topic},
{theme}, {youth_theme}, {tech}, {product}, {sector}, {chapter}, {year}.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

# The demo shows the plan as it stood at this date, so that statuses agree
# with dates and the same seed always gives the same data.
AS_OF = dt.date(2014, 9, 30)
YEAR_WEIGHTS = {2011: 26, 2012: 33, 2013: 31, 2014: 10}

COUNTRY_NAMES = {
    "CN": "China", "BN": "Brunei Darussalam", "KH": "Cambodia", "ID": "Indonesia",
    "LA": "Lao PDR", "MY": "Malaysia", "MM": "Myanmar", "PH": "the Philippines",
    "SG": "Singapore", "TH": "Thailand", "TL": "Timor-Leste", "VN": "Viet Nam",
}  # fmt: skip
LEAST_DEVELOPED = ("KH", "LA", "MM", "VN")
TOPIC_ZH = {
    "policy_law": "环境政策与法律", "eia": "环境影响评价", "enforcement": "环境执法",
    "urban_rural": "城乡环境管理", "poverty": "环境与扶贫", "monitoring": "环境监测",
    "pollution": "污染防治", "biodiversity": "生物多样性保护", "climate": "气候变化适应",
    "other": "环境管理",
}  # fmt: skip

THEMES = {
    "forum": (
        "Green Development and Environmental Cooperation",
        "Innovation for Green Growth",
        "Environmental Protection and Sustainable Development",
        "Eco-friendly Cities",
        "Green Economy and Poverty Reduction",
    ),
    "research": (
        "biodiversity conservation",
        "climate change adaptation",
        "trade, investment and the environment",
        "co-benefits of air-pollution control",
        "sustainable consumption and production",
        "compliance with multilateral environmental agreements",
    ),
    "tech": (
        "rural domestic wastewater treatment",
        "biogas from livestock waste",
        "municipal solid waste composting",
        "industrial wastewater recycling",
        "constructed wetlands",
        "solar water pumping",
        "clean cookstoves",
        "hospital waste incineration",
    ),
    "youth_theme": (
        "waste reduction and recycling",
        "climate action in schools",
        "clean rivers",
        "green campuses",
        "wildlife protection",
    ),
    "product": ("office paper", "paints", "detergents", "air conditioners", "textiles", "cement"),
    "sector": (
        "water treatment",
        "solid waste",
        "air-pollution control",
        "environmental monitoring equipment",
        "renewable energy",
    ),
    "chapter": (
        "state of the environment",
        "urban air quality",
        "water resources",
        "biodiversity",
        "policy responses",
    ),
}


@dataclass(frozen=True)
class ActivityKind:
    """One kind of activity under one plan item."""

    item: str
    type: str
    weight: int
    titles: tuple[str, ...]
    days: tuple[int, int]
    usd: tuple[int, int]
    youth: bool = False  # participants are mostly young people
    regional: bool = False  # several countries take part
    title_zh: str | None = None  # Chinese title, for China's and the secretariat's records


NATIONAL_KINDS = (
    ActivityKind("1.1", "meeting", 3, (
        "National consultation in preparation for the China–ASEAN Environment Ministers' Meeting",
        "Senior officials' briefing on China–ASEAN environmental cooperation, {city}",
    ), (1, 2), (5_000, 25_000)),
    ActivityKind("1.2", "forum", 4, (
        "National delegation to the China–ASEAN Environmental Cooperation Forum {year}",
        "Follow-up workshop to the China–ASEAN Environmental Cooperation Forum, {city}",
    ), (1, 3), (10_000, 60_000), regional=True),
    ActivityKind("2.4", "meeting", 6, (
        "Launch of the Green Envoys Programme in {country}",
        "Green Envoys orientation day, {city}",
        "Green Envoys youth camp, {city}",
    ), (1, 4), (3_000, 30_000), youth=True),
    ActivityKind("2.5", "training", 7, (
        "Training workshop on {topic}, {city}",
        "Capacity-building seminar on {topic} for provincial officials",
        "Refresher training on {topic}, {city}",
    ), (3, 10), (10_000, 50_000), title_zh="{topic_zh}培训班"),
    ActivityKind("2.5", "training", 4, (
        "China–ASEAN training course on {topic}, {year}",
        "Regional training workshop on {topic}, {city}",
    ), (5, 14), (30_000, 120_000), regional=True, title_zh="中国—东盟{topic_zh}培训班"),
    ActivityKind("2.6", "website", 8, (
        "Green Envoys website: {country} pages",
        "Environmental awareness booklet for secondary schools",
        "World Environment Day campaign, {city}",
        "Radio series on household waste sorting",
    ), (30, 240), (2_000, 25_000)),
    ActivityKind("2.6", "meeting", 6, (
        "Youth exchange on {youth_theme}, {city}",
        "Green schools exchange visit, {city}",
    ), (2, 6), (5_000, 40_000), youth=True, regional=True),
    ActivityKind("3.1", "network", 5, (
        "Environmental industry cooperation network: {sector} working group",
        "National chapter of the China–ASEAN environmental industry network",
    ), (180, 540), (10_000, 60_000)),
    ActivityKind("3.1", "forum", 3, (
        "Environmental technology exhibition at the China–ASEAN Expo {year}",
        "Business matchmaking on {sector}, {city}",
    ), (2, 4), (15_000, 90_000), regional=True),
    ActivityKind("3.2", "study", 4, (
        "Comparative study of eco-label criteria for {product}",
        "Feasibility study on mutual recognition of eco-labels",
    ), (90, 300), (10_000, 60_000)),
    ActivityKind("3.3", "demonstration", 10, (
        "Demonstration of {tech} in {city}",
        "Pilot site for {tech}, {city}",
    ), (120, 540), (40_000, 400_000)),
    ActivityKind("4.1", "report", 4, (
        "National contribution to the China–ASEAN Environment Outlook: {chapter}",
        "Data collection for the China–ASEAN Environment Outlook",
    ), (60, 270), (8_000, 50_000)),
    ActivityKind("4.2", "research", 12, (
        "Joint policy research on {theme}",
        "Country study on {theme}",
    ), (120, 420), (15_000, 120_000)),
    ActivityKind("4.2.5", "research", 4, (
        "Biodiversity inventory of an ASEAN Heritage Park with the ACB",
        "Protected-area management effectiveness assessment with the ACB",
    ), (90, 360), (15_000, 90_000)),
    ActivityKind("4.2.5", "meeting", 3, (
        "Biodiversity information-sharing workshop with the ASEAN Centre for Biodiversity",
    ), (2, 3), (8_000, 40_000), regional=True),
)  # fmt: skip

REGIONAL_KINDS = (
    ActivityKind("1.1", "meeting", 2, (
        "Senior officials' meeting on China–ASEAN environmental cooperation, {city}",
    ), (1, 2), (40_000, 120_000), regional=True),
    ActivityKind("1.2", "forum", 2, (
        "Side event of the China–ASEAN Environmental Cooperation Forum {year}: {theme}",
    ), (1, 1), (20_000, 60_000), regional=True),
    ActivityKind("2.4", "meeting", 3, (
        "China–ASEAN Green Envoys youth camp {year}, {city}",
    ), (3, 7), (40_000, 150_000), youth=True, regional=True),
    ActivityKind("2.5", "training", 6, (
        "China–ASEAN training course on {topic}, {year}",
        "Regional workshop on {topic}, {city}",
    ), (5, 14), (60_000, 180_000), regional=True, title_zh="中国—东盟{topic_zh}培训班"),
    ActivityKind("2.6", "website", 3, (
        "Green Envoys website ({year} update)",
        "China–ASEAN environmental cooperation newsletter {year}",
    ), (60, 365), (10_000, 60_000)),
    ActivityKind("3.1", "forum", 4, (
        "China–ASEAN environmental industry cooperation forum at the China–ASEAN Expo {year}",
    ), (2, 4), (80_000, 300_000), regional=True),
    ActivityKind("3.2", "report", 2, (
        "Feasibility report on mutual recognition of environmental labels",
        "Proposal for eco-label mutual recognition between China and ASEAN",
    ), (120, 300), (30_000, 120_000), regional=True),
    ActivityKind("3.3", "demonstration", 3, (
        "Screening of environmentally sound technologies for demonstration",
    ), (120, 360), (50_000, 200_000), regional=True),
    ActivityKind("4.1", "report", 4, (
        "China–ASEAN Environment Outlook: {chapter} chapter",
        "Expert review of the China–ASEAN Environment Outlook",
    ), (90, 360), (40_000, 200_000), regional=True),
    ActivityKind("4.2", "research", 4, (
        "China–ASEAN joint research on {theme}",
    ), (180, 540), (50_000, 250_000), regional=True),
    ActivityKind("4.2.5", "meeting", 3, (
        "China–ASEAN biodiversity cooperation workshop with the ACB, {city}",
    ), (2, 4), (30_000, 120_000), regional=True),
)  # fmt: skip


# The secretariat's milestones: one of each, in these years, before anything else.
MINISTERS_MEETING = ActivityKind(
    "1.1",
    "meeting",
    0,
    ("China–ASEAN Environment Ministers' Meeting, {city}",),
    (1, 2),
    (120_000, 300_000),
    regional=True,
    title_zh="中国—东盟环境部长会议",
)
FORUM = ActivityKind(
    "1.2",
    "forum",
    0,
    ("China–ASEAN Environmental Cooperation Forum {year}: {theme}",),
    (2, 3),
    (150_000, 450_000),
    regional=True,
    title_zh="{year}中国—东盟环境合作论坛",
)
ENVOYS_LAUNCH = ActivityKind(
    "2.4",
    "meeting",
    0,
    ("Launch of the China–ASEAN Green Envoys Programme",),
    (1, 2),
    (60_000, 150_000),
    youth=True,
    regional=True,
    title_zh="中国—东盟绿色使者计划启动仪式",
)
OUTLOOK = ActivityKind(
    "4.1",
    "report",
    0,
    ("China–ASEAN Environment Outlook 1: Towards Green Development",),
    (300, 420),
    (150_000, 350_000),
    regional=True,
    title_zh="中国—东盟环境展望（一）：迈向绿色发展",
)
SECRETARIAT_MILESTONES = (
    (FORUM, 2011), (ENVOYS_LAUNCH, 2011), (FORUM, 2012), (MINISTERS_MEETING, 2012),
    (FORUM, 2013), (OUTLOOK, 2013), (FORUM, 2014),
)  # fmt: skip


def pick_year(rng: random.Random) -> int:
    """A year of the plan, 2014 rarer (the plan ran 2011–2013)."""
    return rng.choices(list(YEAR_WEIGHTS), weights=list(YEAR_WEIGHTS.values()))[0]


def pick_dates(rng: random.Random, kind: ActivityKind, year: int) -> tuple[dt.date, dt.date]:
    """Start and end dates of one activity starting in ``year``."""
    start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(1, 350))
    # Events avoid weekends for their first day.
    if kind.days[1] < 20 and start.weekday() >= 5:
        start += dt.timedelta(days=7 - start.weekday())
    end = start + dt.timedelta(days=rng.randint(*kind.days) - 1)
    return start, end


def pick_status(rng: random.Random, start: dt.date, end: dt.date) -> str:
    """A status that agrees with the dates as seen on ``AS_OF``."""
    roll = rng.random()
    if end < AS_OF:
        return "completed" if roll < 0.88 else ("postponed" if roll < 0.94 else "cancelled")
    if start <= AS_OF:
        return "under_way" if roll < 0.9 else "postponed"
    return "planned" if roll < 0.5 else "preparing"


def fill_title(rng: random.Random, template: str, values: dict[str, str]) -> str:
    """Fill a title template; themes, technologies and the like are chosen here."""
    extra = {
        name: rng.choice(options)
        for name, options in THEMES.items()
        if "{" + name + "}" in template
    }
    if "{theme}" in template:
        extra["theme"] = rng.choice(THEMES["forum"] if "Forum" in template else THEMES["research"])
    return template.format(**(extra | values))
