"""The manifest: what a package is, who made it for whom, and what it must contain.

It is a sheet of key / value / description rows. Everything except the
signature block and the stated digest goes into the digest that is signed,
so a changed recipient, date or acknowledgement is detected like a changed
record.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from app.i18n import _
from app.sync.errors import Located, PackageRefused
from app.sync.layout import FORMAT_NAME, MANIFEST_SHEET, MIN_SCHEMA_VERSION, SCHEMA_VERSION
from app.sync.signing import SignatureBlock


@dataclass
class SheetEntry:
    """One data sheet as the manifest lists it."""

    kind: str
    title: str
    rows: int
    hash: str


@dataclass
class Manifest:
    """Everything the manifest sheet says."""

    package_id: str
    schema_version: int
    sender: str
    recipient: str
    created: str  # ISO 8601, UTC, seconds
    full: bool
    received: dict[str, str] = field(default_factory=dict)
    # The acknowledgement the package is based on: per owner, the version above
    # which it carries records (an owner left out: all its records). None in
    # packages of older programs, which did not state it.
    since: dict[str, str] | None = None
    sheets: list[SheetEntry] = field(default_factory=list)
    digest: str = ""
    signature: SignatureBlock | None = None
    key_registry: str = ""  # the secretariat's signed key registry (JSON text), if carried
    # The sender's number for this package in the recipient's series (None: an older
    # program's package; 0: a receipt, which carries no records and takes no number).
    sequence: int | None = None
    # Per peer, the sender's statement of what arrived from that peer (JSON text, receipts.py).
    receipts: dict[str, str] = field(default_factory=dict)

    def signed_content(self) -> dict[str, Any]:
        """What the digest covers, besides the records themselves."""
        content: dict[str, Any] = {
            "format": FORMAT_NAME,
            "schema_version": self.schema_version,
            "package_id": self.package_id,
            "sender": self.sender,
            "recipient": self.recipient,
            "created": self.created,
            "full": self.full,
            "received": dict(sorted(self.received.items())),
            "sheets": {s.kind: [s.rows, s.hash] for s in sorted(self.sheets, key=lambda s: s.kind)},
            "key_registry": self.key_registry,
        }
        if self.since is not None:  # absent from older packages, whose digest must not change
            content["since"] = dict(sorted(self.since.items()))
        if self.sequence is not None:  # likewise absent from older packages
            content["sequence"] = self.sequence
            content["receipts"] = dict(sorted(self.receipts.items()))
        return content

    def compute_digest(self) -> bytes:
        """The package digest: canonical manifest content and every sheet's content hash."""
        text = json.dumps(
            self.signed_content(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        return hashlib.sha256(text.encode("utf-8")).digest()

    def rows(self) -> list[tuple[str, str, str]]:
        """(key, value, description) rows for the manifest sheet."""
        out = [
            ("format", FORMAT_NAME, _("What this file is")),
            ("schema_version", str(self.schema_version), _("Package format version")),
            ("package_id", self.package_id, _("Package id")),
            ("sender", self.sender, _("Sent by (site code)")),
            ("recipient", self.recipient, _("Sent to (site code)")),
            ("created", self.created, _("Made at (UTC)")),
            ("full", "yes" if self.full else "no", _("Carries every record (not only changes)")),
        ]
        for owner, version in sorted(self.received.items()):
            out.append(
                (
                    f"received.{owner}",
                    version,
                    _("Newest record of {site} the sender holds").format(site=owner),
                )
            )
        if self.since is not None:
            out.append(("since", "yes", _("Based on what the recipient acknowledged (since.…)")))
            for owner, version in sorted(self.since.items()):
                out.append(
                    (
                        f"since.{owner}",
                        version,
                        _("Carries records of {site} newer than this").format(site=owner),
                    )
                )
        out.extend(self._sequence_rows())
        for sheet in self.sheets:
            out.append((f"sheet.{sheet.kind}.title", sheet.title, _("Sheet name")))
            out.append((f"sheet.{sheet.kind}.rows", str(sheet.rows), _("Records in the sheet")))
            out.append((f"sheet.{sheet.kind}.hash", sheet.hash, _("Content hash of the sheet")))
        if self.key_registry:
            out.append(
                (
                    "key_registry",
                    self.key_registry,
                    _("Every site's key, signed by the secretariat"),
                )
            )
        out.append(("digest", self.digest, _("Digest of the whole content")))
        if self.signature is not None:
            sig = self.signature
            out.append(("signature.site", sig.site, _("Signed by (site code)")))
            out.append(("signature.public_key", sig.public_key, _("Signer's public key")))
            out.append(("signature.fingerprint", sig.fingerprint, _("Key fingerprint")))
            out.append(("signature.signature", sig.signature, _("Signature")))
        return out

    def _sequence_rows(self) -> list[tuple[str, str, str]]:
        if self.sequence is None:
            return []
        out = [
            (
                "sequence",
                str(self.sequence),
                _("Number of this package among the sender's packages for {site}").format(
                    site=self.recipient
                ),
            )
        ]
        for peer, text in sorted(self.receipts.items()):
            out.append(
                (
                    f"receipt.{peer}",
                    text,
                    _("What the sender received from {site}, and what became of it").format(
                        site=peer
                    ),
                )
            )
        return out


def _refuse(message: str, row: int | None = None) -> PackageRefused:
    return PackageRefused(message, [Located(message, MANIFEST_SHEET, row, "B" if row else None)])


def _manifest_values(rows: list[list[Any]]) -> tuple[dict[str, str], dict[str, int]]:
    """The manifest's key/value pairs as text, and the row of each key (for messages)."""
    values: dict[str, str] = {}
    where: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        if not row or not isinstance(row[0], str) or not row[0].strip():
            continue
        key = row[0].strip()
        raw = row[1] if len(row) > 1 else ""
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        values[key] = "" if raw is None else str(raw).strip()
        where[key] = number
    return values, where


def _schema_version(values: dict[str, str], where: dict[str, int]) -> int:
    """The package's format version, refused when unreadable or not one we read."""
    row = where.get("schema_version")
    try:
        schema = int(values.get("schema_version", ""))
    except ValueError:
        raise _refuse(_("The package format version is unreadable."), row) from None
    if schema < MIN_SCHEMA_VERSION:
        raise _refuse(
            _("The package format version {n} is not one this program can read.").format(n=schema),
            row,
        )
    if schema > SCHEMA_VERSION:
        raise _refuse(
            _(
                "This package was made by a newer version of ACEC Tracker (format {n}); "
                "update the program to import it."
            ).format(n=schema),
            row,
        )
    return schema


def _sheet_entries(values: dict[str, str], where: dict[str, int]) -> list[SheetEntry]:
    """The ``sheet.KIND.title|rows|hash`` lines, one entry per kind."""
    sheets: dict[str, SheetEntry] = {}
    for key, value in values.items():
        parts = key.split(".")
        if parts[0] != "sheet" or len(parts) != 3:
            continue
        entry = sheets.setdefault(parts[1], SheetEntry(parts[1], "", 0, ""))
        if parts[2] == "title":
            entry.title = value
        elif parts[2] == "hash":
            entry.hash = value
        elif parts[2] == "rows":
            try:
                entry.rows = int(value)
            except ValueError:
                raise _refuse(
                    _("The manifest's row count is unreadable."), where.get(key)
                ) from None
    return list(sheets.values())


def _sequence(values: dict[str, str], where: dict[str, int]) -> int | None:
    """The package's number, None when the package has none (an older program's)."""
    text = values.get("sequence")
    if text is None:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 12:
        raise _refuse(_("The package number is unreadable."), where.get("sequence"))
    return int(text)


def _prefixed(values: dict[str, str], prefix: str) -> dict[str, str]:
    return {k.removeprefix(prefix): v for k, v in values.items() if k.startswith(prefix)}


def parse_manifest(rows: list[list[Any]]) -> Manifest:
    """Read the manifest sheet's rows; ``PackageRefused`` when it is not ours or unreadable."""
    values, where = _manifest_values(rows)
    if values.get("format") != FORMAT_NAME:
        raise _refuse(_("This file is not a sync package of ACEC Tracker."))
    schema = _schema_version(values, where)
    for key in ("package_id", "sender", "recipient", "created", "digest"):
        if not values.get(key):
            raise _refuse(_("The manifest has no “{key}”.").format(key=key), where.get(key))
    manifest = Manifest(
        package_id=values["package_id"],
        schema_version=schema,
        sender=values["sender"],
        recipient=values["recipient"],
        created=values["created"],
        full=values.get("full") == "yes",
        digest=values["digest"],
        key_registry=values.get("key_registry", ""),
        since=_prefixed(values, "since.") if values.get("since") == "yes" else None,
    )
    manifest.received.update(_prefixed(values, "received."))
    manifest.sequence = _sequence(values, where)
    if manifest.sequence is not None:
        manifest.receipts.update(_prefixed(values, "receipt."))
    manifest.sheets = _sheet_entries(values, where)
    manifest.signature = SignatureBlock(
        site=values.get("signature.site", ""),
        public_key=values.get("signature.public_key", ""),
        fingerprint=values.get("signature.fingerprint", ""),
        signature=values.get("signature.signature", ""),
    )
    return manifest


def manifest_location(key: str, rows: list[list[Any]]) -> int | None:
    """The 1-based row of ``key`` in the manifest sheet, for messages."""
    for number, row in enumerate(rows, start=1):
        if row and row[0] == key:
            return number
    return None
