"""Ed25519 signatures over a package's canonical content digest.

The export calls ``sign_digest`` and writes the block's fields into the
manifest; the import rebuilds the digest from the cell values and calls
``verify_digest`` before applying anything.

``verify_digest`` writes nothing. When it answers ``pinned`` (the officer gave
``--trust`` with the package's fingerprint), the import must call
``pin_key(session, block.site, block.public_key)`` inside the transaction that
applies the package, so the pin and the records arrive together or not at all.
When it answers ``confirm``, the import must not apply: show
``confirmation_request(sender, check)`` and let the officer come back with the
fingerprint.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.models import LocalSite
from app.store import Database
from app.store.known_keys import (
    add_key,
    fingerprint_of,
    normalise_fingerprint,
    rows_with_public_key,
    trusted_keys_of,
)
from app.store.site_keys import ensure_site_key, load_private_key, public_hex
from app.sync.errors import PackageRefused

# Domain separation: a package signature can never pass for a registry's, or the reverse.
PACKAGE_CONTEXT = b"ACEC-Tracker package v1\x00"


@dataclass(frozen=True)
class SignatureBlock:
    """What a package carries to prove who made it (all hex text)."""

    site: str
    public_key: str
    fingerprint: str
    signature: str


@dataclass(frozen=True)
class KeyCheck:
    """The verdict on a package's signature: ``trusted``, ``pinned`` (now) or ``confirm``."""

    status: str
    fingerprint: str


def sign_digest(db: Database, digest: bytes) -> SignatureBlock:
    """Sign ``digest`` with this site's private key."""
    ensure_site_key(db)
    key = load_private_key(db.path)
    public = public_hex(key)
    signature = key.sign(PACKAGE_CONTEXT + bytes(digest))
    return SignatureBlock(
        site=db.site,
        public_key=public,
        fingerprint=fingerprint_of(public),
        signature=signature.hex(),
    )


def _refuse(message: str) -> PackageRefused:
    return PackageRefused(message)


def _check_signature(digest: bytes, block: SignatureBlock) -> str:
    """Verify the Ed25519 signature; return the key's fingerprint."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        raw_key = bytes.fromhex(block.public_key)
        signature = bytes.fromhex(block.signature)
        if len(raw_key) != 32 or len(signature) != 64:
            raise ValueError("length")
        public = Ed25519PublicKey.from_public_bytes(raw_key)
    except (ValueError, TypeError):
        raise _refuse(
            _(
                "Bad signature: the package's signature or key is damaged. "
                "Ask {site} to export the package again."
            ).format(site=block.site)
        ) from None
    fingerprint = fingerprint_of(raw_key)
    if normalise_fingerprint(block.fingerprint or "") != fingerprint:
        raise _refuse(
            _(
                "Bad signature: the fingerprint written in the package does not belong to its key. "
                "The package was changed after export."
            )
        )
    try:
        public.verify(signature, PACKAGE_CONTEXT + bytes(digest))
    except InvalidSignature:
        raise _refuse(
            _(
                "Bad signature: the content was changed after {site} signed it, or the signature "
                "is forged. Nothing was imported; ask {site} to send the package again."
            ).format(site=block.site)
        ) from None
    return fingerprint


def verify_digest(
    db: Database, sender: str, digest: bytes, block: SignatureBlock, trust: str | None
) -> KeyCheck:
    """Check the signature and the sender's key; raise ``PackageRefused`` when it fails.

    ``trusted``: the key is the sender's known key. ``pinned``: the sender is
    new (or changed its key) and ``trust`` equals the package's fingerprint;
    the caller pins with ``pin_key`` in its import transaction. ``confirm``:
    the sender is new and no matching ``trust`` was given; do not apply.
    """
    if block.site != sender:
        raise _refuse(
            _(
                "Key not that sender's: the package says it comes from {sender} "
                "but is signed with the key of {site}."
            ).format(sender=sender, site=block.site)
        )
    fingerprint = _check_signature(digest, block)
    public_key = block.public_key.lower()
    wanted = normalise_fingerprint(trust) if trust else None
    with db.read_session() as session:
        same_key = rows_with_public_key(session, public_key)
        current = trusted_keys_of(session, sender)
    for row in same_key:
        if row.site != sender:
            raise _refuse(
                _(
                    "Key not that sender's: the package says it comes from {sender} "
                    "but its key ({fingerprint}) belongs to {site}."
                ).format(sender=sender, fingerprint=fingerprint, site=row.site)
            )
    if any(not row.revoked for row in same_key):
        return KeyCheck(status="trusted", fingerprint=fingerprint)
    if sender == db.site:
        raise _refuse(
            _(
                "Key not that sender's: the package says it comes from this office ({site}) "
                "but is not signed with this office's key ({fingerprint})."
            ).format(site=sender, fingerprint=fingerprint)
        )
    if same_key:
        raise _refuse(
            _(
                "Revoked key: the package from {sender} is signed with the key {fingerprint}, "
                "which has been revoked. Ask {sender} for a package signed with its current key."
            ).format(sender=sender, fingerprint=fingerprint)
        )
    if current:
        if wanted == fingerprint:
            return KeyCheck(status="pinned", fingerprint=fingerprint)
        raise _refuse(
            _(
                "Changed key: {sender} signed this package with the key {fingerprint}, but the key "
                "known here is {known}. A changed key is never accepted silently: confirm the new "
                "fingerprint with {sender} (by telephone, not by e-mail), then import with "
                "--trust {fingerprint}."
            ).format(sender=sender, fingerprint=fingerprint, known=current[0].fingerprint)
        )
    if wanted == fingerprint:
        return KeyCheck(status="pinned", fingerprint=fingerprint)
    return KeyCheck(status="confirm", fingerprint=fingerprint)


def confirmation_request(sender: str, check: KeyCheck) -> str:
    """The line that asks the officer to confirm a new site's fingerprint."""
    return _(
        "This is the first package from {sender}. Its key fingerprint is {fingerprint}. "
        "Ask {sender} to read their fingerprint to you (acec keys) and, if it is the same, "
        "import with --trust {fingerprint}."
    ).format(sender=sender, fingerprint=check.fingerprint)


def pin_key(session: Session, site: str, public_key: str) -> None:
    """Trust ``public_key`` as ``site``'s key from now on, inside the caller's transaction.

    Any other key of ``site`` known here is revoked (a confirmed key change).
    Refuses a revoked key or a key that belongs to another site.
    """
    public_key = public_key.lower()
    own_site = session.scalars(select(LocalSite.site)).first()
    if site == own_site:
        raise _refuse(_("This office's own key is never replaced by a package's key."))
    same_key = rows_with_public_key(session, public_key)
    for row in same_key:
        if row.site != site or row.revoked:
            raise _refuse(
                _(
                    "The key {fingerprint} cannot be pinned for {site}: it is revoked or another site's."
                ).format(fingerprint=row.fingerprint, site=site)
            )
    if same_key:
        return
    for row in trusted_keys_of(session, site):
        row.revoked = True
    add_key(session, site, public_key, "pinned")
    session.flush()
