"""Funding, checked against the hand-built database (see conftest)."""

from __future__ import annotations

from decimal import Decimal

from app.reports.funding import funding_report


def _row(rows, key):
    row = next(r for r in rows if r.key == key)
    return (row.committed, row.disbursed, row.in_kind)


def test_region_whole_plan(report_db) -> None:
    db, _ids = report_db
    r = funding_report(db)
    assert r.currency == "USD"
    assert (r.total.committed, r.total.disbursed, r.total.in_kind) == (
        Decimal("16600.00"),
        Decimal("7500.00"),
        Decimal("2000.00"),
    )
    assert [row.key for row in r.by_source] == ["cafund", "partners", "china", "asean_gov", "ppp"]
    assert _row(r.by_source, "cafund") == (Decimal("15000.00"), Decimal("7500.00"), 0)
    assert _row(r.by_source, "china") == (Decimal("1600.00"), 0, 0)
    assert _row(r.by_source, "ppp") == (0, 0, 0)  # its only amount is dated 2014
    assert _row(r.by_item, "2.5") == (Decimal("15000.00"), Decimal("7500.00"), Decimal("2000.00"))
    assert _row(r.by_country, "SEC") == (Decimal("16600.00"), Decimal("7500.00"), 0)
    assert _row(r.by_country, "LA") == (0, 0, Decimal("2000.00"))
    assert [row.key for row in r.by_year] == ["2011", "2012", "2013"]
    assert _row(r.by_year, "2012") == (Decimal("1600.00"), 0, Decimal("2000.00"))
    assert [(x.year, x.currency, x.rate, x.amounts) for x in r.rates] == [
        (2011, "CNY", Decimal("0.15"), 2),
        (2012, "CNY", Decimal("0.16"), 1),
    ]
    assert [(u.currency, u.amount, u.owner) for u in r.unconverted] == [
        ("HKD", Decimal("30000.00"), "VN")
    ]


def test_one_country_and_year(report_db) -> None:
    db, _ids = report_db
    la = funding_report(db, country="LA")
    assert (la.total.committed, la.total.in_kind) == (0, Decimal("2000.00"))
    y2011 = funding_report(db, year=2011)
    assert (y2011.total.committed, y2011.total.disbursed) == (
        Decimal("15000.00"),
        Decimal("7500.00"),
    )
    assert y2011.unconverted == []
