"""The secretariat locks a country's year, lifts the lock, and grants exceptions for one record.

Locks and exceptions are the secretariat's records (single writer): lifting a
lock is a new version of its record, locking again another one, so every office
ends up with the secretariat's last word. What a lock covers is defined once, in
``app.models.lock_rules``; the record services refuse changes it covers.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.errors import AcecError, NotFoundError, ReadOnlyError
from app.i18n import _
from app.models import LockException, YearLock, model_of
from app.models.codes import COUNTRY_CODES, SECRETARIAT, label_of
from app.models.lock_rules import ACTIVITY_PARTS, LockCheck, LockedRecord
from app.services.records import create_record, kind_of_uid, to_data, update_record
from app.store import Database

FIRST_YEAR, LAST_YEAR = 2000, 2100
# The kinds a lock can cover (see app.models.lock_rules): where an id is looked for.
LOCKABLE_KINDS = ("activity", *ACTIVITY_PARTS, "funding", "green_envoy")


@dataclass(frozen=True)
class YearLockInfo:
    """A country's year and whether it is locked now; ``changed`` if this call changed it."""

    uid: str
    country: str
    year: int
    locked: bool
    changed: bool

    def text(self) -> str:
        country = label_of("country", self.country)
        if self.locked:
            return _("{year} is locked for {country}.").format(year=self.year, country=country)
        return _("{year} is not locked for {country}.").format(year=self.year, country=country)


@dataclass(frozen=True)
class ExceptionInfo:
    """An exception for one record: its id, and the kind of record when it is held here."""

    uid: str
    record_uid: str
    record_kind: str | None
    changed: bool

    def text(self) -> str:
        return _(
            "The record {uid} may now be changed by its office although its year is locked."
        ).format(uid=self.record_uid)


def _check_secretariat(db: Database) -> None:
    if db.site != SECRETARIAT:
        raise ReadOnlyError(_("Only the joint secretariat can lock years and grant exceptions."))


def _check_year(country: str, year: int) -> str:
    code = country.strip().upper()
    if code not in COUNTRY_CODES:
        raise AcecError(
            _("Unknown country “{code}”. Use one of: {codes}.").format(
                code=country, codes=", ".join(COUNTRY_CODES)
            )
        )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise AcecError(
            _("The year must be between {first} and {last}.").format(
                first=FIRST_YEAR, last=LAST_YEAR
            )
        )
    return code


def _stored_lock(db: Database, country: str, year: int) -> YearLock | None:
    with db.read_session() as session:
        query = select(YearLock).where(
            YearLock.country == country, YearLock.year == year, YearLock.deleted.is_(False)
        )
        return session.scalars(query.order_by(YearLock.uid)).first()


def _set_lock(db: Database, country: str, year: int, *, locked: bool) -> YearLockInfo:
    _check_secretariat(db)
    code = _check_year(country, year)
    stored = _stored_lock(db, code, year)
    if stored is None:
        if not locked:
            return YearLockInfo("", code, year, False, False)
        made = create_record(db, "year_lock", {"country": code, "year": year, "lifted": False})
        return YearLockInfo(made.uid, code, year, True, True)
    if stored.lifted != locked:
        return YearLockInfo(stored.uid, code, year, locked, False)
    update_record(db, "year_lock", stored.uid, {"lifted": not locked})
    return YearLockInfo(stored.uid, code, year, locked, True)


def lock_year(db: Database, country: str, year: int) -> YearLockInfo:
    """Lock ``country``'s ``year`` (the secretariat only); locking a locked year changes nothing."""
    return _set_lock(db, country, year, locked=True)


def unlock_year(db: Database, country: str, year: int) -> YearLockInfo:
    """Lift the lock of ``country``'s ``year`` (a new version of the lock record)."""
    return _set_lock(db, country, year, locked=False)


def grant_exception(db: Database, uid: str) -> ExceptionInfo:
    """Let the record ``uid`` change although its year is locked (the secretariat only).

    The record need not be held here: an import may have held back a new record
    of a locked year, which the secretariat then lets through by its id.
    """
    _check_secretariat(db)
    uid = uid.strip()
    with db.read_session() as session:
        query = select(LockException).where(
            LockException.record_uid == uid, LockException.deleted.is_(False)
        )
        stored = session.scalars(query).first()
        if stored is not None:
            return ExceptionInfo(stored.uid, uid, stored.record_kind, False)
    try:
        kind: str | None = kind_of_uid(db, uid)
    except NotFoundError:
        kind = None
    if kind is not None and kind not in LOCKABLE_KINDS:
        raise AcecError(_("The record {uid} is not of a kind a year lock covers.").format(uid=uid))
    made = create_record(db, "lock_exception", {"record_uid": uid, "record_kind": kind})
    return ExceptionInfo(made.uid, uid, kind, True)


def is_locked(db: Database, kind: str, uid: str) -> LockedRecord | None:
    """The lock that keeps the stored record as it is (None: it may change; exceptions count)."""
    with db.read_session() as session:
        row = session.get(model_of(kind), uid)
        if row is None:
            raise NotFoundError(
                _("No {kind} with id {uid}.").format(kind=_(model_of(kind).__label__), uid=uid)
            )
        data = to_data(row)
        return LockCheck.load(session).locked_record(kind, uid, data.owner, data.values)


def year_locks(db: Database) -> list[YearLockInfo]:
    """Every lock record, lifted ones too, by country and year."""
    with db.read_session() as session:
        rows = session.scalars(
            select(YearLock)
            .where(YearLock.deleted.is_(False))
            .order_by(YearLock.country, YearLock.year)
        )
        return [YearLockInfo(r.uid, r.country, r.year, not r.lifted, False) for r in rows]


@dataclass(frozen=True)
class LockView:
    """The years locked now, per country, and the records an exception lets change."""

    locked: frozenset[tuple[str, int]]
    excepted: frozenset[str]

    def keeps(self, country: str, year: int | None, uid: str) -> bool:
        """Whether the lock of ``country``'s ``year`` keeps record ``uid`` as it is."""
        return year is not None and (country, year) in self.locked and uid not in self.excepted


def lock_view(db: Database) -> LockView:
    """The locks and exceptions as stored, for a page that marks locked records."""
    with db.read_session() as session:
        check = LockCheck.load(session)
        return LockView(check.locked, check.excepted)
