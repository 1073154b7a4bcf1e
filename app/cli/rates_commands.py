"""``acec rates``: show the yearly exchange rates; set or import them at the secretariat."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.cli.command_table import command_help
from app.cli.context import CliContext, CommandFailed
from app.i18n import _, format_number, ngettext
from app.services.exchange_rates import (
    RateTable,
    SetRatesResult,
    change_problems,
    rate_table,
    refuse_unless_secretariat,
    set_rates,
)
from app.services.rates_sheet import import_rates_sheet
from app.sync.errors import PackageRefused

AddGlobals = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_globals: AddGlobals) -> None:
    """Add ``rates``, ``rates set`` and ``rates import`` to the parser."""
    p = sub.add_parser("rates", help=command_help("rates"))
    p.add_argument("--year", type=int, metavar="Y", help=_("one year (default: every year)"))
    add_globals(p)
    p.set_defaults(func=cmd_rates)
    actions = p.add_subparsers(dest="rates_action", metavar="ACTION", parser_class=type(p))
    s = actions.add_parser("set", help=_("set one rate (at the joint secretariat)"))
    s.add_argument("year", metavar="YEAR", help=_("the year, e.g. 2012"))
    s.add_argument("currency", metavar="CURRENCY", help=_("the currency code, e.g. VND"))
    s.add_argument("rate", metavar="RATE", help=_("US dollars for one unit, e.g. 0.0000480"))
    add_globals(s)
    s.set_defaults(func=cmd_rates_set)
    i = actions.add_parser(
        "import", help=_("set the rates of a sheet with year, currency and rate columns")
    )
    i.add_argument("file", metavar="FILE.xlsx", help=_("the rates sheet"))
    i.add_argument(
        "--dry-run", action="store_true", help=_("show what would change; change nothing")
    )
    add_globals(i)
    i.set_defaults(func=cmd_rates_import)


def _table_text(table: RateTable) -> str:
    if not table.cells:
        return _("No exchange rates for that year.")
    lines = [_("US dollars for one unit of each currency (yearly average):")]
    for year in table.years:
        for currency in table.currencies:
            cell = table.cells.get((year, currency))
            if cell is None:
                continue
            mark = "" if cell.verified else "  " + _("(not verified)")
            changed = "  " + _("(changed by the secretariat)") if cell.changed else ""
            lines.append(f"  {year}  {currency}  {format(cell.rate, 'f')}{changed}{mark}")
    return "\n".join(lines)


def cmd_rates(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db(read_only=True)
    table = rate_table(db, args.year)
    data = {
        "rates": [
            {
                "year": c.year,
                "currency": c.currency,
                "rate": format(c.rate, "f"),
                "changed": c.changed,
                "source": c.source,
                "verified": c.verified,
            }
            for c in sorted(table.cells.values(), key=lambda c: (c.year, c.currency))
        ],
        "editable": table.editable,
    }
    ctx.out(_table_text(table), data)


def _counts_text(result: SetRatesResult) -> str:
    return _("{added} added, {changed} changed, {same} already so.").format(
        added=format_number(result.added),
        changed=format_number(result.changed),
        same=format_number(result.unchanged),
    )


def _counts_data(result: SetRatesResult) -> dict[str, int]:
    return {"added": result.added, "changed": result.changed, "unchanged": result.unchanged}


def cmd_rates_set(ctx: CliContext, args: argparse.Namespace) -> None:
    change, _field, problem = change_problems(args.year, args.currency, args.rate)
    if change is None:
        raise CommandFailed(problem[:1].upper() + problem[1:] + ".")
    db = ctx.open_db()
    result = set_rates(db, [change])
    text = _("{currency} {year}: {rate} US$ for one unit.").format(
        currency=change.currency, year=change.year, rate=format(change.rate, "f")
    )
    ctx.out(f"{text} {_counts_text(result)}", _counts_data(result))


def cmd_rates_import(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db()
    refuse_unless_secretariat(db)
    try:
        done = import_rates_sheet(db, Path(args.file), dry_run=args.dry_run)
    except PackageRefused as exc:
        if exc.problems and not ctx.json:
            for problem in exc.problems[:50]:
                print("  ! " + str(problem), file=sys.stderr)
        problems = {
            "problems": [
                {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message}
                for p in exc.problems
            ]
        }
        raise CommandFailed(exc.message, problems) from exc
    lines = [
        ngettext(
            "{file}, sheet {sheet}: {n} rate.",
            "{file}, sheet {sheet}: {n} rates.",
            len(done.changes),
        ).format(file=done.path.name, sheet=done.sheet, n=format_number(len(done.changes))),
        _counts_text(done.counts),
    ]
    if done.applied:
        lines.append(_("Saved. The backup taken before is {backup}.").format(backup=done.backup))
    elif args.dry_run:
        lines.append(_("Dry run: nothing was changed."))
    data: dict[str, Any] = {**_counts_data(done.counts)} | {
        "applied": done.applied,
        "dry_run": bool(args.dry_run),
        "backup": str(done.backup) if done.backup else None,
    }
    ctx.out("\n".join(lines), data)
