"""Currency pickers offer current currencies only, the region's first (CLDR via Babel)."""

from __future__ import annotations

from decimal import Decimal

from app.i18n import currency_places, format_amount, set_locale
from app.reports.cells import money
from app.services.choices import currency_choices


def test_a_country_office_sees_its_own_currency_first_then_the_region() -> None:
    codes = [c.uid for c in currency_choices("VN")]
    assert codes[0] == "VND"
    region = codes[: codes.index("EUR") + 1]
    for code in ("KHR", "LAK", "MMK", "IDR", "THB", "MYR", "PHP", "SGD", "BND", "CNY", "USD"):
        assert code in region
    # USD is also Timor-Leste's own, so it may come among the members'.
    assert codes.index("USD") < codes.index("EUR") and codes.index("CNY") < codes.index("EUR")
    rest = codes[len(region) :]
    names = [c.label.casefold() for c in currency_choices("VN")][len(region) :]
    assert names == sorted(names) and "JPY" in rest
    assert len(codes) == len(set(codes))


def test_obsolete_currencies_are_not_offered() -> None:
    codes = {c.uid for c in currency_choices("KH")}
    for gone in ("ADP", "DEM", "FRF", "ESP", "XEU", "BUK"):
        assert gone not in codes
    assert currency_choices("KH")[0].label == "Cambodian Riel (KHR)"


def test_the_secretariat_has_no_currency_of_its_own() -> None:
    choices = currency_choices("SEC")
    members = {"BND", "KHR", "IDR", "LAK", "MYR", "MMK", "PHP", "SGD", "THB", "USD", "VND"}
    assert {c.uid for c in choices[: len(members)]} <= members | {"CNY", "EUR"}
    assert choices[0].uid != "ADP"


def test_amounts_have_their_currencys_own_decimals() -> None:
    assert currency_places("VND") == 0 and currency_places("LAK") == 0
    assert currency_places("USD") == 2
    assert format_amount(Decimal("25000"), "VND") == "25,000"
    assert format_amount(Decimal("1200.5"), "USD") == "1,200.50"
    assert format_amount(Decimal("1200.5"), None) == "1,200.50"
    # Reports format with the same function.
    assert money(Decimal("25000"), "MMK").text == format_amount(Decimal("25000"), "MMK")
    set_locale("vi")
    assert format_amount(Decimal("25000"), "VND") == "25.000"
