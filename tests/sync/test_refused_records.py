"""A receipt names the records its recipient held back (id, kind, reason), through real
packages: the sender's ``peer_stats``, ``acec --json stats`` and its Sync page show them,
and a statement of an older program (no ``rows``) still reads. (The Sync page's table:
tests/ui/test_refused_records_page.py.)"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.services.locks import grant_exception, lock_year
from app.services.peer_stats import PeerStats, peer_stats
from app.services.records import update_record
from app.sync.errors import PackageRefused
from app.sync.layout import FORMAT_NAME
from app.sync.manifest import parse_manifest
from app.sync.receipts import statement_about
from tests.sync.conftest import send
from tests.sync.test_year_locks import activity, trainee


def _row(db, peer: str) -> PeerStats:
    return next(r for r in peer_stats(db) if r.peer == peer)


def hold_back_two(kh: Any, sec: Any, folder: Path) -> tuple[Any, Any]:
    """KH changed a 2011 activity and added a 2011 trainee the secretariat's lock holds back."""
    old = activity(kh, "Mekong EIA course", dt.date(2011, 5, 2))
    new = activity(kh, "Air quality course", dt.date(2012, 4, 1))
    send(kh, sec, folder / "kh-1.xlsx")
    lock_year(sec, "KH", 2011)
    update_record(kh, "activity", old.uid, {"title": "Mekong EIA course, late edit"})
    update_record(kh, "activity", new.uid, {"title": "Air quality course II"})
    late = trainee(kh, old.uid, "Sok Dara")
    result = send(kh, sec, folder / "kh-2.xlsx")
    assert {n.uid for n in result.preview.withheld} == {old.uid, late.uid}
    return old, late


@pytest.fixture
def held_back(kh, sec, tmp_path):
    return hold_back_two(kh, sec, tmp_path)


def test_the_sender_sees_which_records_were_held_back_and_why(
    held_back, kh, sec, send_package, tmp_path
) -> None:
    old, late = held_back
    assert _row(kh, "SEC").refused_records == []  # nothing heard back yet
    send_package(sec, kh, tmp_path / "sec-1.xlsx")
    row = _row(kh, "SEC")
    refused = {r.uid: r for r in row.refused_records}
    assert set(refused) == {old.uid, late.uid}
    assert (refused[old.uid].kind, refused[late.uid].kind) == ("activity", "participation")
    assert {r.package for r in refused.values()} == {2}
    assert "2011" in refused[old.uid].reason and "locked" in refused[old.uid].reason
    assert row.refused_by_peer == 2

    # The exception lets the activity in with KH's next package; the trainee stays held back.
    grant_exception(sec, old.uid)
    send_package(sec, kh, tmp_path / "sec-2.xlsx")
    send_package(kh, sec, tmp_path / "kh-3.xlsx")
    send_package(sec, kh, tmp_path / "sec-3.xlsx")
    assert [(r.uid, r.package) for r in _row(kh, "SEC").refused_records] == [(late.uid, 3)]


def test_json_stats_lists_the_refused_records(
    held_back, kh, sec, send_package, tmp_path, capsys
) -> None:
    old, late = held_back
    send_package(sec, kh, tmp_path / "sec-1.xlsx")
    kh.close()  # the command opens the database itself
    capsys.readouterr()
    assert main(["--db", str(kh.path), "--json", "stats"]) == 0
    (peer,) = json.loads(capsys.readouterr().out)["peers"]
    listed = {r["uid"]: r for r in peer["refused_records"]}
    assert set(listed) == {old.uid, late.uid}
    assert listed[late.uid]["kind"] == "participation" and listed[late.uid]["package"] == 2
    assert listed[late.uid]["reason"]


def _manifest(receipt: str):
    rows = [
        ["format", FORMAT_NAME],
        ["schema_version", "2"],
        ["package_id", "SEC-1"],
        ["sender", "SEC"],
        ["recipient", "VN"],
        ["created", "2026-12-03T10:00:00"],
        ["digest", "00"],
        ["sequence", "1"],
        ["receipt.VN", receipt],
    ]
    return parse_manifest(rows)


def test_an_older_statement_without_rows_reads_and_a_hostile_one_is_refused() -> None:
    outcome = {
        "series": "SEC",
        "n": 1,
        "id": "VN-1",
        "result": "applied",
        "applied": 3,
        "unchanged": 0,
        "refused": 1,
        "reasons": ["sheet Activities, row 3: held back"],
    }
    older = statement_about(_manifest(json.dumps({"arrived": {}, "outcomes": [outcome]})), "VN")
    assert older is not None and older.outcomes[0].rows == ()
    assert older.outcomes[0].refused == 1

    rows = [{"uid": "x" * 500, "kind": "activity", "reason": "=HYPERLINK()" + "y" * 900}]
    newer = {"arrived": {}, "outcomes": [outcome | {"rows": rows}]}
    (row,) = statement_about(_manifest(json.dumps(newer)), "VN").outcomes[0].rows
    assert (len(row.uid), len(row.reason)) == (64, 200)  # cut to size, never trusted whole

    for hostile in ("rows", [1], [{"uid": 3, "kind": "activity", "reason": ""}]):
        bad = {"arrived": {}, "outcomes": [outcome | {"rows": hostile}]}
        with pytest.raises(PackageRefused, match=r"receipt\.VN"):
            statement_about(_manifest(json.dumps(bad)), "VN")


def test_a_statement_with_many_refused_records_still_fits_one_cell() -> None:
    """Five packages of 50 held-back records each: older outcomes drop their records first."""
    from app.models import PackageReceived
    from app.models.utc import utc_now
    from app.sync.receipts import MAX_CELL, _statement_text
    from app.sync.sequences import MAX_REFUSED_ROWS, Outcome, RefusedRecord

    def received(n: int) -> PackageReceived:
        rows = tuple(
            RefusedRecord(f"{n:02d}-{i:058d}", "participation", "ร" * 200)
            for i in range(MAX_REFUSED_ROWS)
        )
        outcome = Outcome("SEC", n, f"VN-{n}", "2026-12-03T10:00:00", "applied", 1, 0, 50, (), rows)
        return PackageReceived(
            sender="VN",
            series="SEC",
            number=n,
            package_id=f"VN-{n}",
            at=utc_now(),
            result="applied",
            outcome=json.dumps(outcome.to_json(), ensure_ascii=False),
        )

    text = _statement_text([received(n) for n in range(1, 6)])
    assert len(text) <= MAX_CELL
    outcomes = json.loads(text)["outcomes"]
    assert [o["n"] for o in outcomes] == [1, 2, 3, 4, 5]  # every outcome still stated
    assert len(outcomes[-1]["rows"]) == MAX_REFUSED_ROWS  # the newest keeps its records
    assert "rows" not in outcomes[0]
