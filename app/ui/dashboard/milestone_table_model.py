"""A thin table model of the plan's milestones: item, title, due date and where each stands.

The rows are those of the progress report, so the dashboard's list agrees with
the printed report and with the action-plan page (same labels, same colours).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import N_, _, format_date
from app.models.plan_wording import localised
from app.reports.progress import MilestoneProgress, ProgressReport
from app.reports.progress_document import milestone_status_text
from app.ui.plan.plan_tree_model import STATE_COLOURS
from app.ui.shell.icons import dot_icon

Index = QModelIndex | QPersistentModelIndex

ITEM, MILESTONE, DUE, STANDING = range(4)
HEADERS = (N_("Item"), N_("Milestone"), N_("Due"), N_("Where it stands"))


class MilestoneTableModel(QAbstractTableModel):
    """Every milestone of the active plan, one a row, read-only."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, MilestoneProgress]] = []  # (plan item's code, milestone)

    def show_report(self, report: ProgressReport | None) -> None:
        """Show the milestones of a progress report (None: no active plan, no rows)."""
        self.beginResetModel()
        self._rows = (
            [(item.code, m) for item in report.items for m in item.milestones] if report else []
        )
        self.endResetModel()

    def milestone_at(self, row: int) -> MilestoneProgress:
        """The milestone shown in a view row."""
        return self._rows[row][1]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        code, m = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ITEM:
                return code
            if column == MILESTONE:
                return localised(m.title_en, m.title_zh)
            if column == DUE:
                return format_date(m.due)
            return milestone_status_text(m)
        if role == Qt.ItemDataRole.DecorationRole and column == STANDING:
            return dot_icon(STATE_COLOURS[m.status])
        if role == Qt.ItemDataRole.ToolTipRole and column == STANDING and m.met_on is not None:
            return format_date(m.met_on)  # when it was met
        return None
