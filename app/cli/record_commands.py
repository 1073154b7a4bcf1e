"""``acec edit`` and ``acec delete``: change an office's own records, as the window does.

The same services as the window's forms: another office's record or one of a
locked year is refused with the window's message, and values are read as the
form reads them (an amount in the user's language).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli.command_table import command_help
from app.cli.context import CliContext
from app.i18n import _
from app.models import fields_of, model_of
from app.models.values import canonical
from app.services.entered_values import entered_values
from app.services.records import delete_record, get_record, kind_of_uid, update_record

AddGlobals = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_globals: AddGlobals) -> None:
    """Add ``edit`` and ``delete`` to the parser."""
    p = sub.add_parser("edit", help=command_help("edit"))
    p.add_argument("uid", metavar="UID", help=_("the id of the record"))
    p.add_argument(
        "assignments",
        nargs="+",
        metavar="FIELD=VALUE",
        help=_("a field's new value, e.g. title=EIA training (FIELD= empties it)"),
    )
    add_globals(p)
    p.set_defaults(func=cmd_edit)
    p = sub.add_parser("delete", help=command_help("delete"))
    p.add_argument("uid", metavar="UID", help=_("the id of the record"))
    add_globals(p)
    p.set_defaults(func=cmd_delete)


def _kind_label(kind: str) -> str:
    return _(model_of(kind).__label__).lower()


def cmd_edit(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db()
    uid = args.uid.strip().lower()
    kind = kind_of_uid(db, uid)
    values = entered_values(kind, args.assignments)
    before = get_record(db, kind, uid)
    after = update_record(db, kind, uid, values)
    types = {spec.name: spec.type for spec in fields_of(kind)}
    changed = [
        name
        for name in values
        if canonical(types[name], before.values[name]) != canonical(types[name], after.values[name])
    ]
    if changed:
        text = _("Changed {fields} of the {kind} {uid}.").format(
            fields=", ".join(changed), kind=_kind_label(kind), uid=uid
        )
    else:
        text = _("Nothing to change: the {kind} {uid} already has these values.").format(
            kind=_kind_label(kind), uid=uid
        )
    ctx.out(
        text,
        {
            "uid": uid,
            "kind": kind,
            "changed": changed,
            "version": after.version,
            "fields": {name: canonical(types[name], after.values[name]) for name in values},
        },
    )


def cmd_delete(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db()
    uid = args.uid.strip().lower()
    kind = kind_of_uid(db, uid)
    record = delete_record(db, kind, uid)
    ctx.out(
        _("Deleted the {kind} {uid}.").format(kind=_kind_label(kind), uid=uid),
        {"uid": uid, "kind": kind, "version": record.version},
    )
