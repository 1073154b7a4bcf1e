"""The dashboard's two charts: training sessions a year, and money by source."""

from __future__ import annotations

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
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from app.i18n import _
from app.models.codes import label_of
from app.reports.funding import FundingReport
from app.reports.training import TrainingReport

BLUE, GREEN, GREY = QColor("#2f6fb5"), QColor("#2e8b57"), QColor("#9aa5b1")
CHART_MIN_HEIGHT = 260
# A chart's height beyond its bars: title, legend, the value axis and margins.
CHART_FRAME_HEIGHT = 130


class DashboardChart(QChart):
    """A chart styled for the dashboard: no animation, tight margins, legend below."""

    def __init__(self, title: str) -> None:
        super().__init__()
        if QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128:
            self.setTheme(QChart.ChartTheme.ChartThemeDark)
        self.setTitle(title)
        self.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setMargins(QMargins(4, 4, 4, 4))
        self.setBackgroundRoundness(0)
        self.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)

    def clear_figures(self) -> None:
        """Remove every series and axis, before drawing new figures."""
        self.removeAllSeries()
        for axis in self.axes():
            self.removeAxis(axis)


class TrainingChart(DashboardChart):
    """Training sessions recorded each year of the plan, against the yearly target."""

    def __init__(self) -> None:
        super().__init__(_("Training sessions a year"))

    def show_report(self, t: TrainingReport) -> None:
        """Draw the sessions of a training report."""
        self.clear_figures()
        recorded = QBarSet(_("Recorded"))
        recorded.setColor(BLUE)
        years = [y.year for y in t.years]
        sessions = [y.sessions for y in t.years]
        for n in sessions:
            recorded.append(n)
        bars = QBarSeries()
        bars.append(recorded)
        self.addSeries(bars)
        target = t.sessions_per_year_target
        line = QLineSeries()
        line.setName(_("Target: {n} a year").format(n=target))
        line.setColor(GREEN)
        for i in range(len(years)):
            line.append(QPointF(i - 0.4, target))
            line.append(QPointF(i + 0.4, target))
        self.addSeries(line)
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
        self.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        self.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(x)
        bars.attachAxis(y_axis)
        line.attachAxis(y_axis)
        # The target line needs numbers along x to span each bar; a category axis has none.
        value_x = QValueAxis()
        value_x.setRange(-0.5, len(years) - 0.5)
        value_x.setVisible(False)
        self.addAxis(value_x, Qt.AlignmentFlag.AlignBottom)
        line.attachAxis(value_x)


class MoneyChart(DashboardChart):
    """Money committed and disbursed by funding source, in the report's currency."""

    def __init__(self) -> None:
        super().__init__("")

    def show_report(self, funding: FundingReport) -> None:
        """Draw the sources of a funding report (nothing when no money is recorded)."""
        self.clear_figures()
        currency = funding.currency
        rows = [m for m in funding.by_source if m.committed or m.disbursed]
        if not rows:
            self.setTitle(_("Money by source"))
            return
        top = float(max([m.committed for m in rows] + [m.disbursed for m in rows]))
        scale, unit = 1.0, currency
        if top >= 10_000_000:
            scale, unit = 1e6, _("million {currency}").format(currency=currency)
        elif top >= 10_000:
            scale, unit = 1e3, _("thousand {currency}").format(currency=currency)
        self.setTitle(_("Money by source ({unit})").format(unit=unit))
        committed, disbursed = QBarSet(_("Committed")), QBarSet(_("Disbursed"))
        committed.setColor(GREY)
        disbursed.setColor(GREEN)
        for m in rows:
            committed.append(float(m.committed) / scale)
            disbursed.append(float(m.disbursed) / scale)
        series = QHorizontalBarSeries()
        series.append(committed)
        series.append(disbursed)
        self.addSeries(series)
        y = QBarCategoryAxis()
        y.append([label_of("funding_source", m.key) for m in rows])
        x = QValueAxis()
        x.setLabelFormat("%.0f")
        x.setRange(0, top / scale * 1.1 or 1)
        x.applyNiceNumbers()
        self.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        self.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(y)
        series.attachAxis(x)
        self._fit_height(y)

    def _fit_height(self, axis: QBarCategoryAxis) -> None:
        # QtCharts writes "..." for a category label taller than about half its
        # band, and Thai marks above and below the line make a label tall: give
        # each source a band of two label heights so every name shows whole.
        metrics = QFontMetrics(axis.labelsFont())
        label = max(metrics.boundingRect(text).height() for text in axis.categories())
        needed = CHART_FRAME_HEIGHT + axis.count() * (2 * label + 2)
        scene = self.scene()
        for view in scene.views() if scene is not None else []:
            view.setMinimumHeight(max(CHART_MIN_HEIGHT, needed))


def chart_view(chart: QChart, parent: QWidget) -> QChartView:
    """A smooth-edged view of ``chart``, tall enough to read."""
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(CHART_MIN_HEIGHT)
    return view
