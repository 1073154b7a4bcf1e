"""``acec keys``: this site's key fingerprint, the keys it trusts, key rotation."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.cli.command_table import command_help
from app.cli.context import CliContext
from app.i18n import _
from app.store.known_keys import known_keys
from app.store.site_keys import own_key_info, rotate_site_key

AddGlobals = Callable[[argparse.ArgumentParser], None]


def register(sub: Any, add_globals: AddGlobals) -> None:
    """Add the ``keys`` command to the parser."""
    p = sub.add_parser("keys", help=command_help("keys"))
    p.add_argument(
        "--rotate",
        action="store_true",
        help=_("make a new key pair (the old key is revoked; tell the secretariat)"),
    )
    p.add_argument("--all", action="store_true", help=_("also list the other sites' keys"))
    add_globals(p)
    p.set_defaults(func=cmd_keys)


def cmd_keys(ctx: CliContext, args: argparse.Namespace) -> None:
    db = ctx.open_db()
    info = rotate_site_key(db) if args.rotate else own_key_info(db)
    if args.rotate:
        text = _(
            "New key made for {site}. Its fingerprint is {fingerprint}. Read it to the "
            "secretariat by telephone: they confirm it when your next package arrives."
        ).format(site=info.site, fingerprint=info.fingerprint)
    else:
        text = _("Key fingerprint of {site}: {fingerprint}").format(
            site=info.site, fingerprint=info.fingerprint
        )
    data: dict[str, Any] = {"site": info.site, "fingerprint": info.fingerprint}
    if args.all:
        known = [
            {
                "site": key.site,
                "fingerprint": key.fingerprint,
                "source": key.source,
                "registry_version": key.registry_version,
                "revoked": key.revoked,
            }
            for key in known_keys(db)
        ]
        data["keys"] = known
        lines = [text]
        for entry in known:
            state = _("revoked") if entry["revoked"] else _("trusted")
            lines.append(f"  {entry['site']:<4} {entry['fingerprint']}  {entry['source']}  {state}")
        text = "\n".join(lines)
    ctx.out(text, data)
