"""Consent in the relay: a non-consenting person's contact details reach the secretariat only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from app.services.dump import dump_data
from app.services.records import create_record, update_record
from app.store import Database
from app.sync.export import export_package

SECRETS = ("quiet.person@vn.example", "+84 24 0000 0001", "quiet.sec@sec.example", "+86 10 0002")


def _person(db: Database, name: str, email: str, phone: str, consent: bool) -> Any:
    country = "CN" if db.site == "SEC" else db.site
    return create_record(
        db,
        "person",
        {"name": name, "country": country, "email": email, "phone": phone, "consent": consent},
    )


def _people(db: Database) -> dict[str, dict[str, Any]]:
    return {r["uid"]: r | r["fields"] for r in dump_data(db)["person"]}


def _every_cell(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
    finally:
        book.close()


def _offices(vn: Database, kh: Database, sec: Database, tmp_path: Path, send) -> dict[str, Any]:
    quiet = _person(vn, "Quiet Person", SECRETS[0], SECRETS[1], consent=False)
    open_ = _person(vn, "Open Person", "open.person@vn.example", "+84 24 0000 0002", True)
    kh_quiet = _person(kh, "Kh Quiet", "kh.quiet@kh.example", "+855 23 000 003", False)
    sec_quiet = _person(sec, "Sec Quiet", SECRETS[2], SECRETS[3], consent=False)
    send(vn, sec, tmp_path / "vn-sec.xlsx")
    send(kh, sec, tmp_path / "kh-sec.xlsx")
    return {"quiet": quiet, "open": open_, "kh_quiet": kh_quiet, "sec_quiet": sec_quiet}


def test_the_secretariat_receives_everything(vn, kh, sec, tmp_path: Path, send_package) -> None:
    people = _offices(vn, kh, sec, tmp_path, send_package)
    at_sec = _people(sec)
    assert at_sec[people["quiet"].uid]["email"] == SECRETS[0]
    assert at_sec[people["quiet"].uid]["phone"] == SECRETS[1]
    assert at_sec[people["kh_quiet"].uid]["email"] == "kh.quiet@kh.example"


def test_no_withheld_contact_anywhere_in_a_package_to_another_country(
    vn, kh, sec, tmp_path: Path, send_package
) -> None:
    _offices(vn, kh, sec, tmp_path, send_package)
    for full in (False, True):
        path = tmp_path / f"sec-kh-{full}.xlsx"
        export_package(sec, path, to="KH", full=full)
        cells = "\n".join(_every_cell(path))
        for secret in SECRETS:
            assert secret not in cells, (full, secret)
        assert "open.person@vn.example" in cells  # a consenting person travels in full
    path = tmp_path / "sec-all.xlsx"
    export_package(sec, path, to="ALL")
    cells = "\n".join(_every_cell(path))
    assert not [s for s in SECRETS + ("kh.quiet@kh.example",) if s in cells]


def test_the_receiving_country_holds_no_withheld_contact(
    vn, kh, sec, tmp_path: Path, send_package
) -> None:
    people = _offices(vn, kh, sec, tmp_path, send_package)
    send_package(sec, kh, tmp_path / "sec-kh.xlsx")
    at_kh = _people(kh)
    quiet = at_kh[people["quiet"].uid]
    assert (quiet["name"], quiet["email"], quiet["phone"]) == ("Quiet Person", None, None)
    assert quiet["version"] == _people(vn)[people["quiet"].uid]["version"]
    assert at_kh[people["sec_quiet"].uid]["email"] is None
    assert at_kh[people["open"].uid]["email"] == "open.person@vn.example"
    # KH's own non-consenting person is KH's: untouched.
    assert at_kh[people["kh_quiet"].uid]["email"] == "kh.quiet@kh.example"
    for secret in SECRETS:
        assert secret not in kh.path.read_bytes().decode("latin-1")


def test_the_owner_round_trip_keeps_its_contacts(vn, kh, sec, tmp_path: Path, send_package) -> None:
    people = _offices(vn, kh, sec, tmp_path, send_package)
    before = _people(vn)
    send_package(sec, vn, tmp_path / "sec-vn.xlsx", full=True)
    assert _people(vn)[people["quiet"].uid] == before[people["quiet"].uid]


def test_a_package_for_every_office_never_blanks_the_owner_copy(
    vn, sec, tmp_path: Path, send_package, receive_package
) -> None:
    from app.store import restore_file

    backup = vn.backup("test")
    quiet = _person(vn, "Quiet Person", SECRETS[0], SECRETS[1], consent=False)
    send_package(vn, sec, tmp_path / "vn-sec.xlsx")
    vn.engine.dispose()
    restore_file(backup, vn.path)  # VN loses its own person
    export_package(sec, tmp_path / "all.xlsx", to="ALL")
    result = receive_package(vn, tmp_path / "all.xlsx")
    assert quiet.uid not in _people(vn)  # not taken back with its contacts withheld
    sheet = result.preview.sheet("person")
    assert sheet is not None and (sheet.new, sheet.older) == (0, 1)
    send_package(vn, sec, tmp_path / "vn-sec-2.xlsx")  # says what VN now holds
    send_package(sec, vn, tmp_path / "sec-vn.xlsx")
    back = _people(vn)[quiet.uid]
    assert (back["email"], back["phone"]) == (SECRETS[0], SECRETS[1])


def test_consent_given_later_sends_the_contacts(vn, kh, sec, tmp_path: Path, send_package) -> None:
    people = _offices(vn, kh, sec, tmp_path, send_package)
    send_package(sec, kh, tmp_path / "1.xlsx")
    update_record(vn, "person", people["quiet"].uid, {"consent": True})
    send_package(vn, sec, tmp_path / "2.xlsx")
    send_package(sec, kh, tmp_path / "3.xlsx")
    assert _people(kh)[people["quiet"].uid]["email"] == SECRETS[0]
    # Withdrawn again: the next package takes the details back out of KH's copy.
    update_record(vn, "person", people["quiet"].uid, {"consent": False})
    send_package(vn, sec, tmp_path / "4.xlsx")
    send_package(sec, kh, tmp_path / "5.xlsx")
    assert _people(kh)[people["quiet"].uid]["email"] is None


def test_the_secretariat_demo_picture_relays_no_withheld_contact(sec, kh, tmp_path: Path) -> None:
    """The review's run: SEC's regional picture sent to a country."""
    from app.demo.generator import generate_demo

    generate_demo(sec, size=40, seed=3)
    people = [p for p in _people(sec).values() if p["owner"] not in ("KH", "SEC")]
    quiet = [p for p in people if not p["consent"] and (p["email"] or p["phone"])]
    told = [p for p in people if p["consent"] and p["email"]]
    assert quiet and told
    path = tmp_path / "sec-kh.xlsx"
    export_package(sec, path, to="KH")
    cells = set(_every_cell(path))
    assert not [p["uid"] for p in quiet if {p["email"], p["phone"]} & cells]
    assert all(p["email"] in cells for p in told)
