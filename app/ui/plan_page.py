"""The action plan: areas, items, milestones and targets, with where each stands."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _, format_date, format_number
from app.services.plan_progress import ItemProgress, TargetState, plan_progress
from app.ui.icons import dot_icon
from app.ui.workspace import Workspace

STATE_LABELS = {
    "done": N_("Done"),
    "under_way": N_("Under way"),
    "due": N_("Due"),
    "overdue": N_("Overdue"),
}
STATE_COLOURS = {"done": "#2e8b57", "under_way": "#2f6fb5", "due": "#c9a227", "overdue": "#c0392b"}


def target_text(t: TargetState) -> str:
    """What a target asks for and what is recorded, in words."""
    if t.kind == "ldc_share":
        return _("{measured}% of {value}%").format(
            measured=format_number(t.measured), value=t.value
        )
    if t.by_year and t.kind in ("trainings_per_year", "events_per_year"):
        years = ", ".join(f"{y}: {n}" for y, n in sorted(t.by_year.items()))
        return _("{value} a year; recorded {years}").format(value=t.value, years=years)
    if t.kind == "events_every_years":
        return _("one every {years} years; recorded {measured}").format(
            years=t.period_years, measured=format_number(t.measured)
        )
    return _("{measured} of {value}").format(measured=format_number(t.measured), value=t.value)


class PlanPage(QWidget):
    """A tree of the active plan; double-click an item to see its activities."""

    open_item = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.note = QLabel(
            _(
                "Double-click an item to list its activities. The plan is kept by the joint secretariat."
            ),
            self,
        )
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(
            [
                _("Code"),
                _("Plan item, milestone or target"),
                _("Due"),
                _("Where it stands"),
                _("Activities"),
            ]
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemDoubleClicked.connect(self._on_double_click)
        header = self.tree.header()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 1)
        self._stale = True
        workspace.changed.connect(self._on_changed)

    def _on_changed(self, kind: str) -> None:
        self._stale = True
        if self.isVisible() and kind == "activity":
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read the plan and its progress again."""
        self._stale = False
        self.tree.clear()
        progress = plan_progress(self.ws.db)
        if progress is None:
            self.heading.setText(_("No active action plan"))
            return
        self.heading.setText(progress.plan_title)
        areas: dict[str, QTreeWidgetItem] = {}
        for item in progress.items:
            area = areas.get(item.area)
            if area is None:
                area = QTreeWidgetItem(self.tree, ["", item.area])
                font = area.font(1)
                font.setBold(True)
                area.setFont(1, font)
                area.setFirstColumnSpanned(False)
                areas[item.area] = area
                area.setExpanded(True)
            self._add_item(area, item)
        self.tree.resizeColumnToContents(0)
        for col in (2, 3, 4):
            self.tree.resizeColumnToContents(col)

    def _add_item(self, parent: QTreeWidgetItem, item: ItemProgress) -> None:
        node = QTreeWidgetItem(
            parent, [item.code, item.title, "", "", format_number(item.activities)]
        )
        node.setData(0, Qt.ItemDataRole.UserRole, item.uid)
        node.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for m in item.milestones:
            child = QTreeWidgetItem(
                node, [m.code, m.title, format_date(m.due), _(STATE_LABELS[m.state]), ""]
            )
            child.setIcon(3, dot_icon(STATE_COLOURS[m.state]))
            if m.activity_title:
                child.setToolTip(3, m.activity_title)
        for t in item.targets:
            QTreeWidgetItem(node, [t.code, t.title, "", target_text(t), ""])
        node.setExpanded(True)

    def _on_double_click(self, node: QTreeWidgetItem, _column: int) -> None:
        uid = node.data(0, Qt.ItemDataRole.UserRole)
        if uid:
            self.open_item.emit(uid)
