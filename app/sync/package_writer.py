"""Writing a package workbook with xlsxwriter in constant-memory mode.

Rows stream from the database into the sheet; nothing holds a whole sheet.
Every text goes through ``write_string`` (never a formula, whatever its first
character) and is escaped so every reader gives it back (``ooxml_text``), dates are real dates, money numbers with two decimals, and coded
columns carry list validation with a label column beside them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from xlsxwriter.worksheet import Worksheet

from app.errors import AcecError
from app.i18n import _, format_number
from app.models.codes import codes_of, label_of
from app.private_files import create_private
from app.sync.cells import SheetHasher, canonizer, check_codes, converter
from app.sync.layout import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    KEY_ROW,
    MANIFEST_SHEET,
    MAX_CELL_TEXT,
    Column,
    column_letter,
    columns_of,
    cover_title,
)
from app.sync.manifest import Manifest, SheetEntry
from app.sync.ooxml_text import PackageBook

Progress = Callable[[int], None]


@dataclass(frozen=True)
class CoverText:
    """What the cover sheet says, already in the user's language."""

    title: str
    lines: list[tuple[str, str]]  # (label, value)
    counts: list[tuple[str, int]]  # (kind label, records)
    how_to: list[str]


_TEXT, _LONG, _LABEL, _CHECK, _OTHER = range(5)
_TEXT_TYPES = ("text", "long", "code", "codes", "ref", "version")


def _too_long(kind: str, uid: str, column: Column, value: str) -> AcecError:
    return AcecError(
        _(
            "Cannot export {kind} {uid}: {field} is longer than a spreadsheet cell "
            "holds ({n} characters, at most {limit}). Shorten it and export again."
        ).format(
            kind=kind,
            uid=uid,
            field=_(column.spec.label),
            n=format_number(len(value)),
            limit=format_number(MAX_CELL_TEXT),
        )
    )


class _RowWriter:
    """Writes one stored record as a sheet row and returns its canonical values (for the hash)."""

    def __init__(
        self, kind: str, columns: list[Column], plan: list[tuple[int, int, Any]], text: Any
    ) -> None:
        self.kind = kind
        self.value_columns = [c for c in columns if c.hashed]
        self.converters = [converter(c.spec, stored=True) for c in self.value_columns]
        self.canonizers = [canonizer(c.spec) for c in self.value_columns]
        self.plan = plan
        self.text = text

    def _values(self, stored: Sequence[Any]) -> tuple[list[Any], list[Any]]:
        values = []
        canon = []
        for conv, canz, raw, column in zip(
            self.converters, self.canonizers, stored, self.value_columns, strict=True
        ):
            try:
                value = conv(raw)
            except ValueError as exc:
                raise AcecError(
                    _("Cannot export {kind} {uid}: {field}: {problem}").format(
                        kind=self.kind, uid=stored[0], field=_(column.spec.label), problem=exc
                    )
                ) from exc
            values.append(value)
            canon.append(canz(value))
        return values, canon

    def write(self, sheet: Worksheet, row: int, stored: Sequence[Any]) -> list[Any]:
        values, canon = self._values(stored)
        write_string = sheet.write_string
        text = self.text
        for col, (mode, index, extra) in enumerate(self.plan):
            value = values[index]
            if mode == _CHECK:
                write_string(row, col, check_codes(canon))
            elif value is None:
                continue
            elif mode == _TEXT:
                write_string(row, col, value, text)
            elif mode == _LABEL:
                write_string(row, col, extra.get(value, value))
            elif mode == _LONG:
                if len(value) > MAX_CELL_TEXT:
                    raise _too_long(self.kind, stored[0], extra, value)
                write_string(row, col, value, text)
            else:
                extra(sheet, row, col, value)
        return canon


def _add_list_validation(sheet: Worksheet, columns: list[Column], last_row: int) -> None:
    """A drop-down of the codes on each coded column short enough for Excel's list (255)."""
    if last_row < FIRST_DATA_ROW:
        return
    for col, column in enumerate(columns):
        spec = column.spec
        if column.role == "value" and spec.type == "code" and spec.codes:
            codes = codes_of(spec.codes)
            if len(",".join(codes)) <= 250:
                sheet.data_validation(
                    FIRST_DATA_ROW,
                    col,
                    last_row,
                    col,
                    {"validate": "list", "source": list(codes), "ignore_blank": True},
                )


class PackageWriter:
    """A package being written: cover and manifest first, data sheets, then close."""

    def __init__(self, path: Path, parts_folder: Path | None = None) -> None:
        """Write to ``path``; xlsxwriter's sheet parts go to ``parts_folder`` (else the temp folder)."""
        self.path = path
        create_private(path)  # xlsxwriter rewrites it at close, keeping the mode
        self.book = PackageBook(
            str(path),
            {
                "tmpdir": str(parts_folder) if parts_folder else None,
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        self.cover = self.book.add_worksheet(cover_title())
        self.manifest_sheet = self.book.add_worksheet(MANIFEST_SHEET)
        book = self.book
        self.f_header = book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DCE6F1", "bottom": 1}
        )
        self.f_text = book.add_format({"num_format": "@"})
        self.f_date = book.add_format({"num_format": "yyyy-mm-dd"})
        self.f_money = book.add_format({"num_format": "#,##0.00"})
        self.f_int = book.add_format({"num_format": "0"})
        self.f_title = book.add_format({"bold": True, "font_size": 16})
        self.f_bold = book.add_format({"bold": True})
        self.f_wrap = book.add_format({"text_wrap": True, "valign": "top", "num_format": "@"})

    def write_sheet(
        self, kind: str, title: str, rows: Iterable[Sequence[Any]], progress: Progress
    ) -> SheetEntry | None:
        """Write one kind's records (sync columns then fields, as stored); None if no rows.

        ``rows`` come in order of id, so each is hashed as it is written and none is kept.
        """
        columns = columns_of(kind)
        row_writer = _RowWriter(kind, columns, self._cell_plan(columns), self.f_text)
        sheet: Worksheet | None = None
        hasher = SheetHasher(kind, columns)
        row_number = FIRST_DATA_ROW
        for stored in rows:
            if sheet is None:
                sheet = self._start_sheet(title, columns)
            hasher.add(row_writer.write(sheet, row_number, stored))
            row_number += 1
            if row_number % 2000 == 0:
                progress(row_number - FIRST_DATA_ROW)
        if sheet is None:
            return None
        _add_list_validation(sheet, columns, last_row=row_number - 1)
        return SheetEntry(kind, title, hasher.rows, hasher.hexdigest())

    def _cell_plan(self, columns: list[Column]) -> list[tuple[int, int, Any]]:
        """How each column is written: (mode, index in the row's values, what the mode needs).

        Plain text goes straight to write_string (most cells), long text with a
        length check first, labels through their code's value, other types
        through their writer.
        """
        value_columns = [c for c in columns if c.hashed]
        value_index = {c.key: i for i, c in enumerate(value_columns)}
        plan: list[tuple[int, int, Any]] = []
        for c in columns:
            if c.role == "label":
                codes = c.spec.codes or ""
                labels = {code: label_of(codes, code) for code in codes_of(codes)}
                plan.append((_LABEL, value_index[c.spec.name], labels))
            elif c.role == "check":
                plan.append((_CHECK, 0, None))
            elif c.spec.type in _TEXT_TYPES:
                mode = _TEXT if c.spec.max_length and c.spec.max_length <= MAX_CELL_TEXT else _LONG
                plan.append((mode, value_index[c.key], c))
            else:
                plan.append((_OTHER, value_index[c.key], self._cell_writer(c)))
        return plan

    def _start_sheet(self, title: str, columns: list[Column]) -> Worksheet:
        sheet = self.book.add_worksheet(title)
        for col, column in enumerate(columns):
            options = {"hidden": True} if column.role == "check" else None
            sheet.set_column(col, col, column.width, None, options)
        sheet.freeze_panes(FIRST_DATA_ROW, 0)
        sheet.set_row(HEADER_ROW, 32)
        for col, column in enumerate(columns):
            sheet.write_string(HEADER_ROW, col, column.header, self.f_header)
        sheet.set_row(KEY_ROW, None, None, {"hidden": True})
        for col, column in enumerate(columns):
            sheet.write_string(KEY_ROW, col, column.key, self.f_text)
        return sheet

    def _cell_writer(self, column: Column) -> Callable[..., None]:
        kind = column.spec.type
        if column.role != "value":
            return lambda *args: None
        if kind == "date":
            fmt = self.f_date
            return lambda ws, r, c, v, *_: ws.write_datetime(r, c, v, fmt)
        if kind == "money":
            fmt = self.f_money
            return lambda ws, r, c, v, *_: ws.write_number(r, c, float(v), fmt)
        if kind == "int":
            fmt = self.f_int
            return lambda ws, r, c, v, *_: ws.write_number(r, c, v, fmt)
        if kind == "bool":
            return lambda ws, r, c, v, *_: ws.write_boolean(r, c, v)
        if kind == "decimal":
            return self._write_decimal
        raise AssertionError(kind)  # text is written directly by write_sheet

    def _write_decimal(self, ws: Worksheet, r: int, c: int, v: Decimal, *_: Any) -> None:
        # A number when a spreadsheet keeps it exactly (15 significant digits), else text.
        if len(v.normalize().as_tuple().digits) <= 15:
            ws.write_number(r, c, float(v))
        else:
            ws.write_string(r, c, format(v.normalize(), "f"), self.f_text)

    def finish(self, manifest: Manifest, cover: CoverText) -> None:
        """Write the cover and the manifest, then close the file."""
        ws = self.cover
        ws.set_column(0, 0, 34)
        ws.set_column(1, 1, 70)
        # Printed, the cover fits the page's width (A4, portrait).
        ws.set_paper(9)
        ws.set_portrait()
        ws.fit_to_pages(1, 0)
        count_format = self.book.add_format({"num_format": "#,##0", "align": "left"})
        label_format = self.book.add_format({"bold": True, "valign": "top"})
        ws.write_string(0, 0, cover.title, self.f_title)
        row = 2
        for label, value in cover.lines:
            ws.set_row(row, _wrapped_height(value, 80))
            ws.write_string(row, 0, label, label_format)
            ws.write_string(row, 1, value, self.f_wrap)
            row += 1
        row += 1
        ws.write_string(row, 0, _("Records in this package"), self.f_bold)
        row += 1
        for label, count in cover.counts:
            ws.write_string(row, 0, label)
            ws.write_number(row, 1, count, count_format)
            row += 1
        row += 1
        ws.write_string(row, 0, _("How to import it"), self.f_bold)
        row += 1
        for number, line in enumerate(cover.how_to, start=1):
            # Merged across both columns, so Excel does not size the row: we do.
            text = f"{number}. {line}"
            ws.set_row(row, _wrapped_height(text, 115))
            ws.merge_range(row, 0, row, 1, text, self.f_wrap)
            row += 1
        ms = self.manifest_sheet
        ms.set_column(0, 0, 28)
        ms.set_column(1, 1, 70)
        ms.set_column(2, 2, 44)
        for number, (key, value, description) in enumerate(manifest.rows()):
            ms.write_string(number, 0, key, self.f_text)
            if value:
                ms.write_string(number, 1, value, self.f_text)
            ms.write_string(number, 2, description)
        self.cover.activate()
        self.book.close()

    def abandon(self) -> None:
        """Close without caring about the result (the caller deletes the file)."""
        if self.book.fileclosed:  # finish() got that far
            return
        try:
            self.book.close()
        except Exception:  # noqa: BLE001 - best effort on a file being thrown away
            pass


def letter_of(columns: Sequence[Column], key: str) -> str:
    """The column letter of a key in a kind's sheet."""
    return column_letter(next(i for i, c in enumerate(columns) if c.key == key))


def _wrapped_height(text: str, chars_per_line: int) -> float:
    """A row height (points) that shows ``text`` wrapped at about ``chars_per_line``."""
    lines = sum(max(1, -(-len(part) // chars_per_line)) for part in text.split("\n"))
    return 15.0 * lines
