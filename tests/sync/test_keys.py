"""This site's key pair: made at init and on first open, owner-only, rotation, ``acec keys``."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from app.cli import main
from app.models import SiteKey
from app.services.dump import dump_json
from app.store import open_database
from app.store.known_keys import fingerprint_of, normalise_fingerprint
from app.store.site_keys import (
    key_path,
    load_private_key,
    own_key_info,
    public_hex,
    rotate_site_key,
)


def _own_rows(db) -> list[SiteKey]:
    with db.read_session() as session:
        return list(
            session.scalars(select(SiteKey).where(SiteKey.source == "own").order_by(SiteKey.id))
        )


def _private_bytes(db) -> bytes:
    return load_private_key(db.path).private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def test_init_makes_a_key_pair_whose_private_half_is_only_in_the_key_file(db) -> None:
    rows = _own_rows(db)
    assert len(rows) == 1 and not rows[0].revoked and rows[0].site == "VN"
    private = load_private_key(db.path)
    assert public_hex(private) == rows[0].public_key
    assert rows[0].fingerprint == fingerprint_of(rows[0].public_key)
    secret = _private_bytes(db)
    db.backup("test")
    for place in [db.path, *db.path.parent.joinpath("backups").glob("*.sqlite")]:
        blob = place.read_bytes()
        assert secret not in blob and secret.hex().encode() not in blob
    assert secret.hex() not in dump_json(db)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_key_file_is_readable_by_its_owner_only(db) -> None:
    mode = stat.S_IMODE(key_path(db.path).stat().st_mode)
    assert mode & 0o077 == 0, oct(mode)


def test_fingerprint_is_short_grouped_and_stable() -> None:
    key = bytes(range(32))
    fingerprint = fingerprint_of(key)
    assert fingerprint == fingerprint_of(key.hex())
    parts = fingerprint.split("-")
    assert len(parts) == 4 and all(len(p) == 4 for p in parts)
    assert fingerprint != fingerprint_of(bytes(range(1, 33)))
    assert normalise_fingerprint(" " + fingerprint.lower().replace("-", " ")) == fingerprint


def test_database_made_before_keys_gets_its_pair_when_first_opened(make_db) -> None:
    db = make_db("KH")
    path = db.path
    db.close()
    key_path(path).unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM site_key")
    reopened = open_database(path)
    try:
        rows = _own_rows(reopened)
        assert len(rows) == 1 and rows[0].site == "KH" and not rows[0].revoked
        assert key_path(path).exists()
        assert public_hex(load_private_key(path)) == rows[0].public_key
    finally:
        reopened.close()
    again = open_database(path)  # cheap path: nothing changes
    try:
        assert [r.public_key for r in _own_rows(again)] == [rows[0].public_key]
    finally:
        again.close()


def test_lost_key_file_gives_a_new_pair_and_revokes_the_old_key(make_db) -> None:
    db = make_db("LA")
    old = own_key_info(db)
    path = db.path
    db.close()
    key_path(path).unlink()
    reopened = open_database(path)
    try:
        new = own_key_info(reopened)
        assert new.public_key != old.public_key
        states = {r.public_key: r.revoked for r in _own_rows(reopened)}
        assert states == {old.public_key: True, new.public_key: False}
    finally:
        reopened.close()


def test_a_damaged_header_line_keeps_the_private_key(make_db) -> None:
    db = make_db("KH")
    old = own_key_info(db)
    path = db.path
    db.close()
    text = key_path(path).read_text(encoding="ascii")
    key_path(path).write_text(text.replace("public", "Public", 1), encoding="ascii")
    reopened = open_database(path)
    try:
        assert own_key_info(reopened).public_key == old.public_key
        assert [r.revoked for r in _own_rows(reopened)] == [False]
    finally:
        reopened.close()


def test_restored_backup_follows_the_key_file(make_db) -> None:
    """A backup from before a rotation still signs with the current key after restore."""
    db = make_db("TH")
    path = db.path
    backup = db.backup("before-rotate")
    rotated = rotate_site_key(db)
    db.close()
    with sqlite3.connect(backup) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    reopened = open_database(path)
    try:
        assert own_key_info(reopened).public_key == rotated.public_key
        assert sum(not r.revoked for r in _own_rows(reopened)) == 1
    finally:
        reopened.close()


def test_rotation_makes_a_new_key_and_revokes_the_old(db) -> None:
    before = own_key_info(db)
    after = rotate_site_key(db)
    assert after.public_key != before.public_key and after.fingerprint != before.fingerprint
    assert public_hex(load_private_key(db.path)) == after.public_key
    rows = _own_rows(db)
    assert [(r.public_key, r.revoked) for r in rows] == [
        (before.public_key, True),
        (after.public_key, False),
    ]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_keys_prints_fingerprint_and_json(tmp_path: Path, capsys) -> None:
    db_file = str(tmp_path / "vn.sqlite")
    assert _run(capsys, "--db", db_file, "init", "--site", "VN")[0] == 0
    code, out, _err = _run(capsys, "--db", db_file, "--json", "keys")
    assert code == 0
    data = json.loads(out)
    assert data["site"] == "VN" and len(data["fingerprint"]) == 19
    code, out, _err = _run(capsys, "--db", db_file, "keys")
    assert code == 0 and data["fingerprint"] in out and "VN" in out
    code, out, _err = _run(capsys, "--db", db_file, "--json", "keys", "--rotate")
    rotated = json.loads(out)
    assert code == 0 and rotated["fingerprint"] != data["fingerprint"]
    code, out, _err = _run(capsys, "--db", db_file, "--json", "keys", "--all")
    listed = json.loads(out)["keys"]
    assert [(k["fingerprint"], k["revoked"]) for k in listed] == [
        (data["fingerprint"], True),
        (rotated["fingerprint"], False),
    ]
    key_text = (tmp_path / "vn.sqlite.key").read_text()
    assert "PRIVATE KEY" in key_text
    assert key_text.split("-----BEGIN")[1][:40] not in out


def test_private_key_is_in_no_package_part_nor_error(tmp_path: Path, db) -> None:
    import zipfile

    from app.services.records import create_record
    from app.sync.export import export_package

    create_record(db, "organisation", {"name": "Ministry", "type": "ministry"})
    package = tmp_path / "vn.xlsx"
    export_package(db, package, to="SEC")
    secret = _private_bytes(db)
    pem_body = key_path(db.path).read_text().split("-----BEGIN PRIVATE KEY-----")[1]
    pem_body = pem_body.split("-----END")[0].replace("\n", "")
    with zipfile.ZipFile(package) as archive:
        for name in archive.namelist():
            blob = archive.read(name)
            assert secret not in blob and secret.hex().encode() not in blob, name
            assert secret.hex().upper().encode() not in blob and pem_body.encode() not in blob, name
    # A damaged key file is reported by its path, never by its content.
    text = key_path(db.path).read_text()
    key_path(db.path).write_text(
        text.split("-----BEGIN")[0] + "-----BEGIN PRIVATE KEY-----\nAAAA\n"
    )
    from app.errors import StoreError
    from app.sync.signing import sign_digest

    with pytest.raises(StoreError, match="site key file") as caught:
        sign_digest(db, b"digest")
    assert str(key_path(db.path)) in caught.value.message and "AAAA" not in caught.value.message
