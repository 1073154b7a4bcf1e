"""What people really type into a template: dates, countries, gender, amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from babel import Locale
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from app.i18n import set_locale
from app.models import fields_of
from app.models.codes import COUNTRY_CODES
from app.models.values import ValueProblem
from app.templates.amounts import parse_amount
from app.templates.cell_values import read_cell
from app.templates.coded_values import parse_code
from app.templates.countries import NAME_LANGUAGES, parse_country
from app.templates.dates import DateProblem, day_comes_first, parse_date

EN, VI, US, ZH = (Locale.parse(x) for x in ("en", "vi", "en_US", "zh_Hans_CN"))
dates = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))


def spec(kind: str, name: str):
    return next(s for s in fields_of(kind) if s.name == name)


@settings(deadline=None)  # the first call loads CLDR data
@given(dates)
def test_year_first_dates_are_read_everywhere(day: dt.date) -> None:
    for text in (day.isoformat(), f"{day.year}-{day.month}-{day.day}", f"{day:%Y/%m/%d}"):
        for locale in (EN, VI, US, ZH):
            assert parse_date(f"  {text} ", locale) == day


@settings(deadline=None)  # the first call loads CLDR data
@given(dates)
def test_excel_dates_and_serials(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    assert parse_date(serial, EN) == day
    assert parse_date(float(serial), EN) == day
    assert parse_date(dt.datetime.combine(day, dt.time()), EN) == day


@settings(deadline=None)  # the first call loads CLDR data
@given(dates)
def test_day_first_locales_read_day_first(day: dt.date) -> None:
    assert parse_date(f"{day.day:02}/{day.month:02}/{day.year}", VI) == day
    assert parse_date(f"{day.month}/{day.day}/{day.year}", US) == day


@settings(deadline=None)  # the first call loads CLDR data
@given(dates)
def test_unsettled_locales_refuse_only_what_is_ambiguous(day: dt.date) -> None:
    text = f"{day.day:02}/{day.month:02}/{day.year}"
    for locale in (EN, ZH):
        if day.day <= 12 and day.day != day.month:
            with pytest.raises(DateProblem, match="could be"):
                parse_date(text, locale)
        else:
            assert parse_date(text, locale) == day


def test_locale_order() -> None:
    assert day_comes_first(VI) is True
    assert day_comes_first(US) is False
    assert day_comes_first(Locale.parse("en_GB")) is True
    assert day_comes_first(EN) is None  # CLDR's "en" is American; the region mostly is not
    assert day_comes_first(ZH) is None  # year first


def test_odd_dates_say_what_is_accepted() -> None:
    for raw in ("2012-02-30", "next week", "5/3/12", 2012, dt.datetime(2012, 3, 5, 14, 30)):
        with pytest.raises(DateProblem, match="2012-03-05"):
            parse_date(raw, EN)


@pytest.mark.parametrize("language", NAME_LANGUAGES)
def test_country_names_in_every_language(language: str) -> None:
    names = Locale.parse(language).territories
    for code in COUNTRY_CODES:
        assert parse_country(names[code], EN) == code
        assert parse_country(f" {names[code].upper()} ", EN) == code


def test_country_forms_people_write() -> None:
    for raw, code in (
        ("vn", "VN"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("越南", "VN"),
        ("Việt Nam", "VN"),
        ("Lao PDR", "LA"),
        ("Laos", "LA"),
        ("ລາວ", "LA"),
        ("Myanmar", "MM"),
        ("Burma", "MM"),
        ("កម្ពុជា", "KH"),
        ("ประเทศไทย", "TH"),
        ("中国", "CN"),
        ("Timor-Leste", "TL"),
    ):
        assert parse_country(raw, EN) == code, raw
    with pytest.raises(ValueError, match="not one of the plan's countries"):
        parse_country("France", EN)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("M", "m"),
        ("f", "f"),
        ("男", "m"),
        ("女", "f"),
        ("Nam", "m"),
        ("Nữ", "f"),
        ("Female", "f"),
        (" male ", "m"),
        ("ชาย", "m"),
        ("Perempuan", "f"),
        ("x", "x"),
    ],
)
def test_gender_forms(raw: str, code: str) -> None:
    assert read_cell(spec("person", "gender"), raw, EN) == code


def test_codes_by_label_in_the_users_language() -> None:
    set_locale("vi")
    try:
        vi_label = __import__("app.i18n", fromlist=["_"])._("Government official")
        assert parse_code("person_category", vi_label, VI) == "official"
    finally:
        set_locale("en")
    assert parse_code("person_category", "government official", EN) == "official"
    assert parse_code("funding_source", "china", EN) == "china"
    with pytest.raises(ValueError, match="choose one of"):
        parse_code("person_category", "Minister", EN)


@settings(deadline=None)  # the first call loads CLDR data
@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_amounts_as_each_language_writes_them(amount: Decimal) -> None:
    for name in ("en", "vi"):
        set_locale(name)
        try:
            locale = Locale.parse(name)
            text = format_decimal(amount, format="#,##0.00", locale=locale)
            assert parse_amount(text, locale) == amount
        finally:
            set_locale("en")


def test_amounts_with_signs_and_spaces() -> None:
    assert parse_amount(" $25,000.50 ", EN) == Decimal("25000.50")
    assert parse_amount("25,000 USD", EN) == Decimal("25000")
    assert parse_amount(1234.5, EN) == Decimal("1234.5")
    for raw in ("25,00,0", "twelve", "1.2.3"):
        with pytest.raises(ValueError, match="not an amount"):
            parse_amount(raw, EN)


def test_read_cell_turns_every_parser_problem_into_a_value_problem() -> None:
    with pytest.raises(ValueProblem):
        read_cell(spec("funding", "date"), "05/03/2012", EN)
    assert read_cell(spec("funding", "amount"), "   ", EN) is None
    assert read_cell(spec("person", "consent"), "Yes", EN) is True


def test_money_with_three_decimals_is_refused_as_ambiguous() -> None:
    amount = spec("funding", "amount")
    with pytest.raises(ValueProblem, match="could be 1234 or 1.234"):
        read_cell(amount, "1.234", EN)
    with pytest.raises(ValueProblem, match="more than two decimals"):
        read_cell(amount, "25,000.505", EN)
    assert read_cell(amount, "1.5", EN) == Decimal("1.5")
    assert read_cell(spec("funding", "own_rate"), "0.000048", EN) == Decimal("0.000048")
    assert read_cell(amount, 0.1 + 0.2, EN) == Decimal(repr(0.1 + 0.2))  # a number cell as is
