"""A report as an .xlsx workbook: a contents sheet, then one sheet per table.

Written with xlsxwriter, whose cell writers are explicit: text is written
with ``write_string`` whatever it begins with (``=``, ``+``, ``-``, ``@``),
so a person's name never becomes a formula; the only formulas are the
``=SUM`` of a total row, built here from column letters and row numbers.
A total becomes a formula only when the column's sum above equals the
document's own total (a count of people "each once" is not a sum), and it
carries that total as its cached result, so a viewer that does not
recalculate still shows the PDF's number.

Numbers stay numbers with formats per column kind: money with its
currency's decimals (CLDR), rates with at least four significant digits,
years without a thousands separator, dates as dates, shares as percentages.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeGuard

from app.errors import AcecError
from app.i18n import _, currency_places
from app.private_files import create_private
from app.reports.cells import rate_places
from app.reports.model import Cell, Column, Paragraph, ReportDocument, Section, Table
from app.reports.sheet_names import SheetNames

OPTIONS = {
    "strings_to_formulas": False,  # belt and braces: we never call write() on text
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "in_memory": True,  # no temporary copy of people's names in the temp folder
}
FIXED_FORMATS = {"int": "#,##0", "percent": "0.0%", "date": "yyyy-mm-dd", "year": "0"}
SUMMABLE = frozenset({"int", "decimal", "money"})
HEADER_ROW = 2  # 0: the table's title, 1: the report and its scope, 2: column headers
WIDTH_RANGE = (8, 60)
COVER_WIDTH = 100
LINE_HEIGHT = 15  # points per line of wrapped text (neither Excel nor Calc fits it on open)
HEADER_FILL = "#DDE6EF"


def write_xlsx(report: ReportDocument, path: Path | str) -> int:
    """Write the report's tables to ``path``; return the number of table sheets."""
    import xlsxwriter  # here, not at the top: it costs 60 ms at program start
    from xlsxwriter.exceptions import FileCreateError

    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        create_private(target)  # xlsxwriter rewrites it at close, keeping the owner-only mode
        book = xlsxwriter.Workbook(str(target), OPTIONS)
        count = _fill(book, report)
        book.close()
    except (OSError, FileCreateError) as exc:
        cause = exc.args[0] if isinstance(exc, FileCreateError) and exc.args else exc
        raise AcecError(
            _(
                "Cannot write {file}: {error}. Close it in Excel if it is open, then try again."
            ).format(file=target, error=getattr(cause, "strerror", None) or str(cause))
        ) from exc
    return count


class _Styles:
    """xlsxwriter formats, made once per distinct set of properties."""

    def __init__(self, book: Any) -> None:
        self._book = book
        self._made: dict[tuple[tuple[str, Any], ...], Any] = {}

    def get(self, **props: Any) -> Any:
        key = tuple(sorted(props.items()))
        if key not in self._made:
            self._made[key] = self._book.add_format(dict(props))
        return self._made[key]


def _fill(book: Any, report: ReportDocument) -> int:
    book.set_properties({"title": report.title, "comments": report.header})
    styles = _Styles(book)
    names = SheetNames()
    cover = book.add_worksheet(names.name(report.title, _("Report")))
    scope = " · ".join([report.title, *report.title_lines])
    sheets: dict[int, str] = {}
    for n, table in enumerate(report.tables(), start=1):
        name = names.name(table.title, _("Table {n}").format(n=n))
        _write_table(book.add_worksheet(name), table, scope, styles)
        sheets[id(table)] = name
    _write_cover(cover, report, sheets, styles)
    return len(sheets)


def _write_cover(ws: Any, report: ReportDocument, sheets: dict[int, str], st: _Styles) -> None:
    """Title, scope lines, then each section's heading, text and links to its tables."""
    ws.set_column(0, 0, COVER_WIDTH)
    _print_setup(ws)
    ws.write_string(0, 0, report.title, st.get(bold=True, font_size=14))
    row = 1
    for line in report.title_lines:
        ws.write_string(row, 0, line)
        row += 1
    for section in report.sections:
        row = _write_section(ws, row + 1, section, sheets, st)


def _write_section(ws: Any, row: int, section: Section, sheets: dict[int, str], st: _Styles) -> int:
    ws.write_string(row, 0, section.heading, st.get(bold=True, font_size=12))
    row += 1
    for block in section.blocks:
        if isinstance(block, Table) and id(block) in sheets:
            name = sheets[id(block)].replace("'", "''")
            link = st.get(font_color="blue", underline=1)
            ws.write_url(row, 0, f"internal:'{name}'!A1", link, string=block.title)
        elif isinstance(block, Paragraph):
            ws.write_string(row, 0, block.text, st.get(text_wrap=True, bold=block.emphasis))
            _fit_height(ws, row, [_display_width(block.text) / COVER_WIDTH])
        else:
            continue  # charts stay in the PDF; their numbers are in the tables
        row += 1
    return row


def _write_table(ws: Any, table: Table, scope: str, st: _Styles) -> None:
    ws.write_string(0, 0, table.title, st.get(bold=True, font_size=13))
    ws.write_string(1, 0, scope, st.get(italic=True, font_color="#555555"))
    widths = [_display_width(c.header) for c in table.columns]
    for c, column in enumerate(table.columns):
        head = st.get(
            bold=True,
            bg_color=HEADER_FILL,
            bottom=1,
            text_wrap=True,
            valign="top",
            align="right" if column.numeric else "left",
        )
        ws.write_string(HEADER_ROW, c, column.header, head)
    first = HEADER_ROW + 1
    data_rows = len(table.rows) - table.total_rows
    for r, row in enumerate(table.rows):
        total = r >= data_rows
        for c, (cell, column) in enumerate(zip(row, table.columns, strict=True)):
            widths[c] = max(widths[c], _display_width(cell.text))
            if total and _writes_sum(ws, first + r, c, table, st):
                continue
            _write_cell(ws, first + r, c, cell, column, st.get(**_props(cell, column, total)))
    _finish(ws, table, widths, data_rows, st)
    high = WIDTH_RANGE[1]
    for r, row in enumerate(table.rows):
        wrapped = [w for w in map(_display_width, (c.text for c in row)) if w > high]
        _fit_height(ws, first + r, [w / high for w in wrapped])


def _finish(ws: Any, table: Table, widths: list[int], data_rows: int, st: _Styles) -> None:
    """Note under the table, fitted widths, frozen headers, print setup, a filter."""
    last = HEADER_ROW + len(table.rows)
    if table.note:
        ws.write_string(last + 2, 0, table.note, st.get(italic=True))
    low, high = WIDTH_RANGE
    for c, width in enumerate(widths):
        ws.set_column(c, c, min(max(width + 2, low), high))
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.repeat_rows(0, HEADER_ROW)  # printed: title, scope and headers on every page
    _print_setup(ws)
    if data_rows:
        ws.autofilter(HEADER_ROW, 0, HEADER_ROW + data_rows, len(table.columns) - 1)


def _print_setup(ws: Any) -> None:
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # as wide as one page, as long as it needs


def _fit_height(ws: Any, row: int, fills: list[float]) -> None:
    """Make a row tall enough for its wrapped text (``fills``: text width / column width)."""
    lines = max((math.ceil(f * 1.1) for f in fills), default=1)  # words wrap early
    if lines > 1:
        ws.set_row(row, LINE_HEIGHT * lines)


def _props(cell: Cell, column: Column, total: bool) -> dict[str, Any]:
    props: dict[str, Any] = {"valign": "top"}
    if total:
        props.update(bold=True, top=1)
    number_format = _number_format(cell, column)
    if number_format is not None:
        props["num_format"] = number_format
    elif _display_width(cell.text) > WIDTH_RANGE[1]:
        props["text_wrap"] = True  # a long title wraps inside the widest column
    return props


def _number_format(cell: Cell, column: Column) -> str | None:
    """The Excel format of a number or date cell; None for text."""
    value = cell.value
    if column.kind == "text" or not _is_number(value) and not isinstance(value, dt.date):
        return None
    if column.kind in FIXED_FORMATS:
        return FIXED_FORMATS[column.kind]
    if column.kind == "rate" and isinstance(value, Decimal):
        return _decimals(rate_places(value))
    if column.kind == "money" and (cell.currency or column.currency):
        return _decimals(currency_places(cell.currency or column.currency))
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return _decimals(-exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return "#,##0.0###"


def _decimals(places: int) -> str:
    return "#,##0." + "0" * places if places > 0 else "#,##0"


def _is_number(value: object) -> TypeGuard[int | float | Decimal]:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _write_cell(ws: Any, row: int, col: int, cell: Cell, column: Column, style: Any) -> None:
    value = cell.value
    if column.kind != "text" and isinstance(value, dt.date):
        ws.write_datetime(row, col, value, style)
    elif column.kind != "text" and _is_number(value):
        ws.write_number(row, col, value if isinstance(value, int) else float(value), style)
    elif cell.text:
        ws.write_string(row, col, cell.text, style)  # text, whatever it begins with
    else:
        ws.write_blank(row, col, None, style)


def _writes_sum(ws: Any, row: int, col: int, table: Table, st: _Styles) -> bool:
    """Write ``=SUM`` of the data rows above when it gives the document's total."""
    data_rows = len(table.rows) - table.total_rows
    cell = table.rows[row - HEADER_ROW - 1][col]
    column = table.columns[col]
    values = [r[col].value for r in table.rows[:data_rows]]
    if column.kind not in SUMMABLE or not data_rows or not _is_number(cell.value):
        return False
    if not all(v is None or _is_number(v) for v in values):
        return False
    if not _same(sum(v for v in values if v is not None), cell.value):
        return False
    from xlsxwriter.utility import xl_rowcol_to_cell

    first = xl_rowcol_to_cell(HEADER_ROW + 1, col)
    last = xl_rowcol_to_cell(HEADER_ROW + data_rows, col)
    result = cell.value if isinstance(cell.value, int) else float(cell.value)
    ws.write_formula(
        row, col, f"=SUM({first}:{last})", st.get(**_props(cell, column, True)), result
    )
    return True


def _same(computed: Any, stated: Any) -> bool:
    if isinstance(computed, float) or isinstance(stated, float):
        return math.isclose(float(computed), float(stated), rel_tol=1e-12, abs_tol=1e-9)
    return bool(computed == stated)


def _display_width(text: str) -> int:
    """Columns the longest line of ``text`` needs; wide (CJK) characters count twice."""
    return max((_line_width(line) for line in text.splitlines()), default=0)


def _line_width(line: str) -> int:
    width = 0
    for ch in line:
        if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue  # a Thai vowel or tone mark sits on the letter before it
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width
