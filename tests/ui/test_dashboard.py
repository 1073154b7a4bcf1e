"""The dashboard's milestone list: a thin table model over the progress report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QScrollArea

from app.i18n import set_locale
from app.reports.progress import progress_report
from app.ui.dashboard.dashboard_page import DashboardPage
from app.ui.dashboard.milestone_table_model import (
    DUE,
    ITEM,
    MILESTONE,
    STANDING,
    MilestoneTableModel,
)
from app.ui.records.workspace import Workspace
from tests.ui.conftest import OFFSCREEN_NOISE, training

pytestmark = OFFSCREEN_NOISE


def _texts(model: MilestoneTableModel, row: int) -> list[str]:
    return [model.data(model.index(row, column)) for column in range(model.columnCount())]


def _row_of(model: MilestoneTableModel, title: str) -> int:
    titles = [model.data(model.index(row, MILESTONE)) for row in range(model.rowCount())]
    return titles.index(title)


def test_milestone_model_passes_the_model_tester(qtmodeltester, db) -> None:
    training(db, "EIA training", start_date="2011-06-01")
    training(db, "Monitoring training", start_date="2012-06-01")
    model = MilestoneTableModel()
    qtmodeltester.check(model)  # empty: no plan read yet
    model.show_report(progress_report(db, country="VN"))
    assert model.rowCount() == 10
    qtmodeltester.check(model)
    model.show_report(None)
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_milestone_rows_show_code_title_due_date_and_state(db) -> None:
    training(db, "EIA training", start_date="2011-06-01")
    model = MilestoneTableModel()
    model.show_report(progress_report(db, country="VN"))
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    assert headers == ["Item", "Milestone", "Due", "Where it stands"]
    assert _texts(model, 0) == ["1.2", "First forum held in China", "Dec 31, 2011", "Overdue"]
    met = _row_of(model, "Training starts in 2011")
    assert _texts(model, met) == ["2.5", "Training starts in 2011", "Dec 31, 2011", "Met on time"]
    assert model.milestone_at(met).code == "2.5.4"
    # The state's dot, and when it was met in the tooltip (nothing for one not met).
    assert isinstance(model.data(model.index(met, STANDING), Qt.ItemDataRole.DecorationRole), QIcon)
    assert model.data(model.index(met, STANDING), Qt.ItemDataRole.ToolTipRole) == "Jun 1, 2011"
    assert model.data(model.index(0, STANDING), Qt.ItemDataRole.ToolTipRole) is None
    assert model.data(model.index(met, ITEM), Qt.ItemDataRole.DecorationRole) is None
    last = _texts(model, model.rowCount() - 1)
    assert last == ["4.2.5", "Joint projects launched", "Dec 31, 2012", "Overdue"]


def test_milestone_rows_follow_the_language(db) -> None:
    training(db, "EIA training", start_date="2011-06-01")
    model = MilestoneTableModel()
    model.show_report(progress_report(db, country="VN"))
    met = _row_of(model, "Training starts in 2011")
    set_locale("zh_CN")
    assert model.headerData(DUE, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "应完成"
    assert _texts(model, met) == ["2.5", "培训活动自2011年开始实施", "2011年12月31日", "按期达成"]


def test_dashboard_lists_the_milestones_with_fitted_columns(qtbot, db) -> None:
    training(db, "EIA training", start_date="2011-06-01")
    page = DashboardPage(Workspace(db))
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitUntil(lambda: not page.counting)  # counted off the UI thread
    view = page.milestones
    assert view.model() is page.milestone_model
    assert page.milestone_model.rowCount() == 10
    assert not view.rootIsDecorated()
    assert view.alternatingRowColors()
    header = view.header()
    for column in (ITEM, DUE, STANDING):  # fitted to their texts, the title takes the rest
        assert header.sectionSize(column) >= view.sizeHintForColumn(column)
    assert header.sectionSize(MILESTONE) > header.sectionSize(STANDING)
    assert page.milestones_card.value.text() == "1 / 10"
    assert page.money_note.text() == "No funding recorded yet."


def test_dashboard_fits_its_window_width(qtbot, db) -> None:
    """Its long scope lines wrap: the page never scrolls sideways, the last card shows."""
    training(db, "EIA training", start_date="2011-06-01")
    page = DashboardPage(Workspace(db))
    qtbot.addWidget(page)
    page.resize(1180, 800)
    page.show()
    qtbot.waitUntil(lambda: not page.counting)
    qtbot.wait(50)  # the layout settles after the texts are set
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    assert not scroll.horizontalScrollBar().isVisible()
    assert len(page.scope.text()) > 100  # long enough to have widened the page
