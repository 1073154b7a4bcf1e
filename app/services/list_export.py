"""Writing the rows a list shows into an .xlsx workbook a person opens in Excel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import AcecError
from app.i18n import _
from app.private_files import create_private

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook

Progress = Callable[[int, int, str], None]


class _ListSheet:
    """The one sheet of a list export: typed cells, and column widths from the first rows."""

    def __init__(self, book: Workbook, title: str, headers: Sequence[str]) -> None:
        self.sheet = book.add_worksheet(title[:31] or "Sheet1")
        self.date_format = book.add_format({"num_format": "yyyy-mm-dd"})
        self.money_format = book.add_format({"num_format": "#,##0.00"})
        self.widths = [max(10, min(50, len(h) + 2)) for h in headers]
        bold = book.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1})
        for col, header in enumerate(headers):
            self.sheet.write_string(0, col, header, bold)
        self.sheet.freeze_panes(1, 0)

    def write_cell(self, row: int, col: int, value: Any) -> None:
        sheet = self.sheet
        if isinstance(value, bool):
            sheet.write_boolean(row, col, value)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), self.date_format)
        elif isinstance(value, Decimal):
            sheet.write_number(row, col, float(value), self.money_format)
        elif isinstance(value, (int, float)):
            sheet.write_number(row, col, value)
        else:
            text = str(value)
            sheet.write_string(row, col, text)
            if row < 200 and col < len(self.widths):  # the first rows set the widths
                self.widths[col] = max(self.widths[col], min(50, len(text) + 2))

    def finish(self, rows: int, columns: int) -> None:
        for col, width in enumerate(self.widths):
            self.sheet.set_column(col, col, width)
        if rows:
            self.sheet.autofilter(0, 0, rows, columns - 1)


def _cannot_write(path: Path, exc: OSError) -> AcecError:
    return AcecError(_("Cannot write {path}: {error}").format(path=path, error=exc))


def write_rows_xlsx(
    path: Path,
    sheet_title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    total: int = 0,
    progress: Progress | None = None,
) -> int:
    """Write a header row and ``rows``; return how many rows were written.

    Text is always written as text, so a value such as ``=SUM(A1)`` or
    ``+84 912`` never becomes a formula or a number.
    """
    import xlsxwriter  # here, not at the top: it costs 60 ms at program start

    options = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_numbers": False,
        "strings_to_urls": False,
    }
    try:
        create_private(path)  # xlsxwriter rewrites it at close, keeping the mode
        book = xlsxwriter.Workbook(str(path), options)
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    sheet = _ListSheet(book, sheet_title, headers)
    count = 0
    for count, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value is not None:
                sheet.write_cell(count, col, value)
        if progress is not None and count % 2000 == 0:
            progress(count, total, "")
    sheet.finish(count, len(headers))
    try:
        book.close()
    except OSError as exc:
        raise _cannot_write(path, exc) from exc
    return count
