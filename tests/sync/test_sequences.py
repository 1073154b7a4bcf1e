"""Numbered packages, gaps, replays and receipts, through real databases and real packages."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from app.cli import main
from app.services.dump import dump_json
from app.services.office import init_office
from app.services.peer_stats import PeerStats, peer_stats
from app.services.records import create_record, update_record
from app.store import Database
from app.sync.errors import PackageRefused
from app.sync.export import export_package
from app.sync.importer import import_package
from app.sync.layout import FORMAT_NAME, KEY_ROW
from app.sync.manifest import parse_manifest
from app.sync.receipts import statement_about, stored_statement
from app.sync.sequences import PackageAlreadyImported, parse_ranges, ranges_text
from app.sync.undo import undo_last_import


def _manifest(path: Path) -> dict[str, str]:
    sheet = openpyxl.load_workbook(path, read_only=True)["Manifest"]
    return {str(r[0]): str(r[1]) for r in sheet.iter_rows(values_only=True) if r[0]}


def _row(db: Database, peer: str) -> PeerStats:
    return next(r for r in peer_stats(db) if r.peer == peer)


def _org(db: Database, name: str) -> str:
    return create_record(db, "organisation", {"name": name, "type": "ngo"}).uid


def test_numbers_advance_per_recipient(vn, sec, tmp_path: Path) -> None:
    numbers = [
        export_package(sec, tmp_path / f"{n}.xlsx", to=to).sequence
        for n, to in enumerate(["VN", "VN", "KH", "ALL", "VN"])
    ]
    assert numbers == [1, 2, 1, 1, 3]
    assert _manifest(tmp_path / "4.xlsx")["sequence"] == "3"
    assert [export_package(vn, tmp_path / f"vn{n}.xlsx").sequence for n in range(2)] == [1, 2]
    row = _row(sec, "VN")
    assert row.last_sent_number == 3 and row.last_sent_at is not None
    assert _row(sec, "ALL").last_sent_number == 1


def test_a_skipped_package_is_a_gap_until_it_arrives(
    vn, sec, tmp_path: Path, receive_package
) -> None:
    paths = []
    for n in range(1, 4):
        _org(vn, f"org {n}")
        paths.append(tmp_path / f"p{n}.xlsx")
        export_package(vn, paths[-1])
    receive_package(sec, paths[0])
    receive_package(sec, paths[2])  # the third before the second: still imported
    row = _row(sec, "VN")
    assert row.gaps == {"SEC": [2]} and row.last_received_number == 3
    receive_package(sec, paths[1])
    assert _row(sec, "VN").gaps == {}
    assert {r["fields"]["name"] for r in json.loads(dump_json(sec))["organisation"]} >= {
        "org 1",
        "org 2",
        "org 3",
    }


def test_a_replay_is_reported_changes_nothing_and_imports_again_after_an_undo(
    vn, sec, tmp_path: Path, add_records, receive_package
) -> None:
    add_records(vn)
    path = tmp_path / "p.xlsx"
    export_package(vn, path)
    receive_package(sec, path)
    after = dump_json(sec)
    with pytest.raises(PackageAlreadyImported, match="already imported on") as caught:
        import_package(sec, path)
    assert caught.value.sequence == 1
    with pytest.raises(PackageAlreadyImported):  # a dry run says so too
        import_package(sec, path, dry_run=True)
    assert dump_json(sec) == after
    undo_last_import(sec)
    assert import_package(sec, path).applied
    assert dump_json(sec) == after


def test_an_undo_at_the_sender_never_gives_a_number_twice(
    vn, sec, tmp_path: Path, receive_package
) -> None:
    export_package(sec, tmp_path / "s1.xlsx", to="VN")
    _org(vn, "from VN")
    receive_package(sec, export_package(vn, tmp_path / "v1.xlsx").path)
    assert export_package(sec, tmp_path / "s2.xlsx", to="VN").sequence == 2
    undo_last_import(sec)  # the backup was taken before s2 was written
    assert export_package(sec, tmp_path / "s3.xlsx", to="VN").sequence == 3
    for name in ("s1", "s2", "s3"):
        receive_package(vn, tmp_path / f"{name}.xlsx")  # three packages, none a replay
    assert _row(vn, "SEC").gaps == {}


def test_a_receipt_tells_the_sender_what_arrived(
    vn, sec, tmp_path: Path, add_records, receive_package
) -> None:
    add_records(vn)
    export_package(vn, tmp_path / "p1.xlsx")
    assert _row(vn, "SEC").unacknowledged == 5
    receive_package(sec, tmp_path / "p1.xlsx")
    assert _row(vn, "SEC").not_confirmed == [1]  # VN has heard nothing yet

    receipt = export_package(sec, tmp_path / "receipt.xlsx", to="VN", receipt_only=True)
    assert receipt.total == 0 and receipt.sequence == 0
    assert _row(sec, "VN").last_sent_number is None  # a receipt takes no number
    receive_package(vn, receipt.path)

    row = _row(vn, "SEC")
    assert row.not_confirmed == [] and row.last_receipt_at is not None
    assert row.unacknowledged == 0 and row.refused_by_peer == 0
    with vn.read_session() as session:
        statement = stored_statement(session, "SEC")
    assert statement is not None
    (outcome,) = statement.outcomes
    assert (outcome.number, outcome.result, outcome.applied, outcome.unchanged) == (
        1,
        "applied",
        5,
        0,
    )


def test_an_ordinary_package_is_a_receipt_too_and_unacknowledged_falls_to_zero(
    vn, sec, tmp_path: Path, add_records, send_package
) -> None:
    records = add_records(vn)
    send_package(vn, sec, tmp_path / "1.xlsx")
    update_record(vn, "person", records["person"].uid, {"position": "Director"})
    send_package(vn, sec, tmp_path / "2.xlsx")
    assert _row(vn, "SEC").unacknowledged == 5
    send_package(sec, vn, tmp_path / "back.xlsx")
    row = _row(vn, "SEC")
    assert row.unacknowledged == 0 and row.not_confirmed == []
    with vn.read_session() as session:
        statement = stored_statement(session, "SEC")
    assert statement is not None
    assert [(o.number, o.applied, o.unchanged) for o in statement.outcomes] == [
        (1, 5, 0),
        (2, 1, 4),  # VN had heard nothing from SEC: the second package carried all five again
    ]


def test_a_refused_package_is_stated_back_with_its_reason(
    vn, sec, tmp_path: Path, add_records, send_package
) -> None:
    add_records(vn)
    path = tmp_path / "p.xlsx"
    export_package(vn, path)
    book = openpyxl.load_workbook(path)
    sheet = book["People"]
    keys = [c.value for c in sheet[KEY_ROW + 1]]
    sheet.cell(row=3, column=keys.index("country") + 1).value = "XX"
    book.save(path)
    with pytest.raises(PackageRefused):
        import_package(sec, path)
    send_package(sec, vn, tmp_path / "back.xlsx")
    row = _row(vn, "SEC")
    assert row.refused_by_peer >= 1 and row.not_confirmed == [1]
    with vn.read_session() as session:
        statement = stored_statement(session, "SEC")
    assert statement is not None
    (outcome,) = statement.outcomes
    assert outcome.result == "refused" and outcome.reasons
    assert "People" in outcome.reasons[0]
    assert _row(sec, "VN").gaps == {}  # nothing applied from VN yet: no number below


def test_three_offices_through_the_secretariat(
    vn, kh, sec, tmp_path: Path, send_package, receive_package
) -> None:
    everyone = export_package(sec, tmp_path / "all1.xlsx", to="ALL")
    for country in (vn, kh):
        receive_package(country, everyone.path)
        _org(country, f"from {country.site}")
        send_package(country, sec, tmp_path / f"{country.site}.xlsx")
    second = export_package(sec, tmp_path / "all2.xlsx", to="ALL")
    assert second.sequence == 2
    manifest = _manifest(second.path)
    assert {"receipt.VN", "receipt.KH"} <= set(manifest)
    receive_package(vn, second.path)
    row = _row(vn, "SEC")
    assert row.not_confirmed == [] and row.unacknowledged == 0
    assert _row(sec, "VN").last_received_number == 1 and _row(sec, "KH").gaps == {}
    # KH missed the second ALL package and gets the third: a gap until the second arrives.
    receive_package(kh, export_package(sec, tmp_path / "all3.xlsx", to="ALL").path)
    assert _row(kh, "SEC").gaps == {"ALL": [2]}
    receive_package(kh, second.path)
    assert _row(kh, "SEC").gaps == {}


def test_receipt_and_stats_on_the_command_line(tmp_path: Path, capsys) -> None:
    vn, sec = str(tmp_path / "vn.sqlite"), str(tmp_path / "sec.sqlite")
    db = init_office(Path(vn), "VN")
    _org(db, "org")
    db.close()
    init_office(Path(sec), "SEC").close()
    package, receipt = str(tmp_path / "p.xlsx"), str(tmp_path / "r.xlsx")
    assert _run(capsys, "--db", vn, "export", "--out", package)[0] == 0
    trust_vn, trust_sec = _fingerprint(vn, capsys), _fingerprint(sec, capsys)
    assert _run(capsys, "--db", sec, "import", package, "--trust", trust_vn)[0] == 0
    code, out = _run(capsys, "--db", sec, "receipt", "--out", receipt, "--to", "VN")
    assert code == 0 and "receipt" in out
    assert _run(capsys, "--db", vn, "import", receipt, "--trust", trust_sec)[0] == 0
    code, out = _run(capsys, "--db", vn, "--json", "stats")
    (peer,) = json.loads(out)["peers"]
    assert code == 0 and peer["peer"] == "SEC" and peer["last_sent_number"] == 1
    assert peer["not_confirmed"] == [] and peer["unacknowledged"] == 0
    assert peer["last_receipt_at"] and peer["gaps"] == {}
    code, out = _run(capsys, "--db", sec, "stats")
    assert code == 0 and "VN: last package sent -, last received 1" in out


def _run(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    return code, capsys.readouterr().out


def _fingerprint(db: str, capsys) -> str:
    code, out = _run(capsys, "--db", db, "--json", "keys")
    assert code == 0
    return str(json.loads(out)["fingerprint"])


def test_an_unreadable_number_or_receipt_is_refused_with_its_place() -> None:
    rows = [
        ["format", "acec-sync-package"],
        ["schema_version", "2"],
        ["package_id", "VN-1"],
        ["sender", "VN"],
        ["recipient", "SEC"],
        ["created", "2026-12-03T10:00:00"],
        ["digest", "00"],
        ["sequence", "three"],
    ]
    rows[0][1] = FORMAT_NAME
    with pytest.raises(PackageRefused, match="number is unreadable") as caught:
        parse_manifest(rows)
    assert caught.value.problems[0].row == 8
    rows[7][1] = "3"
    manifest = parse_manifest([*rows, ["receipt.SEC", '{"arrived": {"VN": "4-1"}}']])
    assert manifest.sequence == 3
    with pytest.raises(PackageRefused, match=r"receipt\.SEC"):
        statement_about(manifest, "SEC")
    assert statement_about(manifest, "KH") is None


def test_ranges_are_short_and_read_back() -> None:
    assert ranges_text([6, 1, 2, 3, 4, 9, 10]) == "1-4,6,9-10"
    assert parse_ranges("1-4,6,9-10") == {1, 2, 3, 4, 6, 9, 10}
    for bad in ("0", "5-2", "x", "1-99999999999"):
        with pytest.raises(ValueError):
            parse_ranges(bad)
