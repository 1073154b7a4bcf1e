"""The Reports page driven with qtbot: the report shown, pages and zoom, print, save, errors."""

from __future__ import annotations

import gc
import os
import shutil
import stat
import subprocess
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog

from app.ui.reports.reports_page import ReportsPage
from tests.reports.conftest import build_report_db
from tests.ui.conftest import OFFSCREEN_NOISE

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


@pytest.fixture(scope="module")
def page_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    db, ids = build_report_db(tmp_path_factory.mktemp("reports-page") / "sec.sqlite")
    yield db, ids
    db.close()


@pytest.fixture
def page(qtbot, page_db) -> ReportsPage:
    db, _ids = page_db
    widget = ReportsPage(db)
    qtbot.addWidget(widget)
    return widget


def _choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def _wait_saved(qtbot, page: ReportsPage, path: Path) -> None:
    qtbot.waitUntil(lambda: path.exists() and "Saved" in page.status.text(), timeout=20_000)


@needs_poppler
def test_save_pdf_for_one_country_in_chinese(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    _choose(page.kind, "training")
    _choose(page.country, "LA")
    _choose(page.language, "zh_Hans_CN")
    path = tmp_path / "training.pdf"
    page.save_pdf(path)
    _wait_saved(qtbot, page, path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    text = unicodedata.normalize("NFKC", text)  # the CJK font maps 老 to the radical ⽼
    assert "能力建设培训" in text  # the title, from the Chinese catalogue
    assert "老挝" in text  # the scope line names Lao PDR in Chinese
    assert page.preview_button.isEnabled()


def test_save_xlsx(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    _choose(page.kind, "funding")
    _choose(page.year, 2011)
    path = tmp_path / "funding.xlsx"
    page.save_xlsx(path)
    _wait_saved(qtbot, page, path)
    ws = load_workbook(path)["By year"]
    assert [row[0] for row in ws.iter_rows(min_row=4, values_only=True)] == [2011, "Total"]


@needs_poppler
def test_print_preview_paints_the_report(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    _choose(page.kind, "envoys")
    documents = []
    page.prepare(documents.append)
    qtbot.waitUntil(lambda: bool(documents), timeout=20_000)
    dialog = page.preview_dialog(documents[0])
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    dialog.paintRequested.emit(printer)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "preview.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Green envoys" in text and "Page 1 of 1" in text


def test_activity_sheet_choice_and_missing_activity(qtbot, page: ReportsPage, page_db) -> None:
    _db, ids = page_db
    _choose(page.kind, "activity")
    assert page.activity.isVisibleTo(page) and not page.country.isEnabled()
    page.activity_search.setText("Vientiane")
    assert page.activity.count() == 1 and page.activity.currentData() == ids["A3"]
    assert page.request().activity_uid == ids["A3"]
    page.activity_search.setText("no such title")
    assert page.activity.count() == 0
    page.save_pdf(Path("never-written.pdf"))
    qtbot.waitUntil(lambda: "needs the activity" in page.status.text(), timeout=20_000)
    assert not Path("never-written.pdf").exists()
    _choose(page.kind, "progress")
    assert not page.activity.isVisibleTo(page)


@OFFSCREEN_NOISE
def test_preview_opens_renders_and_closes_as_a_user_sees_it(qtbot, page: ReportsPage) -> None:
    """Preview… clicked: the dialog shows the rendered pages and closes; nothing crashes.

    Its printer was once a local that died while the dialog used it (a segfault
    in QtPrintSupport the moment the dialog painted).
    """
    _choose(page.kind, "envoys")
    page.show()
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=20_000)
    dialog = page.preview
    assert dialog is not None
    gc.collect()  # a printer the dialog does not keep alive would go now
    view = dialog.findChild(QPrintPreviewWidget)
    assert view is not None
    view.updatePreview()
    qtbot.waitUntil(lambda: view.pageCount() >= 1, timeout=20_000)
    assert dialog.windowTitle() == page.document.title
    assert "Preparing" not in page.status.text()
    dialog.reject()
    qtbot.waitUntil(lambda: page.preview is None, timeout=5_000)
    assert page.preview_button.isEnabled()
    # Opened a second time, it works again (the first dialog and printer are gone).
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible(), timeout=20_000)
    page.preview.reject()
    qtbot.waitUntil(lambda: page.preview is None, timeout=5_000)


# --- the report shown on the page ---------------------------------------------------


def _wait_shown(qtbot, page: ReportsPage) -> None:
    qtbot.waitUntil(lambda: not page.making and page.view.page_count > 0, timeout=30_000)


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "shown.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    return unicodedata.normalize("NFKC", out)


@needs_poppler
@OFFSCREEN_NOISE
def test_each_report_chosen_is_shown_beside_the_choices(
    qtbot, page: ReportsPage, page_db, tmp_path: Path
) -> None:
    _db, ids = page_db
    page.show()
    _wait_shown(qtbot, page)  # the page opens with the first report already drawn
    assert page.document is not None and page.document.kind == "progress"
    titles = {
        "progress": "Progress against the action plan",
        "training": "Capacity building (plan item 2.5)",
        "funding": "Funding of the action plan",
        "envoys": "Green envoys",
        "activity": "Activity sheet",
    }
    for kind, title in titles.items():
        _choose(page.kind, kind)
        if kind == "activity":
            page.activity_search.setText("Vientiane")
        _wait_shown(qtbot, page)
        assert page.document is not None and page.document.kind == kind
        text = _pdf_text(page.pdf, tmp_path)
        assert title in text, kind
        assert page.view.page_label.text() == f"Page 1 of {page.view.page_count}"
    assert "Environmental law workshop, Vientiane" in _pdf_text(page.pdf, tmp_path)
    assert page.request().activity_uid == ids["A3"]


@needs_poppler
@OFFSCREEN_NOISE
def test_year_and_language_changes_redraw_the_report(
    qtbot, page: ReportsPage, tmp_path: Path
) -> None:
    page.show()
    _choose(page.kind, "training")
    _wait_shown(qtbot, page)
    _choose(page.year, 2011)
    assert page.document is None  # what is shown is no longer what is chosen
    _wait_shown(qtbot, page)
    assert page.document is not None and "Year 2011" in page.document.title_lines[2]
    _choose(page.language, "zh_Hans_CN")
    _wait_shown(qtbot, page)
    assert page.document is not None and page.document.locale == "zh_Hans_CN"
    assert "能力建设培训" in _pdf_text(page.pdf, tmp_path)


@OFFSCREEN_NOISE
def test_a_report_for_choices_since_changed_is_dropped(qtbot, page: ReportsPage) -> None:
    page.show()
    _wait_shown(qtbot, page)
    loaded: list[int] = []
    page.view.pdf.statusChanged.connect(
        lambda status: loaded.append(1) if status == QPdfDocument.Status.Ready else None
    )
    started = time.perf_counter()
    page.refresh()  # the whole plan period...
    assert time.perf_counter() - started < 0.5  # handed to the worker, the window goes on
    assert page.making
    _choose(page.year, 2012)  # ... but the user picks 2012 before it is ready
    page.refresh()
    _wait_shown(qtbot, page)
    qtbot.wait(300)  # time enough for a dropped report to show, had it not been dropped
    assert loaded == [1]
    assert page.document is not None and "Year 2012" in page.document.title_lines[2]


@OFFSCREEN_NOISE
def test_pages_forward_and_back_and_zoom(qtbot, page: ReportsPage) -> None:
    page.show()
    page.resize(1200, 800)
    _wait_shown(qtbot, page)
    view = page.view
    assert view.page_count >= 2 and view.current_page == 0
    assert not view.previous_button.isEnabled()
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.current_page == 1, timeout=5_000)
    assert view.page_label.text() == f"Page 2 of {view.page_count}"
    assert view.previous_button.isEnabled()
    qtbot.mouseClick(view.previous_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.current_page == 0, timeout=5_000)
    assert view.view.zoomMode() == QPdfView.ZoomMode.FitToWidth and view.fit_button.isChecked()
    qtbot.mouseClick(view.zoom_in_button, Qt.MouseButton.LeftButton)
    assert view.view.zoomMode() == QPdfView.ZoomMode.Custom
    assert view.view.zoomFactor() == pytest.approx(1.25)
    assert view.zoom_label.text() == "125%" and not view.fit_button.isChecked()
    qtbot.mouseClick(view.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.zoom_out_button, Qt.MouseButton.LeftButton)
    assert view.view.zoomFactor() == pytest.approx(0.8)
    qtbot.mouseClick(view.fit_button, Qt.MouseButton.LeftButton)
    assert view.view.zoomMode() == QPdfView.ZoomMode.FitToWidth and view.fit_button.isChecked()


@OFFSCREEN_NOISE
def test_save_writes_the_pdf_shown(qtbot, page: ReportsPage, tmp_path: Path) -> None:
    page.show()
    _choose(page.kind, "funding")
    _wait_shown(qtbot, page)
    shown = page.pdf
    path = tmp_path / "shown-funding.pdf"
    page.save_pdf(path)  # the report is shown: written at once
    assert path.read_bytes() == shown
    assert f"({page.view.page_count} page" in page.status.text()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


@needs_poppler
@OFFSCREEN_NOISE
def test_print_opens_its_dialog_with_the_printer_alive(
    qtbot, page: ReportsPage, tmp_path: Path
) -> None:
    page.show()
    _choose(page.kind, "envoys")
    _wait_shown(qtbot, page)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.print_dialog is not None and page.print_dialog.isVisible())
    dialog = page.print_dialog
    assert dialog is not None
    gc.collect()  # a printer the dialog does not keep alive would go now
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.done(QDialog.DialogCode.Accepted)  # OK, once the dialog has set the printer up
    assert "Sent 1 page to the printer." in page.status.text()
    assert page.print_dialog is None
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "printed.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Green envoys" in text
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)  # again, and cancelled
    qtbot.waitUntil(lambda: page.print_dialog is not None and page.print_dialog.isVisible())
    page.print_dialog.reject()
    assert page.print_dialog is None and page.status.text() == "Printing cancelled."


def test_accepted_only_is_one_click_and_said_on_the_title_line(
    qtbot, page: ReportsPage, tmp_path: Path
) -> None:
    _choose(page.kind, "funding")
    qtbot.mouseClick(page.accepted_only, Qt.MouseButton.LeftButton)
    assert page.request().accepted_only
    path = tmp_path / "accepted.xlsx"
    page.save_xlsx(path)
    _wait_saved(qtbot, page, path)
    cells = [
        str(c)
        for sheet in load_workbook(path, read_only=True).worksheets[:1]
        for row in sheet.iter_rows(values_only=True)
        for c in row
        if c
    ]
    assert any("Figures accepted by the secretariat" in c for c in cells)
