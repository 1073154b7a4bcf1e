"""Funding: committed, disbursed and in-kind money in the reporting currency.

Rules (the tests hold these numbers):
- Funding records count when they and their activity are not deleted and
  their date falls in the report's period (the year, or the plan period).
- A country's funding is what that country's office recorded (the owner).
- An amount is converted with the rate its own funding record carries (the
  rate its office's finance section used), else with the secretariat's rate
  of its date's year for its currency (rate = reporting units for one unit);
  amounts already in the reporting currency need no rate. When a year and
  currency have several rate records, the most recently changed one is used.
  Every amount says which rate was applied (``amounts``; see rate_choice).
- An amount with no rate is left out of every total and listed instead.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from app.models import Activity, Funding, PlanItem
from app.models.codes import FUNDING_SOURCE
from app.reports.rate_choice import CENT, NONE, OWN, SECRETARIAT_RATE, applied_rate, yearly_rates
from app.reports.scope import ReportHeader, report_header
from app.store import Database

REPORTING_CURRENCY = "USD"
KIND_FIELD = {"commitment": "committed", "disbursement": "disbursed", "in_kind": "in_kind"}


@dataclass
class MoneyRow:
    """Committed, disbursed and in-kind totals of one group, in the reporting currency."""

    key: str
    committed: Decimal = Decimal("0.00")
    disbursed: Decimal = Decimal("0.00")
    in_kind: Decimal = Decimal("0.00")

    def add(self, kind: str, amount: Decimal) -> None:
        """Add a converted amount of a funding kind."""
        name = KIND_FIELD[kind]
        setattr(self, name, (getattr(self, name) + amount).quantize(CENT))


@dataclass(frozen=True)
class RateUsed:
    """An exchange rate the report used, and for how many amounts.

    ``basis`` says whose rate it is: the secretariat's yearly rate, or the
    office's own rate recorded with the amounts.
    """

    year: int
    currency: str
    rate: Decimal
    amounts: int
    basis: str = SECRETARIAT_RATE


@dataclass(frozen=True)
class ConvertedAmount:
    """One amount, the rate applied to it and why (``basis``), and its converted value."""

    date: dt.date
    owner: str
    item_code: str
    activity_title: str
    kind: str
    amount: Decimal
    currency: str
    basis: str
    rate: Decimal | None
    converted: Decimal | None


@dataclass(frozen=True)
class UnconvertedAmount:
    """An amount left out of the totals because its year and currency have no rate."""

    date: dt.date
    owner: str
    item_code: str
    activity_title: str
    source: str
    kind: str
    amount: Decimal
    currency: str


@dataclass
class FundingReport:
    """Funding by source, plan item, country and year, in ``currency``."""

    header: ReportHeader
    currency: str
    by_source: list[MoneyRow] = field(default_factory=list)
    by_item: list[MoneyRow] = field(default_factory=list)
    by_country: list[MoneyRow] = field(default_factory=list)
    by_year: list[MoneyRow] = field(default_factory=list)
    total: MoneyRow = field(default_factory=lambda: MoneyRow("total"))
    rates: list[RateUsed] = field(default_factory=list)
    unconverted: list[UnconvertedAmount] = field(default_factory=list)
    amounts: list[ConvertedAmount] = field(default_factory=list)
    item_titles: dict[str, tuple[str, str | None]] = field(default_factory=dict)


def funding_report(
    db: Database,
    *,
    country: str | None = None,
    year: int | None = None,
    currency: str = REPORTING_CURRENCY,
    accepted_only: bool = False,
) -> FundingReport:
    """Funding of ``country``'s office (None: every office) in ``year`` (None: the plan)."""
    with db.read_session() as session:
        header = report_header(db, session, country=country, year=year, accepted_only=accepted_only)
        start, end = header.period
        query = (
            select(
                Funding.owner,
                Funding.kind,
                Funding.source,
                Funding.amount,
                Funding.currency,
                Funding.date,
                Funding.own_rate,
                PlanItem.code,
                PlanItem.sort_key,
                PlanItem.title_en,
                PlanItem.title_zh,
                Activity.title,
            )
            .join(Activity, Activity.uid == Funding.activity_uid)
            .join(PlanItem, PlanItem.uid == Activity.item_uid)
            .where(
                Funding.deleted.is_(False),
                Activity.deleted.is_(False),
                Funding.date >= start,
                Funding.date <= end,
            )
        )
        if country is not None:
            query = query.where(Funding.owner == country)
        rows = session.execute(query).all()
        rates = yearly_rates(session, currency)

    report = FundingReport(header=header, currency=currency)
    sources = {s: MoneyRow(s) for s in FUNDING_SOURCE}
    items: dict[str, MoneyRow] = {}
    item_order: dict[str, int] = {}
    countries: dict[str, MoneyRow] = {}
    years = {y: MoneyRow(str(y)) for y in (header.plan.years if year is None else [year])}
    used: Counter[tuple[int, str, Decimal, str]] = Counter()
    for r in rows:
        applied = applied_rate(r.currency, r.date.year, r.own_rate, rates, currency)
        converted = applied.convert(r.amount)
        report.amounts.append(
            ConvertedAmount(
                r.date, r.owner, r.code, r.title, r.kind, r.amount, r.currency,
                applied.basis, applied.rate, converted,
            )
        )  # fmt: skip
        if applied.basis in (SECRETARIAT_RATE, OWN) and applied.rate is not None:
            used[(r.date.year, r.currency, applied.rate, applied.basis)] += 1
        if converted is None or applied.basis == NONE:
            report.unconverted.append(
                UnconvertedAmount(
                    r.date, r.owner, r.code, r.title, r.source, r.kind, r.amount, r.currency
                )
            )
            continue
        sources.setdefault(r.source, MoneyRow(r.source)).add(r.kind, converted)
        items.setdefault(r.code, MoneyRow(r.code)).add(r.kind, converted)
        item_order[r.code] = r.sort_key
        report.item_titles[r.code] = (r.title_en, r.title_zh)
        countries.setdefault(r.owner, MoneyRow(r.owner)).add(r.kind, converted)
        years.setdefault(r.date.year, MoneyRow(str(r.date.year))).add(r.kind, converted)
        report.total.add(r.kind, converted)
    report.by_source = list(sources.values())
    report.by_item = [items[c] for c in sorted(items, key=lambda c: (item_order[c], c))]
    report.by_country = [countries[c] for c in sorted(countries)]
    report.by_year = [years[y] for y in sorted(years)]
    report.rates = [
        RateUsed(y, cur, rate, n, basis) for (y, cur, rate, basis), n in sorted(used.items())
    ]
    report.amounts.sort(key=lambda a: (a.date, a.owner, a.item_code))
    report.unconverted.sort(key=lambda u: (u.date, u.owner, u.item_code))
    return report
