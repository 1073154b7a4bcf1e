"""Import: guard, read, validate everything, preview, back up, apply in one transaction.

``prepare_import`` reads and validates and changes nothing (it is the
preview and the dry run). ``apply_import`` backs the database up and applies
the prepared package in one transaction. ``import_package`` does both, for
the command line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.i18n import _, ngettext
from app.models import PackageLog, model_of
from app.models.codes import ALL, SECRETARIAT, SITE_CODES
from app.models.utc import utc_now
from app.store import Database
from app.store.backup import rotate_backups
from app.store.clock import observe_versions, wall_clock_ms
from app.store.unfinished import forget_unfinished
from app.sync.acks import store_peer_acks
from app.sync.arrivals import check_arrival, record_arrival, record_refusal
from app.sync.clock_skew import clock_warnings, newest_per_owner
from app.sync.errors import Located, PackageRefused
from app.sync.file_stamp import file_as_exported
from app.sync.floors import ask_again, settle_floors
from app.sync.guard import check_package_file
from app.sync.hold_back import hold_back
from app.sync.id_binding import check_id_binding
from app.sync.layout import SCHEMA_VERSION, kinds_in_order
from app.sync.locked_rows import hold_back_locked, lock_check_for
from app.sync.manifest import Manifest
from app.sync.merge import Classified, apply_kind, classify
from app.sync.owed import held_before_import, note_owed, settle_owed
from app.sync.package_reader import PackageFile, SheetContent, locate_changes, read_sheet
from app.sync.preview import ImportPreview, SheetPreview
from app.sync.references import check_references
from app.sync.signing import KeyCheck, confirmation_request, pin_key, verify_digest
from app.sync.trust import apply_registry, check_registry, parse_registry_text
from app.sync.withheld import keep_own_records

ProgressCallback = Callable[[int, int, str], None]


@dataclass
class PreparedImport:
    """A package read and validated, ready to apply (or to show and forget)."""

    preview: ImportPreview
    manifest: Manifest
    contents: dict[str, SheetContent] = field(default_factory=dict)
    digest: bytes = b""
    registry: dict[str, Any] | None = None  # the secretariat's key registry, parsed


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    preview: ImportPreview
    applied: bool
    backup: Path | None = None

    def to_dict(self) -> dict[str, Any]:
        return self.preview.to_dict() | {
            "applied": self.applied,
            "backup": str(self.backup) if self.backup else None,
        }


def _no_progress(done: int, total: int, message: str) -> None:
    return None


def _check_addressing(db: Database, manifest: Manifest) -> None:
    site = db.site
    sender, recipient = manifest.sender, manifest.recipient
    if sender not in SITE_CODES:
        raise PackageRefused(_("The package names an unknown sender “{code}”.").format(code=sender))
    if sender == site:
        raise PackageRefused(
            _(
                "This package was made by this office ({site}); import it at the office it is for."
            ).format(site=site)
        )
    if recipient == ALL and sender == SECRETARIAT and site != SECRETARIAT:
        return
    if recipient != site:
        raise PackageRefused(
            _("This package is for {recipient}, not for this office ({site}).").format(
                recipient=recipient, site=site
            )
        )
    if sender != SECRETARIAT and site != SECRETARIAT:
        raise PackageRefused(
            _("Country offices exchange packages through the joint secretariat only.")
        )


def _check_scope(content: SheetContent, sender: str, preview: ImportPreview) -> int:
    """Records the sender may not send: another country's, or reference data not from SEC."""
    model = model_of(content.kind)
    letter = content.letters.get("owner", "B")
    column = f"{letter} ({_('Owner')})"
    bad = 0
    for record, number in zip(content.records, content.rows, strict=True):
        owner = record.owner
        if model.__owned_by__ == SECRETARIAT and owner != SECRETARIAT:
            message = _(
                "{kind} records are kept by the joint secretariat, but this one belongs to {owner}"
            ).format(kind=_(model.__label__), owner=owner)
        elif sender != SECRETARIAT and owner != sender:
            message = _(
                "this record belongs to {owner}; a package from {sender} may carry only {sender}'s own records"
            ).format(owner=owner, sender=sender)
        else:
            continue
        bad += 1
        preview.add_problem(Located(message, content.title, number, column))
    return bad


def prepare_import(
    db: Database, path: Path, *, trust: str | None = None, progress: ProgressCallback | None = None
) -> PreparedImport:
    """Read and validate a package and work out what importing it would do.

    Changes nothing. Raises ``PackageRefused`` when the file is not a package
    for this office at all; problems with records are listed in the preview
    (``preview.refused``), each with its sheet, row and column.
    """
    report = progress or _no_progress
    path = Path(path)
    if path.is_dir():
        raise PackageRefused(
            _(
                "{file} is a folder, not a package. Choose the package's .xlsx file "
                "(inside that folder, for instance)."
            ).format(file=path)
        )
    if not path.is_file():
        raise PackageRefused(
            _("There is no file {file}. Check the name and the folder.").format(file=path)
        )
    report(0, 0, _("Checking the file…"))
    check_package_file(path)
    package = PackageFile(path)
    try:
        prepared = _prepare(db, package, trust, report)
    finally:
        package.close()
    prepared.preview.as_exported = file_as_exported(path)
    return prepared


def _prepare(
    db: Database, package: PackageFile, trust: str | None, report: ProgressCallback
) -> PreparedImport:
    manifest = package.read_manifest()
    _check_addressing(db, manifest)
    registry = None
    if manifest.key_registry:
        if manifest.sender != SECRETARIAT:
            raise PackageRefused(
                _(
                    "Only the secretariat's packages carry a key registry; this one is from {sender}."
                ).format(sender=manifest.sender)
            )
        registry = parse_registry_text(manifest.key_registry)
    order = {kind: i for i, kind in enumerate(kinds_in_order())}
    entries = sorted(manifest.sheets, key=lambda e: order.get(e.kind, len(order)))
    preview = ImportPreview(
        path=package.path,
        package_id=manifest.package_id,
        sender=manifest.sender,
        recipient=manifest.recipient,
        created=manifest.created,
        schema_version=manifest.schema_version,
        full=manifest.full,
        sheets=[SheetPreview(e.kind, e.title) for e in entries],
    )
    prepared = PreparedImport(preview, manifest, registry=registry)
    total = sum(e.rows for e in entries)
    done = 0
    for entry in entries:
        label = _(model_of(entry.kind).__plural__) if entry.kind in order else entry.kind

        def sheet_progress(n: int, base: int = done, label: str = label) -> None:
            report(base + n, total, _("Reading {sheet}…").format(sheet=label))

        content = read_sheet(
            package,
            entry,
            preview,
            tolerate_missing=manifest.schema_version < SCHEMA_VERSION,
            progress=sheet_progress,
        )
        sheet_preview = preview.sheet(entry.kind)
        assert sheet_preview is not None
        if content is None:
            continue
        prepared.contents[entry.kind] = content
        found = len(content.records) + sheet_preview.refused
        if found != entry.rows:
            preview.add_problem(
                Located(
                    _("the sheet has {found} records but the package was made with {rows}").format(
                        found=found, rows=entry.rows
                    ),
                    entry.title,
                )
            )
        sheet_preview.refused += _check_scope(content, manifest.sender, preview)
        sheet_preview.refused += check_id_binding(content, manifest.sender, preview)
        done += entry.rows
        report(done, total, label)
    report(done, total, _("Checking references…"))
    check_references(db, prepared.contents, preview)
    _check_content(db, prepared, trust)
    if not preview.refused:
        check_arrival(db, manifest)  # a replay is refused here: it would change nothing
        _classify(db, prepared)
    return prepared


def _check_content(db: Database, prepared: PreparedImport, trust: str | None) -> None:
    """Content hashes per sheet, then the digest and the signature over it."""
    preview, manifest = prepared.preview, prepared.manifest
    changed = False
    for entry in manifest.sheets:
        content = prepared.contents.get(entry.kind)
        if content is None or content.hash == entry.hash:
            continue
        changed = True
        rows = locate_changes(content, preview)
        sheet = preview.sheet(entry.kind)
        if sheet is not None:
            sheet.refused += rows
        if not rows:
            preview.add_problem(
                Located(_("the content of this sheet was changed after export"), entry.title)
            )
    if changed or preview.refused:
        return
    digest = manifest.compute_digest()
    if digest.hex() != manifest.digest.lower():
        preview.add_problem(Located(_("the manifest was changed after export"), "Manifest"))
        return
    prepared.digest = digest
    assert manifest.signature is not None
    preview.key = verify_digest(db, manifest.sender, digest, manifest.signature, trust)
    if prepared.registry is not None:
        # The dry run must refuse a bad registry as the real import would. A key
        # still to be confirmed counts as the signer's: apply checks again after.
        pinning = (
            manifest.signature.public_key if preview.key.status in ("pinned", "confirm") else None
        )
        with db.read_session() as session:
            check_registry(session, prepared.registry, pinning=pinning)


def _classify(db: Database, prepared: PreparedImport) -> None:
    preview = prepared.preview
    held: dict[str, set[str]] = {}
    newest: dict[str, str] = {}
    with db.read_session() as session:
        locks = lock_check_for(session, db.site, prepared.manifest.sender)
        for kind in kinds_in_order():
            content = prepared.contents.get(kind)
            if content is None:
                continue
            split = classify(session, kind, content.records)
            keep_own_records(db.site, prepared.manifest.sender, prepared.manifest.recipient, split)
            locked = hold_back_locked(locks, content, split, held, {})
            _count(preview, kind, split, locked + hold_back(content, split, held))
            newest_per_owner((*split.new, *split.updated), newest)
    preview.warnings = clock_warnings(newest, wall_clock_ms())


def _count(preview: ImportPreview, kind: str, split: Classified, notes: list[Located]) -> None:
    """Put one kind's counts, and the notes on what it holds back, in the preview."""
    sheet = preview.sheet(kind)
    assert sheet is not None
    sheet.new, sheet.updated = len(split.new), len(split.updated)
    sheet.unchanged, sheet.older = split.unchanged, split.older
    sheet.withheld = len(notes)
    preview.withheld.extend(notes)


def refusal_message(preview: ImportPreview) -> str:
    """One line saying why a previewed package is refused."""
    first = str(preview.problems[0]) if preview.problems else ""
    return ngettext(
        "The package {file} was refused ({n} problem); nothing was changed. {first}",
        "The package {file} was refused ({n} problems); nothing was changed. First: {first}",
        preview.problem_count,
    ).format(file=preview.path.name, n=preview.problem_count, first=first)


def apply_import(
    db: Database,
    prepared: PreparedImport,
    *,
    trust: str | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Back up, then apply a prepared package in one transaction; log it.

    A cancelled or failed apply rolls back: the database is as it was.
    """
    report = progress or _no_progress
    preview, manifest = prepared.preview, prepared.manifest
    if preview.refused:
        raise PackageRefused(refusal_message(preview), preview.problems)
    key = preview.key
    assert key is not None and manifest.signature is not None
    if key.status == "confirm" and trust:
        key = verify_digest(db, manifest.sender, prepared.digest, manifest.signature, trust)
    if key.status == "confirm":
        raise PackageRefused(confirmation_request(manifest.sender, key))
    report(0, 0, _("Backing up the database…"))
    # Older backups are pruned only once this import has committed: a
    # cancelled import must not cost the backup an earlier undo needs.
    backup = db.backup("import", rotate=False, unfinished=True)
    origin = _("package {id} from {sender}").format(id=manifest.package_id, sender=manifest.sender)
    try:
        with db.session() as session:
            if key.status == "pinned":
                pin_key(session, manifest.signature.site, manifest.signature.public_key)
            if prepared.registry is not None:
                apply_registry(session, prepared.registry)
            records = (r for c in prepared.contents.values() for r in c.records)
            held = held_before_import(session, prepared.contents.values())
            settle_floors(session, db.site, manifest, records)
            applied: dict[str, str] = {}  # per owner, the lowest version applied
            newest = _apply_kinds(session, db.site, prepared, origin, report, applied)
            if newest:  # our own records back from a peer; no other site moves our clock
                observe_versions(session, db.site, [newest])
            # Its number orders it among the sender's packages to us (a receipt-only
            # package, numbered 0, and one for every office are ordered by time).
            number = manifest.sequence if manifest.recipient == db.site else None
            stored = store_peer_acks(
                session, manifest.sender, manifest.received, manifest.created, number or None
            )
            record_arrival(session, db.site, manifest, preview)
            note_owed(session, manifest.sender, stored, held, applied)
            settle_owed(session, manifest.sender)
            session.add(
                _log_row(preview, "applied", detail={"backup": str(backup)} | _counts(preview))
            )
    except IntegrityError as exc:
        _drop_backup(db, backup)
        raise PackageRefused(
            _(
                "The package conflicts with records in this database; nothing was changed ({error})."
            ).format(error=str(exc.orig).splitlines()[0])
        ) from exc
    except BaseException:
        _drop_backup(db, backup)  # nothing changed, so nothing to undo
        raise
    forget_unfinished(db.path, backup, backup.with_suffix(".partial"))  # undo needs it now
    rotate_backups(db.path, db.backups_to_keep())
    return ImportResult(preview, True, backup)


def _apply_kinds(
    session: Session,
    site: str,
    prepared: PreparedImport,
    origin: str,
    report: ProgressCallback,
    applied: dict[str, str],
) -> str:
    """Apply every kind's records (parents first) but those held back; our own newest version.

    The preview's counts and held-back notes are worked out again here, in
    the transaction that applies them. ``applied`` gets the lowest version
    applied per owner.
    """
    preview, manifest = prepared.preview, prepared.manifest
    total = sum(len(c.records) for c in prepared.contents.values())
    done = 0
    newest = ""
    held: dict[str, set[str]] = {}
    lowest: dict[str, str] = {}  # per owner, the lowest version a lock held back
    locks = lock_check_for(session, site, manifest.sender)
    preview.withheld = []
    for kind in kinds_in_order():
        content = prepared.contents.get(kind)
        if content is None:
            continue
        split = classify(session, kind, content.records)
        keep_own_records(site, manifest.sender, manifest.recipient, split)
        locked = hold_back_locked(locks, content, split, held, lowest)
        _count(preview, kind, split, locked + hold_back(content, split, held))
        label = _(model_of(kind).__plural__)

        def kind_progress(n: int, base: int = done, label: str = label) -> None:
            report(base + n, total, _("Applying {sheet}…").format(sheet=label))

        apply_kind(session, kind, split, origin=origin, progress=kind_progress)
        own = [r.version for r in (*split.new, *split.updated) if r.owner == site]
        newest = max([newest, *own])
        for record in (*split.new, *split.updated):
            applied[record.owner] = min(applied.get(record.owner, record.version), record.version)
        done += len(content.records)
        report(done, total, label)
    for owner, version in lowest.items():  # held back by a lock: ask for it again
        ask_again(session, owner, version)
    return newest


def _drop_backup(db: Database, backup: Path) -> None:
    backup.unlink(missing_ok=True)
    forget_unfinished(db.path, backup, backup.with_suffix(".partial"))


def _counts(preview: ImportPreview) -> dict[str, Any]:
    # The held-back records stay on record in the package log: the secretariat must settle them.
    return {
        "sheets": [s.to_dict() for s in preview.sheets],
        "withheld": [str(note) for note in preview.withheld[:500]],
    }


def _import_log_row(
    *, peer: str, package_id: str, path: Path, records: int, outcome: str, detail: dict[str, Any]
) -> PackageLog:
    """One line of the package log for an import, cut to the columns' sizes."""
    return PackageLog(
        at=utc_now(),
        direction="import",
        peer=peer[:3],
        package_id=package_id[:64],
        file_name=str(path)[:500],
        records=records,
        outcome=outcome,
        detail=json.dumps(detail, ensure_ascii=False),
    )


def _log_row(preview: ImportPreview, outcome: str, *, detail: dict[str, Any]) -> PackageLog:
    return _import_log_row(
        peer=preview.sender,
        package_id=preview.package_id,
        path=preview.path,
        records=preview.changes,
        outcome=outcome,
        detail=detail,
    )


def log_refusal(
    db: Database, path: Path, error: PackageRefused, preview: ImportPreview | None = None
) -> None:
    """Note a refused package in the package log (the records are untouched)."""
    row = _import_log_row(
        peer=preview.sender if preview else "",
        package_id=preview.package_id if preview else "",
        path=path,
        records=0,
        outcome="refused",
        detail={"reason": error.message},
    )
    with db.session() as session:
        session.add(row)


def import_package(
    db: Database,
    path: Path,
    *,
    dry_run: bool = False,
    trust: str | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Validate, preview and (unless ``dry_run``) apply a package file.

    Raises ``PackageRefused`` (nothing changed) when the package is refused
    or its sender's key needs the officer's confirmation (``trust``).
    """
    try:
        prepared = prepare_import(db, path, trust=trust, progress=progress)
    except PackageRefused as exc:
        if not dry_run:
            log_refusal(db, Path(path), exc)
        raise
    preview = prepared.preview
    if preview.refused:
        error = PackageRefused(refusal_message(preview), preview.problems)
        if not dry_run:
            log_refusal(db, Path(path), error, preview)
            record_refusal(db, prepared.manifest, preview)
        raise error
    if dry_run:
        return ImportResult(preview, False)
    return apply_import(db, prepared, trust=trust, progress=progress)


def key_confirmation(preview: ImportPreview) -> str | None:
    """The request to confirm the sender's fingerprint, or None when not needed."""
    if preview.key is None or preview.key.status != "confirm":
        return None
    return confirmation_request(preview.sender, preview.key)


__all__ = [
    "ImportResult",
    "KeyCheck",
    "PreparedImport",
    "apply_import",
    "import_package",
    "key_confirmation",
    "log_refusal",
    "prepare_import",
    "refusal_message",
]
