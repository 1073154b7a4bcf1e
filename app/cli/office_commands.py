"""Commands about the office database itself: init, demo, dump, stats, check."""

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
from app.private_files import open_private
from app.services.dump import dump_json
from app.services.office import init_office
from app.services.peer_stats import PeerStats, peer_stats
from app.services.stats import database_stats
from app.store import check_database_file
from app.store.backup import backup_dir

AddGlobals = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_globals: AddGlobals) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser("init", help=command_help("init"))
    p.add_argument(
        "--site", required=True, metavar="CODE", help=_("country code (VN, KH, ...) or SEC")
    )
    p.add_argument("--name", metavar="TEXT", help=_("the office's name"))
    add_globals(p)
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help=command_help("demo"))
    p.add_argument(
        "--size", type=_positive_int, default=2000, metavar="N", help=_("about how many records")
    )
    p.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed"))
    add_globals(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("dump", help=command_help("dump"))
    p.add_argument("--out", metavar="FILE", help=_("write to FILE instead of the screen"))
    add_globals(p)
    p.set_defaults(func=cmd_dump)

    p = sub.add_parser("stats", help=command_help("stats"))
    add_globals(p)
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("check", help=command_help("check"))
    add_globals(p)
    p.set_defaults(func=cmd_check)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{value}” is not a whole number").format(value=text)
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be at least 1"))
    return value


def cmd_init(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.adopt(init_office(ctx.db_path, args.site, args.name))
    info = db.site_info
    ctx.out(
        _("Created the database of {office} ({site}) at {path}.").format(
            office=info.office_name, site=info.site, path=db.path
        ),
        {"site": info.site, "office": info.office_name, "db": str(db.path)},
    )


def cmd_demo(ctx: CliContext, args: argparse.Namespace) -> None:
    from app.demo import generate_demo

    db = ctx.open_db()
    result = generate_demo(db, size=args.size, seed=args.seed)
    ctx.out(
        ngettext("Added {n} demo record.", "Added {n} demo records.", result.total).format(
            n=format_number(result.total)
        ),
        {"site": db.site, "added": result.counts, "total": result.total},
    )


def cmd_dump(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db(read_only=True)
    text = dump_json(db)
    if args.out:
        try:
            with open_private(Path(args.out), "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise CommandFailed(
                _("Cannot write {file}: {error}").format(file=args.out, error=exc.strerror)
            ) from exc
        if ctx.json:
            ctx.out("", {"out": args.out})
    else:
        sys.stdout.write(text)


def cmd_stats(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db(read_only=True)
    stats = database_stats(db)
    lines = [_("{office} ({site})").format(office=stats.office_name, site=stats.site)]
    if stats.demo:
        lines.append(_("This is a demo database."))
    for k in stats.kinds:
        lines.append(f"  {_(model_of(k.kind).__plural__)}: {format_number(k.live)}")
    lines.append(_("Total: {n}").format(n=format_number(stats.total)))
    peers = peer_stats(db)
    lines.extend(_peer_line(row) for row in peers)
    ctx.out(
        "\n".join(lines),
        {
            "site": stats.site,
            "office": stats.office_name,
            "demo": stats.demo,
            "total": stats.total,
            "records": {k.kind: k.live for k in stats.kinds},
            "deleted": {k.kind: k.deleted for k in stats.kinds},
            "own": {k.kind: k.own for k in stats.kinds},
            "peers": [row.to_dict() for row in peers],
        },
    )


def _peer_line(row: PeerStats) -> str:
    """One peer's packages, gaps and acknowledgements, for a terminal."""
    line = _("{peer}: last package sent {sent}, last received {received}").format(
        peer=row.peer,
        sent=row.last_sent_number or "-",
        received=row.last_received_number or "-",
    )
    for series, missing in row.gaps.items():
        line += "; " + _("missing from {peer} ({series}): {numbers}").format(
            peer=row.peer, series=series, numbers=", ".join(map(str, missing))
        )
    if row.unacknowledged is not None:
        line += "; " + ngettext(
            "{n} record not yet acknowledged",
            "{n} records not yet acknowledged",
            row.unacknowledged,
        ).format(n=format_number(row.unacknowledged))
    if row.refused_by_peer:
        line += "; " + _("{n} refused by them").format(n=format_number(row.refused_by_peer))
    return "  " + line


def cmd_check(ctx: CliContext, args: argparse.Namespace) -> int:
    # Not ctx.open_db(): opening migrates and reads the site key, and a damaged
    # database fails there before the check could say what is wrong.
    result = check_database_file(ctx.db_path)
    if result.ok:
        ctx.out(
            _("The database is sound: integrity and foreign keys check out."),
            {"integrity": "ok", "foreign_keys": []},
        )
        return 0
    data = {"integrity": result.integrity, "foreign_keys": result.foreign_keys}
    if result.integrity:
        message = ngettext(
            "The database {path} is damaged: SQLite's integrity check found {n} problem "
            "({first}). Keep this file, copy the newest backup from {backups} in its place, "
            "and ask your support contact.",
            "The database {path} is damaged: SQLite's integrity check found {n} problems "
            "(first: {first}). Keep this file, copy the newest backup from {backups} in its "
            "place, and ask your support contact.",
            len(result.integrity),
        ).format(
            path=ctx.db_path.resolve(),
            n=format_number(len(result.integrity)),
            first=result.integrity[0][:200],
            backups=backup_dir(ctx.db_path.resolve()),
        )
        raise CommandFailed(message, data)
    message = _("The database has problems: {problems}").format(
        problems="; ".join(result.foreign_keys[:5])
    )
    raise CommandFailed(message, data)
