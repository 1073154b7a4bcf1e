"""Typed table cells whose display text follows the current language (Babel)."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from app.i18n import (
    currency_places,
    current_locale,
    format_amount,
    format_date,
    format_number,
    format_percent,
)
from app.reports.model import Cell

CENT = Decimal("0.01")
RATE_DIGITS = (4, 6)  # significant digits a rate shows: at least, and at most unless exact


def text(value: str | None) -> Cell:
    """A cell of plain text."""
    return Cell(value or "", value or "")


def count(value: int) -> Cell:
    """A whole number, e.g. a count of people."""
    return Cell(int(value), format_number(int(value)))


def decimal(value: Decimal | float | None, places: int = 1) -> Cell:
    """A decimal number shown with ``places`` decimals; empty when None."""
    if value is None:
        return Cell(None, "")
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    text = format_decimal(rounded, locale=current_locale(), decimal_quantization=False)
    return Cell(rounded, text)


def money(value: Decimal | None, currency: str | None = None) -> Cell:
    """An amount with its currency's decimals (two when the column names the currency)."""
    if value is None:
        return Cell(None, "", currency)
    places = currency_places(currency)
    amount = Decimal(value).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return Cell(amount, format_amount(amount, currency), currency)


def year(value: int | None) -> Cell:
    """A calendar year: a number written without a thousands separator (2012)."""
    if value is None:
        return Cell(None, "")
    return Cell(int(value), str(int(value)))


def rate(value: Decimal | None) -> Cell:
    """An exchange rate, kept whole; shown with ``rate_places`` decimals."""
    if value is None:
        return Cell(None, "")
    exact = Decimal(value)
    places = rate_places(exact)
    shown = exact.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    text = format_decimal(shown, format="#,##0." + "0" * places, locale=current_locale())
    return Cell(exact, text)


def rate_places(value: Decimal) -> int:
    """Decimals that show a rate readably: 20,509.75 and 0.00004880, never 0.00.

    At least two decimals and four significant digits; more of the rate's own
    digits up to six significant ones (a quotient such as 1/23,000 has 28).
    """
    if value == 0:
        return 2
    lead = value.adjusted()  # the power of ten of the first significant digit
    least, most = (max(2, digits - 1 - lead) for digits in RATE_DIGITS)
    exponent = value.normalize().as_tuple().exponent
    own = -exponent if isinstance(exponent, int) else 0
    return max(least, min(own, most))


def percent(share: float | Decimal | None) -> Cell:
    """A share (0.25) shown as a percentage; empty when there is nothing to divide."""
    if share is None:
        return Cell(None, "")
    return Cell(float(share), format_percent(share))


def date(value: dt.date | None) -> Cell:
    """A date in the current language's medium format."""
    return Cell(value, format_date(value))
