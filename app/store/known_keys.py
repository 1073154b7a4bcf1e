"""The keys this site knows (the ``site_key`` table): its own, pinned by hand, from the registry.

The one module that reads and writes ``SiteKey`` rows: the site's own key pair
(``site_keys.py``), keys pinned at a first import (``sync/signing.py``) and
keys learnt from the secretariat's registry (``sync/trust.py``) all store and
find keys through it, so a key row is always made the same way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import SiteKey
from app.models.utc import utc_now

if TYPE_CHECKING:
    from app.store.database import Database

KeySource = Literal["own", "pinned", "registry"]


@dataclass(frozen=True)
class KnownKey:
    """One key this site knows, as ``acec keys --all`` lists it."""

    site: str
    fingerprint: str
    source: str
    registry_version: int
    revoked: bool


def fingerprint_of(public_key: bytes | str) -> str:
    """The short fingerprint people compare: 16 hex digits of SHA-256, in groups of 4."""
    raw = bytes.fromhex(public_key) if isinstance(public_key, str) else public_key
    digest = hashlib.sha256(raw).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, spaces or dashes) in the canonical form."""
    hex_only = "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")
    return "-".join(hex_only[i : i + 4] for i in range(0, len(hex_only), 4))


def add_key(
    session: Session, site: str, public_key: str, source: KeySource, registry_version: int = 0
) -> SiteKey:
    """Store a new, unrevoked key of ``site`` inside the caller's transaction."""
    row = SiteKey(
        site=site,
        public_key=public_key,
        fingerprint=fingerprint_of(public_key),
        source=source,
        registry_version=registry_version,
        revoked=False,
        added_at=utc_now(),
    )
    session.add(row)
    return row


def trusted_keys_of(session: Session, site: str) -> list[SiteKey]:
    """The unrevoked keys known for ``site``, newest first."""
    return list(
        session.scalars(
            select(SiteKey)
            .where(SiteKey.site == site, SiteKey.revoked.is_(False))
            .order_by(SiteKey.id.desc())
        )
    )


def keys_of_site(session: Session, site: str, source: KeySource | None = None) -> list[SiteKey]:
    """Every key known for ``site`` (revoked ones too), oldest first."""
    query = select(SiteKey).where(SiteKey.site == site)
    if source is not None:
        query = query.where(SiteKey.source == source)
    return list(session.scalars(query.order_by(SiteKey.id)))


def keys_of_other_sites(session: Session, site: str) -> list[SiteKey]:
    """Every key known for the sites other than ``site``."""
    return list(session.scalars(select(SiteKey).where(SiteKey.site != site).order_by(SiteKey.id)))


def rows_with_public_key(session: Session, public_key: str) -> list[SiteKey]:
    """The rows holding ``public_key``, whichever site they name."""
    return list(session.scalars(select(SiteKey).where(SiteKey.public_key == public_key)))


def own_key_row(session: Session, site: str) -> SiteKey | None:
    """This site's newest unrevoked own key."""
    return session.scalars(
        select(SiteKey)
        .where(SiteKey.site == site, SiteKey.source == "own", SiteKey.revoked.is_(False))
        .order_by(SiteKey.id.desc())
    ).first()


def known_keys(db: Database) -> list[KnownKey]:
    """Every key this database knows, by site, oldest first."""
    with db.read_session() as session:
        rows = session.scalars(select(SiteKey).order_by(SiteKey.site, SiteKey.id)).all()
        return [
            KnownKey(
                site=row.site,
                fingerprint=row.fingerprint,
                source=row.source,
                registry_version=row.registry_version,
                revoked=row.revoked,
            )
            for row in rows
        ]
