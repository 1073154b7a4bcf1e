"""Commands that move records between offices: export, import, restore."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.command_table import command_help
from app.cli.context import CliContext, CommandFailed
from app.i18n import _, format_number, ngettext
from app.models import model_of
from app.models.codes import label_of
from app.services.duplicates import DUPLICATE_KINDS, find_duplicates
from app.store import Database
from app.sync.errors import PackageRefused
from app.sync.export import export_package
from app.sync.importer import ImportResult, import_package, key_confirmation
from app.sync.preview import ImportPreview
from app.sync.sequences import PackageAlreadyImported
from app.sync.undo import UndoResult, undo_last_import

AddGlobals = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_globals: AddGlobals) -> None:
    """Add export, import and restore to the parser."""
    p = sub.add_parser("export", help=command_help("export"))
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help=_("the package file to write"))
    p.add_argument(
        "--to",
        metavar="SITE",
        help=_("the office it is for: SEC from a country; a country code or ALL from SEC"),
    )
    p.add_argument(
        "--full", action="store_true", help=_("carry every record, not only what is new to them")
    )
    add_globals(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help=command_help("import"))
    p.add_argument(
        "file",
        metavar="FILE.xlsx",
        help=_(
            "the package file; a package already imported here is reported as such and "
            "changes nothing (exit status 1, as for a refusal)"
        ),
    )
    p.add_argument(
        "--dry-run", action="store_true", help=_("show what would change; change nothing")
    )
    p.add_argument(
        "--trust",
        metavar="FP",
        help=_("the sender's key fingerprint, confirmed with the sender"),
    )
    add_globals(p)
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("restore", help=command_help("restore"))
    add_globals(p)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("receipt", help=command_help("receipt"))
    p.add_argument(
        "--out", required=True, metavar="FILE.xlsx", help=_("the receipt package to write")
    )
    p.add_argument(
        "--to",
        metavar="SITE",
        help=_("the office it is for: SEC from a country; a country code or ALL from SEC"),
    )
    add_globals(p)
    p.set_defaults(func=cmd_receipt)


def _progress_printer(ctx: CliContext) -> Callable[[int, int, str], None]:
    """Progress on stderr for people at a terminal; silent otherwise."""
    if ctx.json or not sys.stderr.isatty():
        return lambda done, total, message: None

    def show(done: int, total: int, message: str) -> None:
        line = f"{message} {done}/{total}" if total else message
        sys.stderr.write("\r" + line[:78].ljust(78))
        sys.stderr.flush()

    return show


def cmd_export(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db()
    result = export_package(
        db, Path(args.out), to=args.to, full=args.full, progress=_progress_printer(ctx)
    )
    lines = [
        ngettext(
            "Wrote {file} for {to}: {n} record.",
            "Wrote {file} for {to}: {n} records.",
            result.total,
        ).format(file=result.path, to=result.recipient, n=format_number(result.total))
    ]
    for kind, count in result.counts.items():
        lines.append(f"  {_(model_of(kind).__plural__)}: {format_number(count)}")
    if result.total == 0:
        lines.append(
            _("Nothing new for them: the package only carries this office's acknowledgement.")
        )
    ctx.out(
        "\n".join(lines),
        {
            "file": str(result.path),
            "package_id": result.package_id,
            "sender": result.sender,
            "recipient": result.recipient,
            "full": result.full,
            "records": result.counts,
            "total": result.total,
        },
    )


def preview_text(preview: ImportPreview) -> str:
    """The preview as a small table for a terminal."""
    lines = [
        _("Package {id} from {sender} for {recipient}, made {created} UTC").format(
            id=preview.package_id,
            sender=label_of("site", preview.sender),
            recipient=preview.recipient,
            created=preview.created,
        )
    ]
    headers = [_("Sheet"), _("New"), _("Updated"), _("Unchanged"), _("Older"), _("Refused")]
    rows = [
        [
            s.title,
            *(format_number(n) for n in (s.new, s.updated, s.unchanged, s.older, s.not_imported)),
        ]
        for s in preview.sheets
    ]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        lines.append(
            "  "
            + "  ".join(
                cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                for i, cell in enumerate(row)
            )
        )
    if preview.key is not None:
        lines.append(
            _("Signed by {sender}, key {fingerprint} ({status})").format(
                sender=preview.sender,
                fingerprint=preview.key.fingerprint,
                status=preview.key.status,
            )
        )
    if preview.file_note:
        lines.append(preview.file_note)
    for warning in preview.warnings:
        lines.append("  ? " + warning)
    for problem in preview.problems:
        lines.append("  ! " + str(problem))
    for note in preview.withheld:
        lines.append("  ~ " + str(note))
    if preview.problem_count > len(preview.problems):
        lines.append(
            _("  … and {n} more problems").format(
                n=format_number(preview.problem_count - len(preview.problems))
            )
        )
    return "\n".join(lines)


def _refused_data(exc: PackageRefused) -> dict[str, Any]:
    return {
        "problems": [
            {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message}
            for p in exc.problems[:500]
        ],
        "problem_count": len(exc.problems),
    }


def cmd_import(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db()
    path = Path(args.file)
    try:
        result: ImportResult = import_package(
            db, path, dry_run=args.dry_run, trust=args.trust, progress=_progress_printer(ctx)
        )
    except PackageAlreadyImported as exc:
        raise CommandFailed(
            exc.message,
            {
                "already_imported": True,
                "imported_at": exc.imported_at.isoformat(),
                "sequence": exc.sequence,
            },
        ) from exc
    except PackageRefused as exc:
        if exc.problems and not ctx.json:
            for problem in exc.problems[:50]:
                print("  ! " + str(problem), file=sys.stderr)
        raise CommandFailed(exc.message, _refused_data(exc)) from exc
    preview = result.preview
    text = preview_text(preview)
    confirm = key_confirmation(preview)
    if result.applied:
        text += "\n" + ngettext(
            "Imported: {n} record added or updated. The backup taken before is {backup}.",
            "Imported: {n} records added or updated. The backup taken before is {backup}.",
            preview.changes,
        ).format(n=format_number(preview.changes), backup=result.backup)
    else:
        text += "\n" + _("Dry run: nothing was changed.")
        if confirm:
            text += "\n" + confirm
    data = result.to_dict() | {"dry_run": bool(args.dry_run)}
    if result.applied:
        open_pairs = open_duplicate_counts(db)
        data["duplicates"] = open_pairs
        text += duplicates_note(open_pairs)
    if confirm:
        data["confirm"] = confirm
    ctx.out(text, data)


def open_duplicate_counts(db: Database) -> dict[str, int]:
    """How many candidate pairs of likely duplicates are open, per kind, after an import."""
    return {kind: len(find_duplicates(db, kind)) for kind in DUPLICATE_KINDS}


def duplicates_note(counts: dict[str, int]) -> str:
    """The line after an import that says likely duplicates wait for a decision."""
    if not any(counts.values()):
        return ""
    total = sum(counts.values())
    return "\n" + ngettext(
        "{n} pair of likely duplicates is open ({people} of people, {organisations} of "
        "organisations); acec duplicates lists them.",
        "{n} pairs of likely duplicates are open ({people} of people, {organisations} of "
        "organisations); acec duplicates lists them.",
        total,
    ).format(
        n=format_number(total),
        people=format_number(counts["person"]),
        organisations=format_number(counts["organisation"]),
    )


def undo_message(result: UndoResult) -> str:
    """What ``acec restore`` did, and that the next package asks again for what it took."""
    entry = result.entry
    text = _(
        "Undid the import of {file} (package {id} from {peer}): the database is back as it was "
        "before that import, from the backup {backup}. The state before undoing is kept in {safety}."
    ).format(
        file=Path(entry.file_name).name,
        id=entry.package_id,
        peer=entry.peer,
        backup=result.backup,
        safety=result.safety_backup,
    )
    if result.later_changes:
        text += " " + ngettext(
            "{n} change made after that import was undone too.",
            "{n} changes made after that import were undone too.",
            result.later_changes,
        ).format(n=format_number(result.later_changes))
    if result.asks_again:
        text += " " + _(
            "Your next package asks again for the records of {sites} that the undo took, "
            "so the next ordinary exchange brings back what is still wanted."
        ).format(sites=", ".join(result.asks_again))
    return text


def cmd_restore(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db()
    result = undo_last_import(db)
    entry = result.entry
    ctx.out(
        undo_message(result),
        {
            "package_id": entry.package_id,
            "peer": entry.peer,
            "file": entry.file_name,
            "backup": str(result.backup),
            "safety_backup": str(result.safety_backup),
            "later_changes": result.later_changes,
            "asks_again": list(result.asks_again),
        },
    )


def cmd_receipt(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db()
    result = export_package(db, Path(args.out), to=args.to, receipt_only=True)
    ctx.out(
        _(
            "Wrote the receipt {file} for {to}: what arrived from them and what became of it."
        ).format(file=result.path, to=result.recipient),
        {"file": str(result.path), "package_id": result.package_id, "recipient": result.recipient},
    )
