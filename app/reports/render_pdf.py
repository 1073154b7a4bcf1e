"""A report document laid out with QTextDocument and painted page by page.

The same painting serves a PDF file (QPdfWriter) and a printer or print
preview (QPrinter): a running header and a "page n of m" footer on every page,
tables that split across pages with their header row repeated (Qt repeats
``headerRowCount`` rows), numbers right-aligned, and charts drawn as vector
objects inside the text flow.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QEventLoop,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextTableCellFormat,
    QTextTableFormat,
)

from app.errors import AcecError
from app.i18n import _
from app.private_files import create_private
from app.reports.column_room import share_room
from app.reports.model import NUMERIC_KINDS, Chart, Column, Paragraph, ReportDocument, Table
from app.reports.pagination import Page, paginate
from app.reports.render_chart import paint_chart
from app.reports.render_fonts import register_bundled_fonts, report_font
from app.reports.render_pieces import (
    ROLE_CHART,
    ROLE_HEADING,
    ROLE_NOTE,
    ROLE_PROPERTY,
    ROLE_TEXT,
    ROLE_TITLE,
    document_pieces,
)
from app.word_breaks import BREAK, with_break_opportunities

CHART_PREFIX = "acec-chart:"
BODY_PT, TABLE_PT, SMALL_PT = 9.5, 8.5, 7.5
UNBROKEN_KINDS = NUMERIC_KINDS | {"date"}
CELL_PADDING, CELL_PADDING_V, BORDER = 3.5, 1.6, 0.6  # points


class _Builder:
    """Writes a ReportDocument into a QTextDocument laid out for ``device``."""

    def __init__(self, report: ReportDocument, device: QPagedPaintDevice, width: float) -> None:
        self.report = report
        self.width = width
        self.device = device
        # Device pixels per point, for what we paint ourselves (header, charts).
        self.device_unit = device.logicalDpiY() / 72.0
        self.doc = QTextDocument()
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setDefaultFont(report_font(report.locale, BODY_PT))
        self.doc.setDocumentMargin(0)
        self.doc.setUndoRedoEnabled(False)
        self.charts = report.charts()
        self.cursor = QTextCursor(self.doc)
        self._chart_count = 0
        self._empty_block = True
        blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank = blank
        self.image_scale = _image_scale(device, blank)
        # The layout scales its lengths (margins, padding, borders, images) on a
        # printer by the device's DPI over the screen's, so one point is this:
        self.unit = self.device_unit / self.image_scale

    def _char(self, size: float, *, bold: bool = False, color: str = "#000000") -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFont(report_font(self.report.locale, size, bold=bold))
        fmt.setForeground(QColor(color))
        return fmt

    def _block(
        self, role: int, *, top: float = 0, bottom: float = 0, page_break: bool = False
    ) -> None:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top * self.unit)
        fmt.setBottomMargin(bottom * self.unit)
        fmt.setProperty(ROLE_PROPERTY, role)
        # Every paragraph wraps (Qt's "non-breakable lines" would not wrap at all and
        # run off the page); keeping lines on one page is the pagination's work.
        if page_break:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        if self._empty_block:  # the document's first block, or the one after a table
            self.cursor.setBlockFormat(fmt)
            self._empty_block = False
        else:
            self.cursor.insertBlock(fmt)

    def build(self) -> QTextDocument:
        # One edit block: the layout runs once at the end, not after every cell.
        self.cursor.beginEditBlock()
        self._block(ROLE_TEXT, bottom=4)
        self.cursor.insertText(
            _breakable(self.report.title), self._char(18, bold=True, color="#1f4e79")
        )
        for line in self.report.title_lines:
            self._block(ROLE_TEXT)
            self.cursor.insertText(_breakable(line), self._char(BODY_PT, color="#333333"))
        for section in self.report.sections:
            self._block(
                ROLE_HEADING,
                top=10 if section.level == 1 else 6,
                bottom=4,
                page_break=section.new_page,
            )
            size = 13 if section.level == 1 else 11
            self.cursor.insertText(
                _breakable(section.heading), self._char(size, bold=True, color="#1f4e79")
            )
            for n, block in enumerate(section.blocks):
                if isinstance(block, Table):
                    # A table first under a heading of the same words is not titled again.
                    self._table(block, titled=n > 0 or block.title != section.heading)
                elif isinstance(block, Chart):
                    self._chart()
                elif isinstance(block, Paragraph):
                    self._block(ROLE_TEXT, top=2, bottom=2)
                    self.cursor.insertText(
                        _breakable(block.text), self._char(BODY_PT, bold=block.emphasis)
                    )
        self.cursor.endEditBlock()
        return self.doc

    def _chart(self) -> None:
        """Reserve the chart's place with an invisible image; it is painted over later.

        (Qt's QTextObjectInterface handlers are not called for Python objects,
        so the chart is drawn in vector form at the place the layout gave it.)
        """
        chart = self.charts[self._chart_count]
        name = f"{CHART_PREFIX}{self._chart_count}"
        self._chart_count += 1
        self.doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), self._blank)
        self._block(ROLE_CHART, top=6, bottom=6)
        fmt = QTextImageFormat()
        fmt.setName(name)
        # Qt scales image sizes on printers by the device's DPI over the screen's.
        fmt.setWidth(self.width * 0.98 / self.image_scale)
        fmt.setHeight(self.width * (0.3 if chart.kind == "pie" else 0.38) / self.image_scale)
        self.cursor.insertImage(fmt)

    def _table(self, table: Table, *, titled: bool = True) -> None:
        if titled:
            self._block(ROLE_TITLE, top=5, bottom=2)
            self.cursor.insertText(_breakable(table.title), self._char(BODY_PT + 0.5, bold=True))
        fmt = QTextTableFormat()
        fmt.setHeaderRowCount(1)
        fmt.setCellPadding(CELL_PADDING * self.unit)
        fmt.setCellSpacing(0)
        fmt.setBorder(BORDER * self.unit)
        fmt.setBorderBrush(QColor("#9aa5b1"))
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderCollapse(True)
        fmt.setTopMargin(2 * self.unit)
        fmt.setBottomMargin(4 * self.unit)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        head_metrics = QFontMetricsF(
            report_font(self.report.locale, TABLE_PT, bold=True), self.device
        )
        body_metrics = QFontMetricsF(report_font(self.report.locale, TABLE_PT), self.device)
        fmt.setColumnWidthConstraints(
            _column_widths(table, head_metrics, body_metrics, 11 * self.device_unit, self.width)
        )
        qtable = self.cursor.insertTable(len(table.rows) + 1, len(table.columns), fmt)
        head = self._char(TABLE_PT, bold=True)
        body = self._char(TABLE_PT)
        total = self._char(TABLE_PT, bold=True)
        first_total = len(table.rows) - table.total_rows
        for c, column in enumerate(table.columns):
            cell = qtable.cellAt(0, c)
            cell.setFormat(self._cell_format(header=True))
            self._cell_text(cell.firstCursorPosition(), column.header, head, column)
        plain = self._cell_format(header=False)
        for r, row in enumerate(table.rows, start=1):
            style = total if r - 1 >= first_total else body
            for c, value in enumerate(row):
                cell = qtable.cellAt(r, c)
                cell.setFormat(plain)
                cursor = cell.firstCursorPosition()
                self._cell_text(cursor, value.text, style, table.columns[c], header=False)
        # Qt leaves an empty block after a table: the next text goes in it.
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self._empty_block = True
        if table.note:
            self._block(ROLE_NOTE, top=2)
            self.cursor.insertText(_breakable(table.note), self._char(SMALL_PT, color="#444444"))

    def _cell_format(self, *, header: bool) -> QTextTableCellFormat:
        """Less padding above and below than beside: rows stay compact, columns apart."""
        fmt = QTextTableCellFormat()
        fmt.setTopPadding(CELL_PADDING_V * self.unit)
        fmt.setBottomPadding(CELL_PADDING_V * self.unit)
        fmt.setLeftPadding(CELL_PADDING * self.unit)
        fmt.setRightPadding(CELL_PADDING * self.unit)
        if header:
            fmt.setBackground(QColor("#dde6ef"))
        return fmt

    @staticmethod
    def _cell_text(
        cursor: QTextCursor,
        text: str,
        fmt: QTextCharFormat,
        column: Column,
        *,
        header: bool = True,
    ) -> None:
        block = QTextBlockFormat()
        right = Qt.AlignmentFlag.AlignRight
        block.setAlignment(right if column.numeric else Qt.AlignmentFlag.AlignLeft)
        # A number or a date never wraps ("2011年5月15 / 日"); its column is made wide enough.
        block.setNonBreakableLines(not header and column.kind in UNBROKEN_KINDS)
        cursor.setBlockFormat(block)
        cursor.insertText(_breakable(text), fmt)


def _breakable(text: str) -> str:
    """``text`` with the places Khmer, Lao and Burmese lines may break marked (ICU)."""
    return with_break_opportunities(text)


def _words(text: str) -> list[str]:
    """The pieces of ``text`` a line never breaks inside (at spaces and ICU's breaks)."""
    return _breakable(text).replace(BREAK, " ").split()


def _word_width(metrics: QFontMetricsF, word: str) -> float:
    """The width a word needs unbroken; Han text may break between any characters.

    A web address or a path breaks too (Qt wraps a word wider than its cell
    anywhere), so it asks only for its longest part between slashes: a whole
    address would take the table's width from every other column.
    """
    if any("\u2e80" <= ch <= "\u9fff" for ch in word):
        return metrics.horizontalAdvance(word[:4])
    if "/" in word:
        return max(metrics.horizontalAdvance(part[:16]) for part in word.split("/"))
    return metrics.horizontalAdvance(word)


def _column_widths(
    table: Table, head: QFontMetricsF, body: QFontMetricsF, padding: float, width: float
) -> list[QTextLength]:
    """Give each column at least its longest word, then share the rest by text length."""
    least, wanted = [], []
    for c, column in enumerate(table.columns):
        texts = [row[c].text for row in table.rows[:300]]
        need = max([_word_width(head, w) for w in _words(column.header)] + [0.0])
        if column.kind in UNBROKEN_KINDS:  # a number or a date never wraps
            need = max([need] + [body.horizontalAdvance(t) for t in texts])
        else:
            need = max([need] + [_word_width(body, w) for t in texts for w in _words(t)])
        full = max(
            [head.horizontalAdvance(column.header)] + [body.horizontalAdvance(t) for t in texts]
        )
        least.append(need * 1.1 + padding)  # bold totals are a little wider
        wanted.append(max(full, need) + padding)
    if sum(wanted) <= width or sum(least) >= width:
        widths = wanted if sum(wanted) <= width else least
    else:  # every column gets its least; the room left goes where it saves most lines
        text_widths = [
            [body.horizontalAdvance(row[c].text) for row in table.rows[:300]]
            for c in range(len(table.columns))
        ]
        widths = share_room(least, wanted, text_widths, width, padding)
    total = sum(widths)
    return [QTextLength(QTextLength.Type.PercentageLength, 100 * w / total) for w in widths]


def _image_scale(device: QPagedPaintDevice, blank: QImage) -> float:
    """How much the layout enlarges an image on ``device`` (1 on a screen-like device)."""
    probe = QTextDocument()
    probe.documentLayout().setPaintDevice(device)
    probe.setDocumentMargin(0)
    probe.addResource(QTextDocument.ResourceType.ImageResource, QUrl("acec-probe"), blank)
    fmt = QTextImageFormat()
    fmt.setName("acec-probe")
    fmt.setWidth(1000)
    fmt.setHeight(10)
    QTextCursor(probe).insertImage(fmt)
    probe.setTextWidth(1_000_000)
    line = probe.begin().layout().lineAt(0)
    return line.naturalTextWidth() / 1000 if line.isValid() and line.naturalTextWidth() else 1.0


def _chart_places(doc: QTextDocument) -> list[tuple[int, QRectF]]:
    """Where the layout put each chart placeholder, in document coordinates."""
    places = []
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name().startswith(CHART_PREFIX):
                image = fmt.toImageFormat()
                index = int(image.name()[len(CHART_PREFIX) :])
                box = layout.blockBoundingRect(block)
                line = block.layout().lineForTextPosition(fragment.position() - block.position())
                top = box.top() + (line.y() if line.isValid() else 0)
                scale = line.naturalTextWidth() / image.width() if line.isValid() else 1.0
                size = QSizeF(image.width() * scale, image.height() * scale)
                places.append((index, QRectF(QPointF(box.left(), top), size)))
            it += 1
        block = block.next()
    return places


@dataclass
class _Layout:
    """A report laid out as one long strip for ``device`` and cut into pages."""

    builder: _Builder
    pages: list[Page]
    width: float
    height: float
    line_h: float
    small: QFont

    @property
    def header_h(self) -> float:
        return self.line_h * 2.2


def _lay_out(report: ReportDocument, device: QPagedPaintDevice) -> _Layout:
    small = report_font(report.locale, SMALL_PT)
    line_h = QFontMetricsF(small, device).height()
    page = device.pageLayout().paintRectPixels(device.logicalDpiY())
    width, height = float(page.width()), float(page.height())
    builder = _Builder(report, device, width)
    doc = builder.build()
    doc.setTextWidth(width)  # no pages: we choose where they break
    unit = builder.device_unit
    pieces = document_pieces(doc, padding=CELL_PADDING_V * unit, border=BORDER * unit)
    body_h = height - 2 * line_h * 2.2  # the running header and the footer
    return _Layout(builder, paginate(pieces, body_h), width, height, line_h, small)


def layout_pages(report: ReportDocument, device: QPagedPaintDevice) -> list[Page]:
    """The pages ``report`` takes on ``device`` and the pieces on each (for tests)."""
    return _lay_out(report, device).pages


def paint_report(report: ReportDocument, device: QPagedPaintDevice) -> int:
    """Lay ``report`` out for ``device`` (a QPdfWriter or QPrinter) and paint every page.

    Returns the number of pages.
    """
    laid = _lay_out(report, device)
    charts = _chart_places(laid.builder.doc)
    count = len(laid.pages)
    painter = QPainter()
    if not painter.begin(device):
        raise AcecError(_("Cannot start drawing the report (is the file open elsewhere?)."))
    try:
        for number, page in enumerate(laid.pages):
            if number:
                device.newPage()
            _paint_margins(
                painter,
                report,
                laid.small,
                number + 1,
                count,
                laid.width,
                laid.height,
                laid.line_h,
                laid.builder.device_unit,
            )
            y = laid.header_h
            if page.header:
                y += _paint_band(painter, laid, charts, page.header, y)
            if page.pieces:
                _paint_band(painter, laid, charts, page.band, y)
    finally:
        painter.end()
    return count


def _paint_band(
    painter: QPainter,
    laid: _Layout,
    charts: list[tuple[int, QRectF]],
    band: tuple[float, float],
    y: float,
) -> float:
    """Paint the document between ``band`` (document y) at page height ``y``."""
    top, bottom = band
    painter.save()
    painter.translate(0, y - top)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, top, laid.width, bottom - top)
    painter.setClipRect(context.clip)
    laid.builder.doc.documentLayout().draw(painter, context)
    for index, place in charts:
        if place.intersects(context.clip):
            paint_chart(painter, place, laid.builder.charts[index], laid.small)
    painter.restore()
    return bottom - top


def _paint_margins(
    painter: QPainter,
    report: ReportDocument,
    font: QFont,
    number: int,
    pages: int,
    width: float,
    height: float,
    line_h: float,
    unit: float,
) -> None:
    painter.save()
    painter.setFont(font)
    painter.setPen(QColor("#555555"))
    painter.drawText(
        QRectF(0, 0, width, line_h * 1.4),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        report.header,
    )
    painter.setPen(QPen(QColor("#9aa5b1"), 0.5 * unit))
    painter.drawLine(QPointF(0, line_h * 1.5), QPointF(width, line_h * 1.5))
    painter.drawLine(QPointF(0, height - line_h * 1.5), QPointF(width, height - line_h * 1.5))
    painter.setPen(QColor("#555555"))
    painter.drawText(
        QRectF(0, height - line_h * 1.4, width, line_h * 1.4),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        report.page_label.format(page=number, pages=pages),
    )
    painter.restore()


def write_pdf(report: ReportDocument, path: Path | str) -> int:
    """Write ``report`` as an A4 PDF at ``path``; return the number of pages."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # Fails early, with a readable message, when the file cannot be written;
        # Qt then rewrites the owner-only file, keeping its mode.
        create_private(target)
    except OSError as exc:
        raise AcecError(
            _("Cannot write {file}: {error}").format(file=target, error=exc.strerror)
        ) from exc
    return paint_report(report, a4_writer(target, report.title))


def pdf_bytes(report: ReportDocument) -> tuple[bytes, int]:
    """``report`` as the bytes of the PDF ``write_pdf`` writes, and its number of pages.

    Paints on a PDF writer of its own (no widget, no window), so it may run on
    the worker thread while the window stays responsive.
    """
    # The text layout starts timers; a thread Qt did not start (the window's
    # worker) has no event dispatcher for them until an event loop makes one.
    _dispatcher = QEventLoop()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = a4_writer(buffer, report.title)
    pages = paint_report(report, writer)
    del writer  # the PDF is complete once its writer is gone
    data = bytes(buffer.data().data())
    buffer.close()
    return data, pages


def write_pdf_bytes(data: bytes, path: Path | str) -> None:
    """Write PDF ``data`` (from ``pdf_bytes``) as an owner-only file at ``path``."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        create_private(target)
        with target.open("r+b") as out:
            out.write(data)
    except OSError as exc:
        raise AcecError(
            _("Cannot write {file}: {error}").format(file=target, error=exc.strerror)
        ) from exc


def a4_writer(target: Path | QIODevice, title: str) -> QPdfWriter:
    """The PDF device every report file is painted on: A4 at 300 dpi."""
    writer = QPdfWriter(target if isinstance(target, QIODevice) else str(target))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(16, 12, 16, 12), QPageLayout.Unit.Millimeter)
    writer.setTitle(title)
    writer.setCreator("ACEC Tracker")
    return writer


_application: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """Start Qt's GUI layer for fonts and PDF output when no window is running.

    A command on a Linux machine without a display draws offscreen.
    """
    global _application
    if QGuiApplication.instance() is not None:
        return
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _application = QGuiApplication(["acec"])
    register_bundled_fonts()
