"""Exchange rates as reference data: the shipped defaults, the secretariat's changes
carried in a real package, and a funding record's own rate, with hand-worked numbers.

Hand arithmetic: the WDI figure for VND in 2012 is 20,828.00 per US$, so the
default rate is 1 / 20828 = 0.0000480123 (six significant digits) and
VND 100,000,000 is US$ 4,801.23. The secretariat changes it to 0.00005:
US$ 5,000.00. An own rate of 0.000045 gives US$ 4,500.00.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from app.errors import ReadOnlyError
from app.models.hlc import REFERENCE_VERSION
from app.reports.funding import funding_report
from app.services.exchange_rates import RateChange, rate_table, set_rates
from app.services.records import create_record, list_records
from app.services.reference_data import plan_item_uid
from app.shipped_rates import rate_uid, shipped_rates, shipped_series
from app.store import Database
from tests.proofs.sites import send, trust_each_other

VND_2012_DEFAULT = Decimal("0.0000480123")


def _activity_with_vnd(db: Database, amount: str, own_rate: str | None = None) -> None:
    act = create_record(
        db,
        "activity",
        {
            "item_uid": plan_item_uid("2.5"),
            "title": "Training on EIA",
            "type": "training",
            "status": "completed",
            "start_date": dt.date(2012, 4, 2),
            "end_date": dt.date(2012, 4, 6),
            "host_country": "VN" if db.site == "SEC" else db.site,
        },
    )
    create_record(
        db,
        "funding",
        {
            "activity_uid": act.uid,
            "kind": "disbursement",
            "source": "asean_gov",
            "amount": Decimal(amount),
            "currency": "VND",
            "date": dt.date(2012, 4, 1),
            "own_rate": Decimal(own_rate) if own_rate else None,
        },
    )


def test_every_site_holds_the_same_shipped_rates(make_db) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    for db in (vn, sec):
        rates = list_records(db, "exchange_rate")
        assert {r.owner for r in rates} == {"SEC"}
        assert {r.version for r in rates} == {REFERENCE_VERSION}
        assert {r.uid for r in rates} == {s.uid for s in shipped_rates()}
    currencies = {s.currency for s in shipped_series()}
    region = {"BND", "KHR", "IDR", "LAK", "MYR", "MMK", "PHP", "SGD", "THB", "VND", "USD"}
    assert currencies == region | {"CNY", "EUR", "JPY", "KRW", "AUD"}
    table = rate_table(vn)
    assert table.rate(2012, "VND") == VND_2012_DEFAULT
    assert table.rate(2025, "THB") is not None and table.rate(2010, "MMK") is None
    assert table.rate(2019, "BND") == table.rate(2019, "SGD")  # at par


def test_series_name_their_source_and_the_unverified_ones_say_so() -> None:
    for series in shipped_series():
        assert series.source
        if series.currency in ("KHR", "LAK", "MMK", "VND"):
            assert not series.verified and "PA.NUS.FCRF" in series.source
            assert "must check" in series.note
        else:
            assert series.verified


def test_default_rate_converts_an_office_amount(make_db) -> None:
    vn = make_db("VN")
    _activity_with_vnd(vn, "100000000")
    report = funding_report(vn, year=2012)
    assert report.total.disbursed == Decimal("4801.23")
    [amount] = report.amounts
    assert (amount.basis, amount.rate, amount.converted) == (
        "secretariat",
        VND_2012_DEFAULT,
        Decimal("4801.23"),
    )
    assert [(r.currency, r.rate, r.amounts, r.basis) for r in report.rates] == [
        ("VND", VND_2012_DEFAULT, 1, "secretariat")
    ]


def test_own_rate_wins_per_amount(make_db) -> None:
    vn = make_db("VN")
    _activity_with_vnd(vn, "100000000", own_rate="0.000045")
    _activity_with_vnd(vn, "100000000")
    report = funding_report(vn, year=2012)
    assert sorted((a.basis, a.converted) for a in report.amounts) == [
        ("own", Decimal("4500.00")),
        ("secretariat", Decimal("4801.23")),
    ]
    assert report.total.disbursed == Decimal("9301.23")


def test_an_amount_without_any_rate_is_left_out_and_said_so(make_db) -> None:
    sec = make_db("SEC")
    _activity_with_vnd(sec, "100000000")
    with sec.session() as session:  # a currency and year with no rate at all
        from app.models import Funding

        session.query(Funding).update({"currency": "HKD"})
    report = funding_report(sec, year=2012)
    assert report.total.disbursed == Decimal("0.00")
    assert [a.basis for a in report.amounts] == ["none"]
    assert [u.currency for u in report.unconverted] == ["HKD"]


def test_only_the_secretariat_sets_rates(make_db) -> None:
    vn = make_db("VN")
    with pytest.raises(ReadOnlyError, match="joint secretariat"):
        set_rates(vn, [RateChange(2012, "VND", Decimal("0.00005"))])
    assert rate_table(vn).rate(2012, "VND") == VND_2012_DEFAULT


def test_a_changed_rate_reaches_a_country_in_a_real_package(make_db, tmp_path: Path) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    trust_each_other(vn, sec)
    _activity_with_vnd(vn, "100000000")
    result = set_rates(
        sec,
        [RateChange(2012, "VND", Decimal("0.00005")), RateChange(2026, "VND", Decimal("0.000038"))],
    )
    assert (result.added, result.changed, result.unchanged) == (1, 1, 0)
    changed = [r for r in list_records(sec, "exchange_rate") if r.version != REFERENCE_VERSION]
    assert {(r.uid, r.version.endswith(".SEC")) for r in changed} == {
        (rate_uid(2012, "VND"), True),
        (rate_uid(2026, "VND"), True),
    }
    imported = send(sec, vn, tmp_path / "sec-to-vn.xlsx")
    assert imported.applied
    assert rate_table(vn).rate(2012, "VND") == Decimal("0.00005")
    assert rate_table(vn).rate(2026, "VND") == Decimal("0.000038")
    assert funding_report(vn, year=2012).total.disbursed == Decimal("5000.00")
    # Sending again changes nothing: one record per year and currency.
    assert len(list_records(vn, "exchange_rate")) == len(shipped_rates()) + 1
