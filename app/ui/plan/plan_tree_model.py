"""A thin tree model over the progress report: areas, items, milestones and targets.

The figures are those of ``app.reports.progress`` (whole plan period, this
office's country or the region), so this tree, the dashboard and the printed
report always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.errors import NotFoundError
from app.i18n import N_, _, country_name, format_date, format_number, format_percent, ngettext
from app.models.codes import SECRETARIAT
from app.models.plan_wording import localised
from app.reports.progress import ItemProgress, ProgressReport, TargetProgress, progress_report
from app.reports.progress_document import MILESTONE_LABELS, milestone_status_text
from app.store import Database
from app.ui.shell.icons import dot_icon

Index = QModelIndex | QPersistentModelIndex

STATE_LABELS = MILESTONE_LABELS
STATE_COLOURS = {
    "met_on_time": "#2e8b57",
    "met_late": "#2f6fb5",
    "due": "#c9a227",
    "overdue": "#c0392b",
}
CODE, TITLE, DUE, STANDING, ACTIVITIES = range(5)
HEADERS = (
    N_("Code"),
    N_("Plan item, milestone or target"),
    N_("Due"),
    N_("Where it stands"),
    N_("Activities"),
)
# The plan item a row belongs to ("" for an area): what double-click and Enter open.
ITEM_UID_ROLE = Qt.ItemDataRole.UserRole
# A name for the row that survives a refresh, to keep it expanded, collapsed or selected.
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def target_text(t: TargetProgress) -> str:
    """What a target asks for and what is recorded, in words; for one country, the
    region's figure with the country's contribution (the plan's targets are the region's)."""
    text = _region_target_text(t)
    if t.country is None or t.contribution is None:
        return text
    return _("Region: {figure} — {country} contributed {part}").format(
        figure=text, country=country_name(t.country), part=_contribution(t)
    )


def _contribution(t: TargetProgress) -> str:
    part = t.contribution or 0
    if t.kind == "ldc_share":
        return ngettext(
            "{n} trainee from a least-developed member",
            "{n} trainees from least-developed members",
            int(part),
        ).format(n=format_number(part))
    return format_number(part)


def _region_target_text(t: TargetProgress) -> str:
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
    if t.longest_gap is not None:
        return _("at most {years} years apart; held {measured}, longest gap {gap} years").format(
            years=t.period_years, measured=measured, gap=format_number(t.longest_gap)
        )
    return _("{measured} of {value}").format(measured=measured, value=format_number(t.expected))


@dataclass(eq=False)
class PlanNode:
    """One row of the tree: an area, a plan item, or an item's milestone or target."""

    kind: str  # "root", "area", "item", "milestone" or "target"
    key: str
    texts: tuple[str, ...] = ("", "", "", "", "")
    item_uid: str = ""
    status: str | None = None  # a milestone's state, one of STATE_COLOURS
    tooltip: str = ""
    parent: PlanNode | None = None
    children: list[PlanNode] = field(default_factory=list)
    row: int = 0
    serial: int = -1  # the index's internal id: a position in the model's node list

    def add(self, child: PlanNode) -> PlanNode:
        """Append ``child`` and return it."""
        child.parent, child.row = self, len(self.children)
        self.children.append(child)
        return child

    def walk(self) -> list[PlanNode]:
        """This node's descendants, depth first, in display order."""
        nodes: list[PlanNode] = []
        for child in self.children:
            nodes.append(child)
            nodes.extend(child.walk())
        return nodes


def plan_nodes(report: ProgressReport) -> PlanNode:
    """The rows of the tree for a progress report, under an invisible root."""
    root = PlanNode("root", "")
    areas: dict[str, PlanNode] = {}
    for item in report.items:
        area = areas.get(item.area_en)
        if area is None:
            title = localised(item.area_en, item.area_zh)
            area = root.add(PlanNode("area", "area:" + item.area_en, ("", title, "", "", "")))
            areas[item.area_en] = area
        _add_item(area, item)
    return root


def _add_item(area: PlanNode, item: ItemProgress) -> None:
    texts = (
        item.code,
        localised(item.title_en, item.title_zh),
        "",
        "",
        format_number(item.activity_total),
    )
    node = area.add(PlanNode("item", "item:" + item.uid, texts, item.uid))
    for m in item.milestones:
        title = localised(m.title_en, m.title_zh)
        texts = (m.code, title, format_date(m.due), milestone_status_text(m), "")
        tooltip = format_date(m.met_on) if m.met_on is not None else ""
        key = f"milestone:{item.uid}/{m.code}"
        node.add(PlanNode("milestone", key, texts, item.uid, m.status, tooltip))
    for t in item.targets:
        texts = (t.code, localised(t.title_en, t.title_zh), "", target_text(t), "")
        node.add(PlanNode("target", f"target:{item.uid}/{t.code}", texts, item.uid))


def _shape(root: PlanNode) -> list[tuple[str, str | None]]:
    return [(n.key, n.parent.key if n.parent else None) for n in root.walk()]


def read_plan(db: Database) -> tuple[ProgressReport | None, PlanNode]:
    """The plan's progress as rows, for this office's country or (secretariat) the region.

    Plain Python: the page runs it on the worker thread, since the region's
    figures take most of a second on 100,000 records.
    """
    country = None if db.site == SECRETARIAT else db.site
    try:
        report: ProgressReport | None = progress_report(db, country=country)
    except NotFoundError:
        report = None
    return report, plan_nodes(report) if report is not None else PlanNode("root", "")


class PlanTreeModel(QAbstractItemModel):
    """The active plan as a read-only tree, with where each milestone and target stands."""

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.report: ProgressReport | None = None
        self._root = PlanNode("root", "")
        self._nodes: list[PlanNode] = []
        self._bold = QFont()
        self._bold.setBold(True)

    # --- loading ------------------------------------------------------------

    @property
    def plan_title(self) -> str:
        """The active plan's title in the current language; "" when there is none."""
        if self.report is None:
            return ""
        plan = self.report.header.plan
        return localised(plan.title_en, plan.title_zh)

    def refresh(self) -> None:
        """Read the plan's progress again (on this thread) and show it."""
        self.show_plan(read_plan(self.db))

    def show_plan(self, plan: tuple[ProgressReport | None, PlanNode]) -> None:
        """Show what ``read_plan`` read, keeping the rows in place when they are the same."""
        report, root = plan
        self.report = report
        if self._nodes and _shape(root) == _shape(self._root):
            self._update_in_place(root)
            return
        self.beginResetModel()
        self._root = root
        self._nodes = root.walk()
        for serial, node in enumerate(self._nodes):
            node.serial = serial
        self.endResetModel()

    def _update_in_place(self, fresh: PlanNode) -> None:
        # Same rows as before: change the figures only, so the view keeps what is
        # expanded, selected and scrolled to.
        for old, new in zip(self._nodes, fresh.walk(), strict=True):
            old.texts, old.status, old.tooltip = new.texts, new.status, new.tooltip
        for parent in (self._root, *self._nodes):
            if parent.children:
                parent_index = self._index_of(parent)
                last = len(parent.children) - 1
                self.dataChanged.emit(
                    self.index(0, 0, parent_index), self.index(last, ACTIVITIES, parent_index)
                )

    def index_of_key(self, key: str) -> QModelIndex:
        """The first-column index of the row named ``key`` (see ``KEY_ROLE``), or invalid."""
        for node in self._nodes:
            if node.key == key:
                return self._index_of(node)
        return QModelIndex()

    def _index_of(self, node: PlanNode) -> QModelIndex:
        if node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node.serial)

    def _node(self, index: Index) -> PlanNode:
        if not index.isValid():
            return self._root
        return self._nodes[index.internalId()]

    # --- Qt model interface ---------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row].serial)

    def parent(self, child: Index | None = None) -> Any:
        if child is None:  # QObject.parent(), which this name hides
            return super().parent()
        if not child.isValid():
            return QModelIndex()
        parent = self._node(child).parent
        return QModelIndex() if parent is None else self._index_of(parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        # Only the first column has children, as QTreeView expects.
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(HEADERS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section == ACTIVITIES:
            return RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return node.texts[column]
        if role == ITEM_UID_ROLE:
            return node.item_uid
        if role == KEY_ROLE:
            return node.key
        if role == Qt.ItemDataRole.DecorationRole and column == STANDING and node.status:
            return dot_icon(STATE_COLOURS[node.status])
        if role == Qt.ItemDataRole.ToolTipRole and column == STANDING and node.tooltip:
            return node.tooltip
        if role == Qt.ItemDataRole.FontRole and column == TITLE and node.kind == "area":
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ACTIVITIES:
            return RIGHT
        return None
