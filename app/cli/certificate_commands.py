"""``acec certificates --activity UID [--issue] --out FILE.pdf``: number and print certificates."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.command_table import command_help
from app.cli.context import CliContext, CommandFailed
from app.i18n import _, ngettext

AddGlobals = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_globals: AddGlobals) -> None:
    """Add the ``certificates`` command to the parser."""
    p = sub.add_parser("certificates", help=command_help("certificates"))
    p.add_argument("--activity", required=True, metavar="UID", help=_("the activity's id"))
    p.add_argument(
        "--issue",
        action="store_true",
        help=_("first number the completed trainees that have no number yet"),
    )
    p.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help=_("the date of issue for new numbers (default: today)"),
    )
    p.add_argument("--out", required=True, metavar="FILE.pdf", help=_("the PDF to write"))
    add_globals(p)
    p.set_defaults(func=cmd_certificates)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a date like 2012-03-06").format(value=text)
        ) from None


def cmd_certificates(ctx: CliContext, args: argparse.Namespace) -> None:
    from app.reports.certificates import certificate_batch, check_printable
    from app.services.certificates import issue_certificates, issued_text

    out = Path(args.out)
    if out.is_dir():
        raise CommandFailed(
            _("{file} is a folder; give the name of the PDF to write.").format(file=out)
        )
    if args.date and not args.issue:
        raise CommandFailed(_("--date is the date of new numbers; use it with --issue."))
    db = ctx.open_db(read_only=not args.issue)
    summary: dict[str, Any] = {"activity": args.activity, "out": str(out), "issued": 0}
    lines = []
    if args.issue:
        plan = issue_certificates(db, args.activity, args.date)
        summary |= {
            "issued": len(plan.numbers),
            "first": plan.first,
            "last": plan.last,
            "date": plan.on.isoformat(),
            "other_office": plan.other_office,
        }
        lines.append(issued_text(plan))
    batch = certificate_batch(db, args.activity)
    if args.issue and not batch.pages:
        raise CommandFailed(
            _(
                "This activity has no completed trainees to number; mark those who finished "
                "as completed, then issue again."
            ),
            summary,
        )
    check_printable(batch)  # before Qt starts: a refusal costs no GUI start-up
    from app.reports.render_certificates import write_certificates_pdf
    from app.reports.render_pdf import ensure_gui_application

    ensure_gui_application()
    pages = write_certificates_pdf(batch, out, ctx.lang)
    summary |= {"printed": pages, "numbers": [p.number for p in batch.pages]}
    lines.append(
        ngettext(
            "Wrote {file} ({n} certificate).", "Wrote {file} ({n} certificates).", pages
        ).format(file=out, n=pages)
    )
    ctx.out("\n".join(lines), summary)
