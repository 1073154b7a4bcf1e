"""This site's Ed25519 key pair: the private half in a file beside the database.

The private key lives only in ``<database>.key`` (owner-readable), never in
the database, so a backup, a dump, a package or a log cannot carry it. The
``site_key`` table holds the public half (``source='own'``); the file is the
truth, and ``ensure_site_key`` makes the table agree with it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import StoreError
from app.i18n import _
from app.models import LocalSite
from app.models.codes import SECRETARIAT
from app.private_files import create_private_new, open_private
from app.store.known_keys import add_key, fingerprint_of, keys_of_site, own_key_row

if TYPE_CHECKING:  # the store's Database imports this module
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from app.store.database import Database

KEY_FILE_HEADER = "ACEC Tracker private site key. Keep it secret: never send or share this file."
_PUBLIC_PREFIX = "public "


@dataclass(frozen=True)
class SiteKeyInfo:
    """This site's public key as people and packages see it."""

    site: str
    public_key: str  # 64 hex characters
    fingerprint: str


def key_path(db_path: Path) -> Path:
    """Where the private key of the database at ``db_path`` lives (``<db>.key``)."""
    return db_path.with_name(db_path.name + ".key")


def _read_public_hex(path: Path) -> str | None:
    """The public key recorded in the key file's header line (no crypto needed)."""
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None
    for line in text.splitlines():
        if line.startswith(_PUBLIC_PREFIX):
            value = line[len(_PUBLIC_PREFIX) :].strip().lower()
            if len(value) == 64 and all(c in "0123456789abcdef" for c in value):
                return value
    return None


def load_private_key(db_path: Path) -> Ed25519PrivateKey:
    """This site's private key, read from its file; ``StoreError`` when missing or damaged."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = key_path(db_path)
    try:
        text = path.read_text(encoding="ascii")
        start = text.index("-----BEGIN")
        key = serialization.load_pem_private_key(text[start:].encode("ascii"), password=None)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise StoreError(
            _(
                "The site key file {path} is missing or damaged, so packages cannot be signed. "
                "Reopen the database to make a new key, then tell the secretariat its fingerprint."
            ).format(path=path)
        ) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise StoreError(
            _("The site key file {path} holds the wrong kind of key.").format(path=path)
        )
    return key


def public_hex(key: Ed25519PrivateKey) -> str:
    """The raw 32-byte public key of ``key`` as hex."""
    from cryptography.hazmat.primitives import serialization

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def _write_key_file(path: Path, key: Ed25519PrivateKey) -> None:
    """Write the key file atomically, owner-only from the first byte."""
    from cryptography.hazmat.primitives import serialization

    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")
    body = f"{KEY_FILE_HEADER}\n{_PUBLIC_PREFIX}{public_hex(key)}\n{pem}"
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_new(partial)
    with open_private(partial, "w", encoding="ascii", newline="\n") as fh:
        fh.write(body)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, path)


def _agree_with_file(session: Session, site: str, public_key: str) -> None:
    """Make the file's key this site's one unrevoked own key; other own keys are revoked."""
    rows = keys_of_site(session, site, source="own")
    found = False
    for row in rows:
        if row.public_key == public_key:
            row.revoked = False
            found = True
        elif not row.revoked:
            row.revoked = True
    if not found:
        add_key(session, site, public_key, "own")


def ensure_site_key(db: Database) -> None:
    """Give the database its key pair if it has none; cheap when it has one.

    A database without an office yet is left alone (``init`` calls this after
    it has one). A missing key file means the private key is lost: a new pair
    is made and the old public key revoked, as a rotation would.
    """
    with db.read_session() as session:
        site_row = session.scalars(select(LocalSite)).first()
        if site_row is None:
            return
        site = site_row.site
        own = own_key_row(session, site)
    path = key_path(db.path)
    on_file = _read_public_hex(path) if path.exists() else None
    if own is not None and on_file == own.public_key:
        return
    if on_file is None and path.exists():
        # An unreadable header line is no reason to throw the private key
        # away: the key itself decides (StoreError if it is truly damaged).
        on_file = public_hex(load_private_key(db.path))
    if on_file is None:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        _write_key_file(path, Ed25519PrivateKey.generate())
        on_file = _read_public_hex(path)
        assert on_file is not None
        if own is not None:  # the office had a key: a lost file is a rotation to tell
            _tell_key_replaced(db, site, path, fingerprint_of(on_file))
    with db.session() as session:
        _agree_with_file(session, site, on_file)


def _tell_key_replaced(db: Database, site: str, path: Path, fingerprint: str) -> None:
    """Say (on the database's notices and in the log) that a lost key file was replaced."""
    from app.logging_setup import log_notice

    if site == SECRETARIAT:
        todo = _(
            "Every office must confirm the new fingerprint by telephone when your next "
            "package arrives."
        )
    else:
        todo = _(
            "Tell the secretariat the new fingerprint by telephone: it confirms it when your "
            "next package arrives."
        )
    notice = _(
        "The key file {path} was missing, so this office has a new key (fingerprint "
        "{fingerprint}) and the old one is revoked, as after acec keys --rotate. If nobody "
        "here deleted or moved that file, find out who did. {todo}"
    ).format(path=path, fingerprint=fingerprint, todo=todo)
    db.notices.append(notice)
    log_notice(notice)


def rotate_site_key(db: Database) -> SiteKeyInfo:
    """Make a new key pair for this site and revoke the old public key.

    The file is replaced first and the table follows; if the program stops in
    between, the next open makes the table agree with the file.
    """
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    site = db.site
    key = Ed25519PrivateKey.generate()
    _write_key_file(key_path(db.path), key)
    with db.session() as session:
        _agree_with_file(session, site, public_hex(key))
    return own_key_info(db)


def own_key_info(db: Database) -> SiteKeyInfo:
    """This site's current public key and fingerprint."""
    ensure_site_key(db)
    with db.read_session() as session:
        row = own_key_row(session, db.site)
    if row is None:  # pragma: no cover - ensure_site_key just made it
        raise StoreError(_("This database has no site key."))
    return SiteKeyInfo(site=row.site, public_key=row.public_key, fingerprint=row.fingerprint)
