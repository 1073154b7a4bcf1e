"""Package signatures and key trust: trusted, pinned, confirm, and every refusal."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from sqlalchemy import select

from app.models import SiteKey
from app.store.site_keys import own_key_info, rotate_site_key
from app.sync.errors import PackageRefused
from app.sync.signing import (
    KeyCheck,
    SignatureBlock,
    confirmation_request,
    pin_key,
    sign_digest,
    verify_digest,
)

DIGEST = hashlib.sha256(b"the canonical content of a package").digest()


def _keys(db, site: str) -> list[tuple[str, str, bool]]:
    with db.read_session() as session:
        rows = session.scalars(select(SiteKey).where(SiteKey.site == site).order_by(SiteKey.id))
        return [(r.public_key, r.source, r.revoked) for r in rows]


def _pin(db, block: SignatureBlock) -> None:
    with db.session() as session:
        pin_key(session, block.site, block.public_key)


def test_signature_verifies_and_names_the_key(make_db) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    block = sign_digest(vn, DIGEST)
    assert block.site == "VN" and block.public_key == own_key_info(vn).public_key
    assert block.fingerprint == own_key_info(vn).fingerprint
    assert len(bytes.fromhex(block.signature)) == 64
    check = verify_digest(sec, "VN", DIGEST, block, None)
    assert check == KeyCheck(status="confirm", fingerprint=block.fingerprint)
    assert block.fingerprint in confirmation_request("VN", check)
    assert _keys(sec, "VN") == []  # verifying writes nothing


def test_first_package_pins_when_the_officer_gives_the_fingerprint(make_db) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    block = sign_digest(vn, DIGEST)
    wrong = verify_digest(sec, "VN", DIGEST, block, "0000-0000-0000-0000")
    assert wrong.status == "confirm"
    typed = block.fingerprint.lower().replace("-", " ")
    check = verify_digest(sec, "VN", DIGEST, block, typed)
    assert check.status == "pinned"
    _pin(sec, block)
    assert _keys(sec, "VN") == [(block.public_key, "pinned", False)]
    assert verify_digest(sec, "VN", DIGEST, block, None).status == "trusted"


@pytest.mark.parametrize(
    "change",
    [
        lambda b: dataclasses.replace(b, signature="00" * 64),
        lambda b: dataclasses.replace(b, signature=b.signature[:-2] + "ff"),
        lambda b: dataclasses.replace(b, signature="not hex"),
        lambda b: dataclasses.replace(b, public_key="ab" * 31),
    ],
)
def test_a_damaged_or_forged_signature_is_refused(make_db, change) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    block = sign_digest(vn, DIGEST)
    _pin(sec, block)
    with pytest.raises(PackageRefused, match="Bad signature"):
        verify_digest(sec, "VN", DIGEST, change(block), None)


def test_a_changed_value_breaks_the_signature(make_db) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    block = sign_digest(vn, DIGEST)
    _pin(sec, block)
    other = hashlib.sha256(b"the canonical content of a package, edited").digest()
    with pytest.raises(PackageRefused, match="Bad signature: the content was changed"):
        verify_digest(sec, "VN", other, block, block.fingerprint)


def test_a_fingerprint_that_is_not_the_keys_is_refused(make_db) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    block = sign_digest(vn, DIGEST)
    forged = dataclasses.replace(block, fingerprint=own_key_info(sec).fingerprint)
    with pytest.raises(PackageRefused, match="fingerprint written in the package"):
        verify_digest(sec, "VN", DIGEST, forged, forged.fingerprint)


def test_key_not_that_senders(make_db) -> None:
    vn, kh, sec = make_db("VN"), make_db("KH"), make_db("SEC")
    vn_block, kh_block = sign_digest(vn, DIGEST), sign_digest(kh, DIGEST)
    _pin(sec, vn_block)
    with pytest.raises(PackageRefused, match="Key not that sender's.*from KH"):
        verify_digest(sec, "KH", DIGEST, vn_block, None)
    # KH signs honestly but presents VN's known key as its own: refused, even with --trust.
    stolen = dataclasses.replace(vn_block, site="KH")
    with pytest.raises(PackageRefused, match="belongs to VN"):
        verify_digest(sec, "KH", DIGEST, stolen, stolen.fingerprint)
    assert verify_digest(sec, "KH", DIGEST, kh_block, None).status == "confirm"


def test_a_package_claiming_to_be_from_this_office_is_refused(make_db) -> None:
    sec, other = make_db("SEC"), make_db("SEC")
    block = sign_digest(other, DIGEST)
    with pytest.raises(PackageRefused, match="this office"):
        verify_digest(sec, "SEC", DIGEST, block, block.fingerprint)
    with sec.session() as session, pytest.raises(PackageRefused):
        pin_key(session, "SEC", block.public_key)
    assert verify_digest(sec, "SEC", DIGEST, sign_digest(sec, DIGEST), None).status == "trusted"


def test_changed_key_is_refused_unless_the_officer_confirms_it(make_db) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    old = sign_digest(vn, DIGEST)
    _pin(sec, old)
    rotate_site_key(vn)
    new = sign_digest(vn, DIGEST)
    with pytest.raises(PackageRefused, match="Changed key") as refused:
        verify_digest(sec, "VN", DIGEST, new, None)
    assert old.fingerprint in refused.value.message and new.fingerprint in refused.value.message
    with pytest.raises(PackageRefused, match="Changed key"):
        verify_digest(sec, "VN", DIGEST, new, old.fingerprint)
    assert verify_digest(sec, "VN", DIGEST, new, new.fingerprint).status == "pinned"
    _pin(sec, new)
    assert _keys(sec, "VN") == [(old.public_key, "pinned", True), (new.public_key, "pinned", False)]
    assert verify_digest(sec, "VN", DIGEST, new, None).status == "trusted"
    with pytest.raises(PackageRefused, match="Revoked key"):
        verify_digest(sec, "VN", DIGEST, old, old.fingerprint)


def test_pin_is_part_of_the_callers_transaction(make_db) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    block = sign_digest(vn, DIGEST)

    class ImportFailed(Exception):
        pass

    with pytest.raises(ImportFailed), sec.session() as session:
        pin_key(session, "VN", block.public_key)
        raise ImportFailed
    assert _keys(sec, "VN") == []
    assert verify_digest(sec, "VN", DIGEST, block, None).status == "confirm"
