"""A key file deleted by hand: a new key, handled as a rotation, and the user is told."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from app.models import SiteKey
from app.store import open_database
from app.store.site_keys import key_path
from tests.acec_process import run_acec as acec


def fingerprint(tmp_path: Path, db: Path) -> str:
    return str(json.loads(acec(tmp_path, "--db", str(db), "--json", "keys").stdout)["fingerprint"])


def test_a_deleted_key_file_is_reported_and_rotated(tmp_path: Path) -> None:
    db = tmp_path / "vn.sqlite"
    assert acec(tmp_path, "--db", str(db), "init", "--site", "VN").returncode == 0
    old = fingerprint(tmp_path, db)
    key_path(db).unlink()  # by hand, outside the program

    # A read-only command changes nothing, not even the key file.
    looked = acec(tmp_path, "--db", str(db), "stats")
    assert looked.returncode == 0 and not key_path(db).exists()

    result = acec(tmp_path, "--db", str(db), "keys")  # the first command that may write
    assert result.returncode == 0  # the command still runs
    warning = [line for line in result.stderr.splitlines() if line.startswith("acec: warning:")]
    assert len(warning) == 1, result.stderr
    new = fingerprint(tmp_path, db)
    assert new != old
    assert str(key_path(db)) in warning[0] and new in warning[0]
    assert "secretariat" in warning[0]  # what to do: have the new key confirmed

    log = tmp_path / "data" / "ACEC Tracker" / "acec-errors.log"
    assert new in log.read_text(encoding="utf-8")

    again = acec(tmp_path, "--db", str(db), "keys")  # told once, not at every start
    assert "warning" not in again.stderr

    opened = open_database(db)
    try:
        with opened.read_session() as session:
            rows = session.scalars(select(SiteKey).where(SiteKey.source == "own")).all()
        assert {(r.fingerprint, r.revoked) for r in rows} == {(old, True), (new, False)}
    finally:
        opened.close()


def test_a_first_key_for_an_old_database_is_no_warning(db) -> None:
    """A database made before site keys gets its first pair without alarm."""
    path = db.path
    with db.session() as session:
        for row in session.scalars(select(SiteKey).where(SiteKey.source == "own")):
            session.delete(row)
    db.close()
    key_path(path).unlink()
    reopened = open_database(path)
    try:
        assert reopened.notices == []
        assert key_path(path).is_file()
    finally:
        reopened.close()
