"""Per office: numbered packages sent and received, gaps, receipts (a thin table model).

Shows the rows of ``app.services.peer_stats``; it computes nothing itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import _, format_datetime, format_number
from app.models.codes import ALL, label_of
from app.services.peer_stats import PeerStats

Index = QModelIndex | QPersistentModelIndex


def _numbers(numbers: list[int]) -> str:
    return ", ".join(format_number(n) for n in numbers) if numbers else "—"


def _when(value: dt.datetime | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return format_datetime(value, "short") + " UTC"


def _peer(row: PeerStats) -> str:
    if row.peer == ALL:
        return _("every country office (ALL)")
    return f"{label_of('site', row.peer)} ({row.peer})"


def _sent(row: PeerStats) -> str:
    if row.last_sent_number is None:
        return "—"
    return _("No. {n}, {when}").format(n=row.last_sent_number, when=_when(row.last_sent_at))


def _gaps(row: PeerStats) -> str:
    return "; ".join(_numbers(g) for g in row.gaps.values()) or "—"


def _count(value: int | None) -> str:
    return "—" if value is None else format_number(value)


_COLUMNS: tuple[Callable[[PeerStats], str], ...] = (
    _peer,
    _sent,
    lambda r: _count(r.last_received_number),
    _gaps,
    lambda r: _numbers(r.not_confirmed),
    lambda r: _count(r.unacknowledged),
    lambda r: format_number(r.refused_by_peer),
    lambda r: _when(r.last_receipt_at),
)
_HEADERS = (
    lambda: _("Office"),
    lambda: _("Last package sent"),
    lambda: _("Last received"),
    lambda: _("Missing from them"),
    lambda: _("Sent, not yet confirmed"),
    lambda: _("Records not yet acknowledged"),
    lambda: _("Records refused by them"),
    lambda: _("Their last receipt"),
)


class PeerTableModel(QAbstractTableModel):
    """One row per office this one exchanges numbered packages with."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[PeerStats] = []

    def set_rows(self, rows: list[PeerStats]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return _COLUMNS[index.column()](self.rows[index.row()])

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            return _HEADERS[section]()
        return None
