"""A thin table over the review queue's rows (``app.services.review.review_queue``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from app.i18n import N_, _
from app.models.codes import label_of
from app.services.locks import LockView
from app.services.review import ReviewRow, state_label

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (
    N_("Office"),
    N_("Kind"),
    N_("Year"),
    N_("Title"),
    N_("Review"),
    N_("Reason for return"),
)
STATE_COLUMN = 4
# Returned records stand out (a pale red); resubmitted ones wait for a look (pale amber).
STATE_BACKGROUND = {"returned": QColor("#fbe3e1"), "resubmitted": QColor("#fff4d6")}


class ReviewTableModel(QAbstractTableModel):
    """One row per record in the queue."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ReviewRow] = []
        self.locks = LockView(frozenset(), frozenset())

    def set_rows(self, rows: list[ReviewRow], locks: LockView | None = None) -> None:
        """Show these rows; ``locks`` marks the years locked (and the exceptions)."""
        self.beginResetModel()
        self.rows = list(rows)
        self.locks = locks or LockView(frozenset(), frozenset())
        self.endResetModel()

    def _year_text(self, row: ReviewRow) -> str:
        if row.year is None:
            return ""
        if (row.country, row.year) not in self.locks.locked:
            return str(row.year)
        if row.uid in self.locks.excepted:
            return _("{year}, exception").format(year=row.year)
        return _("{year}, locked").format(year=row.year)

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

    def _text(self, row: ReviewRow, column: int) -> str:
        if column == 0:
            return label_of("site", row.country)
        if column == 1:
            return label_of("reviewed_kind", row.kind)
        if column == 2:
            return self._year_text(row)
        if column == 3:
            return row.title
        if column == STATE_COLUMN:
            return state_label(row.state)
        return row.reason or "" if row.state in ("returned", "resubmitted") else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and row.state in STATE_BACKGROUND:
            return QBrush(STATE_BACKGROUND[row.state])
        if role == Qt.ItemDataRole.UserRole:
            return row.uid
        return None
