"""Reading a filled template (after the hostile-file guard): what it is, its columns, its rows.

Columns are found by the machine keys of their hidden row, wherever they are
and whatever their headers say. Example rows and empty rows are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine

from app.errors import AcecError
from app.i18n import _
from app.templates.cell_values import is_blank
from app.templates.layout import (
    EXAMPLE_KEY,
    FORMAT_NAME,
    INFO_SHEET,
    KINDS,
    LISTS_SHEET,
    TemplateColumn,
    columns_for,
)

_KEY_ROW_SEARCH = 10  # the key row is among the first rows of the data sheet
PACKAGE_MANIFEST = "Manifest"


class NotATemplate(AcecError):
    """The workbook is not a template of ACEC Tracker (or its template sheet is damaged)."""


@dataclass(frozen=True)
class TemplateInfo:
    """What the hidden information sheet says the workbook is."""

    kind: str
    site: str
    language: str
    activity_uid: str | None


@dataclass(frozen=True)
class FoundColumn:
    """A template column as found in the user's workbook."""

    column: TemplateColumn
    index: int  # zero-based position in the sheet
    header: str  # what the user's header says

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def where(self) -> str:
        """The column as a message names it: its letter and the user's header."""
        return f"{self.letter} ({self.header})" if self.header else self.letter


@dataclass(frozen=True)
class FilledRow:
    """One filled row: its one-based row number and its raw cells by column key."""

    number: int
    cells: dict[str, Any]


@dataclass
class FilledTemplate:
    """A filled template's data sheet, read."""

    info: TemplateInfo
    sheet: str
    columns: list[FoundColumn]
    rows: list[FilledRow] = field(default_factory=list)
    examples_skipped: int = 0


def column_letter(index: int) -> str:
    """The spreadsheet letter of a zero-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def workbook_kind(sheet_names: list[str]) -> str:
    """``template``, ``package`` or ``other``, from what the workbook holds, never its name."""
    if INFO_SHEET in sheet_names:
        return "template"
    if PACKAGE_MANIFEST in sheet_names:
        return "package"
    return "other"


def _info(book: Any) -> TemplateInfo:
    if INFO_SHEET not in book.sheetnames:
        if PACKAGE_MANIFEST in book.sheetnames:
            raise NotATemplate(
                _("This workbook is a sync package, not a template; import it as a package.")
            )
        raise NotATemplate(
            _(
                "This workbook is not a template of ACEC Tracker (it has no template "
                "information). Make one with “Download template…” or acec template."
            )
        )
    pairs: dict[str, str] = {}
    for row in book[INFO_SHEET].iter_rows(max_row=20, max_col=2, values_only=True):
        if row and row[0] is not None:
            pairs[str(row[0])] = "" if len(row) < 2 or row[1] is None else str(row[1])
    kind = pairs.get("kind", "")
    if pairs.get("format") != FORMAT_NAME or kind not in KINDS:
        raise NotATemplate(_("The template information of this workbook is damaged."))
    return TemplateInfo(
        kind=kind,
        site=pairs.get("site", ""),
        language=pairs.get("language", "en") or "en",
        activity_uid=pairs.get("activity") or None,
    )


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _find_columns(
    rows: list[tuple[Any, ...]], expected: list[TemplateColumn]
) -> tuple[int, list[FoundColumn]] | None:
    """The key row's index and the columns it names, if one of ``rows`` is a key row."""
    by_key = {column.key: column for column in expected}
    for number, row in enumerate(rows):
        keys = [_text(value) for value in row]
        known = [key for key in keys if key in by_key]
        if len(known) >= 2 and len(known) * 2 >= len([k for k in keys if k]):
            headers = rows[number - 1] if number > 0 else ()
            found = [
                FoundColumn(
                    by_key[key], index, _text(headers[index]) if index < len(headers) else ""
                )
                for index, key in enumerate(keys)
                if key in by_key
            ]
            return number, found
    return None


def _data_sheet(book: Any, info: TemplateInfo) -> tuple[Any, int, list[FoundColumn]]:
    expected = columns_for(info.kind, with_participation=info.activity_uid is not None)
    for name in book.sheetnames:
        if name in (INFO_SHEET, LISTS_SHEET):
            continue
        sheet = book[name]
        head = list(sheet.iter_rows(max_row=_KEY_ROW_SEARCH, values_only=True))
        found = _find_columns(head, expected)
        if found is not None:
            return sheet, found[0] + 1, found[1]
    raise NotATemplate(
        _(
            "No sheet of this workbook has the template's hidden row of column keys (row 3); "
            "it may have been deleted. Copy your rows into a new template."
        )
    )


def _as_openpyxl_reads(value: Any) -> Any:
    """A value read by calamine as openpyxl reads it: an empty cell None, a whole number
    an int, a date a datetime at midnight (the cell readers know those forms)."""
    if value == "" and isinstance(value, str):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _key_row_at(values: list[Any], columns: list[FoundColumn]) -> int | None:
    """How far left of openpyxl's column numbers calamine put ``values`` if it is the key
    row (each found column's key where expected), else None."""
    keys = [_text(value) for value in values]
    first = columns[0]
    if first.column.key not in keys:
        return None
    shift = first.index - keys.index(first.column.key)
    fits = all(
        0 <= f.index - shift < len(keys) and keys[f.index - shift] == f.column.key for f in columns
    )
    return shift if fits else None


def _rows(path: Path, sheet: str, key_row: int, columns: list[FoundColumn]) -> Iterator[FilledRow]:
    """The rows below the key row, read by python-calamine (ten times openpyxl's speed).

    Calamine leaves out empty leading rows or columns (which, depends on its version),
    so its rows are placed by finding the key row among them again.
    """
    try:
        rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet)
        rows_iter = iter(rows.iter_rows())
    except Exception as exc:  # calamine raises several types for damaged files
        raise NotATemplate(
            _("{file} cannot be read as a spreadsheet: {error}").format(
                file=path.name, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            )
        ) from exc
    shift = None
    for _seen in range(key_row):
        values = next(rows_iter, None)
        if values is None:
            break
        shift = _key_row_at(values, columns)
        if shift is not None:
            break
    if shift is None:
        raise NotATemplate(_("The template information of this workbook is damaged."))
    for number, values in enumerate(rows_iter, start=key_row + 1):
        cells = {}
        for found in columns:
            at = found.index - shift
            raw = values[at] if 0 <= at < len(values) else None
            cells[found.column.key] = _as_openpyxl_reads(raw)
        if all(is_blank(value) for value in cells.values()):
            continue
        yield FilledRow(number, cells)


def open_workbook(path: Path) -> Any:
    """The workbook at ``path`` opened read-only (after the guard); ``NotATemplate`` if unreadable."""
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise NotATemplate(
            _("{file} cannot be read as a spreadsheet: {error}").format(
                file=path.name, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            )
        ) from exc


def sheet_names(path: Path) -> list[str]:
    """The names of the workbook's sheets (after the guard); ``NotATemplate`` if unreadable."""
    book = open_workbook(path)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def read_template(path: Path) -> FilledTemplate:
    """The filled template at ``path`` (already passed by the guard); ``NotATemplate`` if none."""
    book = open_workbook(path)
    try:
        info = _info(book)
        sheet, key_row, columns = _data_sheet(book, info)
    finally:
        book.close()
    filled = FilledTemplate(info, sheet.title, columns)
    for row in _rows(Path(path), sheet.title, key_row, columns):
        if not is_blank(row.cells.get(EXAMPLE_KEY)):
            filled.examples_skipped += 1
        else:
            filled.rows.append(row)
    return filled
