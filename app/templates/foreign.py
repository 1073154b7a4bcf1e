"""A workbook someone made without our template, read by a mapping of its columns to fields.

The first row with several headers among a sheet's first rows is taken as the
header row. Each header is suggested a field when it says the field's name in
any language we ship (or a usual synonym); the user confirms or changes the
mapping in the preview, and it is remembered for that set of headers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.i18n import _, translated_in
from app.templates.cell_values import is_blank
from app.templates.countries import NAME_LANGUAGES, folded
from app.templates.layout import UID_KEY, TemplateColumn, columns_for
from app.templates.reader import (
    FilledRow,
    FilledTemplate,
    FoundColumn,
    NotATemplate,
    TemplateInfo,
    open_workbook,
)

_HEADER_SEARCH = 10
# Headers people use that are not a field's label in any language.
_SYNONYMS = {
    "fullname": "name",
    "participant": "name",
    "sex": "gender",
    "nationality": "country",
    "email": "email",
    "emailaddress": "email",
    "mobile": "phone",
    "telephone": "phone",
    "tel": "phone",
    "organization": "organisation_uid",
    "institution": "organisation_uid",
    "agency": "organisation_uid",
    "designation": "position",
    "jobtitle": "position",
    "id": UID_KEY,
}


@dataclass(frozen=True)
class ColumnMapping:
    """A foreign workbook's headers, in sheet order, and the field key each maps to ("" = none)."""

    headers: tuple[str, ...]
    keys: tuple[str, ...]

    def as_dict(self) -> dict[str, str]:
        return dict(zip(self.headers, self.keys, strict=True))


def header_set_id(kind: str, headers: tuple[str, ...]) -> str:
    """A short id of a set of headers (order and case aside), to remember its mapping by."""
    joined = "\x1f".join(sorted(folded(h) for h in headers))
    return hashlib.sha256(f"{kind}\x1e{joined}".encode()).hexdigest()[:24]


def mappable_columns(kind: str) -> list[TemplateColumn]:
    """The fields a foreign column may be mapped to (the example marker aside)."""
    return [c for c in columns_for(kind, with_participation=False) if c.key != "example"]


def suggested_key(kind: str, header: str) -> str:
    """The field a header most likely means, or "" when none is clear."""
    text = folded(header.rstrip("* "))
    if not text:
        return ""
    for column in mappable_columns(kind):
        names = {folded(column.key), folded(column.header)}
        for language in ("en", *NAME_LANGUAGES):
            names.add(folded(translated_in(column.spec.label, language)))
        if text in names:
            return column.key
    key = _SYNONYMS.get(text, "")
    return key if key in {c.key for c in mappable_columns(kind)} else ""


def _header_row(sheet: Any) -> tuple[int, tuple[str, ...]] | None:
    for number, row in enumerate(sheet.iter_rows(max_row=_HEADER_SEARCH, values_only=True), 1):
        texts = tuple("" if v is None else " ".join(str(v).split()) for v in row)
        if sum(1 for t in texts if t) >= 2:
            while texts and not texts[-1]:
                texts = texts[:-1]
            return number, texts
    return None


def _found(kind: str, mapping: ColumnMapping) -> list[FoundColumn]:
    by_key = {column.key: column for column in mappable_columns(kind)}
    return [
        FoundColumn(by_key[key], index, header)
        for index, (header, key) in enumerate(zip(mapping.headers, mapping.keys, strict=True))
        if key in by_key
    ]


def read_headers(path: Path) -> tuple[str, tuple[str, ...]]:
    """The sheet and header texts of a foreign workbook; ``NotATemplate`` if it has none."""
    book = open_workbook(path)
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            found = _header_row(sheet)
            if found is not None:
                return sheet.title, found[1]
    finally:
        book.close()
    raise NotATemplate(
        _("{file}: no sheet has a row of column headers in its first rows.").format(file=path.name)
    )


def read_foreign(path: Path, kind: str, mapping: ColumnMapping, language: str) -> FilledTemplate:
    """The rows of a foreign workbook, by ``mapping``, as a filled template of ``kind``."""
    book = open_workbook(path)
    try:
        for sheet in book.worksheets:
            found = _header_row(sheet) if sheet.sheet_state == "visible" else None
            if found is None or found[1] != mapping.headers:
                continue
            columns = _found(kind, mapping)
            filled = FilledTemplate(TemplateInfo(kind, "", language, None), sheet.title, columns)
            for number, values in enumerate(
                sheet.iter_rows(min_row=found[0] + 1, values_only=True), start=found[0] + 1
            ):
                cells = {
                    c.column.key: values[c.index] if c.index < len(values) else None
                    for c in columns
                }
                if not all(is_blank(v) for v in cells.values()):
                    filled.rows.append(FilledRow(number, cells))
            return filled
    finally:
        book.close()
    raise NotATemplate(
        _("{file}: its headers changed since it was checked; check it again.").format(
            file=path.name
        )
    )
