"""One definition per figure: activities of an item, training sessions, trainees,
the least-developed share. The progress and training reports, the Dashboard and
the Action plan page all count through these functions (money by source is
``app.reports.funding``), so a figure reads the same on every screen and page.

Rules:
- Activities of an item: not deleted, under exactly that item (a sub-item such
  as 4.2.5 has its own row); for one country, those its office owns (entered)
  or that were hosted there (``app.reports.scope.activity_in_country``).
- A training session: a *completed* activity of type "training"; for one
  country, one of that country's activities as above.
- Trainees: distinct people (``PersonIdentity``) with the role "trainee" in a
  completed activity; for one country, its nationals wherever they were trained.
- The least-developed share: of the trainees from ASEAN members (membership on
  the session's day, from the country records), those from a least-developed
  member on that day. Trainees from China are counted separately and are not
  part of the share: the plan's training is for ASEAN officials.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from app.i18n import _, country_name, format_date, ngettext
from app.models import Activity, Participation, Person
from app.reports.members import LdcMembership
from app.reports.people import PersonIdentity
from app.reports.scope import activity_in_country

CHINA = "CN"


@dataclass(frozen=True)
class ActivityFact:
    """What the figures need of one activity."""

    uid: str
    item_uid: str
    type: str
    status: str
    start: dt.date | None
    end: dt.date | None
    host: str | None
    owner: str

    @property
    def day(self) -> dt.date | None:
        """The day that dates the activity: its start, else its end."""
        return self.start or self.end

    @property
    def year(self) -> int | None:
        """The activity's year (that of ``day``)."""
        return self.day.year if self.day else None

    @property
    def held_on(self) -> dt.date | None:
        """The day a completed activity counts as held: its end, else its start."""
        return self.end or self.start


@dataclass(frozen=True)
class PersonFact:
    """One person's part, with a role, in a completed activity."""

    activity_uid: str
    item_uid: str
    type: str
    person_uid: str
    country: str
    day: dt.date | None
    gender: str | None
    category: str | None
    topic: str | None
    certificate: str | None

    @property
    def year(self) -> int | None:
        """The year of the activity the person took part in."""
        return self.day.year if self.day else None


def item_activities(
    session: Session, item_uids: list[str], country: str | None
) -> list[ActivityFact]:
    """The activities of these plan items, for ``country`` (None: the region)."""
    rows = session.execute(
        select(
            Activity.uid,
            Activity.item_uid,
            Activity.type,
            Activity.status,
            Activity.start_date,
            Activity.end_date,
            Activity.host_country,
            Activity.owner,
        ).where(
            Activity.deleted.is_(False),
            Activity.item_uid.in_(item_uids),
            activity_in_country(country),
        )
    ).all()
    return [ActivityFact(*r) for r in rows]


def in_window(
    acts: list[ActivityFact], years: list[int], *, keep_undated: bool
) -> list[ActivityFact]:
    """The activities dated in ``years`` (and the undated ones when asked)."""
    return [a for a in acts if a.year in years or (keep_undated and a.year is None)]


def training_sessions(
    acts: list[ActivityFact], activity_type: str | None = "training"
) -> list[ActivityFact]:
    """The completed activities of ``activity_type`` (None: any type) among ``acts``."""
    return [
        a
        for a in acts
        if a.status == "completed" and (activity_type is None or a.type == activity_type)
    ]


def people_with_role(
    session: Session,
    item_uids: list[str] | set[str],
    *,
    role: str,
    country: str | None,
    activity_type: str | None,
) -> list[PersonFact]:
    """One row per person with ``role`` in a completed activity of these items
    (of ``activity_type`` when given); for ``country``, its nationals only."""
    if not item_uids:
        return []
    rows = session.execute(
        select(
            Activity.uid,
            Activity.item_uid,
            Activity.type,
            Participation.person_uid,
            Person.country,
            Activity.start_date,
            Activity.end_date,
            Person.gender,
            Person.category,
            Activity.topic,
            Participation.certificate,
        )
        .join(Participation, Participation.activity_uid == Activity.uid)
        .join(Person, Person.uid == Participation.person_uid)
        .where(
            Activity.item_uid.in_(list(item_uids)),
            Activity.deleted.is_(False),
            Activity.status == "completed",
            Activity.type == activity_type if activity_type else true(),
            Person.country == country if country else true(),
            Participation.deleted.is_(False),
            Participation.role == role,
            Person.deleted.is_(False),
        )
    ).all()
    return [
        PersonFact(r[0], r[1], r[2], r[3], r[4], r[5] or r[6], r[7], r[8], r[9], r[10])
        for r in rows
    ]


def people_in_years(rows: list[PersonFact], years: list[int]) -> list[PersonFact]:
    """The rows of activities dated in ``years``."""
    return [r for r in rows if r.year in years]


def distinct_people(rows: list[PersonFact], identity: PersonIdentity) -> set[str]:
    """The distinct people among the rows (one person trained twice counts once)."""
    return identity.distinct([r.person_uid for r in rows])


@dataclass(frozen=True)
class LdcShare:
    """Trainees by group: ASEAN members (least developed among them), China, others."""

    asean: int
    ldc: int
    china: int
    outside: int

    @property
    def share(self) -> float | None:
        """Least-developed trainees over ASEAN members' trainees (0–1); None without any."""
        return self.ldc / self.asean if self.asean else None


def ldc_share(rows: list[PersonFact], identity: PersonIdentity, ldc: LdcMembership) -> LdcShare:
    """The least-developed share of trainees, over ASEAN members' trainees only."""
    asean = {
        identity.canonical_person(r.person_uid) for r in rows if ldc.is_asean(r.country, r.day)
    }
    least = {
        identity.canonical_person(r.person_uid)
        for r in rows
        if ldc.is_asean(r.country, r.day) and ldc.is_ldc(r.country, r.day)
    }
    china = {identity.canonical_person(r.person_uid) for r in rows if r.country == CHINA}
    everyone = distinct_people(rows, identity)
    return LdcShare(len(asean), len(least), len(china), len(everyone - asean - china))


def ldc_members_text(ldc: LdcMembership) -> str:
    """The members that count as least developed, with dates where they have them."""
    names = []
    for country, start, end in ldc.members():
        if start and end:
            names.append(
                _("{country} ({start} to {end})").format(
                    country=country_name(country), start=format_date(start), end=format_date(end)
                )
            )
        elif start:
            names.append(
                _("{country} (from {start})").format(
                    country=country_name(country), start=format_date(start)
                )
            )
        elif end:
            names.append(
                _("{country} (until {end})").format(
                    country=country_name(country), end=format_date(end)
                )
            )
        else:
            names.append(country_name(country))
    return ", ".join(names) if names else _("none")


def ldc_explanation(ldc: LdcMembership, country: str | None, share: LdcShare) -> str:
    """Why the least-developed share is what it is, in words: who counts, where that
    is set, who is left out of the share."""
    words = [
        _(
            "Counted as least developed: {members}. The joint secretariat sets this on "
            "its Settings page (least-developed member records). The share is of "
            "trainees from ASEAN members."
        ).format(members=ldc_members_text(ldc))
    ]
    if share.china:
        words.append(
            ngettext(
                "{n} trainee from China is counted separately, not in the share.",
                "{n} trainees from China are counted separately, not in the share.",
                share.china,
            ).format(n=share.china)
        )
    if share.outside:
        words.append(
            ngettext(
                "{n} trainee from a country that was not an ASEAN member is left out.",
                "{n} trainees from countries that were not ASEAN members are left out.",
                share.outside,
            ).format(n=share.outside)
        )
    if country is not None and country != CHINA:
        if ldc.is_ldc(country, None):
            words.append(
                _(
                    "{country} counts as a least-developed member, so every one of its "
                    "trainees counts in the share."
                ).format(country=country_name(country))
            )
        else:
            words.append(
                _(
                    "{country} does not count as a least-developed member, so none of its "
                    "trainees counts in the share."
                ).format(country=country_name(country))
            )
    return " ".join(words)


def activity_scope_text(country: str | None) -> str:
    """What the activity counts of a screen or report include, in words."""
    if country is None:
        return _("Activities of the whole region, each counted once.")
    return _(
        "Activities of {country}: those its office recorded and those hosted there "
        "(a training China organised in {country} counts in both)."
    ).format(country=country_name(country))


def trainee_scope_text(country: str | None) -> str:
    """What the training figures of a screen or report include, in words."""
    if country is None:
        return _("Sessions and trainees of the whole region.")
    return _(
        "Sessions the office of {country} recorded or hosted; trainees are nationals of "
        "{country}, wherever they were trained."
    ).format(country=country_name(country))


def plan_count_scope_text(country: str | None) -> str:
    """What the Action plan page's Activities column counts, beside the list it opens."""
    period = _(
        "The Activities column counts the item's activities dated within the plan period "
        "or undated."
    )
    if country is None:
        return f"{activity_scope_text(None)} {period}"
    return " ".join(
        (
            activity_scope_text(country),
            period,
            _(
                "The list an item opens shows every activity of the item this database "
                "holds, other countries' too."
            ),
        )
    )
