"""A record's history in plain words: field labels, code labels, record names, local dates.

The audit log keeps values in their canonical stored form (codes, ids, ISO
dates, amounts as text); a person reads "Plan item: 2.5 Capacity-building
training …", "Status: Planned → Completed", "Start date: May 14, 2012", in
the current language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from app.errors import NotFoundError
from app.i18n import _, format_date, format_moment, format_number, format_number_pattern
from app.models import FieldSpec, fields_of
from app.models.codes import label_of
from app.services.audit import HistoryEntry, record_history
from app.services.choices import choice_label
from app.store import Database

# Record kinds a picker can name; an id of another kind is shown as it is.
NAMED_KINDS = ("activity", "person", "organisation", "plan_item")
HIDDEN_FIELDS = ("deleted",)  # shown as the action (deleted, restored) instead


@dataclass(frozen=True)
class ChangeText:
    """One changed field: its label and its values before and after, as words."""

    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryLine:
    """One entry of a record's history, ready to read."""

    when: str
    at: dt.datetime
    office: str
    action: str
    changes: tuple[ChangeText, ...]
    origin: str | None


class _Names:
    """Names of referenced records, each looked up once."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.known: dict[tuple[str, str], str] = {}

    def of(self, kind: str, uid: str) -> str:
        key = (kind, uid)
        if key not in self.known:
            name = uid
            if kind in NAMED_KINDS:
                try:
                    name = " ".join(choice_label(self.db, kind, uid).split())
                except NotFoundError:
                    name = uid
            self.known[key] = name
        return self.known[key]


def _number(value: Any, pattern: str | None = None) -> str:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format_number_pattern(number, pattern) if pattern else format_number(number)


def _date(value: Any) -> str:
    try:
        return format_date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def value_text(spec: FieldSpec | None, value: Any, names: _Names) -> str:
    """How a stored value of the field ``spec`` reads ("" for none)."""
    if value is None or value == "":
        return ""
    if spec is None:
        return str(value)
    if spec.type == "code" and spec.codes:
        return label_of(spec.codes, str(value))
    if spec.type == "codes" and spec.codes:
        return ", ".join(label_of(spec.codes, code) for code in str(value).split())
    if spec.type == "ref" and spec.ref:
        return names.of(spec.ref, str(value))
    if spec.type == "date":
        return _date(value)
    if spec.type == "bool":
        return _("Yes") if value else _("No")
    if spec.type == "money":
        return _number(value, "#,##0.00")
    if spec.type == "decimal":
        return _number(value)
    return str(value)


def _changes(
    entry: HistoryEntry, specs: dict[str, FieldSpec], order: list[str], names: _Names
) -> tuple[ChangeText, ...]:
    def position(name: str) -> tuple[int, str]:
        return (order.index(name) if name in order else len(order), name)

    out = []
    for name in sorted(entry.changes, key=position):
        if name in HIDDEN_FIELDS:
            continue
        old, new = entry.changes[name]
        spec = specs.get(name)
        out.append(
            ChangeText(
                name,
                _(spec.label) if spec else name,
                value_text(spec, old, names),
                value_text(spec, new, names),
            )
        )
    return tuple(out)


def readable_history(db: Database, kind: str, uid: str) -> list[HistoryLine]:
    """Every change to the record ``uid`` of ``kind``, newest first, in plain words."""
    specs = {s.name: s for s in fields_of(kind)}
    order = list(specs)
    names = _Names(db)
    return [
        HistoryLine(
            when=format_moment(entry.at),
            at=entry.at,
            office=label_of("site", entry.site),
            action=entry.action,
            changes=_changes(entry, specs, order, names),
            origin=entry.origin,
        )
        for entry in reversed(record_history(db, uid))
    ]
