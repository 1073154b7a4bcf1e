"""The demo generator: size, reproducibility, ownership, validity, scripts, cancel."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.demo import generate_demo
from app.demo.activities import AS_OF
from app.errors import Cancelled
from app.models import RECORD_TYPES, AuditEntry, fields_of
from app.models.codes import COUNTRY_CODES
from app.models.hlc import REFERENCE_VERSION
from app.models.values import canonical, coerce
from app.services.dump import dump_json, iter_canonical_records
from app.services.office import init_office
from app.services.reference_data import reference_uid
from app.services.validation import check_record_rules, coerce_values
from app.shipped_rates import shipped_rates
from app.store import Database, check_database

DEMO_KINDS = (
    "organisation",
    "activity",
    "activity_partner",
    "activity_output",
    "person",
    "participation",
    "green_envoy",
    "funding",
)
REFERENCE_KINDS = {m.__kind__ for m in RECORD_TYPES} - set(DEMO_KINDS) - {"exchange_rate"}


def _records(db: Database, kind: str) -> list[dict]:
    return list(iter_canonical_records(db, kind))


@pytest.fixture(scope="module")
def sec_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A secretariat database with a 3,000-record regional demo (shared, read only)."""
    db = init_office(tmp_path_factory.mktemp("sec") / "sec.sqlite", "SEC")
    generate_demo(db, size=3000, seed=7)
    yield db
    db.close()


@pytest.fixture(scope="module")
def vn_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A Viet Nam office database with a 2,000-record demo (shared, read only)."""
    db = init_office(tmp_path_factory.mktemp("vn") / "vn.sqlite", "VN")
    generate_demo(db, size=2000, seed=3)
    yield db
    db.close()


def test_counts_roughly_match_the_size(vn_demo: Database) -> None:
    counts = {kind: len(_records(vn_demo, kind)) for kind in DEMO_KINDS}
    assert 1800 <= sum(counts.values()) <= 2300
    assert counts["person"] == pytest.approx(660, rel=0.1)
    assert counts["participation"] == pytest.approx(800, rel=0.1)
    assert counts["activity"] == pytest.approx(160, rel=0.1)
    assert vn_demo.site_info.demo is True


def test_result_counts_what_was_added(db: Database) -> None:
    result = generate_demo(db, size=400, seed=5)
    assert result.total == sum(result.counts.values())
    for kind, count in result.counts.items():
        assert len(_records(db, kind)) == count
    assert "exchange_rate" not in result.counts  # reference data, never demo-made


def test_a_tiny_demo_still_has_a_few_of_everything(make_db) -> None:
    for site in ("VN", "SEC"):
        db = make_db(site)
        result = generate_demo(db, size=50, seed=1)
        for kind in DEMO_KINDS:
            assert result.counts.get(kind, 0) >= 1, (site, kind)
        assert result.total < 400
        assert check_database(db).ok


def _without_versions(db: Database) -> dict[str, list[dict]]:
    out = {}
    for kind in DEMO_KINDS + ("exchange_rate",):
        out[kind] = [{k: v for k, v in r.items() if k != "version"} for r in _records(db, kind)]
    return out


def test_the_same_seed_gives_the_same_records(make_db) -> None:
    first, second, other = make_db("KH"), make_db("KH"), make_db("KH")
    generate_demo(first, size=600, seed=11)
    generate_demo(second, size=600, seed=11)
    generate_demo(other, size=600, seed=12)
    assert _without_versions(first) == _without_versions(second)
    uids = {r["uid"] for r in _records(first, "person")}
    assert uids.isdisjoint({r["uid"] for r in _records(other, "person")})


def test_running_twice_adds_more_without_clashes(db: Database) -> None:
    once = generate_demo(db, size=300, seed=1)
    twice = generate_demo(db, size=300, seed=1)
    assert "exchange_rate" not in twice.counts  # already there
    assert len(_records(db, "person")) == once.counts["person"] + twice.counts["person"]
    certificates = [
        r["fields"]["certificate"]
        for r in _records(db, "participation")
        if r["fields"]["certificate"]
    ]
    assert len(certificates) == len(set(certificates))
    assert check_database(db).ok


def test_a_country_office_owns_everything_it_adds(vn_demo: Database) -> None:
    for kind in DEMO_KINDS:
        assert {r["owner"] for r in _records(vn_demo, kind)} == {"VN"}, kind
        assert all(r["version"].endswith(".VN") for r in _records(vn_demo, kind))
    rates = _records(vn_demo, "exchange_rate")
    assert len(rates) == len(shipped_rates())  # the shipped defaults, nothing more
    for rate in rates:
        assert rate["owner"] == "SEC"
        assert rate["version"] == REFERENCE_VERSION
        f = rate["fields"]
        assert rate["uid"] == reference_uid("rate", str(f["year"]), f["currency"])
        assert f["reporting_currency"] == "USD"
    usd = [r for r in rates if r["fields"]["currency"] == "USD"]
    assert {r["fields"]["rate"] for r in usd} == {"1"}


def test_the_secretariat_sees_every_country(sec_demo: Database) -> None:
    owners = Counter(r["owner"] for r in _records(sec_demo, "person"))
    assert set(owners) == set(COUNTRY_CODES) | {"SEC"}
    for kind in ("activity", "funding", "organisation"):
        assert {r["owner"] for r in _records(sec_demo, kind)} >= set(COUNTRY_CODES) | {"SEC"}
    for record in _records(sec_demo, "activity"):
        assert record["version"].endswith("." + record["owner"])
    rates = _records(sec_demo, "exchange_rate")
    assert len(rates) == len(shipped_rates()) and {r["owner"] for r in rates} == {"SEC"}
    assert {r["version"] for r in rates} == {REFERENCE_VERSION}
    titles = [r["fields"]["title"] for r in _records(sec_demo, "activity") if r["owner"] == "SEC"]
    assert sum(t.startswith("China–ASEAN Environmental Cooperation Forum 20") for t in titles) == 4


def test_each_owner_refers_only_to_its_own_records(sec_demo: Database) -> None:
    """So that each country's package stands on its own."""
    owner_of = {}
    for model in RECORD_TYPES:
        for r in _records(sec_demo, model.__kind__):
            owner_of[r["uid"]] = (r["owner"], model.__kind__)
    for kind in DEMO_KINDS:
        refs = [s for s in fields_of(kind) if s.ref]
        for r in _records(sec_demo, kind):
            for spec in refs:
                target = r["fields"][spec.name]
                if target is None:
                    continue
                owner, target_kind = owner_of[target]
                assert target_kind == spec.ref
                assert owner == r["owner"] or target_kind in REFERENCE_KINDS, (kind, spec.name)


def test_every_record_passes_validation(sec_demo: Database) -> None:
    for kind in DEMO_KINDS + ("exchange_rate",):
        specs = fields_of(kind)
        for r in _records(sec_demo, kind):
            values = r["fields"]
            clean = coerce_values(kind, values, partial=False)
            for spec in specs:
                again = canonical(spec.type, coerce(spec, values[spec.name]))
                assert again == values[spec.name], (kind, spec.name, values[spec.name])
                assert canonical(spec.type, clean[spec.name]) == values[spec.name]
    # The cross-field and reference rules, on a sample of each kind.
    with sec_demo.read_session() as session:
        for kind in DEMO_KINDS:
            for r in _records(sec_demo, kind)[::25]:
                check_record_rules(session, kind, coerce_values(kind, r["fields"], partial=False))
    assert check_database(sec_demo).ok


SCRIPTS = {
    "TH": r"[\u0E00-\u0E7F]",
    "KH": r"[\u1780-\u17FF]",
    "LA": r"[\u0E80-\u0EFF]",
    "MM": r"[\u1000-\u109F]",
    "CN": r"[\u4E00-\u9FFF]",
}


def test_names_are_in_the_national_scripts(sec_demo: Database) -> None:
    people = [r["fields"] for r in _records(sec_demo, "person")]
    for country, script in SCRIPTS.items():
        theirs = [p for p in people if p["country"] == country]
        assert theirs, country
        assert all(re.search(script, p["name_local"]) for p in theirs), country
        assert all(p["name"].isascii() for p in theirs), country
    vietnamese = [p for p in people if p["country"] == "VN"]
    assert any(not p["name_local"].isascii() for p in vietnamese)
    assert all(p["name"].isascii() for p in vietnamese)


def test_people_and_events_look_real(sec_demo: Database) -> None:
    people = [r["fields"] for r in _records(sec_demo, "person")]
    phones = [p["phone"] for p in people if p["phone"]]
    assert any(p.startswith("0") for p in phones) and any(p.startswith("+") for p in phones)
    assert all(
        p["email"].endswith(".example") or p["email"].endswith("example.com")
        for p in people
        if p["email"]
    )
    assert {p["gender"] for p in people} >= {"f", "m"}
    activities = {r["uid"]: r["fields"] for r in _records(sec_demo, "activity")}
    for a in activities.values():
        assert a["notes"] == "Demo data"
        end = a["end_date"]
        if a["status"] == "completed":
            assert end < AS_OF.isoformat()
        if a["status"] in ("planned", "preparing"):
            assert a["start_date"] > AS_OF.isoformat()
        assert (a["topic"] is not None) == (a["type"] == "training")
    trainees = Counter(
        r["fields"]["activity_uid"]
        for r in _records(sec_demo, "participation")
        if r["fields"]["role"] == "trainee"
    )
    sizes = sorted(trainees.values())
    assert sizes[len(sizes) // 2] >= 15 and sizes[-1] <= 30
    certificates = [r["fields"]["certificate"] for r in _records(sec_demo, "participation")]
    issued = [c for c in certificates if c]
    assert issued and all(re.fullmatch(r"ACEC-201[1-5]-\d{4}", c) for c in issued)


def test_cancelling_leaves_the_database_unchanged(db: Database) -> None:
    before = dump_json(db)
    with db.read_session() as session:
        audits = session.scalar(select(func.count()).select_from(AuditEntry))
    saving: list[int] = []

    def progress(done: int, total: int, message: str) -> None:
        if message.startswith("Saving"):
            saving.append(done)
        if len(saving) == 3:  # part-way through saving
            raise Cancelled()

    with pytest.raises(Cancelled):
        generate_demo(db, size=12000, seed=1, progress=progress)
    assert saving[2] > saving[0]  # some rows had been inserted
    assert dump_json(db) == before
    db.forget_site_cache()
    assert db.site_info.demo is False
    with db.read_session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == audits


def test_progress_is_reported_in_order(db: Database) -> None:
    calls: list[tuple[int, int]] = []
    generate_demo(db, size=200, seed=1, progress=lambda d, t, m: calls.append((d, t)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert all(d <= t for d, t in calls)


def test_demo_audit_rows_name_the_run(tmp_path: Path) -> None:
    db = init_office(tmp_path / "la.sqlite", "LA")
    try:
        result = generate_demo(db, size=100, seed=4)
        with db.read_session() as session:
            rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "demo")).all()
        assert len(rows) == result.total
        assert {r.origin for r in rows} == {"demo seed 4 run 1"}
    finally:
        db.close()


def test_the_demo_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    path = str(tmp_path / "sec.sqlite")
    assert main(["--db", path, "init", "--site", "SEC"]) == 0
    capsys.readouterr()
    assert main(["--db", path, "--json", "demo", "--size", "300", "--seed", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["site"] == "SEC" and data["total"] == sum(data["added"].values())
    assert data["added"]["person"] > 50
    assert main(["--db", path, "--json", "stats"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["demo"] is True and stats["records"]["person"] == data["added"]["person"]
    assert main(["--db", path, "check"]) == 0
