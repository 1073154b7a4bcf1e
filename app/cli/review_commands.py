"""``acec review list|accept|return``: the secretariat's review of the countries' records."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli.command_table import command_help
from app.cli.context import CliContext, CommandFailed
from app.errors import ValidationError
from app.i18n import _, format_number, ngettext
from app.models.codes import REVIEW_STATE, REVIEWED_KIND, label_of
from app.services.review import ReviewFilters, ReviewRow, review_queue, state_label
from app.services.review_verdicts import VerdictResult, accept_records, return_records

AddGlobals = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_globals: AddGlobals) -> None:
    """Add ``review list``, ``review accept`` and ``review return`` to the parser."""
    p = sub.add_parser("review", help=command_help("review"))
    add_globals(p)
    actions = p.add_subparsers(
        dest="review_action", metavar="ACTION", parser_class=type(p), required=True
    )
    listing = actions.add_parser("list", help=_("the records and where their review stands"))
    listing.add_argument("--state", choices=list(REVIEW_STATE), metavar="S", help=_review_states())
    listing.add_argument("--country", metavar="C", help=_("one office, e.g. VN"))
    listing.add_argument("--kind", choices=list(REVIEWED_KIND), metavar="K", help=_kinds())
    listing.add_argument("--year", type=int, metavar="Y", help=_("one year"))
    add_globals(listing)
    listing.set_defaults(func=cmd_review_list)
    accept = actions.add_parser("accept", help=_("accept records as they are now"))
    accept.add_argument("uids", nargs="+", metavar="UID", help=_("the records' ids"))
    add_globals(accept)
    accept.set_defaults(func=cmd_review_accept)
    back = actions.add_parser("return", help=_("return records for correction, with a reason"))
    back.add_argument("uids", nargs="+", metavar="UID", help=_("the records' ids"))
    back.add_argument("--reason", required=True, metavar="TEXT", help=_("why, for the office"))
    add_globals(back)
    back.set_defaults(func=cmd_review_return)


def _review_states() -> str:
    return ", ".join(REVIEW_STATE)


def _kinds() -> str:
    return ", ".join(REVIEWED_KIND)


def _row_data(row: ReviewRow) -> dict[str, Any]:
    return {
        "uid": row.uid,
        "kind": row.kind,
        "title": row.title,
        "country": row.country,
        "year": row.year,
        "state": row.state,
        "reason": row.reason,
        "version": row.version,
    }


def _row_line(row: ReviewRow) -> str:
    year = str(row.year) if row.year is not None else "-"
    line = f"{row.uid}  {row.country}  {year}  {label_of('reviewed_kind', row.kind)}"
    line += f"  {state_label(row.state)}  {row.title}"
    if row.reason and row.state in ("returned", "resubmitted"):
        line += "  " + _("(reason: {reason})").format(reason=row.reason)
    return line


def cmd_review_list(ctx: CliContext, args: argparse.Namespace) -> None:
    filters = ReviewFilters(
        country=args.country.upper() if args.country else None,
        kind=args.kind,
        state=args.state,
        year=args.year,
    )
    db = ctx.open_db(read_only=True)
    rows = review_queue(db, filters)
    count = ngettext("{n} record.", "{n} records.", len(rows)).format(n=format_number(len(rows)))
    text = "\n".join([*(_row_line(r) for r in rows), count])
    ctx.out(text, {"records": [_row_data(r) for r in rows], "count": len(rows)})


def _verdict(ctx: CliContext, give: Callable[[], VerdictResult], done: str) -> None:
    try:
        result = give()
    except ValidationError as exc:
        problems = [{"uid": p.field, "message": p.message} for p in exc.problems]
        lines = "; ".join(f"{p.field}: {p.message}" for p in exc.problems)
        raise CommandFailed(
            _("Nothing was reviewed. {problems}").format(problems=lines), {"problems": problems}
        ) from exc
    text = _("{done} {changed} changed, {same} already so.").format(
        done=done,
        changed=format_number(result.changed),
        same=format_number(result.unchanged),
    )
    ctx.out(text, {"changed": result.changed, "unchanged": result.unchanged})


def cmd_review_accept(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db()
    n = len(set(args.uids))
    done = ngettext("Accepted {n} record.", "Accepted {n} records.", n).format(n=format_number(n))
    _verdict(ctx, lambda: accept_records(db, args.uids), done)


def cmd_review_return(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db()
    n = len(set(args.uids))
    done = ngettext(
        "Returned {n} record for correction.", "Returned {n} records for correction.", n
    ).format(n=format_number(n))
    _verdict(ctx, lambda: return_records(db, args.uids, args.reason), done)
