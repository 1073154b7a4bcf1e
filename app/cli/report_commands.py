"""``acec report KIND --out FILE``: a report as PDF or Excel, from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.command_table import command_help
from app.cli.context import CliContext, CommandFailed
from app.i18n import _, ngettext
from app.reports.catalogue import REPORT_KINDS, ReportRequest, build_report

AddGlobals = Callable[[argparse.ArgumentParser], None]
FORMATS = ("pdf", "xlsx")


def register(sub: Any, add_globals: AddGlobals) -> None:
    """Add the ``report`` command to the parser."""
    p = sub.add_parser("report", help=command_help("report"))
    p.add_argument("kind", choices=list(REPORT_KINDS), metavar="KIND", help=", ".join(REPORT_KINDS))
    p.add_argument("--out", required=True, metavar="FILE", help=_("the file to write"))
    p.add_argument("--format", choices=FORMATS, help=_("pdf or xlsx (default: from the file name)"))
    p.add_argument("--year", type=int, metavar="Y", help=_("one year (default: the whole plan)"))
    p.add_argument(
        "--country", metavar="CODE", help=_("one country, e.g. VN (default: the region)")
    )
    p.add_argument(
        "--id", dest="activity_id", metavar="UUID", help=_("the activity (activity sheet)")
    )
    p.add_argument(
        "--accepted-only",
        action="store_true",
        help=_("only records the secretariat accepted (“figures accepted by the secretariat”)"),
    )
    add_globals(p)
    p.set_defaults(func=cmd_report)


def _format_of(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = Path(args.out).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise CommandFailed(
        _("Cannot tell the format from “{file}”; name it .pdf or .xlsx, or add --format.").format(
            file=args.out
        )
    )


def cmd_report(ctx: CliContext, args: argparse.Namespace) -> None:
    fmt = _format_of(args)
    request = ReportRequest(
        kind=args.kind,
        country=args.country.upper() if args.country else None,
        year=args.year,
        activity_uid=args.activity_id,
        language=ctx.lang,
        accepted_only=bool(args.accepted_only),
    )
    db = ctx.open_db(read_only=True)
    document = build_report(db, request)
    if fmt == "pdf":
        from app.reports.render_pdf import ensure_gui_application, write_pdf

        ensure_gui_application()
        count = write_pdf(document, args.out)
        text = ngettext("Wrote {file} ({n} page).", "Wrote {file} ({n} pages).", count).format(
            file=args.out, n=count
        )
    else:
        from app.reports.render_xlsx import write_xlsx

        count = write_xlsx(document, args.out)
        text = ngettext("Wrote {file} ({n} table).", "Wrote {file} ({n} tables).", count).format(
            file=args.out, n=count
        )
    ctx.out(text, {"out": str(args.out), "format": fmt, "kind": args.kind, "count": count})
