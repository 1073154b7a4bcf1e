"""Where things are in a sync package: sheets, rows, columns and their machine keys.

A data sheet has the readable, translated headers in row 1, the stable machine
keys in a hidden row 2, and one record per row from row 3. Import finds
columns by their keys, never by their translated headers, so a package means
the same in every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.i18n import N_, _
from app.models import RECORD_TYPES, FieldSpec, fields_of, model_of
from app.models.typed_text import CELL_TEXT_LIMIT

FORMAT_NAME = "ACEC Tracker sync package"
# Format 2 added the funding's "own_rate" and the participation's
# "certificate_date" columns; format 3 the person's "birth_year". Packages
# from MIN_SCHEMA_VERSION up to SCHEMA_VERSION are read; an older one is
# upgraded on reading (optional columns it lacks are left empty, and its hashes
# and check codes are computed over the columns it has, as its sender did).
SCHEMA_VERSION = 3
MIN_SCHEMA_VERSION = 1
MANIFEST_SHEET = "Manifest"
HEADER_ROW, KEY_ROW, FIRST_DATA_ROW = 0, 1, 2  # zero-based, as the writer and reader count
LABEL_SUFFIX = ".label"
CHECK_KEY = "check"
MAX_CELL_TEXT = CELL_TEXT_LIMIT  # the most characters a spreadsheet cell holds

# The sync columns, described like fields so one converter handles everything.
SYNC_SPECS = (
    FieldSpec("uid", N_("Record id"), "ref", True, None, None, 36),
    FieldSpec("owner", N_("Owner"), "code", True, "site", None, 3),
    FieldSpec("version", N_("Version"), "version", True, None, None, 40),
    FieldSpec("deleted", N_("Deleted"), "bool", False, None, None, None),
)

_WIDTHS = {
    "ref": 38,
    "version": 26,
    "long": 60,
    "text": 28,
    "date": 12,
    "money": 16,
    "decimal": 14,
    "int": 10,
    "bool": 9,
    "code": 14,
    "codes": 22,
}


@dataclass(frozen=True)
class Column:
    """One column of a data sheet.

    ``hashed`` columns are the record's content; a label column (the
    translated meaning of a code, for people) and the check column are not.
    """

    key: str
    spec: FieldSpec
    role: str  # "value", "label" or "check"

    @property
    def hashed(self) -> bool:
        return self.role == "value"

    @property
    def header(self) -> str:
        if self.role == "label":
            return _("{field} (meaning)").format(field=_(self.spec.label))
        if self.role == "check":
            return _("Check")
        return _(self.spec.label)

    @property
    def width(self) -> float:
        if self.role == "check":
            return 10
        if self.role == "label":
            return 24
        return _WIDTHS.get(self.spec.type, 20)


def value_specs(kind: str) -> tuple[FieldSpec, ...]:
    """The hashed columns of a kind, in sheet order: sync columns, then fields."""
    return SYNC_SPECS + fields_of(kind)


def columns_of(kind: str) -> list[Column]:
    """Every column of a kind's sheet, label columns beside coded ones, check last."""
    out: list[Column] = []
    for spec in value_specs(kind):
        out.append(Column(spec.name, spec, "value"))
        if spec.type == "code" and spec.codes not in ("site", "currency"):
            out.append(Column(spec.name + LABEL_SUFFIX, spec, "label"))
    out.append(
        Column(CHECK_KEY, FieldSpec(CHECK_KEY, "", "text", False, None, None, None), "check")
    )
    return out


def kinds_in_order() -> list[str]:
    """Record kinds in reference order (parents first)."""
    return [m.__kind__ for m in RECORD_TYPES]


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_titles(kinds: list[str]) -> dict[str, str]:
    """A distinct, valid, translated sheet name for each kind (at most 31 characters)."""
    used = {MANIFEST_SHEET.lower(), cover_title().lower()}
    titles: dict[str, str] = {}
    for kind in kinds:
        base = _BAD_SHEET_CHARS.sub(" ", _(model_of(kind).__plural__)).strip()[:28] or kind[:28]
        title, n = base, 2
        while title.lower() in used:
            title = f"{base[:26]} {n}"
            n += 1
        used.add(title.lower())
        titles[kind] = title
    return titles


def cover_title() -> str:
    """The translated name of the cover sheet."""
    return _BAD_SHEET_CHARS.sub(" ", _("About this file"))[:31]


def column_letter(index: int) -> str:
    """Spreadsheet column letters of a zero-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
