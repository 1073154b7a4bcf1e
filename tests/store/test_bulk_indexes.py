"""A large import sets a table's secondary indexes aside and builds them again, in its transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.store import Database
from app.store.bulk_indexes import LARGE, indexes_set_aside

PERSON_UID = "00000000-0000-4000-8000-000000000001"


def _indexes(db: Database, table: str) -> dict[str, str]:
    with db.read_session() as session:
        rows = session.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t"),
            {"t": table},
        )
        return {name: sql for name, sql in rows if sql is not None}


def _add_person(session: Session) -> None:
    session.execute(
        text(
            "INSERT INTO person (uid, owner, version, deleted, name, country, consent) "
            "VALUES (:uid, 'VN', '1700000000000.000000.VN', 0, 'An', 'VN', 0)"
        ),
        {"uid": PERSON_UID},
    )


def test_indexes_are_dropped_during_a_large_insert_and_rebuilt_after(db: Database) -> None:
    before = _indexes(db, "person")
    assert "ix_person_name" in before
    with db.session() as session:
        _add_person(session)  # the transaction is open
        with indexes_set_aside(session, "person", LARGE):
            inside = session.execute(
                text("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = :n"),
                {"n": "ix_person_name"},
            ).scalar()
            assert inside == 0
    assert _indexes(db, "person") == before


def test_a_failed_import_gets_its_indexes_back_with_the_rollback(db: Database) -> None:
    before = _indexes(db, "person")
    with pytest.raises(RuntimeError), db.session() as session:
        _add_person(session)
        with indexes_set_aside(session, "person", LARGE):
            raise RuntimeError("the import failed half-way")
    assert _indexes(db, "person") == before
    with db.read_session() as session:
        assert session.execute(text("SELECT count(*) FROM person")).scalar() == 0


def test_a_small_insert_keeps_the_indexes(db: Database) -> None:
    with db.session() as session:
        _add_person(session)
        with indexes_set_aside(session, "person", LARGE - 1):
            assert "ix_person_name" in {
                name
                for (name,) in session.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'index'")
                )
            }
