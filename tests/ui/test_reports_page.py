"""The Reports page driven with qtbot: save as PDF and Excel, print preview, errors."""

from __future__ import annotations

import gc
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

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
