"""Which keys this site trusts, and the secretariat's signed key registry.

The secretariat knows every site's key (from the packages it received and
the fingerprints its officers confirmed). Its packages carry a registry: a
versioned list of every site's public key, signed with the secretariat's
key. A receiving site applies a registry only when its version is higher
than the last one applied; a key the registry leaves out is revoked. The
receiving site's own key is never touched by a registry.

Wiring (export/import): the secretariat's export calls ``build_registry(db)``
before it opens its own write transaction and writes ``registry_text(payload)``
into the package; the import calls ``parse_registry_text`` and
``check_registry`` (which writes nothing) while validating, so a dry run
refuses what the import would, and ``apply_registry(session, payload)`` inside
the transaction that applies the package, after ``pin_key`` if the
secretariat's key was pinned just now.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import AcecError
from app.i18n import _
from app.models import LocalSite
from app.models.codes import SECRETARIAT, SITE_CODES
from app.models.utc import utc_now
from app.store import Database
from app.store.known_keys import (
    add_key,
    fingerprint_of,
    keys_of_other_sites,
    rows_with_public_key,
    trusted_keys_of,
)
from app.store.local_settings import read_setting, write_setting
from app.store.site_keys import ensure_site_key, load_private_key, public_hex
from app.sync.errors import PackageRefused

REGISTRY_FORMAT = "acec-key-registry"
REGISTRY_CONTEXT = b"ACEC-Tracker key registry v1\x00"
VERSION_SETTING = "key_registry_version"
CONTENT_SETTING = "key_registry_content"
MAX_REGISTRY_CHARS = 30_000  # fits in one spreadsheet cell (32,767)


@dataclass(frozen=True)
class RegistryOutcome:
    """What applying a registry did: ``applied`` False means an old or repeated one."""

    applied: bool
    version: int
    added: list[str] = field(default_factory=list)  # sites whose key was learnt
    revoked: list[str] = field(default_factory=list)  # sites with a key revoked


def registry_version(session: Session) -> int:
    """The registry version issued (secretariat) or last applied (country) here."""
    try:
        return int(read_setting(session, VERSION_SETTING) or 0)
    except ValueError:
        return 0


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode(
        "ascii"
    )


def _signed_part(payload: dict[str, Any]) -> bytes:
    return REGISTRY_CONTEXT + _canonical({k: v for k, v in payload.items() if k != "signature"})


def build_registry(db: Database) -> dict[str, Any]:
    """The secretariat's signed key registry (raises ``AcecError`` on any other site).

    Its version goes up by one whenever the set of keys differs from the last
    registry issued. Call it before opening your own write transaction.
    """
    if db.site != SECRETARIAT:
        raise AcecError(_("Only the secretariat issues the key registry."))
    ensure_site_key(db)
    with db.session() as session:
        keys = []
        for site in sorted(SITE_CODES):
            rows = trusted_keys_of(session, site)
            if rows:
                keys.append({"site": site, "public_key": rows[0].public_key})
        content = _canonical(keys).decode("ascii")
        version = registry_version(session)
        if content != read_setting(session, CONTENT_SETTING) or version == 0:
            version += 1
            write_setting(session, VERSION_SETTING, str(version))
            write_setting(session, CONTENT_SETTING, content)
    private = load_private_key(db.path)
    payload: dict[str, Any] = {
        "format": REGISTRY_FORMAT,
        "version": version,
        "issuer": SECRETARIAT,
        "issued_at": utc_now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "keys": keys,
        "signer": public_hex(private),
    }
    payload["signature"] = private.sign(_signed_part(payload)).hex()
    return payload


def registry_text(payload: dict[str, Any]) -> str:
    """The registry as one line of JSON text, for a manifest cell."""
    return _canonical(payload).decode("ascii")


def _damaged() -> PackageRefused:
    return PackageRefused(
        _("The key registry in this package is damaged. Ask the secretariat to export again.")
    )


def parse_registry_text(text: str) -> dict[str, Any]:
    """Read a registry written by ``registry_text``; ``PackageRefused`` if it is malformed."""
    if not isinstance(text, str) or len(text) > MAX_REGISTRY_CHARS:
        raise _damaged()
    try:
        payload = json.loads(text)
    except ValueError:
        raise _damaged() from None
    _validate_shape(payload)
    shaped: dict[str, Any] = payload
    return shaped


def _is_hex(value: Any, length: int) -> bool:
    return (
        isinstance(value, str)
        and len(value) == length
        and all(c in "0123456789abcdef" for c in value)
    )


def _validate_shape(payload: Any) -> None:
    if not isinstance(payload, dict) or payload.get("format") != REGISTRY_FORMAT:
        raise _damaged()
    version = payload.get("version")
    keys = payload.get("keys")
    if (
        not isinstance(version, int)
        or isinstance(version, bool)
        or version < 1
        or payload.get("issuer") != SECRETARIAT
        or not _is_hex(payload.get("signer"), 64)
        or not _is_hex(payload.get("signature"), 128)
        or not isinstance(keys, list)
        or len(keys) > len(SITE_CODES)
    ):
        raise _damaged()
    seen: set[str] = set()
    for entry in keys:
        if (
            not isinstance(entry, dict)
            or set(entry) != {"site", "public_key"}
            or entry["site"] not in SITE_CODES
            or entry["site"] in seen
            or not _is_hex(entry["public_key"], 64)
        ):
            raise _damaged()
        seen.add(entry["site"])
    if {"site": SECRETARIAT, "public_key": payload["signer"]} not in keys:
        raise _damaged()


def _verify_registry_signature(payload: dict[str, Any]) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(payload["signer"]))
        public.verify(bytes.fromhex(payload["signature"]), _signed_part(payload))
    except (InvalidSignature, ValueError):
        raise PackageRefused(
            _(
                "Bad signature on the key registry: it was changed after the secretariat "
                "signed it, or it is forged. Nothing was imported."
            )
        ) from None


def check_registry(
    session: Session, payload: dict[str, Any], *, pinning: str | None = None
) -> None:
    """Everything ``apply_registry`` checks, writing nothing (for the preview and dry run).

    ``pinning`` is the secretariat key the import is about to pin (first
    package, fingerprint confirmed), which counts as trusted here.
    """
    _validate_shape(payload)
    trusted = {row.public_key for row in trusted_keys_of(session, SECRETARIAT)}
    if pinning:
        trusted.add(pinning.lower())
    if payload["signer"] not in trusted:
        raise PackageRefused(
            _(
                "The key registry is not signed with the secretariat's key known here "
                "({fingerprint}). Nothing was imported."
            ).format(fingerprint=fingerprint_of(payload["signer"]))
        )
    _verify_registry_signature(payload)


def apply_registry(session: Session, payload: dict[str, Any]) -> RegistryOutcome:
    """Check and apply a registry inside the caller's import transaction.

    Refuses (``PackageRefused``) a damaged or forged registry, or one not signed
    with the secretariat's key trusted here. A version not higher than the last
    applied changes nothing. This site's own key and the secretariat's own
    database are never changed by a registry.
    """
    check_registry(session, payload)
    own_site = session.scalars(select(LocalSite.site)).first()
    version = int(payload["version"])
    if own_site == SECRETARIAT or version <= registry_version(session):
        return RegistryOutcome(applied=False, version=version)
    listed = {entry["site"]: entry["public_key"] for entry in payload["keys"]}
    added: list[str] = []
    revoked: set[str] = set()
    known = keys_of_other_sites(session, own_site or "")
    matched: set[str] = set()
    for row in known:
        if listed.get(row.site) == row.public_key:
            matched.add(row.site)
            if row.revoked:
                row.revoked = False
            row.registry_version = version
        elif not row.revoked:
            row.revoked = True
            revoked.add(row.site)
    for site, public_key in sorted(listed.items()):
        if site == own_site or site in matched:
            continue
        if any(row.site != site for row in rows_with_public_key(session, public_key)):
            raise _damaged()
        add_key(session, site, public_key, "registry", registry_version=version)
        added.append(site)
    write_setting(session, VERSION_SETTING, str(version))
    session.flush()
    return RegistryOutcome(applied=True, version=version, added=added, revoked=sorted(revoked))
