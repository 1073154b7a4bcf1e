"""A year × currency table of the secretariat's rates, over ``exchange_rates.rate_table``.

Thin: it shows a ``RateTable`` and turns an edit into a ``RateChange`` it
hands on (``change_requested``); the page saves it on the worker and loads
the table again.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from app.i18n import _, format_number
from app.models.values import ValueProblem
from app.services.exchange_rates import RateChange, RateTable, parse_rate

Index = QModelIndex | QPersistentModelIndex
UNVERIFIED_BACKGROUND = QColor("#fff4d6")  # a pale amber: check before relying on it


def rate_text(rate: Decimal) -> str:
    """A rate as stored, every digit and no exponent."""
    return format(rate.normalize(), "f")


class RatesTableModel(QAbstractTableModel):
    """Rows are years, columns currencies; a cell is US$ for one unit."""

    change_requested = Signal(object)  # a RateChange the user typed
    refused = Signal(str)  # why a typed value was not taken

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.table = RateTable([], [])

    def set_table(self, table: RateTable) -> None:
        """Show ``table`` (the currencies other than the reporting one)."""
        self.beginResetModel()
        currencies = [c for c in table.currencies if c != "USD"]
        self.table = RateTable(table.years, currencies, table.cells, table.editable)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.table.years)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.table.currencies)

    def place(self, index: Index) -> tuple[int, str]:
        """The (year, currency) of a cell."""
        return self.table.years[index.row()], self.table.currencies[index.column()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.table.cells.get(self.place(index))
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return "" if cell is None else rate_text(cell.rate)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if cell is None:
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("No rate: amounts in this currency and year stay out of totals.")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cell.rate, cell.source, cell.verified)
        if role == Qt.ItemDataRole.BackgroundRole and not cell.verified:
            return QBrush(UNVERIFIED_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and cell.changed:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _tooltip(self, rate: Decimal, source: str, verified: bool) -> str:
        per_usd = format_number((Decimal(1) / rate).quantize(Decimal("0.01")))
        lines = [
            _("{per_usd} units for one US$").format(per_usd=per_usd),
            _("Source: {source}").format(source=source),
        ]
        if not verified:
            lines.append(
                _("Not verified: check it against the published table before relying on it.")
            )
        return "\n".join(lines)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.table.currencies[section] if section < len(self.table.currencies) else None
        return str(self.table.years[section]) if section < len(self.table.years) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if self.table.editable else base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self.table.editable:
            return False
        year, currency = self.place(index)
        try:
            rate = parse_rate(value)
        except ValueProblem as exc:
            self.refused.emit(
                _("{currency} {year}: {problem}").format(
                    currency=currency, year=year, problem=str(exc)
                )
            )
            return False
        cell = self.table.cells.get((year, currency))
        if cell is not None and cell.rate == rate:
            return False
        self.change_requested.emit(RateChange(year, currency, rate))
        return True
