"""The action plan: areas, items, milestones and targets, with where each stands.

The figures are those of the progress report (whole plan period, this office's
country or the region), so this page and the printed report always agree.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QLabel, QMenu, QTreeView, QVBoxLayout, QWidget

from app.i18n import _
from app.reports.figures import plan_count_scope_text
from app.reports.progress import ProgressReport
from app.ui.background import NewestRead
from app.ui.plan.plan_tree_model import (
    ACTIVITIES,
    CODE,
    DUE,
    ITEM_UID_ROLE,
    KEY_ROLE,
    STANDING,
    TITLE,
    PlanNode,
    PlanTreeModel,
    read_plan,
)
from app.ui.records.workspace import Workspace
from app.ui.wrapping_label import WrappingLabel


class PlanPage(QWidget):
    """A tree of the active plan; double-click an item (or press Enter) to see its activities."""

    open_item = Signal(str)  # a plan item's uid

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
        # What the counts include, in words beside them (a country's own vs hosted).
        self.scope = WrappingLabel(self)
        self.model = PlanTreeModel(workspace.db, self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        # Double-click opens the item's activities; it should not fold the item away too.
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.scope)
        layout.addWidget(self.tree, 1)

        self._collapsed: set[str] = set()  # keys of rows the user folded
        self._widths_set = False
        self._stale = True
        self.reader = NewestRead(self, lambda: read_plan(workspace.db))
        self.reader.shown.connect(self._show)
        self.reader.failed.connect(self._on_read_failed)
        # Several kinds change at once (an import): read the report once for all of them.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._on_refresh_due)
        self.tree.activated.connect(self._on_activated)
        self.tree.expanded.connect(self._on_expanded)
        self.tree.collapsed.connect(self._on_collapsed)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
        self.model.modelReset.connect(self._apply_expansion)
        workspace.changed.connect(self._on_workspace_changed)

    # --- loading ------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the plan and its progress again (on this thread) and show them."""
        self._stale = False
        self.reader.supersede()
        self._show(read_plan(self.ws.db))

    def refresh_later(self) -> None:
        """Read the plan on the worker thread, so the window stays usable meanwhile."""
        self._stale = False
        if self.model.report is None:
            self.heading.setText(_("Counting…"))
        self.reader.start()

    @property
    def counting(self) -> bool:
        """Whether the plan is being read off the UI thread."""
        return self.reader.busy

    def _on_read_failed(self, exc: object) -> None:
        self.heading.setText(_("The figures could not be computed: {error}").format(error=exc))

    def _show(self, plan: tuple[ProgressReport | None, PlanNode]) -> None:
        current = self.tree.currentIndex().data(KEY_ROLE)
        self.model.show_plan(plan)
        self.heading.setText(self.model.plan_title or _("No active action plan"))
        report = self.model.report
        self.scope.setText(plan_count_scope_text(report.header.country) if report else "")
        if current and not self.tree.currentIndex().isValid():
            self.tree.setCurrentIndex(self.model.index_of_key(current))
        if not self._widths_set:
            self._fit_columns()

    def _fit_columns(self) -> None:
        # The title stretches; the others fit their longest text. Once the user
        # has widths of their own (restore_state) they are left alone.
        for column in (CODE, DUE, STANDING, ACTIVITIES):
            self.tree.resizeColumnToContents(column)

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh_later()
        super().showEvent(event)

    def _on_workspace_changed(self, _kind: str) -> None:
        # Activities, trainees, people and the least-developed list all move figures.
        self._stale = True
        if self.isVisible():
            self._refresh_timer.start()

    def _on_refresh_due(self) -> None:
        if self._stale:
            self.refresh_later()

    # --- opening and folding ------------------------------------------------------

    def _on_activated(self, index: QModelIndex) -> None:
        """Double-click or Enter: an item (or its milestone or target) lists its activities."""
        uid = index.data(ITEM_UID_ROLE)
        if uid:
            self.open_item.emit(uid)
            return
        first = index.siblingAtColumn(0)
        self.tree.setExpanded(first, not self.tree.isExpanded(first))

    def _on_expanded(self, index: QModelIndex) -> None:
        self._collapsed.discard(index.data(KEY_ROLE))

    def _on_collapsed(self, index: QModelIndex) -> None:
        self._collapsed.add(index.data(KEY_ROLE))

    def _apply_expansion(self) -> None:
        """Everything open except what the user folded, after the rows were read afresh."""
        pending = [QModelIndex()]
        while pending:
            parent = pending.pop()
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.model.rowCount(index):
                    self.tree.setExpanded(index, index.data(KEY_ROLE) not in self._collapsed)
                    pending.append(index)

    def expand_all(self) -> None:
        """Open every area and item."""
        self._collapsed.clear()
        self.tree.expandAll()

    def collapse_all(self) -> None:
        """Fold everything, leaving only the areas showing."""
        self._collapsed = {
            index.data(KEY_ROLE) for index in self._indexes_with_children(QModelIndex())
        }
        self.tree.collapseAll()

    def _indexes_with_children(self, parent: QModelIndex) -> list[QModelIndex]:
        found = []
        for row in range(self.model.rowCount(parent)):
            index = self.model.index(row, 0, parent)
            if self.model.rowCount(index):
                found.append(index)
                found.extend(self._indexes_with_children(index))
        return found

    def context_menu(self, index: QModelIndex) -> QMenu:
        """The right-click menu for a row (``index`` invalid: below the rows)."""
        menu = QMenu(self)
        uid = index.data(ITEM_UID_ROLE) if index.isValid() else ""
        if uid:
            menu.addAction(_("List activities"), lambda: self.open_item.emit(uid))
            menu.addSeparator()
        menu.addAction(_("Expand all"), self.expand_all)
        menu.addAction(_("Collapse all"), self.collapse_all)
        return menu

    def _on_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(self.tree.indexAt(pos))
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # --- remembered layout --------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        """Remember column widths and folded rows for next time."""
        settings.setValue("plan/header", self.tree.header().saveState())
        settings.setValue("plan/collapsed", sorted(self._collapsed))

    def restore_state(self, settings: QSettings) -> None:
        """Put back the column widths and folded rows that ``save_state`` remembered."""
        header = settings.value("plan/header")
        if header is not None:
            self._widths_set = self.tree.header().restoreState(header)
        collapsed = settings.value("plan/collapsed")
        # An .ini file gives back a one-element list as a plain string.
        if isinstance(collapsed, str):
            collapsed = [collapsed]
        self._collapsed = {str(key) for key in collapsed or ()}
        self._apply_expansion()
