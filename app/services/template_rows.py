"""One filled template row: its cells read, its references found, validated and written.

Everything happens in the caller's session: the import runs it once to
preview (and rolls back), and once more to apply, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ReadOnlyError, ValidationError
from app.i18n import _
from app.models import Participation, fields_of, model_of
from app.models.codes import label_of
from app.models.values import ValueProblem
from app.services.records import InsertBatch, change_record, insert_record, new_uid
from app.services.template_refs import RecordFinder
from app.services.validation import check_record_rules, coerce_values
from app.sync.errors import Located
from app.templates.cell_problem import CellProblem
from app.templates.cell_values import is_blank, read_cell
from app.templates.layout import EXAMPLE_KEY, PARTICIPATION_PREFIX, UID_KEY
from app.templates.reader import FilledRow, FilledTemplate, FoundColumn


@dataclass(frozen=True)
class RowOutcome:
    """What a row does: ``new``, ``updated``, ``unchanged`` or ``refused``; the record's id."""

    row: int
    outcome: str
    uid: str | None


@dataclass
class RowScope:
    """What every row of one import shares."""

    session: Session
    site: str
    locale: Locale
    filled: FilledTemplate
    finder: RecordFinder
    activity_uid: str | None = None
    default_role: str = "participant"
    seen_uids: set[str] = field(default_factory=set)
    batch: InsertBatch | None = None  # new records written together (see InsertBatch)

    def column(self, key: str) -> FoundColumn | None:
        return next((c for c in self.filled.columns if c.column.key == key), None)

    def located(self, row: int, key: str | None, message: str) -> CellProblem:
        found = self.column(key) if key else None
        return CellProblem(
            message,
            self.filled.sheet,
            row,
            found.where if found else None,
            letter=found.letter if found else None,
        )


@dataclass
class _RowValues:
    record: dict[str, Any] = field(default_factory=dict)
    participation: dict[str, Any] = field(default_factory=dict)
    uid: str | None = None
    problems: list[Located] = field(default_factory=list)


class _RowRefused(Exception):
    def __init__(self, problems: list[Located]) -> None:
        super().__init__()
        self.problems = problems


def _cell_value(scope: RowScope, found: FoundColumn, raw: Any) -> Any:
    spec = found.column.spec
    value = read_cell(spec, raw, scope.locale)
    if spec.type == "ref" and value is not None and spec.ref:
        return scope.finder.find(spec.ref, value)
    return value


def _read_row(scope: RowScope, row: FilledRow) -> _RowValues:
    values = _RowValues()
    for found in scope.filled.columns:
        key = found.column.key
        raw = row.cells.get(key)
        if key == EXAMPLE_KEY or is_blank(raw):
            continue
        try:
            value = _cell_value(scope, found, raw)
        except ValueProblem as exc:
            values.problems.append(scope.located(row.number, key, str(exc)))
            continue
        if key == UID_KEY:
            values.uid = str(value).strip().lower()  # ids are lower case, however typed
        elif key.startswith(PARTICIPATION_PREFIX):
            values.participation[key.removeprefix(PARTICIPATION_PREFIX)] = value
        else:
            values.record[key] = value
    return values


def _refused(scope: RowScope, row: int, exc: ValidationError, prefix: str = "") -> _RowRefused:
    return _RowRefused([scope.located(row, prefix + p.field, p.message) for p in exc.problems])


def _save_new(
    scope: RowScope, kind: str, values: dict[str, Any], row: int, prefix: str = ""
) -> str:
    try:
        clean = coerce_values(kind, values, partial=False)
        check_record_rules(scope.session, kind, clean)
        uid = new_uid(scope.site)
        insert_record(scope.session, scope.site, kind, clean, uid, scope.batch)
    except ValidationError as exc:
        raise _refused(scope, row, exc, prefix) from None
    return uid


def _save_change(
    scope: RowScope, kind: str, uid: str, values: dict[str, Any], row: int, prefix: str = ""
) -> bool:
    """Change the record ``uid`` of this office; True if anything changed."""
    record = scope.session.get(model_of(kind), uid)
    if record is None or record.deleted:
        message = _("no {kind} of this office has the id {uid}").format(
            kind=_(model_of(kind).__label__).lower(), uid=uid
        )
        raise _RowRefused([scope.located(row, None if prefix else UID_KEY, message)])
    if record.owner != scope.site:
        raise _RowRefused(
            [
                scope.located(
                    row,
                    UID_KEY,
                    _("this record belongs to {owner}; only that office can change it").format(
                        owner=label_of("site", record.owner)
                    ),
                )
            ]
        )
    try:
        clean = coerce_values(kind, values, partial=True)
        merged = {s.name: getattr(record, s.name) for s in fields_of(kind)} | clean
        check_record_rules(scope.session, kind, merged, changed=clean)
        return bool(change_record(scope.session, scope.site, record, clean))
    except ValidationError as exc:
        raise _refused(scope, row, exc, prefix) from None
    except ReadOnlyError as exc:
        raise _RowRefused([scope.located(row, UID_KEY, exc.message)]) from None


def _save_participation(scope: RowScope, person_uid: str, values: dict[str, Any], row: int) -> bool:
    """The person's participation in the list's activity, added or brought up to date."""
    assert scope.activity_uid is not None
    existing = scope.session.scalars(
        select(Participation.uid).where(
            Participation.activity_uid == scope.activity_uid,
            Participation.person_uid == person_uid,
            Participation.owner == scope.site,
            Participation.deleted.is_(False),
        )
    ).first()
    if existing is not None:
        return _save_change(scope, "participation", existing, values, row, PARTICIPATION_PREFIX)
    full = {"role": scope.default_role} | values
    full |= {"activity_uid": scope.activity_uid, "person_uid": person_uid}
    _save_new(scope, "participation", full, row, PARTICIPATION_PREFIX)
    return True


def _check_uid(scope: RowScope, uid: str, row: int) -> None:
    if uid in scope.seen_uids:
        raise _RowRefused(
            [scope.located(row, UID_KEY, _("the same record id is on an earlier row"))]
        )
    scope.seen_uids.add(uid)


def _write_row(scope: RowScope, row: FilledRow, values: _RowValues) -> RowOutcome:
    kind = scope.filled.info.kind
    if values.uid is not None:
        _check_uid(scope, values.uid, row.number)
        changed = _save_change(scope, kind, values.uid, values.record, row.number)
        uid, outcome = values.uid, "updated" if changed else "unchanged"
    else:
        uid, outcome = _save_new(scope, kind, values.record, row.number), "new"
        if kind in ("person", "activity", "organisation"):
            names = [values.record.get(n) for n in ("name", "name_local", "title", "title_local")]
            scope.finder.note_new(kind, uid, names)
    if scope.activity_uid is not None:
        changed = _save_participation(scope, uid, values.participation, row.number)
        if changed and outcome == "unchanged":
            outcome = "updated"
    return RowOutcome(row.number, outcome, uid)


def _other_problems(scope: RowScope, row: int, values: _RowValues) -> list[Located]:
    """The field problems of a row beside its unreadable cells (a required field left empty)."""
    reported = {problem.column for problem in values.problems}
    try:
        coerce_values(scope.filled.info.kind, values.record, partial=values.uid is not None)
    except ValidationError as exc:
        found = [scope.located(row, p.field, p.message) for p in exc.problems]
        return [problem for problem in found if problem.column not in reported]
    return []


def import_row(scope: RowScope, row: FilledRow) -> tuple[RowOutcome, list[Located]]:
    """Validate and write one row in the scope's session; its outcome and its problems."""
    values = _read_row(scope, row)
    if values.problems:
        return RowOutcome(row.number, "refused", values.uid), values.problems + _other_problems(
            scope, row.number, values
        )
    try:
        return _write_row(scope, row, values), []
    except _RowRefused as exc:
        return RowOutcome(row.number, "refused", values.uid), exc.problems


def missing_columns(scope: RowScope) -> list[Located]:
    """Required fields whose column is not in the workbook at all."""
    present = {found.column.key for found in scope.filled.columns}
    return [
        Located(
            _("the required column “{field}” is missing").format(field=_(spec.label)),
            scope.filled.sheet,
        )
        for spec in fields_of(scope.filled.info.kind)
        if spec.required and spec.name not in present
    ]
