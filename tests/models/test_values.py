from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.models import fields_of
from app.models.hlc import LAST_PHYSICAL_MS, REFERENCE_VERSION, ClockExhausted, parse, tick
from app.models.values import ValueProblem, canonical, coerce


def spec(kind: str, name: str):
    return next(s for s in fields_of(kind) if s.name == name)


def test_dates_from_every_source_are_alike() -> None:
    field = spec("activity", "start_date")
    assert coerce(field, dt.datetime(2012, 3, 1)) == dt.date(2012, 3, 1)  # openpyxl
    assert coerce(field, dt.date(2012, 3, 1)) == dt.date(2012, 3, 1)  # calamine
    assert coerce(field, "2012-03-01") == dt.date(2012, 3, 1)
    with pytest.raises(ValueProblem, match="not a date"):
        coerce(field, "1 March")


def test_numbers_from_calamine_floats() -> None:
    assert coerce(spec("green_envoy", "year"), 2012.0) == 2012
    with pytest.raises(ValueProblem):
        coerce(spec("green_envoy", "year"), 2012.5)
    assert coerce(spec("funding", "amount"), 0.1 + 0.2) == Decimal("0.30")
    assert canonical("money", Decimal("12.5")) == "12.50"


def test_huge_or_odd_numbers_are_refused_not_crashed() -> None:
    amount = spec("funding", "amount")
    for raw in ("1e300", "NaN", "Infinity", 1e300, "12,5.3"):
        with pytest.raises(ValueProblem):
            coerce(amount, raw)


def test_text_keeps_leading_zeros_and_is_nfc() -> None:
    phone = spec("person", "phone")
    assert coerce(phone, "0091 24 3822") == "0091 24 3822"
    # "e" + combining acute becomes the single precomposed character
    assert coerce(spec("person", "name"), "Le\u0301") == "L\u00e9"


def test_codes_are_checked() -> None:
    assert coerce(spec("person", "country"), "vn") == "VN"
    with pytest.raises(ValueProblem, match="unknown code"):
        coerce(spec("person", "country"), "XX")
    assert coerce(spec("activity", "countries"), "vn, kh LA") == "KH LA VN"
    assert coerce(spec("funding", "currency"), "usd") == "USD"


def test_too_long_text_is_refused() -> None:
    with pytest.raises(ValueProblem, match="too long"):
        coerce(spec("activity", "title"), "x" * 301)


def test_hlc_versions_order_as_text() -> None:
    assert tick(5, 3, 4) == (5, 4)  # wall clock behind: counter moves on
    assert tick(5, 3, 9) == (9, 0)
    assert tick(5, 999_999, 5) == (6, 0)
    assert parse(REFERENCE_VERSION).site == "SEC"
    assert "1795496223302.000001.VN" < "1795496223302.000002.KH" < "1795496223303.000000.BN"


def test_hlc_never_leaves_thirteen_digits() -> None:
    """The old tick made ``10000000000000.000000``, which no export could carry."""
    assert tick(LAST_PHYSICAL_MS, 999_998, 5) == (LAST_PHYSICAL_MS, 999_999)
    assert tick(LAST_PHYSICAL_MS - 1, 999_999, 5) == (LAST_PHYSICAL_MS, 0)
    assert tick(5, 0, LAST_PHYSICAL_MS * 10) == (LAST_PHYSICAL_MS, 0)  # a clock past 2286
    with pytest.raises(ClockExhausted):
        tick(LAST_PHYSICAL_MS, 999_999, 5)
