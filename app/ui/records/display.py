"""How list values look on screen: codes as labels, dates and money localised."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal

from app.i18n import current_locale, format_date, format_number
from app.models.codes import label_of
from app.services.listing import ListColumn


def display_value(column: ListColumn, value: Any) -> str:
    """The text a cell of ``column`` shows for ``value``."""
    if value is None:
        return ""
    if column.type == "code" and column.codes:
        return label_of(column.codes, value)
    if column.type in ("country", "site"):
        return label_of(column.type, value)
    if column.type == "date" and isinstance(value, dt.date):
        return format_date(value, "medium")
    if column.type == "money" and isinstance(value, Decimal):
        return format_decimal(value, format="#,##0.00", locale=current_locale())
    if column.type == "int":
        return format_number(value)
    return str(value)


def export_value(column: ListColumn, value: Any) -> Any:
    """The value written into an exported spreadsheet cell (dates and numbers kept)."""
    if value is None:
        return None
    if column.type in ("code", "country", "site"):
        return display_value(column, value)
    return value
