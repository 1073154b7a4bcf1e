"""Record ids bound to the office that owns the record (UUID version 8).

A record's id is its name on every site, so whoever first delivers an id to
the secretariat would hold it there: an office that saw another office's
package could send a record of its own under that id first and the genuine
record would then be refused. A new id therefore names its owner in its first
three bytes (RFC 9562, section 5.8: version 8 leaves the layout to us)::

    bytes 0-2   the owner's site code in ASCII, NUL-padded ("VN\\0", "SEC")
    bytes 3-15  random, except the version nibble (8) and the variant bits (10)

98 random bits per owner make a collision as unlikely as with UUID 4. The
shipped reference data has fixed UUID 5 ids (``reference_ids``) and is the
secretariat's. Ids of any other form (UUID 4, made by earlier versions and
still made by offices that have not upgraded) name no owner: they stay valid,
unbound.
"""

from __future__ import annotations

import random
import re
import secrets
import uuid

from app.models.codes import SECRETARIAT, SITE_CODES

VERSION = 8
_CODE_BYTES = 3
_RANDOM_BITS = 128 - 8 * _CODE_BYTES
_VERSION_MASK = 0xF << 76
_VARIANT_MASK = 0b11 << 62
_RFC_VARIANT = 0b10 << 62
_CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class UnboundUid(ValueError):
    """A version 8 id whose leading bytes name no office: this program never makes one."""


def owner_bound_uid(owner: str, rng: random.Random | None = None) -> str:
    """A new id for a record owned by ``owner``; ``rng`` makes it reproducible (demo ``--seed``)."""
    if owner not in SITE_CODES:
        raise ValueError(owner)
    bits = rng.getrandbits(_RANDOM_BITS) if rng is not None else secrets.randbits(_RANDOM_BITS)
    code = int.from_bytes(owner.encode("ascii").ljust(_CODE_BYTES, b"\0"), "big")
    value = code << _RANDOM_BITS | bits
    value = (value & ~_VERSION_MASK) | VERSION << 76
    value = (value & ~_VARIANT_MASK) | _RFC_VARIANT
    return str(uuid.UUID(int=value))


def uid_owner(uid: str) -> str | None:
    """The office ``uid`` is bound to, or None for a legacy (unbound) id.

    Raises ``UnboundUid`` for a version 8 id that names no office.
    """
    if _CANONICAL.fullmatch(uid):  # as stored and exported: read the digits, skip uuid.UUID
        version, rfc_variant = int(uid[14], 16), uid[19] in "89ab"
        leading = bytes.fromhex(uid[: 2 * _CODE_BYTES])
    else:
        try:
            parsed = uuid.UUID(uid)
        except ValueError:
            return None  # the value checks refuse malformed ids with their own message
        version, rfc_variant = parsed.version or 0, parsed.variant == uuid.RFC_4122
        leading = parsed.bytes[:_CODE_BYTES]
    if not rfc_variant:
        return None
    if version == 5:
        return SECRETARIAT
    if version != VERSION:
        return None
    code = leading.rstrip(b"\0")
    try:
        site = code.decode("ascii")
    except UnicodeDecodeError:
        site = ""
    if site not in SITE_CODES:
        raise UnboundUid(uid)
    return site
