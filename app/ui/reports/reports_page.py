"""The Reports page: choose a report, its country, year and language; preview, print, save.

The numbers are collected on the worker thread (BackgroundTask); the document
is written on the UI thread, because writing it switches the language for a
moment and no other text should be translated meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AcecError, short_description
from app.i18n import (
    _,
    available_locales,
    current_locale,
    language_name,
    ngettext,
    normalise_locale,
)
from app.logging_setup import log_unexpected
from app.models.codes import COUNTRY_CODES, label_of
from app.reports.activity_sheet import activity_choices
from app.reports.catalogue import REPORT_KINDS, ReportRequest, collect_report, compose_report
from app.reports.model import ReportDocument
from app.reports.render_fonts import missing_families
from app.reports.render_pdf import paint_report, write_pdf
from app.reports.render_xlsx import write_xlsx
from app.reports.scope import plan_years
from app.store import Database
from app.ui.background import BackgroundTask
from app.ui.collation import collated
from app.ui.shell.combo_fit import fit_popup


class ReportsPage(QWidget):
    """Reports for the ministry and the ministers' meeting, on paper, PDF or Excel."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.document: ReportDocument | None = None
        self._task: BackgroundTask | None = None
        self.preview: QPrintPreviewDialog | None = None
        self._preview_printers: list[QPrinter] = []

        self.kind = QComboBox(self)
        for kind, label in REPORT_KINDS.items():
            self.kind.addItem(_(label), kind)
        self.country = QComboBox(self)
        self.country.addItem(_("The whole region"), None)
        for code in collated(COUNTRY_CODES, key=lambda c: label_of("country", c)):
            self.country.addItem(label_of("country", code), code)
        self.year = QComboBox(self)
        self.year.addItem(_("Whole plan period"), None)
        for year in plan_years(db):
            self.year.addItem(str(year), year)
        self.language = QComboBox(self)
        live = str(current_locale())
        for ident in available_locales():
            self.language.addItem(language_name(ident), ident)
            if normalise_locale(ident) == live:
                self.language.setCurrentIndex(self.language.count() - 1)
        self.activity_search = QLineEdit(self)
        self.activity_search.setPlaceholderText(_("Type part of the activity's title"))
        self.activity_search.textChanged.connect(self._on_search)
        self.activity = QComboBox(self)
        self.activity.setMinimumContentsLength(40)
        fit_popup(self.activity)

        self.form = QFormLayout()
        self.form.addRow(_("&Report:"), self.kind)
        self.form.addRow(_("&Country:"), self.country)
        self.form.addRow(_("&Year:"), self.year)
        self.form.addRow(_("&Language:"), self.language)
        self.form.addRow(_("Find &activity:"), self.activity_search)
        self.form.addRow(_("Ac&tivity:"), self.activity)
        box = QGroupBox(_("Which report"), self)
        box.setLayout(self.form)

        self.preview_button = QPushButton(_("Pre&view…"), self)
        self.print_button = QPushButton(_("&Print…"), self)
        self.pdf_button = QPushButton(_("Save as P&DF…"), self)
        self.xlsx_button = QPushButton(_("Save as &Excel…"), self)
        self.preview_button.clicked.connect(self._on_preview)
        self.print_button.clicked.connect(self.print_current)
        self.pdf_button.clicked.connect(self._on_save_pdf)
        self.xlsx_button.clicked.connect(self._on_save_xlsx)
        buttons = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.pdf_button, self.xlsx_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(box)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.language.currentIndexChanged.connect(self._on_language)
        self._on_kind()
        self._on_language()

    # --- what the user chose ---------------------------------------------------

    def request(self) -> ReportRequest:
        """The report the page is set to."""
        kind = str(self.kind.currentData())
        return ReportRequest(
            kind=kind,
            country=self.country.currentData(),
            year=self.year.currentData(),
            activity_uid=self.activity.currentData() if kind == "activity" else None,
            language=str(self.language.currentData()),
        )

    def _on_kind(self) -> None:
        is_sheet = self.kind.currentData() == "activity"
        for widget in (self.activity_search, self.activity):
            widget.setVisible(is_sheet)
            self.form.labelForField(widget).setVisible(is_sheet)
        for widget in (self.country, self.year):
            widget.setEnabled(not is_sheet)
        if is_sheet and self.activity.count() == 0:
            self._on_search(self.activity_search.text())

    def _on_language(self) -> None:
        missing = missing_families(str(self.language.currentData()))
        if missing:
            self.status.setText(
                _(
                    "These fonts are not installed, so some text may print as empty boxes: "
                    "{fonts}. Install the Noto fonts (see the README), then restart."
                ).format(fonts=", ".join(missing))
            )

    def _on_search(self, text: str) -> None:
        self.activity.clear()
        for uid, label in activity_choices(self.db, text.strip()):
            self.activity.addItem(label, uid)

    # --- doing it ----------------------------------------------------------------

    def prepare(self, then: Callable[[ReportDocument], None]) -> None:
        """Collect the chosen report off the UI thread, write it, then call ``then``."""
        if self._task is not None and self._task.running:
            return
        request = self.request()
        self._set_busy(True)
        self.status.setText(_("Preparing the report…"))
        db = self.db
        task = BackgroundTask(
            self,
            _("Preparing the report…"),
            lambda progress: collect_report(db, request),
            cancellable=False,
        )
        task.done.connect(lambda data: self._on_collected(data, request, then))
        task.error.connect(self._on_failed)
        self._task = task
        task.start()

    def _on_collected(
        self, data: Any, request: ReportRequest, then: Callable[[ReportDocument], None]
    ) -> None:
        try:
            self.document = compose_report(data, request.language)
            then(self.document)
        except Exception as exc:  # shown on the page, never a traceback
            self._on_failed(exc)
            return
        finally:
            self._set_busy(False)

    def _on_failed(self, exc: object) -> None:
        self._set_busy(False)
        if isinstance(exc, AcecError):
            message = exc.message
        else:
            log = log_unexpected(exc) if isinstance(exc, BaseException) else ""
            error = short_description(exc) if isinstance(exc, BaseException) else exc
            message = _(
                "The report could not be made: {error}. Details were written to {log}."
            ).format(error=error, log=log)
        self.status.setText(message)

    def _set_busy(self, busy: bool) -> None:
        for b in (self.preview_button, self.print_button, self.pdf_button, self.xlsx_button):
            b.setEnabled(not busy)

    def _default_path(self, suffix: str) -> str:
        r = self.request()
        parts = [r.kind, r.country or _("region"), str(r.year) if r.year else _("plan")]
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return str(Path(folder) / ("_".join(parts) + suffix))

    # --- preview and print ---------------------------------------------------------

    def preview_dialog(self, document: ReportDocument) -> QPrintPreviewDialog:
        """A print preview of ``document``, deleted when closed (not shown; the caller opens it)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        # The dialog only borrows its printer: a printer collected while the
        # dialog paints crashes QtPrintSupport, so it is kept until the dialog
        # itself is destroyed (destroyed fires after the dialog's destructor).
        self._preview_printers.append(printer)
        dialog.destroyed.connect(lambda _obj=None: self._release_printer(printer))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowTitle(document.title)
        dialog.paintRequested.connect(lambda p: paint_report(document, p))
        dialog.finished.connect(self._on_preview_finished)
        self.preview = dialog
        return dialog

    def _release_printer(self, printer: QPrinter) -> None:
        self._preview_printers = [p for p in self._preview_printers if p is not printer]

    def _on_preview_finished(self, _result: int) -> None:
        self.preview = None

    def _on_preview(self) -> None:
        self.prepare(self._show_preview)

    def _show_preview(self, document: ReportDocument) -> None:
        self.status.clear()  # "Preparing the report…" is over once the pages show
        # open(), not exec(): modal to this window without a nested event loop.
        self.preview_dialog(document).open()

    def print_current(self) -> None:
        """Prepare the chosen report and print it (the print dialog picks the printer)."""
        self.prepare(self._print)

    def _print(self, document: ReportDocument) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.status.setText(_("Printing cancelled."))
            return
        pages = paint_report(document, printer)
        self.status.setText(
            ngettext(
                "Sent {n} page to the printer.", "Sent {n} pages to the printer.", pages
            ).format(n=pages)
        )

    # --- files -----------------------------------------------------------------------

    def _on_save_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the report as PDF"), self._default_path(".pdf"), _("PDF (*.pdf)")
        )
        if path:
            self.save_pdf(path)

    def _on_save_xlsx(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the report's tables for Excel"),
            self._default_path(".xlsx"),
            _("Excel workbook (*.xlsx)"),
        )
        if path:
            self.save_xlsx(path)

    def save_pdf(self, path: str | Path) -> None:
        """Prepare the chosen report and write it as a PDF at ``path``."""

        def write(document: ReportDocument) -> None:
            pages = write_pdf(document, path)
            self.status.setText(
                ngettext("Saved {file} ({n} page).", "Saved {file} ({n} pages).", pages).format(
                    file=path, n=pages
                )
            )

        self.prepare(write)

    def save_xlsx(self, path: str | Path) -> None:
        """Prepare the chosen report and write its tables as .xlsx at ``path``."""

        def write(document: ReportDocument) -> None:
            tables = write_xlsx(document, path)
            self.status.setText(
                ngettext("Saved {file} ({n} table).", "Saved {file} ({n} tables).", tables).format(
                    file=path, n=tables
                )
            )

        self.prepare(write)
