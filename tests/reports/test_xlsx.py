"""The Excel reports read back with openpyxl (and recalculated by LibreOffice when present).

Types and number formats per column kind, totals as =SUM formulas that give
the report's own totals, text that looks like a formula kept as text, sheet
names Excel accepts in English, Chinese and Thai, frozen headers and widths.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.i18n import set_locale
from app.reports import cells
from app.reports.catalogue import REPORT_KINDS, ReportRequest, build_report, compose_report
from app.reports.compose import start_document
from app.reports.funding import funding_report
from app.reports.model import Column, Paragraph, ReportDocument, Section, Table
from app.reports.render_xlsx import write_xlsx
from app.reports.training import training_report
from tests.libreoffice import convert, needs_libreoffice
from tests.reports.conftest import AS_OF

HOSTILE = ['=HYPERLINK("http://example.com","x")', "+84 912 345", "-1", "@SUM(A1)", "=1+1"]
FORBIDDEN = set("[]:*?/\\")


def _ledger() -> ReportDocument:
    """A hand-built document with every cell kind, hostile names and a total row."""
    set_locale("en")
    doc = start_document("test", "Ledger", None)
    table = Table(
        "Amounts",
        [
            Column("Name"),
            Column("Year", "year"),
            Column("Paid on", "date"),
            Column("People", "int"),
            Column("Amount (VND)", "money", "VND"),
            Column("Amount (USD)", "money", "USD"),
            Column("USD for one unit", "rate"),
            Column("Share", "percent"),
            Column("Amount"),
        ],
    )
    rates = [Decimal("0.0000488"), Decimal("20509.75"), Decimal(1) / Decimal(23000)]
    for i, name in enumerate(HOSTILE[:3]):
        table.rows.append(
            [
                cells.text(name),
                cells.year(2011 + i),
                cells.date(dt.date(2012, 3, 1 + i)),
                cells.count(10 * (i + 1)),
                cells.money(Decimal("150000000") * (i + 1), "VND"),
                cells.money(Decimal("1234.5") * (i + 1), "USD"),
                cells.rate(rates[i]),
                cells.percent(0.25 * (i + 1)),
                cells.text(HOSTILE[3 + i] if i < 2 else "plain"),
            ]
        )
    table.rows.append(
        [cells.text("Total"), cells.text(""), cells.date(None), cells.count(60)]
        + [cells.money(Decimal("900000000"), "VND"), cells.money(Decimal("7407.00"), "USD")]
        + [cells.rate(None), cells.percent(None), cells.text("")]
    )
    table.total_rows = 1
    table.note = "=NOTE starts like a formula"
    wide = Table("宽度", [Column("名称"), Column("Name")])
    wide.rows.append([cells.text("中华人民共和国生态环境部"), cells.text("Ministry of Ecology")])
    doc.sections.append(Section("Money", [Paragraph("-5 is a paragraph"), table, wide]))
    return doc


@pytest.fixture
def ledger(tmp_path: Path) -> Worksheet:
    path = tmp_path / "ledger.xlsx"
    assert write_xlsx(_ledger(), path) == 2
    return load_workbook(path)["Amounts"]


def _row(ws: Worksheet, first: str) -> int:
    return next(c.row for c in ws["A"] if c.value == first)


def test_numbers_dates_and_years_are_typed(ledger: Worksheet) -> None:
    r = _row(ledger, HOSTILE[0])
    values = [c.value for c in ledger[r]]
    assert type(values[1]) is int and values[1] == 2011
    assert isinstance(values[2], dt.datetime) and values[2].date() == dt.date(2012, 3, 1)
    assert type(values[3]) is int and values[3] == 10
    assert values[4] == 150000000 and values[5] == pytest.approx(1234.5)
    assert values[6] == pytest.approx(0.0000488) and values[7] == pytest.approx(0.25)
    formats = [c.number_format for c in ledger[r]]
    assert formats[1:8] == [
        "0",  # 2011, not 2,011
        "yyyy-mm-dd",
        "#,##0",
        "#,##0",  # VND has no decimals (CLDR)
        "#,##0.00",
        "#,##0.00000000",  # 0.00004880: four significant digits
        "0.0%",
    ]
    assert ledger.cell(r + 1, 7).number_format == "#,##0.00"  # 20,509.75
    assert ledger.cell(r + 2, 7).number_format == "#,##0.0000000000"  # 1/23,000 to 6 digits
    assert ledger.cell(r + 2, 7).value == pytest.approx(1 / 23000, rel=1e-12)  # kept whole


def test_text_that_looks_like_a_formula_stays_text(ledger: Worksheet, tmp_path: Path) -> None:
    texts = {c.value: c.data_type for row in ledger.iter_rows() for c in row if c.value}
    for hostile in HOSTILE:
        assert texts.get(hostile) == "s", hostile
    assert texts.get("=NOTE starts like a formula") == "s"
    formulas = [c.value for row in ledger.iter_rows() for c in row if c.data_type == "f"]
    assert formulas and all(f.startswith("=SUM(") for f in formulas)
    cover = load_workbook(tmp_path / "ledger.xlsx").worksheets[0]
    assert any(c.value == "-5 is a paragraph" and c.data_type == "s" for c in cover["A"])


def test_total_row_sums_the_rows_above(ledger: Worksheet, tmp_path: Path) -> None:
    r = _row(ledger, "Total")
    first, last = _row(ledger, HOSTILE[0]), r - 1
    assert ledger.cell(r, 4).value == f"=SUM(D{first}:D{last})"
    assert ledger.cell(r, 5).value == f"=SUM(E{first}:E{last})"
    assert ledger.cell(r, 5).number_format == "#,##0"
    # 1,234.50 + 2,469.00 + 3,703.50 = 7,407.00: the formula gives the document's total
    assert ledger.cell(r, 6).value == f"=SUM(F{first}:F{last})"
    cached = load_workbook(tmp_path / "ledger.xlsx", data_only=True)["Amounts"]
    assert [cached.cell(r, c).value for c in (4, 5, 6)] == [60, 900000000, 7407]


def test_headers_frozen_scope_and_note_rows(ledger: Worksheet) -> None:
    assert ledger["A1"].value == "Amounts" and ledger["A1"].font.b
    assert ledger["A2"].value.startswith("Ledger")
    assert ledger["A3"].value == "Name" and ledger["A3"].font.b
    assert ledger.freeze_panes == "A4"
    assert ledger.cell(_row(ledger, "Total") + 2, 1).value == "=NOTE starts like a formula"


def test_column_widths_fit_and_count_han_twice(tmp_path: Path, ledger: Worksheet) -> None:
    wide = load_workbook(tmp_path / "ledger.xlsx")["宽度"]
    han, latin = (wide.column_dimensions[c].width for c in "AB")
    assert han >= 2 * len("中华人民共和国生态环境部")  # 12 Han characters need 24 columns
    assert len("Ministry of Ecology") <= latin < han
    assert ledger.column_dimensions["A"].width >= len(HOSTILE[0])


def test_a_total_that_is_not_a_sum_stays_a_number(report_db, tmp_path: Path) -> None:
    """Trainees "each person once" are fewer than the years' sum: no formula there."""
    db, _ids = report_db
    data = training_report(db)
    write_xlsx(compose_report(data, "en"), tmp_path / "t.xlsx")
    ws = load_workbook(tmp_path / "t.xlsx")["Sessions and trainees per year"]
    r = _row(ws, "Whole period (each person once)")
    years = [ws.cell(i, 1).value for i in range(4, r)]
    assert years == [y.year for y in data.years] and all(type(y) is int for y in years)
    assert ws.cell(r, 2).value == f"=SUM(B4:B{r - 1})"  # sessions do add up
    assert sum(y.trainees for y in data.years) != data.trainees  # the fixture shows the case
    assert ws.cell(r, 4).value == data.trainees and ws.cell(r, 4).data_type == "n"


def test_funding_totals_are_formulas_giving_the_report_totals(report_db, tmp_path: Path) -> None:
    db, _ids = report_db
    data = funding_report(db)
    write_xlsx(compose_report(data, "en"), tmp_path / "f.xlsx")
    book = load_workbook(tmp_path / "f.xlsx")
    cached = load_workbook(tmp_path / "f.xlsx", data_only=True)
    expected = [data.total.committed, data.total.disbursed, data.total.in_kind]
    for title in ("By source", "By plan item", "By year"):
        ws = book[title]
        r = _row(ws, "Total")
        assert [ws.cell(r, c).value for c in (2, 3, 4)] == [
            f"=SUM({col}4:{col}{r - 1})" for col in "BCD"
        ]
        assert [Decimal(str(cached[title].cell(r, c).value)) for c in (2, 3, 4)] == expected
    years = book["By year"]
    assert [years.cell(i, 1).value for i in range(4, _row(years, "Total"))] == [2011, 2012, 2013]
    rates = book["Exchange rates used"]
    assert [(c.value, c.number_format) for c in rates[4][:3]] == [
        (2011, "0"),
        ("CNY", "General"),
        (0.15, "#,##0.0000"),
    ]


def _sheet_names(db, ids: dict[str, str], language: str, tmp_path: Path) -> list[str]:
    names: list[str] = []
    for kind in REPORT_KINDS:
        request = ReportRequest(
            kind=kind,
            activity_uid=ids["A2"] if kind == "activity" else None,
            language=language,
            as_of=AS_OF,
        )
        path = tmp_path / f"{kind}-{language}.xlsx"
        count = write_xlsx(build_report(db, request), path)
        sheets = load_workbook(path).sheetnames
        assert len(sheets) == count + 1
        assert len({n.casefold() for n in sheets}) == len(sheets), sheets
        names += sheets
    return names


@pytest.mark.parametrize("language", ["en", "zh_CN", "th"])
def test_sheet_names_fit_and_are_unique(report_db, tmp_path: Path, language: str) -> None:
    db, ids = report_db
    for name in _sheet_names(db, ids, language, tmp_path):
        assert 0 < len(name.encode("utf-16-le")) // 2 <= 31, name
        assert not FORBIDDEN & set(name) and name[0] != "'" and name[-1] != "'", name
        assert name.casefold() != "history"


def test_long_and_odd_titles_make_meaningful_names(tmp_path: Path) -> None:
    from app.reports.sheet_names import SheetNames

    names = SheetNames()
    assert names.name("By country (the office that recorded it)", "T") == (
        "By country (the office that…"
    )
    assert names.name("a/b:c*d?[e]\\f", "T") == "a b c d e f"
    assert names.name("History", "T") == "History (2)"
    assert names.name("'quoted'", "T") == "quoted"
    assert names.name("?*", "Table 3") == "Table 3"
    thai = names.name("ตามประเทศหน่วยงานที่บันทึกและอื่นๆอีกมากมายที่ยาวมาก", "T")
    assert len(thai) <= 31 and thai.endswith("…")
    assert not thai[-2].isspace() and thai[-2] not in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e48\u0e49"
    head = names.name("按计划项目、国家和年份统计的资金情况以及其他很多很多很多内容内容内容", "T")
    assert len(head) == 31 and head.endswith("…")
    assert names.name(head.rstrip("…") + "内容内容内容", "T").endswith("(2)")


RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def recalculated_csv(book: Path, out: Path) -> dict[str, list[list[str]]]:
    """Every sheet as CSV rows, after LibreOffice recalculated every formula (not the cache)."""
    profile = out / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD)
    convert(
        book,
        out,
        "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1",
        profile,
    )
    sheets = {}
    for path in out.glob(f"{book.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            sheets[path.stem.removeprefix(book.stem + "-")] = list(csv.reader(f))
    return sheets


@needs_libreoffice
def test_libreoffice_computes_the_same_totals(report_db, tmp_path: Path) -> None:
    db, _ids = report_db
    data = funding_report(db)
    write_xlsx(compose_report(data, "en"), tmp_path / "f.xlsx")
    sheets = recalculated_csv(tmp_path / "f.xlsx", tmp_path)
    total = next(r for r in sheets["By source"] if r[0] == "Total")
    stated = [data.total.committed, data.total.disbursed, data.total.in_kind]
    assert [Decimal(v.replace(",", "")) for v in total[1:4]] == stated
    write_xlsx(_ledger(), tmp_path / "ledger.xlsx")
    ledger = recalculated_csv(tmp_path / "ledger.xlsx", tmp_path / "l")
    row = next(r for r in ledger["Amounts"] if r[0] == "Total")
    assert row[3:6] == ["60", "900000000", "7407"]
    assert [r[0] for r in ledger["Amounts"][3:6]] == HOSTILE[:3]  # text, not computed


@needs_libreoffice
def test_libreoffice_really_recalculates(tmp_path: Path) -> None:
    """The check above would pass on cached results alone; show that they are not used."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "wrong.xlsx"))
    sheet = book.add_worksheet("S")
    sheet.write_number(0, 0, 1)
    sheet.write_number(1, 0, 2)
    sheet.write_formula(2, 0, "=SUM(A1:A2)", None, 999)  # a wrong cached result
    book.close()
    assert recalculated_csv(tmp_path / "wrong.xlsx", tmp_path)["S"][2] == ["3"]
