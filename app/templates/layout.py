"""Where things are in a template: its sheets, rows and columns, and their machine keys.

A template's data sheet has a title in row 1 (naming the activity of a
registration list), the headers people read in row 2, the machine keys in a
hidden row 3, two example rows, and the rows people fill. Import finds the
columns by their keys, so reordered columns and translated headers still import.
A hidden information sheet says what the workbook is: that, not its name, tells
a template from a sync package.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import N_, _
from app.models import FieldSpec, fields_of, model_of

FORMAT_NAME = "ACEC Tracker template"
FORMAT_VERSION = 1
INFO_SHEET = "acec_template"
LISTS_SHEET = "acec_lists"
TITLE_ROW, HEADER_ROW, KEY_ROW = 1, 2, 3  # one-based, as people count rows
EXAMPLE_ROWS = (4, 5)
FIRST_FILLED_ROW = 6
EXAMPLE_KEY = "example"
UID_KEY = "uid"
PARTICIPATION_PREFIX = "participation."
KINDS = ("person", "activity", "green_envoy", "funding")
# What the command line calls each kind (``acec template people``); the kind's own name works too.
KIND_NAMES = {
    "people": "person",
    "activities": "activity",
    "envoys": "green_envoy",
    "funding": "funding",
}
# Fields a template leaves out: participation's own activity and person are the row's.
_PARTICIPATION_SKIPPED = ("activity_uid", "person_uid")

UID_SPEC = FieldSpec(UID_KEY, N_("Record id"), "ref", False, None, None, 36)
EXAMPLE_SPEC = FieldSpec(EXAMPLE_KEY, N_("Example"), "text", False, None, None, None)


@dataclass(frozen=True)
class TemplateColumn:
    """One column of a template's data sheet: its machine key and what it holds."""

    key: str
    spec: FieldSpec
    kind: str  # the record kind this column's value belongs to

    @property
    def header(self) -> str:
        if self.key == EXAMPLE_KEY:
            return _("Example row?")
        if self.key == UID_KEY:
            return _("Record id (empty for a new record)")
        label = _(self.spec.label)
        return f"{label} *" if self.spec.required else label


def kind_named(name: str) -> str | None:
    """The record kind a command-line name stands for, or None."""
    lowered = name.strip().lower()
    if lowered in KINDS:
        return lowered
    return KIND_NAMES.get(lowered)


def columns_for(kind: str, *, with_participation: bool) -> list[TemplateColumn]:
    """The columns of a template of ``kind``, in the order the template shows them."""
    columns = [
        TemplateColumn(EXAMPLE_KEY, EXAMPLE_SPEC, kind),
        TemplateColumn(UID_KEY, UID_SPEC, kind),
    ]
    columns += [TemplateColumn(spec.name, spec, kind) for spec in fields_of(kind)]
    if with_participation:
        columns += [
            TemplateColumn(PARTICIPATION_PREFIX + spec.name, spec, "participation")
            for spec in fields_of("participation")
            if spec.name not in _PARTICIPATION_SKIPPED
        ]
    return columns


def sheet_title(kind: str) -> str:
    """The data sheet's name: the kind's plural, as a sheet name may hold it."""
    text = _(model_of(kind).__plural__)
    for ch in "[]:*?/\\":
        text = text.replace(ch, " ")
    return text[:31]
