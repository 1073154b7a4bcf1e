"""A thin table model over a list query: every matching id, row contents by the page.

The model counts every matching row from the start, so the scrollbar has its
final size and any part of the list shows at once; the rows themselves are
read a page at a time when the view paints them, and only the pages seen
last are kept, so a list of 100,000 records holds little more than its ids.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.i18n import _
from app.services.listing import (
    ListQuery,
    ListRow,
    count_rows,
    list_columns,
    list_uids,
    rows_by_uid,
)
from app.services.returned_records import ReturnedRecords, returned_records
from app.store import Database
from app.ui.background import call_on_worker
from app.ui.records.display import (
    display_value,
    foreign_cell_data,
    returned_cell_data,
    row_currency,
)

Index = QModelIndex | QPersistentModelIndex
NUMERIC = ("int", "money")
BACKGROUND = Qt.ItemDataRole.BackgroundRole
# A page is a few screenfuls: one short query by id when the view scrolls to it.
ROWS_PER_PAGE = 200
# Pages kept in memory; the least recently shown page is dropped first.
PAGES_KEPT = 20


class RecordListModel(QAbstractTableModel):
    """Rows of one record kind; sorting and filtering happen in the database."""

    counts_changed = Signal(int, int)  # shown, total

    def __init__(
        self,
        db: Database,
        kind: str,
        parent: Any = None,
        page_size: int = ROWS_PER_PAGE,
        pages_kept: int = PAGES_KEPT,
    ) -> None:
        super().__init__(parent)
        self.db, self.kind = db, kind
        self.columns = list_columns(kind)
        self.query = ListQuery()
        self.page_size, self.pages_kept = max(1, page_size), max(1, pages_kept)
        self._uids: list[str] = []
        self._pages: OrderedDict[int, list[ListRow]] = OrderedDict()
        self.total = 0
        self._site = db.site
        self._loaded = False
        self._total_stale = True
        self._generation = 0  # counts refreshes; only the newest is shown
        # The rows the secretariat returned, read once per refresh (never per row).
        self.returned = ReturnedRecords()

    # --- loading ------------------------------------------------------------

    def refresh(self, *, turn_events: bool = True) -> None:
        """Read the matching ids again (after a new query, or ``data_changed``).

        The reads run on the worker thread (they can take a while on a long
        list, and wait behind an import); a refresh asked for meanwhile
        supersedes this one. The first page's ids come first, by a query that
        stops after them, and are shown at once; the ids of a longer list then
        follow while those rows are on screen (300,000 people: the first rows
        in milliseconds, all ids in about a second).
        """
        self._generation += 1
        generation = self._generation
        db, kind, query, first = self.db, self.kind, self.query, self.page_size
        filtered = bool(query.search.strip() or query.filters)
        count_all = filtered and self._total_stale

        def read_first() -> tuple[list[str], ReturnedRecords]:
            return list_uids(db, kind, query, limit=first), returned_records(db, kind)

        uids, returned = call_on_worker(read_first, turn_events=turn_events)
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # closed, or a newer refresh ran, while this one waited
        self._show_first(uids, returned)
        more = len(uids) == first
        total: int | None = None
        if more or count_all:  # a short unfiltered list is complete already

            def read_rest() -> tuple[list[str] | None, int | None]:
                rest = list_uids(db, kind, query) if more else None
                return rest, (count_rows(db, kind) if count_all else None)

            every, total = call_on_worker(read_rest, turn_events=turn_events)
            if not shiboken6.isValid(self) or generation != self._generation:
                return
            if every is not None:
                self._show_every(every)
        if not filtered:
            self.total, self._total_stale = len(self._uids), False
        elif total is not None:
            self.total, self._total_stale = total, False
        self.counts_changed.emit(len(self._uids), self.total)

    def _show_first(self, uids: list[str], returned: ReturnedRecords) -> None:
        self._loaded = True
        self.beginResetModel()
        self._uids = uids
        self.returned = returned
        self._pages.clear()
        self.endResetModel()

    def _show_every(self, every: list[str]) -> None:
        """All matching ids: added below the first page's when those still lead the
        list (no record changed in between), or shown afresh."""
        shown = len(self._uids)
        if every[:shown] != self._uids:
            self.beginResetModel()
            self._uids = every
            self._pages.clear()
            self.endResetModel()
        elif len(every) > shown:
            self.beginInsertRows(QModelIndex(), shown, len(every) - 1)
            self._uids = every
            self.endInsertRows()

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
        return len(self._uids)

    @property
    def pages_loaded(self) -> int:
        """How many pages of rows are held now (at most ``pages_kept``)."""
        return len(self._pages)

    def _row(self, row: int) -> ListRow:
        number, at = divmod(row, self.page_size)
        page = self._pages.get(number)
        if page is None:
            page = self._load_page(number)
        else:
            self._pages.move_to_end(number)
        return page[at]

    def _load_page(self, number: int) -> list[ListRow]:
        first = number * self.page_size
        uids = self._uids[first : first + self.page_size]
        found = rows_by_uid(self.db, self.kind, uids)
        # A record deleted since the ids were read shows empty until the next
        # refresh, which the change that deleted it triggers.
        blank = (None,) * len(self.columns)
        page = [found.get(uid) or ListRow(uid, self._site, blank) for uid in uids]
        self._pages[number] = page
        while len(self._pages) > self.pages_kept:
            self._pages.popitem(last=False)
        return page

    # --- Qt model interface ---------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._uids)

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
        if not index.isValid() or index.row() >= len(self._uids):
            return None
        uid = self._uids[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return uid
        reason = self.returned.reason_of(uid)
        if reason is not None and role in (BACKGROUND, Qt.ItemDataRole.ToolTipRole):
            return returned_cell_data(role, reason)
        row = self._row(index.row())
        column = self.columns[index.column()]
        foreign = row.owner != self._site
        if role == Qt.ItemDataRole.DisplayRole:
            currency = row_currency(self.columns, row.values) if column.type == "money" else None
            return display_value(column, row.values[index.column()], currency)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.type in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if not foreign:
            return None
        return foreign_cell_data(role, row.owner, index.column())

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
        """The list row at a view row, read from the database if its page is not held."""
        if not 0 <= row < len(self._uids):
            raise IndexError(row)
        return self._row(row)

    def uid_at(self, row: int) -> str:
        """The record id at a view row (no query)."""
        return self._uids[row]

    def row_of(self, uid: str) -> int:
        """The view row of a record id among all matching rows, or -1."""
        try:
            return self._uids.index(uid)
        except ValueError:
            return -1
