"""The dashboard: where the active plan stands, at a glance, with small charts.

Every number comes from the report data functions (progress, training and
funding reports, whole plan period, this office's country or the region), so
the dashboard and the printed reports always agree.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_money
from app.models.codes import SECRETARIAT
from app.models.plan_wording import localised
from app.reports.figures import activity_scope_text, trainee_scope_text
from app.reports.funding import FundingReport
from app.ui.background import NewestRead
from app.ui.dashboard.dashboard_charts import MoneyChart, TrainingChart, chart_view
from app.ui.dashboard.figure_cards import FigureCards
from app.ui.dashboard.milestone_table_model import (
    DUE,
    ITEM,
    MILESTONE,
    STANDING,
    MilestoneTableModel,
)
from app.ui.dashboard.plan_figures import PlanFigures, plan_figures
from app.ui.records.workspace import Workspace
from app.ui.review.completeness_model import (
    CompletenessFigures,
    CompletenessModel,
    completeness_figures,
)
from app.ui.review.review_banner import ReviewBanner
from app.ui.wrapping_label import WrappingLabel

# The completeness table grows with its rows up to this many, then scrolls.
COMPLETENESS_ROWS_SHOWN = 36


def money_note(funding: FundingReport) -> str:
    """The line under the charts: the money in total, and what could not be converted."""
    others = sorted({u.currency for u in funding.unconverted})
    unconverted = _(
        "Also recorded without an exchange rate, in {currencies}: see the Funding page."
    ).format(currencies=", ".join(others))
    if not any(m.committed or m.disbursed for m in funding.by_source):
        return unconverted if others else _("No funding recorded yet.")
    currency = funding.currency
    note = _(
        "In total committed {c}, disbursed {d} (converted at a funding row's own rate "
        "where it has one, otherwise at the secretariat's yearly rates)."
    ).format(
        c=format_money(funding.total.committed, currency),
        d=format_money(funding.total.disbursed, currency),
    )
    return f"{note} {unconverted}" if others else note


class DashboardPage(QWidget):
    """Milestones, targets and money of the active plan, for this office."""

    open_record = Signal(str, str)  # kind, uid: show this record on its list page
    open_review = Signal(str)  # the Review page, at this state ("" for all)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.figures: PlanFigures | None = None
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        # long in every language; must not widen the page
        self.scope = WrappingLabel(self)
        self.review = ReviewBanner(workspace, self)
        self.review.open_review.connect(self.open_review)
        self.cards = FigureCards(self)
        # The cards by name, as the tests and the README story read them.
        self.trainings = self.cards.trainings
        self.trainees = self.cards.trainees
        self.ldc = self.cards.ldc
        self.milestones_card = self.cards.milestones
        self.training_chart = TrainingChart()
        self.money_chart = MoneyChart()
        charts = QHBoxLayout()
        charts.setSpacing(10)
        charts.addWidget(chart_view(self.training_chart, self), 2)
        charts.addWidget(chart_view(self.money_chart, self), 3)
        self.money_note = WrappingLabel(self)
        self.milestone_model = MilestoneTableModel(self)
        self.milestones = QTreeView(self)
        self.milestones.setModel(self.milestone_model)
        self.milestones.setRootIsDecorated(False)
        self.milestones.setUniformRowHeights(True)
        self.milestones.setAlternatingRowColors(True)
        self.milestones.header().setSectionResizeMode(MILESTONE, QHeaderView.ResizeMode.Stretch)
        self.milestones.header().setStretchLastSection(False)
        self.milestones.setMinimumHeight(220)
        milestones_title = QLabel(_("Milestones of the plan"), self)
        bold = milestones_title.font()
        bold.setBold(True)
        milestones_title.setFont(bold)

        completeness_title = QLabel(_("Completeness: the countries' records by year"), self)
        completeness_title.setFont(bold)
        completeness_title.setVisible(workspace.site == SECRETARIAT)
        self.completeness_model = CompletenessModel(self)
        self.completeness_reader = NewestRead(self, lambda: completeness_figures(workspace.db))
        self.completeness_reader.shown.connect(self._show_completeness)
        self.completeness = self._completeness_view() if workspace.site == SECRETARIAT else None

        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(14, 12, 14, 12)
        grid.setVerticalSpacing(10)
        grid.addWidget(self.heading, 0, 0)
        grid.addWidget(self.scope, 1, 0)
        grid.addWidget(self.review, 2, 0)
        grid.addWidget(self.cards, 3, 0)
        grid.addLayout(charts, 4, 0)
        grid.addWidget(self.money_note, 5, 0)
        grid.addWidget(milestones_title, 6, 0)
        grid.addWidget(self.milestones, 7, 0)
        grid.addWidget(completeness_title, 8, 0)
        if self.completeness is not None:
            grid.addWidget(self.completeness, 9, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._stale = True
        self.reader = NewestRead(self, lambda: plan_figures(workspace.db))
        self.reader.shown.connect(self.show_figures)
        self.reader.failed.connect(self._on_figures_failed)
        workspace.changed.connect(self._on_changed)

    def _completeness_view(self) -> QTreeView:
        view = QTreeView(self)
        view.setModel(self.completeness_model)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        return view

    def _show_completeness(self, figures: CompletenessFigures) -> None:
        self.completeness_model.show_figures(figures)
        view = self.completeness
        if view is None:
            return
        for column in range(self.completeness_model.columnCount()):  # as the milestones
            view.resizeColumnToContents(column)
        # Tall enough for its rows (up to a limit): the page scrolls, not a table inside it.
        shown = min(max(self.completeness_model.rowCount(), 1), COMPLETENESS_ROWS_SHOWN)
        row = view.sizeHintForRow(0) if self.completeness_model.rowCount() else 20
        frame = 2 * view.frameWidth() + view.header().sizeHint().height()
        view.setFixedHeight(frame + row * shown + 2)

    def _on_changed(self, _kind: str) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh_later()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh_later()
        super().showEvent(event)

    def refresh_later(self) -> None:
        """Compute the numbers on the worker thread, so the window stays usable meanwhile."""
        self._stale = False
        if self.figures is None:
            self.heading.setText(_("Counting…"))
        self.reader.start()
        self._refresh_reviews()

    @property
    def counting(self) -> bool:
        """Whether figures are being counted off the UI thread."""
        busy = self.reader.busy or self.review.counting
        return busy or (self.completeness is not None and self.completeness_reader.busy)

    def _refresh_reviews(self) -> None:
        """The review line and, at the secretariat, the completeness table."""
        self.review.refresh_later()
        if self.completeness is not None:
            self.completeness_reader.start()

    def _on_figures_failed(self, exc: object) -> None:
        self.heading.setText(_("The figures could not be computed: {error}").format(error=exc))

    def refresh(self) -> None:
        """Compute the numbers again and redraw (on this thread)."""
        self._stale = False
        self.reader.supersede()
        self.show_figures(plan_figures(self.ws.db))
        self._refresh_reviews()

    def show_figures(self, f: PlanFigures | None) -> None:
        """Show computed figures (None: there is no active plan)."""
        self.figures = f
        if f is None:
            self.heading.setText(_("No active action plan"))
            return
        plan = f.progress.header.plan
        self.heading.setText(localised(plan.title_en, plan.title_zh))
        country = f.progress.header.country
        self.scope.setText(f"{activity_scope_text(country)} {trainee_scope_text(country)}")
        self.cards.show_figures(f)
        self.training_chart.show_report(f.training)
        self.money_chart.show_report(f.funding)
        self.money_note.setText(money_note(f.funding))
        self.milestone_model.show_report(f.progress)
        # Fitted once per refresh rather than kept fitted, so the user can still widen them.
        for column in (ITEM, DUE, STANDING):
            self.milestones.resizeColumnToContents(column)
