"""The secretariat's completeness table: per country and year, where its records stand.

A thin model over ``app.services.completeness.completeness_rows``; a country
whose last package is old (or that never sent one) is shaded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import N_, _, format_moment, format_number
from app.models.codes import label_of
from app.services.completeness import CompletenessRow

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    N_("Country"),
    N_("Year"),
    N_("Submitted"),
    N_("Accepted"),
    N_("Returned"),
    N_("Resubmitted"),
    N_("Last package"),
)
LAST_PACKAGE = 6
STALE_BACKGROUND = QColor("#fff4d6")  # a pale amber: ask that office for a package


class CompletenessModel(QAbstractTableModel):
    """One row per country and year (a row without a year for people and organisations)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[CompletenessRow] = []

    def set_rows(self, rows: list[CompletenessRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def _text(self, row: CompletenessRow, column: int) -> str:
        if column == 0:
            return label_of("country", row.country)
        if column == 1:
            return _("No year") if row.year is None else str(row.year)
        if column == LAST_PACKAGE:
            return format_moment(row.last_package) if row.last_package else _("None yet")
        counts = (row.submitted, row.accepted, row.returned, row.resubmitted)
        return format_number(counts[column - 2])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= index.column() < LAST_PACKAGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if row.stale and index.column() == LAST_PACKAGE:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(STALE_BACKGROUND)
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("No package from this office for a long time")
        return None
