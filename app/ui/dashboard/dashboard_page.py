"""The dashboard: where the active plan stands, at a glance, with small charts.

Every number comes from the report data functions (progress, training and
funding reports, whole plan period, this office's country or the region), so
the dashboard and the printed reports always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import NotFoundError
from app.i18n import _, format_date, format_money, format_number
from app.logging_setup import log_unexpected
from app.models.codes import SECRETARIAT, label_of
from app.reports.funding import FundingReport, funding_report
from app.reports.progress import ProgressReport, progress_report
from app.reports.scope import localised
from app.reports.training import TrainingReport, training_report
from app.store import Database
from app.ui.background import BackgroundCall
from app.ui.plan.plan_page import STATE_COLOURS, STATE_LABELS
from app.ui.records.workspace import Workspace
from app.ui.shell.icons import dot_icon

BLUE, GREEN, GREY = QColor("#2f6fb5"), QColor("#2e8b57"), QColor("#9aa5b1")


class Card(QFrame):
    """A small panel: a caption, a big number, a detail line and an optional bar."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = QLabel(caption, self)
        self.value = QLabel(self)
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def show_value(self, value: str, detail: str, share: float | None = None) -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.bar.setVisible(share is not None)
        if share is not None:
            self.bar.setRange(0, 100)
            self.bar.setValue(int(min(100.0, max(0.0, share * 100))))


@dataclass(frozen=True)
class PlanFigures:
    """The three reports the dashboard shows, for one scope."""

    progress: ProgressReport
    training: TrainingReport
    funding: FundingReport


def plan_figures(db: Database) -> PlanFigures | None:
    """The whole-plan reports for this office's country (the region at the
    secretariat); None when there is no active plan."""
    country = None if db.site == SECRETARIAT else db.site
    try:
        return PlanFigures(
            progress_report(db, country=country),
            training_report(db, country=country),
            funding_report(db, country=country),
        )
    except NotFoundError:
        return None


def _chart(title: str) -> QChart:
    chart = QChart()
    if QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128:
        chart.setTheme(QChart.ChartTheme.ChartThemeDark)
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _view(chart: QChart, parent: QWidget) -> QChartView:
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(260)
    return view


class DashboardPage(QWidget):
    """Milestones, targets and money of the active plan, for this office."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.figures: PlanFigures | None = None
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.scope = QLabel(self)
        self.trainings = Card(_("Training sessions (item 2.5)"), self)
        self.trainees = Card(_("Trainees so far"), self)
        self.ldc = Card(_("Trainees from least-developed members"), self)
        self.milestones_card = Card(_("Milestones"), self)
        cards = QHBoxLayout()
        cards.setSpacing(10)
        for card in (self.trainings, self.trainees, self.ldc, self.milestones_card):
            cards.addWidget(card, 1)
        self.training_chart = _chart(_("Training sessions a year"))
        self.money_chart = _chart("")
        charts = QHBoxLayout()
        charts.setSpacing(10)
        charts.addWidget(_view(self.training_chart, self), 2)
        charts.addWidget(_view(self.money_chart, self), 3)
        self.money_note = QLabel(self)
        self.money_note.setWordWrap(True)
        self.milestones = QTreeWidget(self)
        self.milestones.setHeaderLabels([_("Item"), _("Milestone"), _("Due"), _("Where it stands")])
        self.milestones.setRootIsDecorated(False)
        self.milestones.setAlternatingRowColors(True)
        self.milestones.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.milestones.header().setStretchLastSection(False)
        self.milestones.setMinimumHeight(220)
        milestones_title = QLabel(_("Milestones of the plan"), self)
        bold = milestones_title.font()
        bold.setBold(True)
        milestones_title.setFont(bold)

        content = QWidget()
        grid = QGridLayout(content)
        grid.setContentsMargins(14, 12, 14, 12)
        grid.setVerticalSpacing(10)
        grid.addWidget(self.heading, 0, 0)
        grid.addWidget(self.scope, 1, 0)
        grid.addLayout(cards, 2, 0)
        grid.addLayout(charts, 3, 0)
        grid.addWidget(self.money_note, 4, 0)
        grid.addWidget(milestones_title, 5, 0)
        grid.addWidget(self.milestones, 6, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._stale = True
        self._generation = 0
        self.counting = False  # True while figures are being counted off the UI thread
        workspace.changed.connect(self._on_changed)

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
        self._generation += 1
        generation = self._generation
        self.counting = True
        if self.figures is None:
            self.heading.setText(_("Counting…"))
        db = self.ws.db
        call = BackgroundCall(self, lambda: plan_figures(db))
        call.done.connect(lambda figures: self._on_figures(generation, figures))
        call.error.connect(self._on_figures_failed)
        call.start()

    def _on_figures(self, generation: int, figures: PlanFigures | None) -> None:
        if generation == self._generation:  # a later refresh supersedes this one
            self.counting = False
            self.show_figures(figures)

    def _on_figures_failed(self, exc: object) -> None:
        self.counting = False
        if isinstance(exc, BaseException):
            log_unexpected(exc)
        self.heading.setText(_("The figures could not be computed: {error}").format(error=exc))

    def refresh(self) -> None:
        """Compute the numbers again and redraw (on this thread)."""
        self._stale = False
        self._generation += 1
        self.counting = False
        self.show_figures(plan_figures(self.ws.db))

    def show_figures(self, f: PlanFigures | None) -> None:
        """Show computed figures (None: there is no active plan)."""
        self.figures = f
        if f is None:
            self.heading.setText(_("No active action plan"))
            return
        plan = f.progress.header.plan
        self.heading.setText(localised(plan.title_en, plan.title_zh))
        country = f.progress.header.country
        if country:
            self.scope.setText(
                _(
                    "Figures for {country}: activities this office recorded or hosted, and its nationals trained."
                ).format(country=label_of("country", country))
            )
        else:
            self.scope.setText(_("Figures for the whole region, as received from every office."))
        self._fill_cards(f)
        self._fill_training_chart(f.training)
        self._fill_money_chart(f.funding)
        self._fill_milestones(f.progress)

    def _fill_cards(self, f: PlanFigures) -> None:
        t = f.training
        per_year = {y.year: y.sessions for y in t.years}
        this_year = dt.date.today().year
        plan = t.header.plan
        year = this_year if plan.start.year <= this_year <= plan.end.year else plan.end.year
        self.trainings.show_value(
            format_number(t.sessions),
            _("{n} in {year}; the plan asks for {target} a year").format(
                n=per_year.get(year, 0), year=year, target=t.sessions_per_year_target
            ),
        )
        total = t.trainees_target
        self.trainees.show_value(
            format_number(t.trainees),
            _("against about {target} over the plan").format(target=total),
            t.trainees / total if total else None,
        )
        share = t.ldc_share or 0.0
        self.ldc.show_value(
            f"{format_number(round(share * 100, 1))} %",
            _("{n} of {total} trainees; priority target {target} %").format(
                n=t.ldc_trainees, total=t.trainees, target=t.ldc_share_target
            ),
            share,
        )
        states = f.progress.milestone_counts()
        met = states["met_on_time"] + states["met_late"]
        count = sum(states.values())
        self.milestones_card.show_value(
            f"{met} / {count}",
            _("met ({late} of them late); {due} due, {overdue} overdue").format(
                late=states["met_late"], due=states["due"], overdue=states["overdue"]
            ),
            met / count if count else None,
        )

    def _fill_training_chart(self, t: TrainingReport) -> None:
        chart = self.training_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        recorded = QBarSet(_("Recorded"))
        recorded.setColor(BLUE)
        years = [y.year for y in t.years]
        sessions = [y.sessions for y in t.years]
        for n in sessions:
            recorded.append(n)
        bars = QBarSeries()
        bars.append(recorded)
        chart.addSeries(bars)
        target = t.sessions_per_year_target
        line = QLineSeries()
        line.setName(_("Target: {n} a year").format(n=target))
        line.setColor(GREEN)
        for i in range(len(years)):
            line.append(QPointF(i - 0.4, target))
            line.append(QPointF(i + 0.4, target))
        chart.addSeries(line)
        x = QBarCategoryAxis()
        x.append([str(y) for y in years])
        y_axis = QValueAxis()
        top = max([target, *sessions])
        step = max(1, -(-top // 4))  # whole sessions, at most five lines
        y_axis.setRange(0, step * (-(-(top + 1) // step)))
        y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        y_axis.setTickAnchor(0)
        y_axis.setTickInterval(step)
        y_axis.setLabelFormat("%d")
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(x)
        bars.attachAxis(y_axis)
        line.attachAxis(y_axis)
        value_x = QValueAxis()
        value_x.setRange(-0.5, len(years) - 0.5)
        value_x.setVisible(False)
        chart.addAxis(value_x, Qt.AlignmentFlag.AlignBottom)
        line.attachAxis(value_x)

    def _fill_money_chart(self, funding: FundingReport) -> None:
        chart = self.money_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        currency = funding.currency
        rows = [m for m in funding.by_source if m.committed or m.disbursed]
        others = sorted({u.currency for u in funding.unconverted})
        if not rows:
            chart.setTitle(_("Money by source"))
            note = _("No funding recorded yet.")
            if others:
                note = _(
                    "Also recorded without an exchange rate, in {currencies}: see the Funding page."
                ).format(currencies=", ".join(others))
            self.money_note.setText(note)
            return
        top = float(max([m.committed for m in rows] + [m.disbursed for m in rows]))
        scale, unit = 1.0, currency
        if top >= 10_000_000:
            scale, unit = 1e6, _("million {currency}").format(currency=currency)
        elif top >= 10_000:
            scale, unit = 1e3, _("thousand {currency}").format(currency=currency)
        chart.setTitle(_("Money by source ({unit})").format(unit=unit))
        committed, disbursed = QBarSet(_("Committed")), QBarSet(_("Disbursed"))
        committed.setColor(GREY)
        disbursed.setColor(GREEN)
        for m in rows:
            committed.append(float(m.committed) / scale)
            disbursed.append(float(m.disbursed) / scale)
        series = QHorizontalBarSeries()
        series.append(committed)
        series.append(disbursed)
        chart.addSeries(series)
        y = QBarCategoryAxis()
        y.append([label_of("funding_source", m.key) for m in rows])
        x = QValueAxis()
        x.setLabelFormat("%.0f")
        x.setRange(0, top / scale * 1.1 or 1)
        x.applyNiceNumbers()
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        total_c, total_d = funding.total.committed, funding.total.disbursed
        note = _(
            "In total committed {c}, disbursed {d} (converted at the secretariat's yearly rates)."
        ).format(c=format_money(total_c, currency), d=format_money(total_d, currency))
        if others:
            note += " " + _(
                "Also recorded without an exchange rate, in {currencies}: see the Funding page."
            ).format(currencies=", ".join(others))
        self.money_note.setText(note)

    def _fill_milestones(self, p: ProgressReport) -> None:
        self.milestones.clear()
        for item in p.items:
            for m in item.milestones:
                node = QTreeWidgetItem(
                    self.milestones,
                    [
                        item.code,
                        localised(m.title_en, m.title_zh),
                        format_date(m.due),
                        _(STATE_LABELS[m.status]),
                    ],
                )
                node.setIcon(3, dot_icon(STATE_COLOURS[m.status]))
                if m.met_on is not None:
                    node.setToolTip(3, format_date(m.met_on))
        for col in (0, 2, 3):
            self.milestones.resizeColumnToContents(col)
