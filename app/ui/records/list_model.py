"""A thin table model over a list query: rows arrive a page at a time as you scroll."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.i18n import _
from app.models.codes import label_of
from app.services.listing import (
    PAGE_SIZE,
    ListQuery,
    ListRow,
    count_rows,
    fetch_rows,
    list_columns,
)
from app.store import Database
from app.ui.records.display import display_value
from app.ui.shell.icons import lock_icon

Index = QModelIndex | QPersistentModelIndex
NUMERIC = ("int", "money")


class RecordListModel(QAbstractTableModel):
    """Rows of one record kind; sorting and filtering happen in the database."""

    counts_changed = Signal(int, int)  # shown, total

    def __init__(self, db: Database, kind: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.db, self.kind = db, kind
        self.columns = list_columns(kind)
        self.query = ListQuery()
        self._rows: list[ListRow] = []
        self._matching = 0
        self.total = 0
        self._site = db.site
        self._loaded = False
        self._total_stale = True
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- loading ------------------------------------------------------------

    def refresh(self) -> None:
        """Load the first page again (after a new query, or ``data_changed``)."""
        if self._total_stale:
            self.total = count_rows(self.db, self.kind)
            self._total_stale = False
        has_condition = bool(self.query.search.strip() or self.query.filters)
        matching = count_rows(self.db, self.kind, self.query) if has_condition else self.total
        # Nothing matches: skip the page query, which would scan every row in vain.
        rows = fetch_rows(self.db, self.kind, self.query, 0, PAGE_SIZE) if matching else []
        self._loaded = True
        self.beginResetModel()
        self._matching, self._rows = matching, rows
        self.endResetModel()
        self.counts_changed.emit(self._matching, self.total)

    def data_changed(self) -> None:
        """Records were added, changed or deleted: count them again on the next refresh."""
        self._total_stale = True

    def set_query(self, query: ListQuery) -> None:
        """Show the rows matching ``query``."""
        self.query = query
        self.refresh()

    @property
    def matching(self) -> int:
        """How many rows match the current search and filters."""
        return self._matching

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._matching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = fetch_rows(self.db, self.kind, self.query, len(self._rows), PAGE_SIZE)
        if not more:
            self._matching = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    # --- Qt model interface ---------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return _(self.columns[section].label)
            if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[section].type in NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        foreign = row.owner != self._site
        if role == Qt.ItemDataRole.DisplayRole:
            return display_value(column, row.values[index.column()])
        if role == Qt.ItemDataRole.UserRole:
            return row.uid
        if role == Qt.ItemDataRole.TextAlignmentRole and column.type in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if not foreign:
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Owned by {office}: read-only here").format(office=label_of("site", row.owner))
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return lock_icon()
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        q = self.query
        query = ListQuery(q.search, q.filters, self.columns[column].key, descending)
        if self._loaded:
            self.set_query(query)
        else:  # not shown yet: remember the order, load when first shown
            self.query = query

    # --- lookups ----------------------------------------------------------------

    def row_at(self, row: int) -> ListRow:
        """The list row at a view row."""
        return self._rows[row]

    def row_of(self, uid: str) -> int:
        """The view row of a record id among the loaded rows, or -1."""
        for i, row in enumerate(self._rows):
            if row.uid == uid:
                return i
        return -1
