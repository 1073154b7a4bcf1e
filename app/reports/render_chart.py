"""Bar and pie charts drawn with QPainter (vector output in PDFs and on printers)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from app.reports.model import Chart

PALETTE = ("#2f6f9f", "#e08a2c", "#4f9a55", "#c0504d", "#8064a2", "#4bacc6", "#9c8a4d", "#7f7f7f")


def _nice_ceiling(value: float) -> float:
    """A round number at or above ``value`` for the top of a bar axis."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def _axis_top(largest: float, whole: bool) -> float:
    """The top of the value axis (four steps); counts get whole-number ticks.

    A count axis whose step is a fraction (187.5 people) reads wrongly, so
    for counts the step is a round whole number and the top four of them.
    """
    if not whole:
        return _nice_ceiling(largest)
    return 4 * _whole_step(largest / 4)


def _whole_step(value: float) -> float:
    """The smallest round whole number at or above ``value`` (at least 1)."""
    if value <= 1:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        candidate = step * magnitude
        if candidate >= value and float(candidate).is_integer():
            return float(candidate)
    return float(10 * magnitude)


def _tick_text(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def paint_chart(painter: QPainter, rect: QRectF, chart: Chart, font: QFont) -> None:
    """Draw ``chart`` inside ``rect`` with ``font`` for its texts."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = painter.device().logicalDpiY() / 72.0  # device pixels per point
    title_font = QFont(font)
    title_font.setBold(True)
    painter.setFont(title_font)
    title_h = QFontMetricsF(title_font, painter.device()).height() * 1.4
    painter.setPen(QColor("#222222"))
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), title_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        chart.title,
    )
    body = QRectF(rect.left(), rect.top() + title_h, rect.width(), rect.height() - title_h)
    painter.setFont(font)
    if chart.kind == "pie":
        _paint_pie(painter, body, chart, font, unit)
    else:
        _paint_bars(painter, body, chart, font, unit)
    painter.restore()


def _legend(
    painter: QPainter, left: float, top: float, entries: list[str], font: QFont, unit: float
) -> float:
    """Draw colour keys with texts from (left, top); return the height used."""
    metrics = QFontMetricsF(font, painter.device())
    line = metrics.height() * 1.3
    box = metrics.height() * 0.7
    for i, text in enumerate(entries):
        y = top + i * line
        painter.fillRect(
            QRectF(left, y + (line - box) / 2, box, box), QColor(PALETTE[i % len(PALETTE)])
        )
        painter.setPen(QColor("#222222"))
        painter.drawText(
            QRectF(left + box * 1.6, y, 10_000, line), Qt.AlignmentFlag.AlignVCenter, text
        )
    return line * len(entries)


def _paint_pie(painter: QPainter, rect: QRectF, chart: Chart, font: QFont, unit: float) -> None:
    values = chart.series[0].values if chart.series else ()
    total = sum(values)
    side = min(rect.height(), rect.width() * 0.45) * 0.95
    pie = QRectF(rect.left() + side * 0.05, rect.top() + (rect.height() - side) / 2, side, side)
    painter.setPen(QPen(QColor("white"), 0.8 * unit))
    start = 90 * 16
    for i, value in enumerate(values):
        span = -round(360 * 16 * value / total) if total else 0
        painter.setBrush(QColor(PALETTE[i % len(PALETTE)]))
        painter.drawPie(pie, start, span)
        start += span
    texts = chart.value_texts[0] if chart.value_texts else [str(v) for v in values]
    entries = [
        f"{label}: {text} ({round(100 * v / total) if total else 0}%)"
        for label, text, v in zip(chart.labels, texts, values, strict=False)
    ]
    metrics = QFontMetricsF(font, painter.device())
    height = metrics.height() * 1.3 * len(entries)
    _legend(
        painter,
        pie.right() + side * 0.15,
        rect.top() + (rect.height() - height) / 2,
        entries,
        font,
        unit,
    )


def _paint_bars(painter: QPainter, rect: QRectF, chart: Chart, font: QFont, unit: float) -> None:
    metrics = QFontMetricsF(font, painter.device())
    legend_h = _legend(painter, rect.left(), rect.top(), [s.name for s in chart.series], font, unit)
    values = [v for series in chart.series for v in series.values]
    top_value = _axis_top(max(values, default=0.0), all(float(v).is_integer() for v in values))
    ticks = [top_value * step / 4 for step in range(5)]
    tick_texts = [_tick_text(v) for v in ticks]
    axis_w = max(metrics.horizontalAdvance(t) for t in tick_texts) + metrics.height() * 0.6
    label_h = metrics.height() * 1.5
    plot = QRectF(
        rect.left() + axis_w,
        rect.top() + legend_h + metrics.height(),
        rect.width() - axis_w,
        rect.height() - legend_h - metrics.height() - label_h,
    )
    grid = QPen(QColor("#cccccc"), 0.5 * unit)
    for step, text in enumerate(tick_texts):
        y = plot.bottom() - plot.height() * step / 4
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor("#444444"))
        painter.drawText(
            QRectF(rect.left(), y - metrics.height() / 2, axis_w * 0.85, metrics.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
    groups = max(len(chart.labels), 1)
    group_w = plot.width() / groups
    bar_w = group_w * 0.8 / max(len(chart.series), 1)
    for g, label in enumerate(chart.labels):
        x0 = plot.left() + g * group_w + group_w * 0.1
        for s, series in enumerate(chart.series):
            value = series.values[g] if g < len(series.values) else 0.0
            h = plot.height() * value / top_value
            bar = QRectF(x0 + s * bar_w, plot.bottom() - h, bar_w * 0.92, h)
            painter.fillRect(bar, QColor(PALETTE[s % len(PALETTE)]))
        painter.setPen(QColor("#222222"))
        painter.drawText(
            QRectF(plot.left() + g * group_w, plot.bottom(), group_w, label_h),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(label, Qt.TextElideMode.ElideRight, group_w),
        )
    painter.setPen(QPen(QColor("#444444"), 0.8 * unit))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
