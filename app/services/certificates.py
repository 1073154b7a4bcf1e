"""Numbering the certificates of an activity's completed trainees, in one step.

A number comes from the office's pattern (a setting, e.g. ``ACEC-{office}-{year}-{n:04}``):
``n`` continues after the highest number this office already gave in that
year, and a number is never given twice by one office, not even one that
sits on a deleted participation (its paper certificate may be out there).
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import NotFoundError, ReadOnlyError, ValidationError
from app.errors import Problem as FieldProblem
from app.i18n import _, ngettext
from app.models import Activity, Participation, Person
from app.models.codes import label_of
from app.models.lock_rules import LockCheck
from app.models.values import canonical
from app.store import Database
from app.store.audit_log import audit_row, write_audit
from app.store.clock import next_versions
from app.store.local_settings import read_setting, write_setting

PATTERN_SETTING = "certificate_pattern"
# The office in the number makes it unique in the whole region, not only per office.
DEFAULT_PATTERN = "ACEC-{office}-{year}-{n:04}"
_FIELDS = ("office", "year", "n")


@dataclass(frozen=True)
class IssuePlan:
    """What issuing does (or did): which participations get which number, dated when."""

    activity_uid: str
    on: dt.date
    pattern: str
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (participation uid, number)
    already_numbered: int = 0
    other_office: int = 0  # completed trainees recorded by another office

    @property
    def first(self) -> str | None:
        return self.numbers[0][1] if self.numbers else None

    @property
    def last(self) -> str | None:
        return self.numbers[-1][1] if self.numbers else None


def check_pattern(pattern: str) -> str:
    """The pattern if usable; ``ValidationError`` naming what is wrong otherwise."""
    try:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(pattern) if name]
        pattern.format(office="KH", year=2012, n=1)
    except (ValueError, KeyError, IndexError):
        names = ["?"]
    unknown = [n for n in names if n not in _FIELDS]
    if unknown or names.count("n") != 1 or len(pattern) > 40:
        raise ValidationError(
            [
                FieldProblem(
                    PATTERN_SETTING,
                    _(
                        "The certificate pattern “{pattern}” cannot be used: it needs {{n}} once "
                        "and may use only {{office}}, {{year}} and {{n:04}} (at most 40 "
                        "characters), e.g. ACEC-{{office}}-{{year}}-{{n:04}}."
                    ).format(pattern=pattern),
                )
            ]
        )
    return pattern


def certificate_pattern(session: Session) -> str:
    """This office's pattern for certificate numbers."""
    return read_setting(session, PATTERN_SETTING) or DEFAULT_PATTERN


def office_pattern(db: Database) -> str:
    """This office's pattern for certificate numbers (for Settings)."""
    with db.read_session() as session:
        return certificate_pattern(session)


def set_certificate_pattern(db: Database, pattern: str) -> None:
    """Store this office's pattern for certificate numbers (after checking it)."""
    check_pattern(pattern)
    with db.session() as session:
        write_setting(session, PATTERN_SETTING, pattern)


def _matcher(pattern: str, office: str, year: int) -> re.Pattern[str]:
    """A regular expression that reads ``n`` back out of this office's numbers of ``year``."""
    parts = []
    for literal, name, _spec, _conv in string.Formatter().parse(pattern):
        parts.append(re.escape(literal))
        if name == "office":
            parts.append(re.escape(office))
        elif name == "year":
            parts.append(str(year))
        elif name == "n":
            parts.append(r"(\d+)")
    return re.compile("".join(parts))


def _last_n(session: Session, office: str, pattern: str, year: int) -> int:
    """The highest ``n`` this office gave under ``pattern`` in ``year`` (0 if none)."""
    matcher = _matcher(pattern, office, year)
    numbers = session.scalars(
        select(Participation.certificate).where(
            Participation.owner == office, Participation.certificate.is_not(None)
        )
    )
    found = [int(m.group(1)) for c in numbers if c and (m := matcher.fullmatch(c))]
    return max(found, default=0)


def taken_numbers(
    session: Session, office: str, numbers: list[str], except_uids: frozenset[str] = frozenset()
) -> set[str]:
    """Which of ``numbers`` this office already gave to another participation."""
    taken: set[str] = set()
    for start in range(0, len(numbers), 500):  # SQLite's limit on bound values
        rows = session.execute(
            select(Participation.uid, Participation.certificate).where(
                Participation.owner == office,
                Participation.certificate.in_(numbers[start : start + 500]),
            )
        )
        taken |= {number for uid, number in rows if number and uid not in except_uids}
    return taken


def _plan(session: Session, office: str, activity_uid: str, on: dt.date) -> IssuePlan:
    activity = session.get(Activity, activity_uid)
    if activity is None or activity.deleted:
        raise NotFoundError(
            _("No activity with id {uid}. Copy the id from the activity's page.").format(
                uid=activity_uid
            )
        )
    pattern = check_pattern(certificate_pattern(session))
    trainees = session.execute(
        select(Participation.uid, Participation.owner, Participation.certificate)
        .where(
            Participation.activity_uid == activity_uid,
            Participation.deleted.is_(False),
            Participation.role == "trainee",
            Participation.completed.is_(True),
        )
        .order_by(Participation.uid)
    ).all()
    ours = [uid for uid, owner, number in trainees if owner == office and not number]
    numbered = sum(1 for _uid, _owner, number in trainees if number)
    others = sum(1 for _uid, owner, number in trainees if owner != office and not number)
    if others and not ours:
        owners = sorted({owner for _uid, owner, number in trainees if owner != office})
        raise ReadOnlyError(
            _(
                "The trainees of this activity were recorded by {owners}; only that office "
                "can number their certificates. Print the ones it numbered, or ask it to issue them."
            ).format(owners=", ".join(label_of("site", o) for o in owners))
        )
    n = _last_n(session, office, pattern, on.year)
    numbers: list[tuple[str, str]] = []
    for uid in _by_name(session, ours):
        n += 1
        numbers.append((uid, pattern.format(office=office, year=on.year, n=n)))
    taken = taken_numbers(session, office, [number for _uid, number in numbers])
    if taken:  # the pattern changed back and forth: never give a number twice
        raise ValidationError(
            [
                FieldProblem(
                    "certificate",
                    _(
                        "The certificate number {number} is already given; change the "
                        "certificate pattern in Settings."
                    ).format(number=sorted(taken)[0]),
                )
            ]
        )
    return IssuePlan(activity_uid, on, pattern, numbers, numbered, others)


def _by_name(session: Session, uids: list[str]) -> list[str]:
    """Participation uids in the order of their people's names (the order printed)."""
    if not uids:
        return []
    rows = session.execute(
        select(Participation.uid, Person.name)
        .join(Person, Person.uid == Participation.person_uid)
        .where(Participation.uid.in_(uids))
    ).all()
    return [uid for uid, _name in sorted(rows, key=lambda r: (r[1].casefold(), r[0]))]


def plan_issue(db: Database, activity_uid: str, on: dt.date | None = None) -> IssuePlan:
    """What ``issue_certificates`` would do now; changes nothing (for the confirmation)."""
    with db.read_session() as session:
        return _plan(session, db.site, activity_uid, on or dt.date.today())


def issue_certificates(db: Database, activity_uid: str, on: dt.date | None = None) -> IssuePlan:
    """Number every completed trainee of the activity this office recorded and left unnumbered.

    One transaction: all of them get their number and date, or none does.
    Running it again numbers only trainees completed since (idempotent).
    """
    with db.session() as session:
        plan = _plan(session, db.site, activity_uid, on or dt.date.today())
        _write(session, db.site, {uid: (number, plan.on) for uid, number in plan.numbers})
        return plan


Assignment = tuple[str | None, dt.date | None]


def set_certificates(db: Database, assignments: Mapping[str, Assignment]) -> None:
    """Give (or take back, with None) several participations' numbers and dates at once.

    The undo and redo of an issue; one transaction, this office's records only.
    """
    with db.session() as session:
        _write(session, db.site, assignments)


def _write(session: Session, office: str, assignments: Mapping[str, Assignment]) -> None:
    if not assignments:
        return
    numbers = [number for number, _on in assignments.values() if number]
    taken = taken_numbers(session, office, numbers, frozenset(assignments))
    if taken or len(set(numbers)) != len(numbers):
        raise ValidationError(
            [
                FieldProblem(
                    "certificate",
                    _("The certificate number {number} is already given.").format(
                        number=sorted(taken or numbers)[0]
                    ),
                )
            ]
        )
    rows = list(assignments.items())
    versions = next_versions(session, office, len(rows))
    audit = []
    locks = LockCheck.load(session)
    for (uid, (number, on)), version in zip(rows, versions, strict=True):
        part = session.get(Participation, uid)
        if part is None or part.deleted or part.owner != office:
            raise ReadOnlyError(
                _("A participation of this activity belongs to another office or was deleted.")
            )
        locks.refuse("participation", uid, office, {"activity_uid": part.activity_uid})
        changes = {}
        for name, new in (("certificate", number), ("certificate_date", on)):
            kind = "date" if name == "certificate_date" else "text"
            old = getattr(part, name)
            if canonical(kind, old) != canonical(kind, new):
                changes[name] = (canonical(kind, old), canonical(kind, new))
                setattr(part, name, new)
        if changes:
            part.version = version
            audit.append(audit_row(office, "participation", uid, "update", version, changes))
    write_audit(session, audit)


def issued_text(plan: IssuePlan) -> str:
    """One sentence saying how many numbers were (or will be) given, first to last."""
    count = len(plan.numbers)
    if not count:
        return _("Every completed trainee of this activity already has a certificate number.")
    return ngettext(
        "{n} certificate, number {first}.",
        "{n} certificates, numbers {first} to {last}.",
        count,
    ).format(n=count, first=plan.first, last=plan.last)
