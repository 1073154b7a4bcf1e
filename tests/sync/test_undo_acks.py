"""An undone import is asked for again: ordinary exchanges bring back what the undo took.

Acknowledgements are "the newest version per owner". An office that undoes an
import it had already acknowledged must not let newer records from the same
owner carry its statement past the gap, or the undone records are never sent
again. These scenarios run real databases and real packages; none uses --full.
"""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import main
from app.services.dump import dump_data, dump_json
from app.services.office import init_office
from app.services.records import create_record, list_records
from app.store import Database, open_database
from app.sync.export import export_package
from app.sync.undo import undo_last_import


def _uids(db: Database, kind: str = "organisation") -> set[str]:
    return {r.uid for r in list_records(db, kind)}


def _exchange(country: Database, sec: Database, folder: Path, receive, rounds: int = 2) -> None:
    """Ordinary (not --full) rounds: the country to SEC, then SEC to the country."""
    for n in range(rounds):
        receive(sec, _package(country, folder / f"round{n}-{country.site}.xlsx"))
        receive(country, _package(sec, folder / f"round{n}-SEC.xlsx", to=country.site))


def _package(src: Database, path: Path, to: str | None = None) -> Path:
    export_package(src, path, to=to)
    return path


def test_country_undo_then_newer_records_still_converge(vn, sec, tmp_path, receive_package):
    """The country undoes an import it acknowledged; SEC's newer records do not hide the gap."""
    first = create_record(sec, "organisation", {"name": "ACB", "type": "partner"})
    receive_package(vn, _package(sec, tmp_path / "p1.xlsx", to="VN"))
    receive_package(sec, _package(vn, tmp_path / "ack.xlsx"))  # VN acknowledges ACB
    undo_last_import(vn)
    assert first.uid not in _uids(vn)
    later = create_record(sec, "organisation", {"name": "UNEP", "type": "partner"})
    # SEC's next package was made before VN's next one reached it: it carries only UNEP.
    receive_package(vn, _package(sec, tmp_path / "p2.xlsx", to="VN"))
    _exchange(vn, sec, tmp_path, receive_package)
    assert {first.uid, later.uid} <= _uids(vn)
    assert dump_json(vn) == dump_json(sec)


def test_country_gets_back_its_own_changes_that_the_undo_took(vn, sec, tmp_path, receive_package):
    """Own records made after the undone import, already sent to SEC, come back from SEC."""
    create_record(sec, "organisation", {"name": "ACB", "type": "partner"})
    receive_package(vn, _package(sec, tmp_path / "p1.xlsx", to="VN"))
    mine = create_record(vn, "organisation", {"name": "Made after the import", "type": "ngo"})
    receive_package(sec, _package(vn, tmp_path / "vn1.xlsx"))
    receive_package(vn, _package(sec, tmp_path / "p2.xlsx", to="VN"))  # SEC acknowledges it
    undo_last_import(vn)  # undoes p2: nothing lost yet
    undo_last_import(vn)  # undoes p1, and the organisation made after it
    assert mine.uid not in _uids(vn)
    newer = create_record(vn, "organisation", {"name": "Made after the undo", "type": "ngo"})
    _exchange(vn, sec, tmp_path, receive_package)
    assert {mine.uid, newer.uid} <= _uids(vn)
    assert dump_json(vn) == dump_json(sec)


def test_secretariat_undo_is_not_relayed_as_complete(vn, kh, sec, tmp_path, receive_package):
    """SEC undoes a country's import; what it relays meanwhile does not close KH's gap."""
    old = create_record(vn, "organisation", {"name": "Old VN", "type": "ngo"})
    receive_package(sec, _package(vn, tmp_path / "vn1.xlsx"))
    receive_package(vn, _package(sec, tmp_path / "sec1.xlsx", to="VN"))  # SEC acknowledges Old VN
    undo_last_import(sec)
    new = create_record(vn, "organisation", {"name": "New VN", "type": "ngo"})
    receive_package(sec, _package(vn, tmp_path / "vn2.xlsx"))  # made on the old acknowledgement
    receive_package(kh, _package(sec, tmp_path / "kh1.xlsx", to="KH"))  # only New VN arrives
    for n in range(2):
        receive_package(sec, _package(vn, tmp_path / f"r{n}-vn.xlsx"))
        receive_package(sec, _package(kh, tmp_path / f"r{n}-kh.xlsx"))
        receive_package(vn, _package(sec, tmp_path / f"r{n}-sec-vn.xlsx", to="VN"))
        receive_package(kh, _package(sec, tmp_path / f"r{n}-sec-kh.xlsx", to="KH"))
    for db in (vn, kh, sec):
        assert {old.uid, new.uid} <= _uids(db), db.site
    assert dump_json(vn) == dump_json(sec) == dump_json(kh)


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_restore_through_the_cli_asks_again_and_converges(tmp_path: Path, capsys) -> None:
    """The same story with `acec`: restore says it asks again, and no --full is needed."""
    vn, sec = tmp_path / "vn.sqlite", tmp_path / "sec.sqlite"
    init_office(vn, "VN").close()
    db = init_office(sec, "SEC")
    create_record(db, "organisation", {"name": "ACB", "type": "partner"})
    db.close()
    fingerprints = {}
    for path in (vn, sec):
        fingerprints[path] = json.loads(_run(capsys, "--db", str(path), "--json", "keys")[1])[
            "fingerprint"
        ]

    def send(src: Path, dst: Path, name: str, *extra: str) -> None:
        package = str(tmp_path / name)
        assert _run(capsys, "--db", str(src), "export", "--out", package, *extra)[0] == 0
        code, _, err = _run(
            capsys, "--db", str(dst), "import", package, "--trust", fingerprints[src]
        )
        assert code == 0, err

    send(sec, vn, "p1.xlsx", "--to", "VN")
    send(vn, sec, "ack.xlsx")
    code, out, err = _run(capsys, "--db", str(vn), "--json", "restore")
    assert code == 0, err
    data = json.loads(out)
    assert data["asks_again"] == ["SEC"]
    code, out, _ = _run(capsys, "--db", str(vn), "restore")  # nothing more to undo
    assert code == 1
    db = open_database(sec)
    create_record(db, "organisation", {"name": "UNEP", "type": "partner"})
    db.close()
    send(sec, vn, "p2.xlsx", "--to", "VN")
    send(vn, sec, "r1.xlsx")
    send(sec, vn, "r2.xlsx", "--to", "VN")
    dumps = [_run(capsys, "--db", str(p), "dump")[1] for p in (vn, sec)]
    assert dumps[0] == dumps[1]
    names = {r["fields"]["name"] for r in json.loads(dumps[0]).get("organisation", [])}
    assert {"ACB", "UNEP"} <= names


def test_restore_message_says_the_next_package_asks_again(vn, sec, tmp_path, receive_package):
    from app.cli.sync_commands import undo_message
    from app.sync.undo import undo_last_import as undo

    create_record(sec, "organisation", {"name": "ACB", "type": "partner"})
    receive_package(vn, _package(sec, tmp_path / "p1.xlsx", to="VN"))
    result = undo(vn)
    assert result.asks_again == ("SEC",)
    assert "ask" in undo_message(result) and "SEC" in undo_message(result)
    assert dump_data(vn)  # still a sound database


def test_undo_keeps_the_keys_confirmed_since(vn, sec, tmp_path, receive_package):
    """Trust is not undone with the records: the key confirmed at that import stays confirmed."""
    from app.sync.importer import import_package

    create_record(sec, "organisation", {"name": "ACB", "type": "partner"})
    package = _package(sec, tmp_path / "p1.xlsx", to="VN")
    receive_package(vn, package)  # the officer confirms SEC's fingerprint here
    undo_last_import(vn)
    assert import_package(vn, package).applied  # no second confirmation asked


def test_a_package_stating_no_base_reads_and_verifies_as_before(vn, tmp_path, add_records):
    """Older programs wrote no `since`: their digest is unchanged and they never close a gap."""
    from app.sync.floors import _closes_gap
    from app.sync.manifest import Manifest, parse_manifest

    old = Manifest("VN-1", 1, "VN", "SEC", "2024-01-01T00:00:00", False, {"VN": "1.0.VN"})
    old.digest = "00"
    assert "since" not in old.signed_content()
    parsed = parse_manifest([list(row) for row in old.rows()])
    assert parsed.since is None and parsed.compute_digest() == old.compute_digest()
    assert _closes_gap(parsed, "VN", "", floored=False)
    assert not _closes_gap(parsed, "VN", "", floored=True)
    new = Manifest("VN-2", 1, "VN", "SEC", "2024-01-01T00:00:00", False, since={"VN": "2.0.VN"})
    new.digest = "00"
    again = parse_manifest([list(row) for row in new.rows()])
    assert again.since == {"VN": "2.0.VN"} and again.compute_digest() == new.compute_digest()
    assert not _closes_gap(again, "VN", "1.0.VN", floored=True)
    assert _closes_gap(again, "VN", "2.0.VN", floored=True)


def test_own_records_an_undo_took_come_back_after_a_new_own_record(kh, sec, tmp_path, send_package):
    """Found by the convergence proof with locks: the undo took every record KH had made.

    The secretariat's next package (made on KH's statement from before the
    undo) carries none of KH's records; the floor must stay, or KH's next own
    record states past the gap and the records the undo took never come back.
    """
    create_record(sec, "organisation", {"name": "first", "type": "ngo"})
    send_package(sec, kh, tmp_path / "1.xlsx")
    send_package(kh, sec, tmp_path / "2.xlsx")
    send_package(sec, kh, tmp_path / "3.xlsx")  # the import the undo takes
    lost = create_record(kh, "organisation", {"name": "made after it", "type": "ngo"})
    send_package(kh, sec, tmp_path / "4.xlsx")
    undo_last_import(kh)
    assert lost.uid not in _uids(kh)
    create_record(sec, "organisation", {"name": "after the undo", "type": "ngo"})
    send_package(sec, kh, tmp_path / "5.xlsx")  # the worst order
    create_record(kh, "organisation", {"name": "newer own record", "type": "ngo"})
    for n in range(2):
        send_package(kh, sec, tmp_path / f"r{n}-kh.xlsx")
        send_package(sec, kh, tmp_path / f"r{n}-sec.xlsx")
    assert lost.uid in _uids(kh)
    assert _uids(kh) == _uids(sec)


def test_a_package_made_before_the_undo_does_not_give_up_own_records(
    vn, sec, tmp_path, send_package, receive_package
):
    """Found by the long convergence proof: the undone package imported again.

    The undo takes VN's import of SEC's first package and the record VN made
    after it, which SEC already holds. That first package, imported again,
    was made before SEC held any record of VN: it carries all of them SEC
    then held (none), and must not count as SEC having sent back every one
    of VN's, or VN's next own record states past the one the undo took.
    """
    create_record(sec, "organisation", {"name": "Before everything", "type": "ngo"})
    first_package = tmp_path / "1-SEC-VN.xlsx"
    send_package(sec, vn, first_package)
    send_package(vn, sec, tmp_path / "1-VN-SEC.xlsx")
    mine = create_record(vn, "organisation", {"name": "First of VN", "type": "ngo"})
    send_package(vn, sec, tmp_path / "2-VN-SEC.xlsx")
    undo_last_import(vn)
    assert mine.uid not in _uids(vn)
    create_record(sec, "organisation", {"name": "After the undo at VN", "type": "ngo"})
    send_package(sec, vn, tmp_path / "2-SEC-VN.xlsx")  # made on VN's statement before the undo
    receive_package(vn, first_package)  # the package whose import was undone, again
    create_record(vn, "organisation", {"name": "newer own record", "type": "ngo"})
    _exchange(vn, sec, tmp_path, receive_package)
    assert mine.uid in _uids(vn)
    assert dump_json(vn) == dump_json(sec)


def test_own_records_in_a_package_that_arrives_after_the_undo_come_back(
    vn, kh, sec, tmp_path, send_package, receive_package
):
    """VN's package made before its undo reaches SEC last: VN and KH still get its record.

    By then VN has made a newer record, SEC has relayed it to KH, and both
    have acknowledged it: the late record is below what each of them states.
    """
    create_record(sec, "organisation", {"name": "ACB", "type": "partner"})
    send_package(sec, vn, tmp_path / "1-SEC-VN.xlsx")
    lost = create_record(vn, "organisation", {"name": "made after the import", "type": "ngo"})
    late = _package(vn, tmp_path / "1-VN-SEC.xlsx")  # in the post for a while
    undo_last_import(vn)
    assert lost.uid not in _uids(vn)
    newer = create_record(vn, "organisation", {"name": "made after the undo", "type": "ngo"})
    send_package(vn, sec, tmp_path / "2-VN-SEC.xlsx")
    send_package(sec, vn, tmp_path / "2-SEC-VN.xlsx")
    send_package(vn, sec, tmp_path / "3-VN-SEC.xlsx")  # VN acknowledges its newer record
    send_package(sec, kh, tmp_path / "1-SEC-KH.xlsx")
    send_package(kh, sec, tmp_path / "1-KH-SEC.xlsx")  # and so does KH
    receive_package(sec, late)
    assert lost.uid in _uids(sec)
    for n in range(2):
        for office in (vn, kh):
            send_package(office, sec, tmp_path / f"r{n}-{office.site}-SEC.xlsx")
            send_package(sec, office, tmp_path / f"r{n}-SEC-{office.site}.xlsx")
    for office in (vn, kh):
        assert {lost.uid, newer.uid} <= _uids(office), office.site
    assert dump_json(vn) == dump_json(sec)


def test_a_package_for_every_office_does_not_give_up_own_records(
    vn, sec, tmp_path, send_package, receive_package
):
    """A package for ALL carries VN's records but VN leaves them alone: its floor stays."""
    create_record(sec, "organisation", {"name": "ACB", "type": "partner"})
    send_package(sec, vn, tmp_path / "1-SEC-VN.xlsx")
    mine = create_record(vn, "organisation", {"name": "made after the import", "type": "ngo"})
    send_package(vn, sec, tmp_path / "1-VN-SEC.xlsx")
    undo_last_import(vn)
    export_package(sec, tmp_path / "ALL.xlsx", to="ALL")
    receive_package(vn, tmp_path / "ALL.xlsx")
    assert mine.uid not in _uids(vn)  # kept out, as every own record in such a package
    create_record(vn, "organisation", {"name": "made after the undo", "type": "ngo"})
    _exchange(vn, sec, tmp_path, receive_package)
    assert mine.uid in _uids(vn)
    assert dump_json(vn) == dump_json(sec)


def test_packages_made_in_the_same_second_are_ordered_by_their_number(vn: Database) -> None:
    """A late package's acknowledgement never replaces a newer one made in the same second."""
    from app.sync.acks import peer_acks, store_peer_acks

    second = "2026-12-04T04:00:00+00:00"
    with vn.session() as session:
        assert store_peer_acks(session, "SEC", {"VN": "v2"}, second, 2)
        assert not store_peer_acks(session, "SEC", {"VN": "v1"}, second, 1)  # the late one
        assert peer_acks(session, "SEC") == {"VN": "v2"}
        # Without a number (a receipt-only or older package) the time decides, as before.
        assert store_peer_acks(session, "SEC", {"VN": "v3"}, second, None)
        assert not store_peer_acks(session, "SEC", {"VN": "v0"}, "2026-12-04T03:59:59+00:00")
        assert peer_acks(session, "SEC") == {"VN": "v3"}
