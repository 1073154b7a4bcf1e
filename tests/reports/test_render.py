"""Every report as PDF (English and Chinese) read back with pdftotext, and as xlsx."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.i18n import set_locale
from app.reports.catalogue import ReportRequest, build_report
from app.reports.render_pdf import write_pdf
from app.reports.render_xlsx import write_xlsx
from tests.reports.conftest import AS_OF

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed"
)


def pdf_text(path: Path) -> str:
    """The PDF's text; NFKC because a CJK font's ToUnicode may map 行 to the radical ⾏."""
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return unicodedata.normalize("NFKC", out)


def _request(kind: str, ids: dict[str, str], language: str) -> ReportRequest:
    return ReportRequest(
        kind=kind,
        activity_uid=ids["A2"] if kind == "activity" else None,
        language=language,
        as_of=AS_OF,
    )


EXPECTED = {
    # kind: (English title, Chinese text from the data, numbers formatted in both)
    "progress": ("Progress against the action plan", "中国-东盟能力建设培训项目", ["100", "75"]),
    "training": ("Capacity building (plan item 2.5)", "中国", ["2011", "75.0%"]),
    "funding": (
        "Funding of the action plan",
        "中国-东盟环境合作行动计划",
        ["16,600.00", "7,500.00"],
    ),
    "envoys": ("Green envoys", "老挝", ["2012"]),
    "activity": ("Activity sheet", "中国-东盟能力建设培训项目", ["15,000.00", "C-1"]),
}


@needs_poppler
@pytest.mark.parametrize("kind", list(EXPECTED))
def test_pdf_in_english_and_chinese(qapp, report_db, tmp_path: Path, kind: str) -> None:
    db, ids = report_db
    title, chinese, numbers = EXPECTED[kind]
    english = build_report(db, _request(kind, ids, "en"))
    assert write_pdf(english, tmp_path / "en.pdf") >= 1
    text = pdf_text(tmp_path / "en.pdf")
    assert title in text
    assert "Page 1 of" in text
    for number in numbers:
        assert number in text
    zh = build_report(db, _request(kind, ids, "zh_CN"))
    write_pdf(zh, tmp_path / "zh.pdf")
    text_zh = pdf_text(tmp_path / "zh.pdf")
    assert chinese in "".join(text_zh.split())  # a table cell may wrap Han text anywhere
    assert "2011" in text_zh or kind == "activity"
    for number in numbers:
        assert number in text_zh  # zh formats numbers like en: 16,600.00


def test_building_a_report_keeps_the_language(report_db) -> None:
    db, ids = report_db
    set_locale("en")
    doc = build_report(db, _request("progress", ids, "zh_CN"))
    assert doc.locale == "zh_Hans_CN"
    from app.i18n import current_locale

    assert str(current_locale()) == "en"


@needs_poppler
def test_long_table_splits_with_repeated_header(qapp, tmp_path: Path) -> None:
    from app.reports import cells
    from app.reports.compose import start_document
    from app.reports.model import Column, Section, Table

    doc = start_document("test", "Long table", None)
    table = Table("People", [Column("Name"), Column("Count", "int")])
    table.rows = [[cells.text(f"Person {i}"), cells.count(i * 1000)] for i in range(200)]
    doc.sections.append(Section("Everyone", [table]))
    pages = write_pdf(doc, tmp_path / "long.pdf")
    assert pages >= 3
    text = pdf_text(tmp_path / "long.pdf")
    assert text.count("Name") == pages  # the header row on every page
    assert "199,000" in text and f"Page {pages} of {pages}" in text


@needs_poppler
def test_pdf_embeds_fonts(qapp, report_db, tmp_path: Path) -> None:
    db, ids = report_db
    write_pdf(build_report(db, _request("training", ids, "zh_CN")), tmp_path / "zh.pdf")
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "zh.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert any("NotoSansCJKsc" in line for line in fonts)
    assert fonts and all(line.split()[-5] == "yes" for line in fonts)  # the "emb" column


def test_xlsx_tables_numbers_and_no_user_formulas(report_db, tmp_path: Path) -> None:
    db, ids = report_db
    write_xlsx(build_report(db, _request("funding", ids, "en")), tmp_path / "f.xlsx")
    wb = load_workbook(tmp_path / "f.xlsx", data_only=True)
    assert wb.sheetnames[0] == "Funding of the action plan"
    ws = wb["By source"]
    assert ws["A3"].value == "Source"
    assert ws["A4"].value == "China–ASEAN Cooperation Fund"
    assert ws["B4"].value == Decimal("15000") or ws["B4"].value == 15000
    assert ws["B4"].number_format == "#,##0.00"
    assert ws.freeze_panes == "A4"
    totals = [row for row in ws.iter_rows(values_only=True) if row[0] == "Total"]
    assert float(totals[0][1]) == 16600.0  # the =SUM's cached result

    write_xlsx(build_report(db, _request("activity", ids, "en")), tmp_path / "a.xlsx")
    wb = load_workbook(tmp_path / "a.xlsx")
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value == "=SUM(1)"]
    assert cells and all(c.data_type == "s" for c in cells)  # a certificate, not a formula


def test_xlsx_sheet_names_are_unique_and_valid(report_db, tmp_path: Path) -> None:
    db, ids = report_db
    count = write_xlsx(build_report(db, _request("training", ids, "zh_CN")), tmp_path / "t.xlsx")
    wb = load_workbook(tmp_path / "t.xlsx")
    assert len(wb.sheetnames) == count + 1
    assert len({n.lower() for n in wb.sheetnames}) == len(wb.sheetnames)
    assert all(len(n) <= 31 for n in wb.sheetnames)
