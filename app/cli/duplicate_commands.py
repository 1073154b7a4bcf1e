"""``acec duplicates``, ``acec link``, ``acec distinct``: likely duplicate people and
organisations, and this office's decision about a pair."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli.command_table import command_help
from app.cli.context import CliContext
from app.i18n import _, ngettext
from app.identity.candidates import Candidate
from app.services.duplicates import DUPLICATE_KINDS, find_duplicates
from app.services.evidence_text import evidence_text
from app.services.identity import IdentityDecision, distinct, link

AddGlobals = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_globals: AddGlobals) -> None:
    """Add the ``duplicates``, ``link`` and ``distinct`` commands to the parser."""
    p = sub.add_parser("duplicates", help=command_help("duplicates"))
    p.add_argument(
        "--kind",
        choices=DUPLICATE_KINDS,
        default="person",
        help=_("people (the default) or organisations"),
    )
    add_globals(p)
    p.set_defaults(func=cmd_duplicates)
    for name, func in (("link", cmd_link), ("distinct", cmd_distinct)):
        p = sub.add_parser(name, help=command_help(name))
        p.add_argument("uids", nargs=2, metavar="UID", help=_("the id of a record"))
        add_globals(p)
        p.set_defaults(func=func)


def _candidate_data(c: Candidate) -> dict[str, Any]:
    return {
        "first": {"uid": c.first.uid, "name": c.first.label, "country": c.first.country},
        "second": {"uid": c.second.uid, "name": c.second.label, "country": c.second.country},
        "score": c.score,
        "evidence": [{"code": e.code, "detail": e.detail} for e in c.evidence],
    }


def cmd_duplicates(ctx: CliContext, args: argparse.Namespace) -> None:
    found = find_duplicates(ctx.open_db(read_only=True), args.kind)
    lines = [
        ngettext("{n} open candidate pair.", "{n} open candidate pairs.", len(found)).format(
            n=len(found)
        )
    ]
    for c in found:
        lines.append(f"{c.score:>3}  {c.first.uid}  {c.first.label}")
        lines.append(f"     {c.second.uid}  {c.second.label}")
        lines.append("     " + evidence_text(c.evidence))
    ctx.out("\n".join(lines), {"kind": args.kind, "pairs": [_candidate_data(c) for c in found]})


def _decided(ctx: CliContext, decision: IdentityDecision) -> None:
    if not decision.changed:
        text = _("Already decided so by this office; nothing changed.")
    elif decision.verdict == "same":
        text = _("Linked: {first} and {second} are counted as one.").format(
            first=decision.first_uid, second=decision.second_uid
        )
    else:
        text = _("Marked different: {first} and {second} are not proposed again.").format(
            first=decision.first_uid, second=decision.second_uid
        )
    data = {
        "uid": decision.uid,
        "kind": decision.record_kind,
        "first": decision.first_uid,
        "second": decision.second_uid,
        "verdict": decision.verdict,
        "changed": decision.changed,
    }
    ctx.out(text, data)


def cmd_link(ctx: CliContext, args: argparse.Namespace) -> None:
    _decided(ctx, link(ctx.open_db(), *args.uids))


def cmd_distinct(ctx: CliContext, args: argparse.Namespace) -> None:
    _decided(ctx, distinct(ctx.open_db(), *args.uids))
