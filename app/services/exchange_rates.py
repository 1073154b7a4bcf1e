"""The secretariat's yearly exchange rates: read them as a table, change them.

Rates are reference data (DESIGN.md): one record per year and currency, with
the fixed id ``rate_uid(year, currency)``, owned by the secretariat. Only the
secretariat changes them; a changed rate gets a new secretariat version, so
its next package carries it to every office. A rate is the number of US
dollars for one unit of the currency.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import Problem, ReadOnlyError, ValidationError
from app.i18n import _
from app.models import ExchangeRate, fields_of
from app.models.codes import SECRETARIAT, currency_codes
from app.models.hlc import REFERENCE_VERSION
from app.models.values import ValueProblem, canonical, coerce
from app.shipped_rates import REPORTING_CURRENCY, rate_uid, shipped_series
from app.store import Database
from app.store.audit_log import audit_row, write_audit
from app.store.clock import next_versions

FIRST_YEAR, LAST_YEAR = 2000, 2100
_RATE_SPEC = next(s for s in fields_of("exchange_rate") if s.name == "rate")


@dataclass(frozen=True)
class RateCell:
    """One year's rate of one currency, and where it comes from."""

    year: int
    currency: str
    rate: Decimal
    changed: bool  # True when the secretariat changed the shipped default
    source: str
    verified: bool


@dataclass(frozen=True)
class RateTable:
    """Every rate, by year and currency; ``editable`` at the secretariat only."""

    years: list[int]
    currencies: list[str]
    cells: dict[tuple[int, str], RateCell] = field(default_factory=dict)
    editable: bool = False

    def rate(self, year: int, currency: str) -> Decimal | None:
        cell = self.cells.get((year, currency))
        return cell.rate if cell else None


@dataclass(frozen=True)
class RateChange:
    """A rate to set: US dollars for one unit of ``currency`` in ``year``."""

    year: int
    currency: str
    rate: Decimal


@dataclass(frozen=True)
class SetRatesResult:
    """How many rates were added, changed or already so."""

    added: int
    changed: int
    unchanged: int


def _source_of(currency: str, changed: bool) -> tuple[str, bool]:
    if changed:
        return _("set by the joint secretariat"), True
    for series in shipped_series():
        if series.currency == currency:
            return series.source, series.verified
    return _("set by the joint secretariat"), True


def rate_table(db: Database, year: int | None = None) -> RateTable:
    """The rates to the US dollar this database holds (one year, or all)."""
    query = select(ExchangeRate).where(
        ExchangeRate.deleted.is_(False), ExchangeRate.reporting_currency == REPORTING_CURRENCY
    )
    if year is not None:
        query = query.where(ExchangeRate.year == year)
    with db.read_session() as session:
        rows = session.scalars(query.order_by(ExchangeRate.version)).all()
        cells = {}
        for r in rows:  # the latest version wins, as in the reports
            changed = r.version != REFERENCE_VERSION
            source, verified = _source_of(r.currency, changed)
            cells[(r.year, r.currency)] = RateCell(
                r.year, r.currency, r.rate, changed, source, verified
            )
    years = sorted({y for y, _c in cells} | ({year} if year is not None else set()))
    if year is None and years:  # a row for every year up to this one, to fill in
        years = list(range(years[0], max(years[-1], dt.date.today().year) + 1))
    currencies = sorted({c for _y, c in cells})
    return RateTable(years, currencies, cells, editable=db.site == SECRETARIAT)


def parse_rate(text: object) -> Decimal:
    """A rate typed or pasted by a person; ``ValueProblem`` with the reason if not one."""
    value = coerce(_RATE_SPEC, text.strip() if isinstance(text, str) else text)
    if value is None:
        raise ValueProblem(_("a rate is required"))
    if value <= 0:
        raise ValueProblem(_("a rate must be more than zero"))
    return Decimal(value)


def change_problems(
    year: object, currency: object, rate: object
) -> tuple[RateChange | None, str, str]:
    """The change one (year, currency, rate) asks for, or which field is wrong and why."""
    if isinstance(year, float) and year.is_integer():
        year = int(year)
    if isinstance(year, str) and year.strip().isdigit():
        year = int(year.strip())
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        return (
            None,
            "year",
            _("the year must be a whole year from {first} to {last}").format(
                first=FIRST_YEAR, last=LAST_YEAR
            ),
        )
    code = currency.strip().upper() if isinstance(currency, str) else ""
    if code not in currency_codes():
        return (
            None,
            "currency",
            _("“{code}” is not a currency code (three letters, such as VND)").format(code=currency),
        )
    if code == REPORTING_CURRENCY:
        return None, "currency", _("the US dollar is the reporting currency; it needs no rate")
    try:
        value = parse_rate(rate)
    except ValueProblem as exc:
        return None, "rate", str(exc)
    return RateChange(year, code, value), "", ""


def refuse_unless_secretariat(db: Database) -> None:
    if db.site != SECRETARIAT:
        raise ReadOnlyError(
            _(
                "Exchange rates are kept by the joint secretariat; this office ({site}) "
                "receives them in the secretariat's packages and cannot change them."
            ).format(site=db.site)
        )


def count_changes(db: Database, changes: Sequence[RateChange]) -> SetRatesResult:
    """What ``set_rates`` would do, without doing it."""
    with db.read_session() as session:
        return _classify(session, changes)[0]


def _classify(
    session: Session, changes: Sequence[RateChange]
) -> tuple[SetRatesResult, list[tuple[RateChange, ExchangeRate | None]]]:
    wanted: dict[tuple[int, str], RateChange] = {(c.year, c.currency): c for c in changes}
    todo: list[tuple[RateChange, ExchangeRate | None]] = []
    added = changed = unchanged = 0
    for change in wanted.values():
        row = session.get(ExchangeRate, rate_uid(change.year, change.currency))
        if row is None or row.deleted:
            added += 1
            todo.append((change, row))
        elif row.rate != change.rate:
            changed += 1
            todo.append((change, row))
        else:
            unchanged += 1
    return SetRatesResult(added, changed, unchanged), todo


def set_rates(db: Database, changes: Sequence[RateChange]) -> SetRatesResult:
    """Set several rates in one transaction (the secretariat only)."""
    refuse_unless_secretariat(db)
    for change in changes:
        if change.currency == REPORTING_CURRENCY or change.rate <= 0:
            raise ValidationError([Problem("rate", _("a rate must be more than zero"))])
    with db.session() as session:
        result, todo = _classify(session, changes)
        versions = next_versions(session, SECRETARIAT, len(todo)) if todo else []
        audits = []
        for (change, row), version in zip(todo, versions, strict=True):
            new = canonical("decimal", change.rate)
            if row is None:
                row = ExchangeRate(
                    uid=rate_uid(change.year, change.currency),
                    owner=SECRETARIAT,
                    deleted=False,
                    year=change.year,
                    currency=change.currency,
                    reporting_currency=REPORTING_CURRENCY,
                    rate=change.rate,
                    version=version,
                )
                session.add(row)
                action, diff = "create", {"rate": (None, new)}
            else:
                old = canonical("decimal", row.rate) if not row.deleted else None
                row.rate, row.deleted, row.version = change.rate, False, version
                action, diff = "update", {"rate": (old, new)}
            audits.append(audit_row(SECRETARIAT, "exchange_rate", row.uid, action, version, diff))
        session.flush()
        write_audit(session, audits)
    return result
