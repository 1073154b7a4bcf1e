"""Writing a blank template: instructions, headers with comments, lists, formats, examples.

Text is always written as text (never a formula, whatever it begins with), and
the file is owner-only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from app.errors import AcecError
from app.i18n import _
from app.models import model_of
from app.private_files import create_private
from app.templates.column_notes import column_note
from app.templates.example_rows import example_rows
from app.templates.instructions import instruction_lines
from app.templates.layout import (
    EXAMPLE_ROWS,
    FIRST_FILLED_ROW,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER_ROW,
    INFO_SHEET,
    KEY_ROW,
    LISTS_SHEET,
    TITLE_ROW,
    TemplateColumn,
    columns_for,
    sheet_title,
)
from app.templates.list_choices import choices_for
from app.templates.request import TemplateRequest

FILLABLE_ROWS = 2000  # rows that carry the lists and formats
_WIDTHS = {
    "long": 50,
    "text": 26,
    "ref": 30,
    "date": 13,
    "money": 15,
    "decimal": 14,
    "int": 9,
    "bool": 9,
    "code": 24,
    "codes": 26,
}


class _Formats:
    def __init__(self, book: Any) -> None:
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.header = book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DCE6F1", "bottom": 1}
        )
        self.key = book.add_format({"font_color": "#808080"})
        self.example = book.add_format(
            {"italic": True, "font_color": "#7F7F7F", "bg_color": "#F2F2F2"}
        )
        self.example_date = book.add_format(
            {
                "italic": True,
                "font_color": "#7F7F7F",
                "bg_color": "#F2F2F2",
                "num_format": "yyyy-mm-dd",
            }
        )
        self.text = book.add_format({"num_format": "@"})
        self.date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.money = book.add_format({"num_format": "#,##0.00"})
        self.int = book.add_format({"num_format": "0"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})

    def column(self, column: TemplateColumn) -> Any:
        kind = column.spec.type
        if kind == "date":
            return self.date
        if kind in ("money", "decimal"):
            return self.money
        if kind == "int":
            return self.int
        return self.text if kind in ("text", "long", "ref") else None


def write_template(request: TemplateRequest, path: Path) -> Path:
    """Write the blank template of ``request`` to ``path``; ``AcecError`` if it cannot."""
    import xlsxwriter  # here, not at the top: it costs 60 ms at program start
    from xlsxwriter.exceptions import FileCreateError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        create_private(path)  # xlsxwriter rewrites it at close, keeping the owner-only mode
        book = xlsxwriter.Workbook(
            str(path),
            {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        _fill(book, request)
        book.close()
    except (OSError, FileCreateError) as exc:
        cause = exc.args[0] if isinstance(exc, FileCreateError) and exc.args else exc
        raise AcecError(
            _(
                "Cannot write {file}: {error}. Close it in Excel if it is open, then try again."
            ).format(file=path, error=getattr(cause, "strerror", None) or str(cause))
        ) from exc
    return path


def _fill(book: Any, request: TemplateRequest) -> None:
    formats = _Formats(book)
    columns = columns_for(request.kind, with_participation=request.activity_uid is not None)
    _write_instructions(book.add_worksheet(_("Instructions")[:31]), request, formats)
    data = book.add_worksheet(sheet_title(request.kind))
    lists = book.add_worksheet(LISTS_SHEET)
    _write_data_sheet(data, request, columns, formats)
    _write_lists(data, lists, request, columns)
    _write_info(book.add_worksheet(INFO_SHEET), request)
    lists.hide()
    data.activate()


def _write_instructions(sheet: Any, request: TemplateRequest, formats: _Formats) -> None:
    sheet.set_column(0, 0, 110, formats.wrap)
    for row, line in enumerate(instruction_lines(request.kind, request.activity_title)):
        sheet.write_string(row, 0, line, formats.title if row == 0 else None)


def _title_text(request: TemplateRequest) -> str:
    plural = _(model_of(request.kind).__plural__)
    if request.activity_title:
        return _("{kind}: registration list of the activity “{activity}”").format(
            kind=plural, activity=request.activity_title
        )
    return _("{kind}: rows to add to ACEC Tracker").format(kind=plural)


def _write_data_sheet(
    sheet: Any, request: TemplateRequest, columns: list[TemplateColumn], formats: _Formats
) -> None:
    sheet.write_string(TITLE_ROW - 1, 0, _title_text(request), formats.title)
    for col, column in enumerate(columns):
        sheet.write_string(HEADER_ROW - 1, col, column.header, formats.header)
        sheet.write_comment(
            HEADER_ROW - 1, col, column_note(column), {"x_scale": 2.2, "y_scale": 1.6}
        )
        sheet.write_string(KEY_ROW - 1, col, column.key, formats.key)
        width = 16 if col == 0 else _WIDTHS.get(column.spec.type, 20)
        sheet.set_column(col, col, width, formats.column(column))
    sheet.set_row(KEY_ROW - 1, None, None, {"hidden": True})
    sheet.set_row(HEADER_ROW - 1, 45)
    for row, values in zip(EXAMPLE_ROWS, example_rows(request, columns), strict=True):
        for col, column in enumerate(columns):
            _write_value(sheet, row - 1, col, values.get(column.key), formats, example=True)
    sheet.freeze_panes(HEADER_ROW, 2)


def _write_value(
    sheet: Any, row: int, col: int, value: Any, formats: _Formats, *, example: bool
) -> None:
    style = formats.example if example else None
    if value is None:
        sheet.write_blank(row, col, None, style)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), formats.example_date)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, col, value, style)
    else:
        sheet.write_string(row, col, str(value), style)


def _write_lists(
    data: Any, lists: Any, request: TemplateRequest, columns: list[TemplateColumn]
) -> None:
    """Each coded column's labels on the hidden lists sheet, offered by list validation."""
    list_col = 0
    for col, column in enumerate(columns):
        labels = choices_for(column, request.plan_items)
        if not labels:
            continue
        for row, label in enumerate(labels):
            lists.write_string(row, list_col, label)
        letter = _column_letter(list_col)
        data.data_validation(
            FIRST_FILLED_ROW - 1 - len(EXAMPLE_ROWS),
            col,
            FIRST_FILLED_ROW - 1 + FILLABLE_ROWS,
            col,
            {
                "validate": "list",
                "source": f"={LISTS_SHEET}!${letter}$1:${letter}${len(labels)}",
                "ignore_blank": True,
                "error_type": "warning",
                "error_title": _(column.spec.label)[:32],
                "error_message": _("Choose from the list, or type a value it stands for.")[:255],
            },
        )
        list_col += 1


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _write_info(sheet: Any, request: TemplateRequest) -> None:
    """What the workbook is, for the import: read by key, never shown."""
    rows = (
        ("format", FORMAT_NAME),
        ("version", str(FORMAT_VERSION)),
        ("kind", request.kind),
        ("site", request.site),
        ("language", request.language),
        ("activity", request.activity_uid or ""),
    )
    for row, (key, value) in enumerate(rows):
        sheet.write_string(row, 0, key)
        sheet.write_string(row, 1, value)
    sheet.hide()
