"""Reading a package with python-calamine: manifest, then each data sheet's records.

Every cell is converted by the same converters the export used, so a
re-saved workbook gives the same canonical values, and every problem is
reported with its sheet, row and column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine

from app.i18n import _
from app.models import BY_KIND
from app.models.rules import RULED_KINDS, rule_problems
from app.models.values import ValueProblem
from app.sync.cells import canonizer, check_codes, converter, sheet_hash_of_records
from app.sync.errors import Located, PackageRefused
from app.sync.layout import (
    CHECK_KEY,
    FIRST_DATA_ROW,
    KEY_ROW,
    LABEL_SUFFIX,
    MANIFEST_SHEET,
    Column,
    column_letter,
    columns_of,
)
from app.sync.manifest import Manifest, SheetEntry, parse_manifest
from app.sync.preview import ImportPreview
from app.sync.sync_record import SyncRecord

Progress = Callable[[int], None]
CHUNK_ROWS = 5000  # rows converted at a time
_REPEATING = frozenset({"code", "codes", "ref", "date"})


@dataclass
class SheetContent:
    """The records of one sheet, converted, with where each came from."""

    kind: str
    title: str
    columns: list[Column]  # the hashed columns, in canonical order
    # Positions in ``columns`` of the columns the sheet has: all of them, except in a
    # package of an older format, whose sender hashed only the columns it knew.
    sent: list[int] = field(default_factory=list)
    records: list[SyncRecord] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # 1-based spreadsheet row of each record
    checks: list[str] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)  # key -> column letter
    hash: str = ""
    refused_uids: set[str] = field(default_factory=set)  # rows refused for their values


class PackageFile:
    """An open package workbook (calamine); close it when done."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.book = python_calamine.CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # calamine raises several types for damaged files
            raise PackageRefused(
                _("{file} cannot be read as a spreadsheet: {error}").format(
                    file=path.name,
                    error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                )
            ) from exc
        self.sheet_names = list(self.book.sheet_names)
        self.manifest_rows: list[list[Any]] = []

    def read_manifest(self) -> Manifest:
        """The parsed manifest; ``PackageRefused`` when the file is not our package."""
        if MANIFEST_SHEET not in self.sheet_names:
            raise PackageRefused(
                _("This file is not a sync package of ACEC Tracker (no manifest).")
            )
        self.manifest_rows = self._rows(MANIFEST_SHEET, limit=100_000)
        return parse_manifest(self.manifest_rows)

    def _rows(self, name: str, limit: int | None = None) -> list[list[Any]]:
        try:
            sheet = self.book.get_sheet_by_name(name)
            out = []
            for row in sheet.iter_rows():
                out.append(row)
                if limit is not None and len(out) >= limit:
                    break
            return out
        except Exception as exc:
            raise PackageRefused(
                _("The sheet {sheet} cannot be read: {error}").format(sheet=name, error=exc),
                [Located(_("cannot be read"), name)],
            ) from exc

    def iter_sheet(self, name: str) -> Iterator[list[Any]]:
        try:
            yield from self.book.get_sheet_by_name(name).iter_rows()
        except PackageRefused:
            raise
        except Exception as exc:
            raise PackageRefused(
                _("The sheet {sheet} cannot be read: {error}").format(sheet=name, error=exc),
                [Located(_("cannot be read"), name)],
            ) from exc

    def close(self) -> None:
        try:
            self.book.close()
        except Exception:  # noqa: BLE001 - closing a file we only read
            pass


def _column_text(letter: str, column: Column) -> str:
    return f"{letter} ({column.header})"


def _sheet_is_known(package: PackageFile, entry: SheetEntry, preview: ImportPreview) -> bool:
    """Whether the manifest's sheet is a kind we know and is in the file (else a problem)."""
    if entry.kind not in BY_KIND:
        preview.add_problem(
            Located(
                _("unknown kind of record “{kind}”; update the program").format(kind=entry.kind),
                entry.title,
            )
        )
        return False
    if entry.title not in package.sheet_names:
        preview.add_problem(Located(_("the sheet is missing from the file"), entry.title))
        return False
    return True


def _key_positions(
    keys: list[Any], known: set[str], title: str, preview: ImportPreview
) -> dict[str, int]:
    """The column of each machine key in row 2; unknown and doubled keys are problems."""
    position: dict[str, int] = {}
    for index, key in enumerate(keys):
        if not isinstance(key, str) or not key.strip():
            continue  # a column someone added by hand, with no key: not ours, ignored
        key = key.strip()
        if key not in known and not key.endswith(LABEL_SUFFIX):
            problem = _("unknown column “{key}”").format(key=key)
        elif key in position:
            problem = _("the column “{key}” appears twice").format(key=key)
        else:
            position[key] = index
            continue
        preview.add_problem(Located(problem, title, KEY_ROW + 1, column_letter(index)))
    return position


def _note_missing_columns(
    content: SheetContent,
    position: dict[str, int],
    preview: ImportPreview,
    tolerate_missing: bool,
) -> bool:
    """Record where each value column is; True when every column needed is there."""
    all_there = True
    for column in content.columns:
        if column.key in position:
            content.letters[column.key] = column_letter(position[column.key])
            continue
        all_there = False
        if not (tolerate_missing and not column.spec.required):
            preview.add_problem(
                Located(
                    _("the column “{header}” ({key}) is missing").format(
                        header=column.header, key=column.key
                    ),
                    content.title,
                    KEY_ROW + 1,
                )
            )
    return all_there or tolerate_missing


def _key_row(rows: Iterator[list[Any]]) -> list[Any]:
    """Row 2 of the sheet (the machine keys); the iterator then stands at the data."""
    for index, row in enumerate(rows):
        if index == KEY_ROW:
            return row
    return []


def read_sheet(
    package: PackageFile,
    entry: SheetEntry,
    preview: ImportPreview,
    *,
    tolerate_missing: bool,
    progress: Progress,
) -> SheetContent | None:
    """Convert one data sheet's rows; problems go to ``preview``. None if unreadable."""
    kind, title = entry.kind, entry.title
    sheet_preview = preview.sheet(kind)
    assert sheet_preview is not None
    if not _sheet_is_known(package, entry, preview):
        return None
    all_columns = columns_of(kind)
    value_columns = [c for c in all_columns if c.hashed]
    content = SheetContent(kind, title, value_columns)
    rows = package.iter_sheet(title)
    keys = _key_row(rows)
    if not keys:
        preview.add_problem(Located(_("the sheet has no column keys in row 2"), title, KEY_ROW + 1))
        return None
    position = _key_positions(keys, {c.key for c in all_columns}, title, preview)
    if not _note_missing_columns(content, position, preview, tolerate_missing):
        return None
    reading = _SheetReading(content, preview, position.get(CHECK_KEY), value_columns, position)
    width = max(i for i in reading.indexes if i is not None) + 1
    uid_at = reading.indexes[0]
    assert uid_at is not None
    for numbers, raw_rows in _data_chunks(rows, width, uid_at):
        reading.add(numbers, raw_rows)
        progress(len(content.records) + reading.refused)
    sheet_preview.refused += reading.refused
    content.sent = [i for i, c in enumerate(value_columns) if c.key in position]
    content.hash = sheet_hash_of_records(
        kind, [value_columns[i] for i in content.sent], content.records, reading.canonize_sent
    )
    return content


def _data_chunks(
    rows: Iterator[list[Any]], width: int, uid_at: int
) -> Iterator[tuple[list[int], list[list[Any]]]]:
    """The sheet's non-empty data rows (padded to ``width``) with their row numbers, in chunks.

    A chunk at a time, so that only the reader's grid and the converted
    records are ever held whole, never a second copy of the raw cells.
    """
    numbers: list[int] = []
    raw_rows: list[list[Any]] = []
    for number, row in enumerate(rows, start=FIRST_DATA_ROW + 1):
        if len(row) < width:
            row = list(row) + [""] * (width - len(row))
        if row[uid_at] == "" and all(v == "" or v is None for v in row):
            continue  # an empty row
        numbers.append(number)
        raw_rows.append(row)
        if len(raw_rows) == CHUNK_ROWS:
            yield numbers, raw_rows
            numbers, raw_rows = [], []
    if raw_rows:
        yield numbers, raw_rows


class _SheetReading:
    """Converts a sheet's rows chunk by chunk into ``content``; problems go to ``preview``."""

    def __init__(
        self,
        content: SheetContent,
        preview: ImportPreview,
        check_at: int | None,
        columns: list[Column],
        position: dict[str, int],
    ) -> None:
        self.content, self.preview, self.check_at = content, preview, check_at
        self.columns = columns
        self.indexes = [position.get(c.key) for c in columns]
        self.converters = [converter(c.spec) for c in columns]
        self.canonizers = [
            (i, canonizer(c.spec))
            for i, c in enumerate(columns)
            if c.spec.type in ("date", "money", "decimal")
        ]
        self.required = [i for i, c in enumerate(columns) if c.spec.required]
        # Values that repeat (codes, references, dates) are held once per sheet, not once a
        # cell: the reader gives every cell its own object, and records live until the apply.
        self.shared: dict[int, dict[Any, Any]] = {
            i: {} for i, c in enumerate(columns) if i and c.spec.type in _REPEATING
        }
        self.by_name = {c.spec.name: (i, c) for i, c in enumerate(columns)}
        self.seen: set[str] = set()
        self.refused = 0

    def canonize(self, record: tuple[Any, ...]) -> list[Any]:
        canon = list(record)
        for i, canz in self.canonizers:
            canon[i] = canz(canon[i])
        return canon

    def canonize_sent(self, record: tuple[Any, ...]) -> list[Any]:
        """The canonical values of the columns the sheet has (what its sender hashed)."""
        canon = self.canonize(record)
        sent = self.content.sent
        return canon if len(sent) == len(canon) else [canon[i] for i in sent]

    def add(self, numbers: list[int], raw_rows: list[list[Any]]) -> None:
        """Convert one chunk of rows; keep the good records, note the bad ones."""
        bad: set[int] = set()

        def problem(message: str, pos: int, column: Column) -> None:
            bad.add(pos)
            self.preview.add_problem(
                Located(
                    message,
                    self.content.title,
                    numbers[pos],
                    _column_text(self.content.letters.get(column.key, "?"), column),
                )
            )

        converted = self._convert(raw_rows, problem)
        self._judge(converted, bad, problem)
        content, check_at = self.content, self.check_at
        for pos, record in enumerate(zip(*converted, strict=True)):
            if pos in bad:
                if record[0] is not None:
                    content.refused_uids.add(record[0])
                continue
            content.records.append(SyncRecord(record))
            content.rows.append(numbers[pos])
            raw = raw_rows[pos]
            content.checks.append(
                str(raw[check_at]) if check_at is not None and check_at < len(raw) else ""
            )
        self.refused += len(bad)

    def _convert(
        self, raw_rows: list[list[Any]], problem: Callable[[str, int, Column], None]
    ) -> list[list[Any]]:
        # Column by column: one C-level map per column instead of a Python loop per cell.
        count = len(raw_rows)
        converted: list[list[Any]] = []
        # Rows were padded to ``width``, so the shortest row still holds every column we read.
        by_column = list(zip(*raw_rows, strict=False))
        for conv, at, column in zip(self.converters, self.indexes, self.columns, strict=True):
            if at is None:
                converted.append([None] * count)
                continue
            cells = by_column[at]
            try:
                out = list(map(conv, cells))
            except ValueProblem:
                out = []
                for pos, cell in enumerate(cells):
                    try:
                        out.append(conv(cell))
                    except ValueProblem as exc:
                        out.append(None)
                        problem(
                            _("{field}: {problem}").format(field=_(column.spec.label), problem=exc),
                            pos,
                            column,
                        )
            memo = self.shared.get(len(converted))
            if memo is not None:
                out = list(map(memo.setdefault, out, out))
            converted.append(out)
        return converted

    def _judge(
        self,
        converted: list[list[Any]],
        bad: set[int],
        problem: Callable[[str, int, Column], None],
    ) -> None:
        """Required values, the kind's rules and unique ids, for one chunk."""
        for i in self.required:
            if None in converted[i]:
                column = self.columns[i]
                for pos, value in enumerate(converted[i]):
                    if value is None and pos not in bad:
                        problem(
                            _("{field} is required").format(field=_(column.spec.label)), pos, column
                        )
        if self.content.kind in RULED_KINDS:
            for pos in range(len(converted[0])):
                if pos in bad:
                    continue
                values = {name: converted[i][pos] for name, (i, _c) in self.by_name.items()}
                for found in rule_problems(self.content.kind, values):
                    problem(found.message, pos, self.by_name[found.field][1])
        uids = converted[0]
        fresh = set(uids)
        if len(fresh) == len(uids) and self.seen.isdisjoint(fresh):
            self.seen |= fresh
            return
        for pos, uid in enumerate(uids):
            if uid is not None and uid in self.seen:
                problem(
                    _("the record id {uid} appears twice").format(uid=uid), pos, self.columns[0]
                )
            self.seen.add(uid)


def locate_changes(content: SheetContent, preview: ImportPreview) -> int:
    """Report the cells whose value differs from what was exported; return how many rows."""
    sent = content.sent or list(range(len(content.columns)))
    columns = [content.columns[i] for i in sent]
    canonizers = [canonizer(c.spec) for c in columns]
    changed = 0
    for record, number, check in zip(content.records, content.rows, content.checks, strict=True):
        canon = [canz(record[i]) for canz, i in zip(canonizers, sent, strict=True)]
        codes = check_codes(canon)
        if codes == check:
            continue
        changed += 1
        if len(check) != len(codes):
            preview.add_problem(
                Located(_("this row was changed or added after export"), content.title, number)
            )
            continue
        for i, column in enumerate(columns):
            if codes[2 * i : 2 * i + 2] != check[2 * i : 2 * i + 2]:
                preview.add_problem(
                    Located(
                        _("the value was changed after export"),
                        content.title,
                        number,
                        _column_text(content.letters.get(column.key, "?"), column),
                    )
                )
    return changed
