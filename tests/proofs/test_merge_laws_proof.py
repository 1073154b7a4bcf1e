"""Merge laws on random record sets, through the real merge (classify + apply_kind).

A record set is what a package carries for one kind: records of a single-writer
history (one owner, so a uid and version always mean the same values). Merging
``A`` into a database then ``B`` must give the same records as ``B`` then ``A``
(commutative), grouping must not matter (associative), and merging ``A`` twice
is merging it once (idempotent). All agree with a one-line model: per uid, the
highest version wins.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sites import examples
from sqlalchemy import text

from app.services.dump import iter_canonical_records
from app.store import Database
from app.sync.merge import apply_kind, classify

KIND = "organisation"
UIDS = [f"00000000-0000-4000-8000-00000000000{i}" for i in range(6)]
VERSIONS = range(1, 6)

Record = tuple[Any, ...]


def truth(uid: str, version: int) -> Record:
    """The one history: what ``uid`` held at ``version`` (tombstoned at every third)."""
    return (
        uid,
        "VN",
        f"{1_700_000_000_000 + version:013d}.000000.VN",
        version % 3 == 0,
        f"Org {uid[-1]} v{version}",
        None if version % 2 else f"本地 {version}",
        None,
        "ngo" if version % 2 else "ministry",
        "VN",
        None,
    )


RECORD_SETS = st.sets(st.tuples(st.sampled_from(UIDS), st.sampled_from(VERSIONS)), max_size=12).map(
    lambda pairs: [truth(uid, version) for uid, version in sorted(pairs)]
)


def merge(db: Database, records: list[Record]) -> None:
    """Apply a record set as an import does: classify against what is stored, then apply."""
    # A package holds one record per uid: the newest it has.
    newest: dict[str, Record] = {}
    for record in records:
        if record[0] not in newest or record[2] > newest[record[0]][2]:
            newest[record[0]] = record
    with db.session() as session:
        split = classify(session, KIND, list(newest.values()))
        apply_kind(session, KIND, split, origin="proof", progress=lambda n: None)


def state(db: Database) -> list[dict[str, Any]]:
    return list(iter_canonical_records(db, KIND))


def as_records(db: Database) -> list[Record]:
    """The database's records as a record set again (to merge it elsewhere)."""
    out = []
    for r in state(db):
        f = r["fields"]
        out.append(
            (
                r["uid"], r["owner"], r["version"], r["deleted"],
                f["name"], f["name_local"], f["abbreviation"], f["type"], f["country"], f["website"],
            )
        )  # fmt: skip
    return out


def model(*sets: list[Record]) -> dict[str, str]:
    """Per uid, the highest version seen."""
    best: dict[str, str] = {}
    for records in sets:
        for record in records:
            if record[2] > best.get(record[0], ""):
                best[record[0]] = record[2]
    return best


@pytest.fixture
def scratch(make_db) -> Database:
    return make_db("SEC")


def _fresh(db: Database, *sets: list[Record]) -> list[dict[str, Any]]:
    with db.session() as session:
        session.execute(text("DELETE FROM organisation"))
    for records in sets:
        merge(db, records)
    return state(db)


@examples(short=40, long=2000)
@given(a=RECORD_SETS, b=RECORD_SETS, c=RECORD_SETS)
def test_merge_is_commutative_associative_idempotent(scratch: Database, a, b, c) -> None:
    ab = _fresh(scratch, a, b)
    assert ab == _fresh(scratch, b, a)  # commutative
    abc = _fresh(scratch, a, b, c)
    _fresh(scratch, b, c)
    bc = as_records(scratch)
    assert abc == _fresh(scratch, a, bc)  # associative: (A·B)·C = A·(B·C)
    assert _fresh(scratch, a, a) == _fresh(scratch, a)  # idempotent
    assert _fresh(scratch, a, b, a, b) == ab  # re-delivery changes nothing
    expected = model(a, b, c)
    assert {r["uid"]: r["version"] for r in abc} == expected
    for record in abc:  # and each record holds its version's values, nothing mixed
        version = int(record["version"].split(".")[0]) - 1_700_000_000_000
        assert record["fields"]["name"] == truth(record["uid"], version)[4]
        assert record["deleted"] == (version % 3 == 0)
