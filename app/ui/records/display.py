"""How list values look on screen: codes as labels, dates and money localised,
another office's records in grey italics with a padlock, records the secretariat
returned for correction shaded, its reason in the tooltip."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.i18n import _, format_amount, format_date, format_number
from app.models.codes import label_of
from app.services.listing import ListColumn
from app.ui.review.review_table_model import STATE_BACKGROUND
from app.ui.shell.icons import lock_icon


def display_value(column: ListColumn, value: Any, currency: str | None = None) -> str:
    """The text a cell of ``column`` shows for ``value`` (an amount in ``currency``'s decimals)."""
    if value is None:
        return ""
    if column.type == "code" and column.codes:
        return label_of(column.codes, value)
    if column.type in ("country", "site"):
        return label_of(column.type, value)
    if column.type == "date" and isinstance(value, dt.date):
        return format_date(value, "medium")
    if column.type == "money" and isinstance(value, Decimal):
        return format_amount(value, currency)
    if column.type == "int":
        return format_number(value)
    return str(value)


def row_currency(columns: Sequence[ListColumn], values: Sequence[Any]) -> str | None:
    """The currency of a row whose columns include one (a funding row), else None."""
    for column, value in zip(columns, values, strict=False):
        if column.key == "currency":
            return str(value) if value else None
    return None


def export_value(column: ListColumn, value: Any) -> Any:
    """The value written into an exported spreadsheet cell (dates and numbers kept)."""
    if value is None:
        return None
    if column.type in ("code", "country", "site"):
        return display_value(column, value)
    return value


@cache
def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


def foreign_cell_data(role: int, owner: str, column: int) -> Any:
    """What a cell of a record ``owner`` keeps (read-only here) shows for ``role``."""
    if role == Qt.ItemDataRole.FontRole:
        return _italic()
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
    if role == Qt.ItemDataRole.ToolTipRole:
        return _("Owned by {office}: read-only here").format(office=label_of("site", owner))
    if role == Qt.ItemDataRole.DecorationRole and column == 0:
        return lock_icon()
    return None


RETURNED_BACKGROUND = STATE_BACKGROUND["returned"]  # a pale red, as in the review queue


def returned_cell_data(role: int, reason: str) -> Any:
    """What a cell of a record the secretariat returned shows for ``role``: its reason."""
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(RETURNED_BACKGROUND)
    if role == Qt.ItemDataRole.ToolTipRole:
        if not reason:
            return _("Returned for correction by the joint secretariat.")
        return _("Returned for correction by the joint secretariat: {reason}").format(reason=reason)
    return None
