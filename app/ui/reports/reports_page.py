"""The Reports page: choose a report, its country, year and language; see it, print, save.

The chosen report is shown beside the choices and made again whenever a
choice changes. Its numbers are collected on the worker thread, its words
written on the UI thread (writing switches the language for a moment, and no
other text may be translated meanwhile), and its PDF painted on the worker
again, so the window never waits. A report made for choices the user has
since changed is dropped. Print, Save as PDF and Save as Excel act on the
report shown; clicked while it is being made, they act once it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QSplitter,
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
from app.reports.render_pdf import paint_report, pdf_bytes, write_pdf_bytes
from app.reports.render_xlsx import write_xlsx
from app.reports.scope import plan_years
from app.store import Database
from app.ui.background import BackgroundCall, call_on_worker
from app.ui.collation import collated
from app.ui.reports.report_view import ReportView
from app.ui.shell.combo_fit import fit_popup
from app.ui.wrapping_label import WrappingLabel

# Choices typed or scrolled through quickly make one report, not one per step.
REFRESH_DELAY_MS = 250


class ReportsPage(QWidget):
    """Reports for the ministry and the ministers' meeting, on paper, PDF or Excel."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.document: ReportDocument | None = None  # the report shown
        self.pdf: bytes = b""  # ... and its PDF, as shown
        self._generation = 0  # counts the choices made; a report for older ones is dropped
        self._making = False
        self._when_shown: list[Callable[[ReportDocument], None]] = []
        self.preview: QPrintPreviewDialog | None = None
        self.print_dialog: QPrintDialog | None = None
        self._preview_printers: list[QPrinter] = []
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        box = self._make_choices(db)
        buttons = self._make_buttons()
        self.status = WrappingLabel(self)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view = ReportView(self)
        self._lay_out(box, buttons)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.language.currentIndexChanged.connect(self._on_language)
        for combo in (self.kind, self.country, self.year, self.language, self.activity):
            combo.currentIndexChanged.connect(self._on_choice)
        self._on_kind()
        self._on_language()
        self._on_choice()

    def _make_choices(self, db: Database) -> QGroupBox:
        """The report, country, year, language and activity boxes."""
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
        self.accepted_only = QCheckBox(_("Only &figures accepted by the secretariat"), self)
        self.accepted_only.setToolTip(
            _(
                "Count only the records the joint secretariat accepted as they are now "
                "(and the secretariat's own); the report says so on its title line."
            )
        )
        self.accepted_only.toggled.connect(self._on_choice)

        self.form = QFormLayout()
        self.form.addRow(_("&Report:"), self.kind)
        self.form.addRow(_("&Country:"), self.country)
        self.form.addRow(_("&Year:"), self.year)
        self.form.addRow(_("&Language:"), self.language)
        self.form.addRow(_("Find &activity:"), self.activity_search)
        self.form.addRow(_("Ac&tivity:"), self.activity)
        self.form.addRow("", self.accepted_only)
        box = QGroupBox(_("Which report"), self)
        box.setLayout(self.form)
        return box

    def _make_buttons(self) -> QVBoxLayout:
        self.preview_button = QPushButton(_("Pre&view…"), self)
        self.print_button = QPushButton(_("&Print…"), self)
        self.pdf_button = QPushButton(_("Save as P&DF…"), self)
        self.xlsx_button = QPushButton(_("Save as &Excel…"), self)
        self.preview_button.clicked.connect(self._on_preview)
        self.print_button.clicked.connect(self.print_current)
        self.pdf_button.clicked.connect(self._on_save_pdf)
        self.xlsx_button.clicked.connect(self._on_save_xlsx)
        buttons = QVBoxLayout()
        for b in (self.print_button, self.pdf_button, self.xlsx_button, self.preview_button):
            buttons.addWidget(b)
        return buttons

    def _lay_out(self, box: QGroupBox, buttons: QVBoxLayout) -> None:
        """The choices on the left, the report shown on the right."""
        choices = QWidget(self)
        side = QVBoxLayout(choices)
        side.setContentsMargins(0, 0, 8, 0)
        side.addWidget(box)
        side.addLayout(buttons)
        side.addWidget(self.status)
        side.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(choices)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([360, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(splitter)

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
            accepted_only=self.accepted_only.isChecked(),
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
        warning = self._font_warning()
        if warning:
            self.status.setText(warning)

    def _font_warning(self) -> str:
        missing = missing_families(str(self.language.currentData()))
        if not missing:
            return ""
        return _(
            "These fonts are not installed, so some text may print as empty boxes: "
            "{fonts}. Install the Noto fonts (see the README), then restart."
        ).format(fonts=", ".join(missing))

    def _on_search(self, text: str) -> None:
        db, wanted = self.db, text.strip()
        found = call_on_worker(lambda: activity_choices(db, wanted))
        if not shiboken6.isValid(self.activity):
            return  # the page went while the search waited
        self.activity.clear()
        for uid, label in found:
            self.activity.addItem(label, uid)

    # --- making the report shown -------------------------------------------------

    def _on_choice(self, *_args: object) -> None:
        """A choice changed: the report shown no longer fits; make the new one soon."""
        self._generation += 1
        self.document = None
        self.pdf = b""
        self._refresh_timer.start()

    def refresh(self) -> None:
        """Make the chosen report and show it (collected and painted off the UI thread)."""
        self._refresh_timer.stop()
        self._generation += 1
        generation = self._generation
        request = self.request()
        self._making = True
        self.view.show_message(_("Preparing the report…"))
        db = self.db
        call = BackgroundCall(self, lambda: collect_report(db, request))
        call.done.connect(lambda data: self._on_collected(generation, request, data))
        call.error.connect(lambda exc: self._on_failed(generation, exc))
        call.start()

    def _on_collected(self, generation: int, request: ReportRequest, data: Any) -> None:
        if generation != self._generation:
            return  # the user chose another report meanwhile
        try:
            document = compose_report(data, request.language)
        except Exception as exc:  # shown on the page, never a traceback
            self._on_failed(generation, exc)
            return
        call = BackgroundCall(self, lambda: pdf_bytes(document))
        call.done.connect(lambda result: self._on_rendered(generation, document, result))
        call.error.connect(lambda exc: self._on_failed(generation, exc))
        call.start()

    def _on_rendered(self, generation: int, document: ReportDocument, result: Any) -> None:
        if generation != self._generation:
            return
        self._making = False
        self.document, self.pdf = document, result[0]
        self.view.show_pdf(self.pdf)
        self.status.setText(self._font_warning())
        waiting, self._when_shown = self._when_shown, []
        for action in waiting:
            try:
                action(document)
            except Exception as exc:  # e.g. a file that cannot be written
                self._show_error(exc)

    def _on_failed(self, generation: int, exc: object) -> None:
        if generation != self._generation:
            return
        self._making = False
        self._when_shown = []  # what was asked of this report cannot be done
        message = self._show_error(exc)
        self.view.clear(message)

    def _show_error(self, exc: object) -> str:
        if isinstance(exc, AcecError):
            message = exc.message
        else:
            log = log_unexpected(exc) if isinstance(exc, BaseException) else ""
            error = short_description(exc) if isinstance(exc, BaseException) else exc
            message = _(
                "The report could not be made: {error}. Details were written to {log}."
            ).format(error=error, log=log)
        self.status.setText(message)
        return message

    @property
    def making(self) -> bool:
        """True while the chosen report is being made (or about to be)."""
        return self._making or self._refresh_timer.isActive()

    def prepare(self, then: Callable[[ReportDocument], None]) -> None:
        """Call ``then`` with the report shown, at once or as soon as it shows."""
        if self.document is not None and not self.making:
            then(self.document)
            return
        self._when_shown.append(then)
        if not self.making:  # the last attempt failed: try again
            self.refresh()

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
        # As large as the window it comes from: a page is read, not glimpsed.
        dialog.resize(self.window().size() * 0.9)
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
        """Print the report shown (the print dialog picks the printer)."""
        self.prepare(self._print)

    def _print(self, document: ReportDocument) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        # As with the preview: the printer lives as long as the dialog that uses it.
        self._preview_printers.append(printer)
        dialog.destroyed.connect(lambda _obj=None: self._release_printer(printer))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._on_print_finished(result, document, printer))
        self.print_dialog = dialog
        # Shown, not exec(): modal to this window without a nested event loop.
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def _on_print_finished(self, result: int, document: ReportDocument, printer: QPrinter) -> None:
        self.print_dialog = None
        if result != QDialog.DialogCode.Accepted.value:
            self.status.setText(_("Printing cancelled."))
            return
        try:
            pages = paint_report(document, printer)
        except Exception as exc:  # a printer that refuses: said on the page
            self._show_error(exc)
            return
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
        """Write the report shown (once it shows) as a PDF at ``path``."""

        def write(document: ReportDocument) -> None:
            write_pdf_bytes(self.pdf, path)  # the very PDF shown
            pages = self.view.page_count
            self.status.setText(
                ngettext("Saved {file} ({n} page).", "Saved {file} ({n} pages).", pages).format(
                    file=path, n=pages
                )
            )

        self.prepare(write)

    def save_xlsx(self, path: str | Path) -> None:
        """Write the tables of the report shown (once it shows) as .xlsx at ``path``."""

        def write(document: ReportDocument) -> None:
            tables = write_xlsx(document, path)
            self.status.setText(
                ngettext("Saved {file} ({n} table).", "Saved {file} ({n} tables).", tables).format(
                    file=path, n=tables
                )
            )

        self.prepare(write)
