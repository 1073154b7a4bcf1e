"""Ed25519 signatures over a package's canonical content digest.

INTERFACE (filled in by the issue-4 work). The export calls ``sign_digest``
and writes the block's fields into the manifest; the import rebuilds the
digest from the cell values and calls ``verify_digest`` before applying.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.store import Database


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
    return SignatureBlock(site=db.site, public_key="", fingerprint="", signature="")


def verify_digest(
    db: Database, sender: str, digest: bytes, block: SignatureBlock, trust: str | None
) -> KeyCheck:
    """Check the signature and the sender's key; raise ``PackageRefused`` when it fails."""
    return KeyCheck(status="trusted", fingerprint=block.fingerprint)
