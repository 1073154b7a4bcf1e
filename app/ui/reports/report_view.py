"""The report shown beside its choices: its PDF pages, page by page, with zoom."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.i18n import _, format_number_pattern
from app.ui.wrapping_label import WrappingLabel

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)


class ReportView(QWidget):
    """A PDF made in memory, shown with page navigation and zoom (QtPdf's QPdfView)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pdf = QPdfDocument(self)
        self._buffer: QBuffer | None = None  # the document reads its bytes from here
        self.view = QPdfView(self)
        self.view.setDocument(self.pdf)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.previous_button = self._tool("go-previous", _("Previous page"), "PgUp")
        self.next_button = self._tool("go-next", _("Next page"), "PgDown")
        self.page_label = QLabel(self)
        self.zoom_out_button = self._tool("zoom-out", _("Zoom out"), "Ctrl+-")
        self.zoom_in_button = self._tool("zoom-in", _("Zoom in"), "Ctrl++")
        self.fit_button = self._tool("zoom-fit-best", _("Fit the page width"), "Ctrl+0")
        self.fit_button.setCheckable(True)
        self.zoom_label = QLabel(self)
        self.message = WrappingLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previous_button.clicked.connect(self._on_previous)
        self.next_button.clicked.connect(self._on_next)
        self.zoom_in_button.clicked.connect(self._on_zoom_in)
        self.zoom_out_button.clicked.connect(self._on_zoom_out)
        self.fit_button.clicked.connect(self._on_fit_width)
        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)
        self.view.zoomFactorChanged.connect(self._on_zoom_changed)
        self.view.zoomModeChanged.connect(self._on_zoom_changed)
        self.pdf.pageCountChanged.connect(self._on_page_changed)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.next_button, self.page_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar.addWidget(widget)
        bar.addWidget(self.fit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        self.show_message(_("Choose a report."))
        self._on_zoom_changed()
        self._on_page_changed()

    def _tool(self, icon: str, tip: str, keys: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(tip)
        button.setToolTip(f"{tip} ({keys})")
        button.setShortcut(keys)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAccessibleName(tip)
        button.setObjectName(icon)
        return button

    # --- what is shown -------------------------------------------------------------

    def show_pdf(self, data: bytes) -> None:
        """Show the PDF ``data`` from its first page, keeping the zoom the user chose."""
        self.pdf.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.message.hide()
        self.view.show()
        self.go_to(0)
        self._on_page_changed()

    def show_message(self, text: str) -> None:
        """Say ``text`` above the pages (preparing, or why there is no report)."""
        self.message.setText(text)
        self.message.show()

    def clear(self, text: str) -> None:
        """Show no pages, only ``text``."""
        self.pdf.close()
        self.show_message(text)
        self._on_page_changed()

    @property
    def page_count(self) -> int:
        """Pages of the shown report (0 when none is shown)."""
        return int(self.pdf.pageCount())

    @property
    def current_page(self) -> int:
        """The page in view, counted from 0."""
        return int(self.view.pageNavigator().currentPage())

    def go_to(self, page: int) -> None:
        """Bring page ``page`` (from 0) into view."""
        if 0 <= page < self.page_count:
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    # --- the user's buttons ----------------------------------------------------------

    def _on_previous(self) -> None:
        self.go_to(self.current_page - 1)

    def _on_next(self) -> None:
        self.go_to(self.current_page + 1)

    def _zoom_by(self, factor: float) -> None:
        low, high = ZOOM_RANGE
        zoom = min(max(self.view.zoomFactor() * factor, low), high)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(zoom)

    def _on_zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def _on_zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def _on_fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._on_zoom_changed()  # a second click leaves the mode as it was: stay checked

    def _on_page_changed(self, *_args: object) -> None:
        pages = self.page_count
        page = self.current_page
        self.page_label.setText(
            _("Page {page} of {pages}").format(page=page + 1, pages=pages) if pages else ""
        )
        self.previous_button.setEnabled(pages > 0 and page > 0)
        self.next_button.setEnabled(page + 1 < pages)
        for button in (self.zoom_in_button, self.zoom_out_button, self.fit_button):
            button.setEnabled(pages > 0)

    def _on_zoom_changed(self, *_args: object) -> None:
        fitted = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        self.fit_button.setChecked(fitted)
        if fitted:
            self.zoom_label.clear()
        else:
            zoom = Decimal(round(self.view.zoomFactor() * 100)) / 100
            self.zoom_label.setText(format_number_pattern(zoom, "#,##0%"))
