"""Import of a filled template: guard, read, validate every row, preview, backup, one transaction.

Rows become new records owned by this office, or update its own records when
the row carries an existing id. Any problem refuses the whole file: nothing
changes, and every problem is named with its sheet, row and column.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale
from sqlalchemy.orm import Session

from app.errors import AcecError
from app.i18n import _, current_locale, ngettext, normalise_locale
from app.models import Activity, PackageLog
from app.models.utc import utc_now
from app.services.incoming_duplicates import count_likely_present, template_people
from app.services.records import InsertBatch
from app.services.template_mapping import column_mapping, remember_mapping
from app.services.template_refs import RecordFinder
from app.services.template_rows import RowOutcome, RowScope, import_row, missing_columns
from app.store import Database
from app.store.backup import rotate_backups
from app.store.unfinished import forget_unfinished
from app.sync.errors import Located, PackageRefused
from app.sync.guard import check_package_file
from app.sync.package_limits import PackageLimits
from app.templates.dates import day_comes_first
from app.templates.foreign import ColumnMapping, read_foreign, read_headers
from app.templates.marked_copy import write_marked_copy
from app.templates.reader import FilledTemplate, read_template, sheet_names, workbook_kind

# A template is checked like a package, but a registration list is wider than any package sheet.
TEMPLATE_LIMITS = PackageLimits(max_columns=200)
OUTCOMES = ("new", "updated", "unchanged", "refused")
__all__ = ["OUTCOMES", "ColumnMapping", "TemplatePreview", "import_template"]


@dataclass
class TemplatePreview:
    """What importing a filled template does, row by row, and every problem found."""

    file: str
    kind: str
    sheet: str
    activity_title: str | None
    examples_skipped: int
    rows: list[RowOutcome] = field(default_factory=list)
    problems: list[Located] = field(default_factory=list)
    # People of the file likely already in the database (People › Duplicates after import).
    possible_duplicates: int = 0

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def changes(self) -> int:
        return self.count("new") + self.count("updated")

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "kind": self.kind,
            "sheet": self.sheet,
            "activity": self.activity_title,
            "examples_skipped": self.examples_skipped,
            **{outcome: self.count(outcome) for outcome in OUTCOMES},
            "possible_duplicates": self.possible_duplicates,
            "rows": [{"row": r.row, "outcome": r.outcome, "uid": r.uid} for r in self.rows],
            "problems": [
                {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message}
                for p in self.problems
            ],
        }


@dataclass(frozen=True)
class TemplateImportResult:
    """The preview, whether it was applied, and the backup taken before."""

    preview: TemplatePreview
    applied: bool
    backup: Path | None


class TemplateRefused(AcecError):
    """The filled template has problems; nothing was changed. The preview names them all."""

    def __init__(self, preview: TemplatePreview) -> None:
        super().__init__(
            ngettext(
                "{file}: {n} problem; nothing was imported.",
                "{file}: {n} problems; nothing was imported.",
                len(preview.problems),
            ).format(file=preview.file, n=len(preview.problems))
        )
        self.preview = preview


def reading_locale(filled: FilledTemplate) -> Locale:
    """The locale a template's dates are read in: the template's own language when its date
    order settles day against month (the person who filled it read that language), else
    the user's."""
    try:
        written = Locale.parse(normalise_locale(filled.info.language))
    except ValueError:
        return current_locale()
    return written if day_comes_first(written) is not None else current_locale()


def _scope(
    session: Session, db: Database, filled: FilledTemplate, preview: TemplatePreview
) -> RowScope:
    scope = RowScope(session, db.site, reading_locale(filled), filled, RecordFinder(session))
    # A registration list adds a participation beside each person.
    per_row = 2 if filled.info.activity_uid else 1
    scope.batch = InsertBatch(session, db.site, expected=len(filled.rows) * per_row)
    uid = filled.info.activity_uid
    if uid is not None:
        activity = session.get(Activity, uid)
        if activity is None or activity.deleted:
            preview.problems.append(
                Located(
                    _(
                        "the activity of this registration list ({uid}) is not in the database"
                    ).format(uid=uid),
                    filled.sheet,
                )
            )
        else:
            preview.activity_title = activity.title
            scope.activity_uid = uid
            scope.default_role = "trainee" if activity.type == "training" else "participant"
    return scope


Progress = Callable[[int, int, str], None]
_PROGRESS_EVERY = 50  # rows between progress reports (each may cancel the work)


def _no_progress(done: int, total: int, message: str) -> None:
    return None


def _run(
    session: Session,
    db: Database,
    filled: FilledTemplate,
    path: Path,
    progress: Progress = _no_progress,
) -> TemplatePreview:
    """Validate and write every row in ``session``; the caller commits or rolls back.

    ``progress`` is told every few rows; it cancels the work by raising.
    """
    preview = TemplatePreview(
        path.name, filled.info.kind, filled.sheet, None, filled.examples_skipped
    )
    scope = _scope(session, db, filled, preview)
    preview.problems += missing_columns(scope)
    if preview.problems:
        return preview
    total = len(filled.rows)
    for number, row in enumerate(filled.rows):
        if number % _PROGRESS_EVERY == 0:
            progress(number, total, _("Checking row {row}…").format(row=row.number))
        outcome, problems = import_row(scope, row)
        preview.rows.append(outcome)
        preview.problems += problems
    assert scope.batch is not None
    scope.batch.finish()
    return preview


def _preview(
    db: Database, filled: FilledTemplate, path: Path, progress: Progress
) -> TemplatePreview:
    with db.read_session() as session:
        try:
            preview = _run(session, db, filled, path, progress)
            if preview.kind == "person" and not preview.problems:
                progress(len(filled.rows), len(filled.rows), _("Looking for duplicates…"))
                written = {r.uid for r in preview.rows if r.uid and r.outcome == "new"}
                preview.possible_duplicates = count_likely_present(
                    session, template_people(session, written)
                )
            return preview
        finally:
            session.rollback()


class _Refused(Exception):
    """Rolls the applying transaction back when a row is refused after all."""


@dataclass(frozen=True)
class PreparedTemplate:
    """A filled template read and previewed, ready to apply if it has no problem.

    ``mapping`` is set for a workbook made without our template: how its columns
    were read, for the user to confirm or change.
    """

    path: Path
    filled: FilledTemplate
    preview: TemplatePreview
    mapping: ColumnMapping | None = None


def prepare_template_import(
    db: Database,
    path: Path,
    *,
    kind: str | None = None,
    mapping: ColumnMapping | None = None,
    progress: Progress = _no_progress,
) -> PreparedTemplate:
    """Guard, read and validate ``path``; its preview names every problem. Changes nothing.

    With ``kind``, a workbook made without our template is read by ``mapping``
    (else the one remembered for its headers, else the suggested one).
    """
    path = Path(path)
    guard_template_file(path)
    if kind is None or workbook_kind(sheet_names(path)) != "other":
        filled = read_template(path)
        return PreparedTemplate(path, filled, _preview(db, filled, path, progress))
    _sheet, headers = read_headers(path)
    if mapping is None or mapping.headers != headers:
        mapping = column_mapping(db, kind, headers)
    filled = read_foreign(path, kind, mapping, str(current_locale()))
    return PreparedTemplate(path, filled, _preview(db, filled, path, progress), mapping)


def apply_template_import(
    db: Database, prepared: PreparedTemplate, progress: Progress = _no_progress
) -> TemplateImportResult:
    """Back the database up, then add and update every row in one transaction.

    The import is logged like a package's, with its backup, so "Undo last
    import" (``acec restore``) takes it back. ``TemplateRefused`` (nothing
    changed) when the file has problems.
    """
    if prepared.preview.problems:
        raise TemplateRefused(prepared.preview)
    if prepared.preview.changes == 0:
        return TemplateImportResult(prepared.preview, False, None)
    # Older backups are pruned only once this import has committed (as for a package).
    backup = db.backup("template", rotate=False, unfinished=True)
    try:
        with db.session() as session:
            applied = _run(session, db, prepared.filled, prepared.path, progress)
            if applied.problems:
                raise _Refused
            applied.possible_duplicates = prepared.preview.possible_duplicates
            if prepared.mapping is not None:  # remembered for the next list with these headers
                remember_mapping(session, applied.kind, prepared.mapping)
            session.add(_log_row(db.site, prepared.path, applied, backup))
    except BaseException as exc:
        backup.unlink(missing_ok=True)  # nothing changed: nothing to go back to
        forget_unfinished(db.path, backup, backup.with_suffix(".partial"))
        if isinstance(exc, _Refused):
            raise TemplateRefused(applied) from None
        raise
    forget_unfinished(db.path, backup, backup.with_suffix(".partial"))  # undo needs it now
    rotate_backups(db.path, db.backups_to_keep())
    return TemplateImportResult(applied, True, backup)


def _log_row(site: str, path: Path, preview: TemplatePreview, backup: Path) -> PackageLog:
    """The package log's line for a template import: this office's own, with its backup."""
    counts = {outcome: preview.count(outcome) for outcome in OUTCOMES}
    return PackageLog(
        at=utc_now(),
        direction="import",
        peer=site[:3],
        package_id=("template " + preview.kind)[:64],
        file_name=str(path)[:500],
        records=preview.changes,
        outcome="applied",
        detail=json.dumps(
            {"backup": str(backup), "template": preview.kind} | counts, ensure_ascii=False
        ),
    )


def import_template(db: Database, path: Path, *, dry_run: bool = False) -> TemplateImportResult:
    """Validate and preview ``path``; unless ``dry_run``, apply it (see ``apply_template_import``).

    ``TemplateRefused`` when any row has a problem: nothing is changed.
    """
    prepared = prepare_template_import(db, path)
    if prepared.preview.problems:
        raise TemplateRefused(prepared.preview)
    if dry_run:
        return TemplateImportResult(prepared.preview, False, None)
    return apply_template_import(db, prepared)


def guard_template_file(path: Path) -> None:
    """The hostile-file guard of packages, with a template's own advice for a formula cell."""
    try:
        check_package_file(path, TEMPLATE_LIMITS)
    except PackageRefused as exc:
        formula = next((p for p in exc.problems if p.message == _("a formula cell")), None)
        if formula is None:
            raise
        raise PackageRefused(
            _(
                "{file} cannot be imported: sheet {sheet}, row {row}: a cell holds a formula. "
                "A template is imported by its values: copy the cells and paste them as values "
                "(Paste Special, Values), then import it again."
            ).format(file=path.name, sheet=formula.sheet, row=formula.row),
            exc.problems,
        ) from None


def workbook_kind_of(path: Path) -> str:
    """``template``, ``package`` or ``other``: what a dropped workbook is, from its content.

    The hostile-file guard checks it first (``PackageRefused`` if it is not safe).
    """
    guard_template_file(Path(path))
    return workbook_kind(sheet_names(Path(path)))


def save_marked_copy(source: Path, target: Path, preview: TemplatePreview) -> Path:
    """A copy of the user's workbook ``source`` at ``target`` with the preview's problems marked."""
    return write_marked_copy(Path(source), Path(target), preview.problems)


def template_kind_of(path: Path) -> str | None:
    """The record kind of a filled template at ``path``, or None when it is no template."""
    try:
        if workbook_kind_of(path) != "template":
            return None
        return read_template(Path(path)).info.kind
    except AcecError:
        return None
