"""A report's tables as an .xlsx workbook: one sheet per table, with number formats.

Numbers stay numbers (Excel can sum them) with formats per column kind; text
that begins with = + - @ is stored as text so it never becomes a formula.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.errors import AcecError
from app.i18n import _
from app.private_files import create_private
from app.reports.model import CellValue, Column, ReportDocument, Table

NUMBER_FORMATS = {
    "int": "#,##0",
    "decimal": "#,##0.0###",
    "money": "#,##0.00",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
}
FORMULA_STARTS = ("=", "+", "-", "@")
HEADER_FILL = PatternFill("solid", fgColor="DDE6EF")
SHEET_NAME_LIMIT = 31


def _display_width(text: str) -> int:
    """Columns a text needs; Han and other wide characters count twice."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text)


def _sheet_name(title: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", " ", title).strip() or "Sheet"
    base = base[:SHEET_NAME_LIMIT]
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        n += 1
    taken.add(name.lower())
    return name


def _put(ws: Worksheet, row: int, col: int, value: CellValue, column: Column | None) -> XlCell:
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # never a formula, whatever it starts with
    else:
        cell.value = value
        if column is not None and value is not None and column.kind in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[column.kind]
    return cell


def _write_table(ws: Worksheet, table: Table) -> None:
    ws.cell(row=1, column=1, value=table.title).font = Font(bold=True, size=12)
    ws.cell(row=1, column=1).data_type = "s"
    widths = [_display_width(c.header) for c in table.columns]
    for c, column in enumerate(table.columns, start=1):
        cell = _put(ws, 2, c, column.header, None)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(
            horizontal="right" if column.numeric else "left", vertical="top", wrap_text=True
        )
    first_total = len(table.rows) - table.total_rows
    for r, row in enumerate(table.rows):
        for c, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            raw = value.value if column.numeric or column.kind == "date" else value.text
            cell = _put(ws, r + 3, c, raw, column)
            if r >= first_total:
                cell.font = Font(bold=True)
            widths[c - 1] = max(widths[c - 1], _display_width(value.text))
    if table.note:
        _put(ws, len(table.rows) + 4, 1, table.note, None).font = Font(italic=True)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "A3"
    if table.rows:
        last = get_column_letter(len(table.columns))
        ws.auto_filter.ref = f"A2:{last}{len(table.rows) + 2 - table.total_rows}"


def write_xlsx(report: ReportDocument, path: Path | str) -> int:
    """Write the report's tables to ``path``; return the number of table sheets."""
    wb = Workbook()
    cover = wb.active
    taken: set[str] = set()
    cover.title = _sheet_name(report.title, taken)
    _put(cover, 1, 1, report.title, None).font = Font(bold=True, size=14)
    for i, line in enumerate(report.title_lines, start=2):
        _put(cover, i, 1, line, None)
    row = len(report.title_lines) + 3
    tables = report.tables()
    for table in tables:
        ws = wb.create_sheet(_sheet_name(table.title, taken))
        _write_table(ws, table)
        _put(cover, row, 1, ws.title, None)
        row += 1
    cover.column_dimensions["A"].width = 90
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        create_private(target)  # openpyxl rewrites it, keeping the owner-only mode
        wb.save(target)
    except OSError as exc:
        raise AcecError(
            _(
                "Cannot write {file}: {error}. Close it in Excel if it is open, then try again."
            ).format(file=target, error=exc.strerror)
        ) from exc
    return len(tables)
