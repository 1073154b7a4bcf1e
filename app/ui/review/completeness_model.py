"""The secretariat's completeness table: per country and year, where its records stand.

A thin model over ``app.services.completeness.completeness_rows``; a country
whose last package is old (or that never sent one) is shaded, its tooltip
saying since when. The "Locked" column says which years the secretariat has
locked, with the records an exception lets change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import N_, _, format_moment, format_number, format_timedelta, ngettext
from app.models.codes import label_of
from app.models.utc import utc_now
from app.services.completeness import STALE_AFTER, CompletenessRow, completeness_rows
from app.store import Database
from app.ui.review.review_table_model import STATE_BACKGROUND

Index = QModelIndex | QPersistentModelIndex
COUNTRY, YEAR, SUBMITTED, ACCEPTED, RETURNED, RESUBMITTED, LOCKED, LAST_PACKAGE = (
    "country",
    "year",
    "submitted",
    "accepted",
    "returned",
    "resubmitted",
    "locked",
    "last_package",
)
HEADERS = {
    COUNTRY: N_("Country"),
    YEAR: N_("Year"),
    SUBMITTED: N_("Submitted"),
    ACCEPTED: N_("Accepted"),
    RETURNED: N_("Returned"),
    RESUBMITTED: N_("Resubmitted"),
    LOCKED: N_("Locked"),
    LAST_PACKAGE: N_("Last package"),
}
COUNTS = (SUBMITTED, ACCEPTED, RETURNED, RESUBMITTED)
STALE_BACKGROUND = QColor("#fff4d6")  # a pale amber: ask that office for a package


@dataclass(frozen=True)
class CompletenessFigures:
    """The table's rows, each saying whether its year is locked."""

    rows: list[CompletenessRow]


def completeness_figures(db: Database) -> CompletenessFigures:
    """What the table shows, read on the worker thread."""
    return CompletenessFigures(completeness_rows(db))


def locked_text(row: CompletenessRow) -> str:
    """The "Locked" cell: empty for an open year, else locked, with any exceptions."""
    if not row.locked:
        return ""
    if not row.exceptions:
        return _("Locked")
    return ngettext("Locked, {n} exception", "Locked, {n} exceptions", row.exceptions).format(
        n=format_number(row.exceptions)
    )


def locked_note(row: CompletenessRow) -> str:
    """The "Locked" cell's tooltip: how many records the lock keeps as they are."""
    return ngettext(
        "{n} record of {year} can no longer be changed at its office.",
        "{n} records of {year} can no longer be changed at its office.",
        row.locked_records,
    ).format(n=format_number(row.locked_records), year=row.year)


def stale_note(row: CompletenessRow, now: dt.datetime | None = None) -> str:
    """Why a row is shaded: no package yet, or how long ago the last one came."""
    if row.last_package is None:
        return _("No package from this office yet")
    age = (now or utc_now()) - row.last_package
    return _("The last package from this office came {age} ago (stale after {limit})").format(
        age=format_timedelta(age), limit=format_timedelta(STALE_AFTER)
    )


class CompletenessModel(QAbstractTableModel):
    """One row per country and year (a row without a year for people and organisations)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[CompletenessRow] = []
        self.columns: tuple[str, ...] = tuple(HEADERS)

    def set_rows(self, rows: list[CompletenessRow]) -> None:
        """Show these rows."""
        self.show_figures(CompletenessFigures(rows))

    def show_figures(self, figures: CompletenessFigures) -> None:
        """Show the rows of these figures."""
        self.beginResetModel()
        self.rows = list(figures.rows)
        self.endResetModel()

    def row_at(self, index: Index) -> CompletenessRow | None:
        """The row of ``index`` (None for an invalid one)."""
        return self.rows[index.row()] if index.isValid() and index.row() < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return _(HEADERS[self.columns[section]])
        return None

    def _text(self, row: CompletenessRow, key: str) -> str:
        if key == COUNTRY:
            return label_of("country", row.country)
        if key == YEAR:
            if row.year is None:
                return _("No year") if row.submitted else ""  # "" for a silent office
            return str(row.year)
        if key == LAST_PACKAGE:
            return format_moment(row.last_package) if row.last_package else _("None yet")
        if key == LOCKED:
            return locked_text(row)
        return format_number(getattr(row, key))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row, key = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in COUNTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if key == RETURNED and row.returned and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(STATE_BACKGROUND["returned"])  # as the queue shades returned records
        if key == LOCKED and row.locked and role == Qt.ItemDataRole.ToolTipRole:
            return locked_note(row)
        # A silent office stands out by its name too, not only by its last package.
        silent = row.last_package is None and key == COUNTRY
        if row.stale and (key == LAST_PACKAGE or silent):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(STALE_BACKGROUND)
            if role == Qt.ItemDataRole.ToolTipRole:
                return stale_note(row)
        return None
