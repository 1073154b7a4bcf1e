"""Commands for bulk entry from Excel templates: write a blank one, import a filled one."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.command_table import command_help
from app.cli.context import CliContext
from app.i18n import _
from app.models import model_of
from app.services.template_export import write_template_file

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
