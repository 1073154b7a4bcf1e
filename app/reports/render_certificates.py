"""Certificates as a PDF: one A4 landscape page per trainee, painted with QPainter.

The words come from ``certificate_texts`` (in the chosen language, the plan's
own titles in Chinese when printing Chinese); the fonts are the reports'
Noto families, so a Khmer, Lao, Thai, Myanmar or Chinese name prints beside
its Latin spelling.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from app.errors import AcecError
from app.i18n import _, country_name, format_date
from app.models.plan_wording import localised
from app.private_files import create_private
from app.reports.certificates import CertificateBatch, CertificatePage, check_printable
from app.reports.office_names import office_title
from app.reports.render_fonts import report_font
from app.reports.scope import report_locale

_ACCENT = QColor("#1f5f8b")


@dataclass(frozen=True)
class CertificateText:
    """Every line of one certificate, already in the chosen language."""

    plan: str
    heading: str
    certify: str
    name: str
    name_local: str
    completed: str
    title: str
    title_local: str
    item: str
    held: str
    number: str
    date: str
    issuer: str


def _held_text(batch: CertificateBatch) -> str:
    place = ", ".join(p for p in (batch.city, country_name(batch.host_country)) if p)
    start, end = batch.start, batch.end
    if start and end and start != end:
        when = _("from {start} to {end}").format(
            start=format_date(start, "long"), end=format_date(end, "long")
        )
    elif start or end:
        when = _("on {date}").format(date=format_date(start or end, "long"))
    else:
        when = ""
    if place and when:
        return _("held in {place} {when}").format(place=place, when=when)
    if place:
        return _("held in {place}").format(place=place)
    return _("held {when}").format(when=when) if when else ""


def certificate_texts(batch: CertificateBatch, page: CertificatePage) -> CertificateText:
    """The lines of one certificate in the current language."""
    local = (page.name_local or "").strip()
    title_local = (batch.title_local or "").strip()
    return CertificateText(
        plan=localised(*batch.plan_title),
        heading=_("Certificate of completion"),
        certify=_("This is to certify that"),
        name=page.name,
        name_local="" if local == page.name else local,
        completed=_("has completed the training"),
        title=batch.title,
        title_local="" if title_local == batch.title else title_local,
        item=localised(*batch.item_title),
        held=_held_text(batch),
        number=_("Certificate No. {number}").format(number=page.number),
        date=_("Date of issue: {date}").format(date=format_date(page.date, "long"))
        if page.date
        else "",
        issuer=office_title(batch.site, batch.office_name),
    )


def write_certificates_pdf(batch: CertificateBatch, path: Path | str, language: str | None) -> int:
    """Write one page per numbered certificate of ``batch``; return the number of pages."""
    check_printable(batch)
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        create_private(target)  # fails early, readably, when the file cannot be written
    except OSError as exc:
        raise AcecError(
            _("Cannot write {file}: {error}").format(file=target, error=exc.strerror)
        ) from exc
    with report_locale(language) as locale:
        texts = [certificate_texts(batch, page) for page in batch.pages]
        writer = QPdfWriter(str(target))
        writer.setResolution(300)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Landscape,
                QMarginsF(12, 12, 12, 12),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(_("Certificates: {title}").format(title=batch.title))
        writer.setCreator("ACEC Tracker")
        painter = QPainter()
        if not painter.begin(writer):
            raise AcecError(_("Cannot write {file}.").format(file=target))
        try:
            for index, text in enumerate(texts):
                if index:
                    writer.newPage()
                _paint_page(painter, text, locale)
        finally:
            painter.end()
    return len(texts)


class _Lines:
    """Centred lines down a page, each in its own font, wrapped when too long."""

    def __init__(self, painter: QPainter, locale: str, left: float, width: float) -> None:
        self.painter, self.locale, self.left, self.width = painter, locale, left, width
        self.y = 0.0
        self.unit = painter.device().logicalDpiY() / 72.0  # device pixels per point

    def skip(self, points: float) -> None:
        self.y += points * self.unit

    def add(
        self, text: str, size: float, *, bold: bool = False, color: QColor | None = None
    ) -> None:
        if not text:
            return
        font = report_font(self.locale, size, bold=bold)
        self.painter.setFont(font)
        self.painter.setPen(color or QColor("black"))
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        box = QFontMetricsF(font, self.painter.device()).boundingRect(
            QRectF(0, 0, self.width, 10_000), int(flags), text
        )
        self.painter.drawText(QRectF(self.left, self.y, self.width, box.height()), int(flags), text)
        self.y += box.height() + size * 0.35 * self.unit


def _paint_page(painter: QPainter, text: CertificateText, locale: str) -> None:
    area = QRectF(painter.viewport())
    unit = painter.device().logicalDpiY() / 72.0
    painter.setPen(QPen(_ACCENT, 3 * unit))
    painter.drawRect(area.adjusted(2 * unit, 2 * unit, -2 * unit, -2 * unit))
    painter.setPen(QPen(_ACCENT, 0.8 * unit))
    painter.drawRect(area.adjusted(8 * unit, 8 * unit, -8 * unit, -8 * unit))
    inner = area.adjusted(40 * unit, 30 * unit, -40 * unit, -30 * unit)
    lines = _Lines(painter, locale, inner.left(), inner.width())
    lines.y = inner.top()
    lines.add(text.plan, 13, color=_ACCENT)
    lines.skip(10)
    lines.add(text.heading, 32, bold=True, color=_ACCENT)
    lines.skip(14)
    lines.add(text.certify, 14)
    lines.skip(6)
    lines.add(text.name, 28, bold=True)
    lines.add(text.name_local, 24, bold=True)
    lines.skip(6)
    lines.add(text.completed, 14)
    lines.skip(4)
    lines.add(text.title, 18, bold=True)
    lines.add(text.title_local, 15)
    lines.add(text.item, 12, color=_ACCENT)
    lines.add(text.held, 13)
    _paint_footer(painter, text, locale, inner)


def _paint_footer(painter: QPainter, text: CertificateText, locale: str, inner: QRectF) -> None:
    unit = painter.device().logicalDpiY() / 72.0
    font = report_font(locale, 11)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    height = QFontMetricsF(font, painter.device()).height() * 3
    box = QRectF(inner.left(), inner.bottom() - height, inner.width(), height)
    bottom = Qt.AlignmentFlag.AlignBottom
    painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | bottom), f"{text.number}\n{text.date}")
    painter.setPen(QPen(QColor("black"), 0.6 * unit))
    line_y = box.bottom() - QFontMetricsF(font, painter.device()).height() * 1.3
    painter.drawLine(int(box.right() - 200 * unit), int(line_y), int(box.right()), int(line_y))
    painter.drawText(box, int(Qt.AlignmentFlag.AlignRight | bottom), text.issuer)
