"""Commands for bulk entry from Excel templates: write a blank one, import a filled one."""

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
from app.services.incoming_duplicates import likely_present_note
from app.services.template_export import write_template_file
from app.services.template_import import (
    TemplatePreview,
    TemplateRefused,
    import_template,
    save_marked_copy,
)

AddGlobals = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_globals: AddGlobals) -> None:
    """Add template and import-template to the parser."""
    p = sub.add_parser("template", help=command_help("template"))
    p.add_argument("kind", metavar="KIND", help=_("people, activities, envoys or funding"))
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help=_("the template to write"))
    p.add_argument(
        "--activity",
        metavar="UID",
        help=_("people only: a registration list of this activity (their participation)"),
    )
    add_globals(p)
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("import-template", help=command_help("import-template"))
    p.add_argument("file", metavar="FILE", help=_("the filled template (.xlsx)"))
    p.add_argument(
        "--dry-run", action="store_true", help=_("show what would change; change nothing")
    )
    p.add_argument(
        "--marked-copy",
        metavar="FILE",
        help=_("when there are problems, write a copy of the workbook with them marked"),
    )
    add_globals(p)
    p.set_defaults(func=cmd_import_template)


def cmd_template(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db(read_only=True)
    written = write_template_file(db, args.kind, Path(args.out), activity_uid=args.activity)
    plural = _(model_of(written.kind).__plural__)
    if written.activity_title:
        text = _("Wrote {file}: a registration list of “{activity}” ({kind}).").format(
            file=written.path, activity=written.activity_title, kind=plural
        )
    else:
        text = _("Wrote {file}: a template of {kind}.").format(file=written.path, kind=plural)
    ctx.out(
        text,
        {
            "file": str(written.path),
            "kind": written.kind,
            "activity": written.activity_uid,
            "columns": written.columns,
        },
    )


def template_preview_text(preview: TemplatePreview) -> str:
    """The preview as a few lines for a terminal, every problem on its own line."""
    kind = _(model_of(preview.kind).__plural__)
    lines = [
        _("{file}, sheet {sheet}").format(file=preview.file, sheet=preview.sheet)
        if preview.sheet == kind
        else _("{file}, sheet {sheet} ({kind})").format(
            file=preview.file, sheet=preview.sheet, kind=kind
        )
    ]
    if preview.activity_title:
        lines.append(_("Registration list of “{activity}”").format(activity=preview.activity_title))
    lines.append(
        _("New {new}, updated {updated}, unchanged {unchanged}, refused {refused}").format(
            new=format_number(preview.count("new")),
            updated=format_number(preview.count("updated")),
            unchanged=format_number(preview.count("unchanged")),
            refused=format_number(preview.count("refused")),
        )
    )
    if preview.examples_skipped:
        lines.append(
            ngettext(
                "{n} example row skipped.", "{n} example rows skipped.", preview.examples_skipped
            ).format(n=preview.examples_skipped)
        )
    if preview.possible_duplicates:
        lines.append(
            likely_present_note(preview.possible_duplicates)
            + " "
            + _("acec duplicates lists them.")
        )
    lines += ["  ! " + str(problem) for problem in preview.problems]
    return "\n".join(lines)


def cmd_import_template(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db()
    try:
        result = import_template(db, Path(args.file), dry_run=args.dry_run)
    except TemplateRefused as exc:
        data = exc.preview.to_dict()
        message = exc.message
        if args.marked_copy:
            marked = save_marked_copy(Path(args.file), Path(args.marked_copy), exc.preview)
            data["marked_copy"] = str(marked)
            message += " " + _("The problems are marked in {file}.").format(file=marked)
        if not ctx.json:
            print(template_preview_text(exc.preview), file=sys.stderr)
        raise CommandFailed(message, data) from exc
    preview = result.preview
    text = template_preview_text(preview)
    if result.applied:
        text += "\n" + ngettext(
            "Imported: {n} row added or updated. The backup taken before is {backup}.",
            "Imported: {n} rows added or updated. The backup taken before is {backup}.",
            preview.changes,
        ).format(n=format_number(preview.changes), backup=result.backup)
    elif args.dry_run:
        text += "\n" + _("Dry run: nothing was changed.")
    else:
        text += "\n" + _("Nothing to change.")
    if args.marked_copy:
        text += "\n" + _("No problems, so no marked copy was written.")
    data = preview.to_dict() | {
        "marked_copy": None,
        "applied": result.applied,
        "dry_run": bool(args.dry_run),
        "backup": str(result.backup) if result.backup else None,
    }
    ctx.out(text, data)
