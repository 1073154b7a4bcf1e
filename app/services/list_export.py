"""Writing the rows a list shows into an .xlsx workbook a person opens in Excel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.errors import AcecError
from app.i18n import _
from app.private_files import create_private

Progress = Callable[[int, int, str], None]


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
        raise AcecError(_("Cannot write {path}: {error}").format(path=path, error=exc)) from exc
    sheet = book.add_worksheet(sheet_title[:31] or "Sheet1")
    bold = book.add_format({"bold": True, "bg_color": "#E8EEF4", "bottom": 1})
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    money_format = book.add_format({"num_format": "#,##0.00"})
    widths = [max(10, min(50, len(h) + 2)) for h in headers]
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
    sheet.freeze_panes(1, 0)
    count = 0
    for count, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(count, col, value)
            elif isinstance(value, dt.date):
                sheet.write_datetime(count, col, dt.datetime.combine(value, dt.time()), date_format)
            elif isinstance(value, Decimal):
                sheet.write_number(count, col, float(value), money_format)
            elif isinstance(value, (int, float)):
                sheet.write_number(count, col, value)
            else:
                text = str(value)
                sheet.write_string(count, col, text)
                if count < 200 and col < len(widths):
                    widths[col] = max(widths[col], min(50, len(text) + 2))
        if progress is not None and count % 2000 == 0:
            progress(count, total, "")
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    if count:
        sheet.autofilter(0, 0, count, len(headers) - 1)
    try:
        book.close()
    except OSError as exc:
        raise AcecError(_("Cannot write {path}: {error}").format(path=path, error=exc)) from exc
    return count
