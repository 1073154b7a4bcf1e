"""A demo country and its secretariat converge: the country's demo makes no record
owned by another site, and after its package reaches the secretariat both hold
the same exchange rates (the shipped reference records)."""

from __future__ import annotations

from pathlib import Path

from app.demo import generate_demo
from app.models import RECORD_TYPES
from app.services.dump import iter_canonical_records
from app.services.reference_data import reference_rows
from app.store import Database
from tests.proofs.sites import send, trust_each_other


def _records(db: Database, kind: str) -> list[dict]:
    return list(iter_canonical_records(db, kind))


def _rates(db: Database) -> list[tuple[str, str, str, str]]:
    return sorted(
        (r["uid"], r["owner"], r["version"], r["fields"]["rate"])
        for r in _records(db, "exchange_rate")
    )


def test_a_demo_country_makes_nothing_owned_by_another_site(make_db) -> None:
    vn = make_db("VN")
    generate_demo(vn, size=300, seed=3)
    shipped = {(type(r).__kind__, r.uid, r.version) for r in reference_rows()}
    foreign = [
        (m.__kind__, r["uid"], r["version"])
        for m in RECORD_TYPES
        for r in _records(vn, m.__kind__)
        if r["owner"] != "VN"
    ]
    assert foreign and set(foreign) <= shipped  # only the shipped reference data


def test_a_demo_country_and_its_secretariat_hold_the_same_rates(make_db, tmp_path: Path) -> None:
    vn, sec = make_db("VN"), make_db("SEC")
    trust_each_other(vn, sec)
    generate_demo(vn, size=300, seed=3)
    generate_demo(sec, size=300, seed=3)
    assert send(vn, sec, tmp_path / "vn.xlsx").applied
    assert _rates(vn) == _rates(sec)
    assert send(sec, vn, tmp_path / "sec.xlsx").applied
    assert _rates(vn) == _rates(sec)
    for kind in (m.__kind__ for m in RECORD_TYPES):
        vn_own = [r for r in _records(vn, kind) if r["owner"] == "VN"]
        sec_has = [r for r in _records(sec, kind) if r["owner"] == "VN"]
        assert vn_own == sec_has, kind
