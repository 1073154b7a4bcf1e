"""``acec lock``, ``acec unlock`` and ``acec exception``: the secretariat's locked years."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli.command_table import command_help
from app.cli.context import CliContext
from app.i18n import _
from app.services.locks import grant_exception, lock_year, unlock_year

AddGlobals = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_globals: AddGlobals) -> None:
    """Add ``lock``, ``unlock`` and ``exception`` to the parser."""
    for name, func in (("lock", cmd_lock), ("unlock", cmd_unlock)):
        p = sub.add_parser(name, help=command_help(name))
        p.add_argument("--country", required=True, metavar="CODE", help=_("the country, e.g. KH"))
        p.add_argument(
            "--year", required=True, type=int, metavar="Y", help=_("the year, e.g. 2011")
        )
        add_globals(p)
        p.set_defaults(func=func)
    p = sub.add_parser("exception", help=command_help("exception"))
    p.add_argument("uid", metavar="UID", help=_("the id of the record that may change"))
    add_globals(p)
    p.set_defaults(func=cmd_exception)


def _lock_summary(ctx: CliContext, args: argparse.Namespace, *, locked: bool) -> None:
    db = ctx.open_db()
    info = (lock_year if locked else unlock_year)(db, args.country, args.year)
    text = (
        info.text() if info.changed else _("Nothing to change: {state}").format(state=info.text())
    )
    ctx.out(
        text,
        {
            "country": info.country,
            "year": info.year,
            "locked": info.locked,
            "changed": info.changed,
            "uid": info.uid or None,
        },
    )


def cmd_lock(ctx: CliContext, args: argparse.Namespace) -> None:
    _lock_summary(ctx, args, locked=True)


def cmd_unlock(ctx: CliContext, args: argparse.Namespace) -> None:
    _lock_summary(ctx, args, locked=False)


def cmd_exception(ctx: CliContext, args: argparse.Namespace) -> None:
    info = grant_exception(ctx.open_db(), args.uid)
    text = info.text()
    if not info.changed:
        text = _("Nothing to change: {state}").format(state=text)
    ctx.out(
        text,
        {
            "record_uid": info.record_uid,
            "kind": info.record_kind,
            "uid": info.uid,
            "changed": info.changed,
        },
    )
