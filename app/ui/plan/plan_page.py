"""The action plan: areas, items, milestones and targets, with where each stands.

The figures are those of the progress report (whole plan period, this office's
country or the region), so this page and the printed report always agree.
"""

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

from app.errors import NotFoundError
from app.i18n import _, format_date, format_number, format_percent
from app.models.codes import SECRETARIAT
from app.reports.progress import ItemProgress, TargetProgress, progress_report
from app.reports.progress_document import MILESTONE_LABELS
from app.reports.scope import localised
from app.ui.records.workspace import Workspace
from app.ui.shell.icons import dot_icon

STATE_LABELS = MILESTONE_LABELS
STATE_COLOURS = {
    "met_on_time": "#2e8b57",
    "met_late": "#2f6fb5",
    "due": "#c9a227",
    "overdue": "#c0392b",
}


def target_text(t: TargetProgress) -> str:
    """What a target asks for and what is recorded, in words."""
    measured = format_number(t.actual if t.actual is not None else 0)
    if t.kind == "ldc_share":
        return _("{measured} of {value}").format(
            measured=format_percent((t.actual or 0) / 100), value=format_percent(t.expected / 100)
        )
    if t.by_year and t.kind in ("trainings_per_year", "events_per_year"):
        years = ", ".join(f"{f.year}: {format_number(f.actual)}" for f in t.by_year)
        return _("{value} a year; recorded {years}").format(
            value=format_number(t.by_year[0].expected), years=years
        )
    if t.kind == "events_every_years":
        return _("one every {years} years; recorded {measured}").format(
            years=t.period_years, measured=measured
        )
    return _("{measured} of {value}").format(measured=measured, value=format_number(t.expected))


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
        country = None if self.ws.db.site == SECRETARIAT else self.ws.db.site
        try:
            progress = progress_report(self.ws.db, country=country)
        except NotFoundError:
            self.heading.setText(_("No active action plan"))
            return
        plan = progress.header.plan
        self.heading.setText(localised(plan.title_en, plan.title_zh))
        areas: dict[str, QTreeWidgetItem] = {}
        for item in progress.items:
            area_title = localised(item.area_en, item.area_zh)
            area = areas.get(area_title)
            if area is None:
                area = QTreeWidgetItem(self.tree, ["", area_title])
                font = area.font(1)
                font.setBold(True)
                area.setFont(1, font)
                area.setFirstColumnSpanned(False)
                areas[area_title] = area
                area.setExpanded(True)
            self._add_item(area, item)
        self.tree.resizeColumnToContents(0)
        for col in (2, 3, 4):
            self.tree.resizeColumnToContents(col)

    def _add_item(self, parent: QTreeWidgetItem, item: ItemProgress) -> None:
        node = QTreeWidgetItem(
            parent,
            [
                item.code,
                localised(item.title_en, item.title_zh),
                "",
                "",
                format_number(item.activity_total),
            ],
        )
        node.setData(0, Qt.ItemDataRole.UserRole, item.uid)
        node.setTextAlignment(4, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for m in item.milestones:
            title = localised(m.title_en, m.title_zh)
            child = QTreeWidgetItem(
                node, [m.code, title, format_date(m.due), _(STATE_LABELS[m.status]), ""]
            )
            child.setIcon(3, dot_icon(STATE_COLOURS[m.status]))
            if m.met_on is not None:
                child.setToolTip(3, format_date(m.met_on))
        for t in item.targets:
            title = localised(t.title_en, t.title_zh)
            QTreeWidgetItem(node, [t.code, title, "", target_text(t), ""])
        node.setExpanded(True)

    def _on_double_click(self, node: QTreeWidgetItem, _column: int) -> None:
        uid = node.data(0, Qt.ItemDataRole.UserRole)
        if uid:
            self.open_item.emit(uid)
