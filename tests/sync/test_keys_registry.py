"""The secretariat's signed key registry: versions, revocation, forgeries."""

from __future__ import annotations

import copy
import hashlib
import json

import pytest
from sqlalchemy import select, update

from app.errors import AcecError
from app.models import SiteKey
from app.store.site_keys import own_key_info, rotate_site_key
from app.sync.errors import PackageRefused
from app.sync.signing import pin_key, sign_digest, verify_digest
from app.sync.trust import (
    apply_registry,
    build_registry,
    check_registry,
    parse_registry_text,
    registry_text,
    registry_version,
)

DIGEST = hashlib.sha256(b"package").digest()


def _pin(db, other) -> None:
    info = own_key_info(other)
    with db.session() as session:
        pin_key(session, info.site, info.public_key)


def _apply(db, payload):
    with db.session() as session:
        return apply_registry(session, payload)


def _trusted(db) -> dict[str, str]:
    with db.read_session() as session:
        rows = session.scalars(select(SiteKey).where(SiteKey.revoked.is_(False)))
        return {r.site: r.public_key for r in rows}


@pytest.fixture
def offices(make_db):
    sec, vn, kh, th = make_db("SEC"), make_db("VN"), make_db("KH"), make_db("TH")
    for country in (vn, kh, th):
        _pin(sec, country)
        _pin(country, sec)
    return sec, vn, kh, th


def test_registry_carries_every_key_and_its_version_moves_only_on_change(offices) -> None:
    sec, vn, kh, th = offices
    first = build_registry(sec)
    assert first["version"] == 1
    listed = {e["site"]: e["public_key"] for e in first["keys"]}
    assert listed == {
        "SEC": own_key_info(sec).public_key,
        "VN": own_key_info(vn).public_key,
        "KH": own_key_info(kh).public_key,
        "TH": own_key_info(th).public_key,
    }
    assert build_registry(sec)["version"] == 1
    rotate_site_key(th)
    _pin(sec, th)  # the secretariat's officer confirmed TH's new fingerprint
    assert build_registry(sec)["version"] == 2
    assert parse_registry_text(registry_text(first)) == first
    assert len(registry_text(first)) < 30_000


def test_only_the_secretariat_issues_a_registry(offices) -> None:
    _sec, vn, _kh, _th = offices
    with pytest.raises(AcecError):
        build_registry(vn)


def test_a_country_learns_the_other_keys_and_ignores_old_or_repeated_registries(offices) -> None:
    sec, vn, kh, th = offices
    v1 = build_registry(sec)
    outcome = _apply(vn, v1)
    assert outcome.applied and outcome.version == 1 and set(outcome.added) == {"KH", "TH"}
    assert _trusted(vn)["KH"] == own_key_info(kh).public_key
    # A package from KH, signed by KH, is now trusted at VN without a confirmation.
    assert verify_digest(vn, "KH", DIGEST, sign_digest(kh, DIGEST), None).status == "trusted"
    assert not _apply(vn, v1).applied
    old_th = own_key_info(th).public_key
    old_block = sign_digest(th, DIGEST)
    rotate_site_key(th)
    _pin(sec, th)
    v2 = build_registry(sec)
    assert _apply(vn, v2).revoked == ["TH"]
    assert _trusted(vn)["TH"] == own_key_info(th).public_key
    before = _trusted(vn)
    assert not _apply(vn, v1).applied  # an older registry never replaces a newer one
    assert _trusted(vn) == before
    with vn.read_session() as session:
        assert registry_version(session) == 2
        old = session.scalars(select(SiteKey).where(SiteKey.public_key == old_th)).one()
        assert old.revoked
    with pytest.raises(PackageRefused, match="Revoked key"):
        verify_digest(vn, "TH", DIGEST, old_block, None)


def test_a_key_left_out_is_revoked(offices) -> None:
    sec, vn, _kh, th = offices
    _apply(vn, build_registry(sec))
    with sec.session() as session:
        session.execute(update(SiteKey).where(SiteKey.site == "TH").values(revoked=True))
    registry = build_registry(sec)
    assert "TH" not in {e["site"] for e in registry["keys"]}
    outcome = _apply(vn, registry)
    assert outcome.revoked == ["TH"] and "TH" not in _trusted(vn)
    with pytest.raises(PackageRefused, match="Revoked key"):
        verify_digest(vn, "TH", DIGEST, sign_digest(th, DIGEST), None)


def test_the_receivers_own_key_is_never_changed_by_a_registry(offices) -> None:
    sec, vn, _kh, _th = offices
    mine = own_key_info(vn).public_key
    _apply(vn, build_registry(sec))
    rotate_site_key(vn)  # the secretariat has not seen VN's new key yet
    new_mine = own_key_info(vn).public_key
    with sec.session() as session:  # a new key elsewhere forces a new version
        session.execute(update(SiteKey).where(SiteKey.site == "KH").values(revoked=True))
    outcome = _apply(vn, build_registry(sec))
    assert outcome.applied
    assert _trusted(vn)["VN"] == new_mine != mine


def test_a_tampered_registry_is_refused_and_changes_nothing(offices) -> None:
    sec, vn, kh, _th = offices
    registry = build_registry(sec)
    forged = copy.deepcopy(registry)
    for entry in forged["keys"]:
        if entry["site"] == "KH":
            entry["public_key"] = own_key_info(vn).public_key[::-1]
    before = _trusted(vn)
    with pytest.raises(PackageRefused, match="Bad signature on the key registry"):
        _apply(vn, forged)
    bumped = copy.deepcopy(registry) | {"version": 99}
    with pytest.raises(PackageRefused, match="Bad signature"):
        _apply(vn, bumped)
    assert _trusted(vn) == before


def test_a_registry_signed_by_another_secretariat_key_is_refused(offices, make_db) -> None:
    _sec, vn, _kh, _th = offices
    impostor = make_db("SEC")
    with pytest.raises(PackageRefused, match="not signed with the secretariat's key known here"):
        _apply(vn, build_registry(impostor))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        json.dumps({"format": "acec-key-registry"}),
        "x" * 40_000,
    ],
)
def test_damaged_registry_text_is_refused(text: str) -> None:
    with pytest.raises(PackageRefused, match="key registry in this package is damaged"):
        parse_registry_text(text)


def test_a_registry_whose_signer_is_not_listed_is_refused(offices) -> None:
    sec, vn, _kh, _th = offices
    registry = build_registry(sec)
    registry["keys"] = [e for e in registry["keys"] if e["site"] != "SEC"]
    with pytest.raises(PackageRefused, match="damaged"):
        _apply(vn, registry)


def test_check_registry_refuses_what_apply_would_and_writes_nothing(offices, make_db) -> None:
    sec, _vn, _kh, _th = offices
    newcomer = make_db("LA")  # has not pinned the secretariat's key yet
    registry = build_registry(sec)
    with newcomer.read_session() as session:
        with pytest.raises(PackageRefused, match="not signed with the secretariat's key"):
            check_registry(session, registry)
        # The import is about to pin the secretariat's key (officer confirmed): accepted.
        check_registry(session, registry, pinning=own_key_info(sec).public_key)
        forged = copy.deepcopy(registry) | {"version": registry["version"] + 1}
        with pytest.raises(PackageRefused, match="Bad signature"):
            check_registry(session, forged, pinning=own_key_info(sec).public_key)
        assert registry_version(session) == 0
    assert "SEC" not in _trusted(newcomer)
