"""Typed table cells whose display text follows the current language (Babel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.numbers import format_decimal

from app.i18n import current_locale, format_date, format_number, format_percent
from app.reports.model import Cell

CENT = Decimal("0.01")


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


def money(value: Decimal | None) -> Cell:
    """An amount with two decimals; the currency is in the column header."""
    if value is None:
        return Cell(None, "")
    amount = Decimal(value).quantize(CENT)
    return Cell(amount, format_decimal(amount, format="#,##0.00", locale=current_locale()))


def percent(share: float | Decimal | None) -> Cell:
    """A share (0.25) shown as a percentage; empty when there is nothing to divide."""
    if share is None:
        return Cell(None, "")
    return Cell(float(share), format_percent(share))


def date(value: dt.date | None) -> Cell:
    """A date in the current language's medium format."""
    return Cell(value, format_date(value))
