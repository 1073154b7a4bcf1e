"""``acec lock``, ``unlock``, ``exception``, ``edit`` and ``delete`` through real packages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.cli import main
from app.services.office import init_office
from app.services.records import create_record, get_record
from app.services.reference_data import plan_item_uid
from app.store import open_database


def _json(capsys: pytest.CaptureFixture[str]) -> dict:
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def offices(tmp_path: Path, capsys) -> dict[str, str]:
    """KH with a 2011 activity and its funding; the secretariat; each trusting the other."""
    paths = {site: str(tmp_path / f"{site.lower()}.sqlite") for site in ("KH", "SEC")}
    kh = init_office(Path(paths["KH"]), "KH")
    act = create_record(
        kh,
        "activity",
        {
            "item_uid": plan_item_uid("2.5"),
            "title": "Mekong EIA course",
            "type": "training",
            "status": "completed",
            "start_date": dt.date(2011, 5, 2),
        },
    )
    money = create_record(
        kh,
        "funding",
        {
            "activity_uid": act.uid,
            "kind": "disbursement",
            "source": "cafund",
            "amount": "10",
            "currency": "USD",
            "date": dt.date(2012, 1, 3),
        },
    )
    kh.close()
    init_office(Path(paths["SEC"]), "SEC").close()
    capsys.readouterr()
    _carry(tmp_path, paths, "KH", "SEC", capsys)
    return paths | {"activity": act.uid, "funding": money.uid}


def _carry(tmp_path: Path, paths: dict[str, str], src: str, dst: str, capsys) -> None:
    """Export at ``src``, import at ``dst`` confirming ``src``'s fingerprint (read from it)."""
    assert main(["--db", paths[src], "--json", "keys"]) == 0
    fingerprint = _json(capsys)["fingerprint"]
    package = str(tmp_path / f"{src}-{dst}-{len(list(tmp_path.iterdir()))}.xlsx")
    assert main(["--db", paths[src], "export", "--to", dst, "--out", package]) == 0
    assert main(["--db", paths[dst], "import", package, "--trust", fingerprint]) == 0
    capsys.readouterr()


def _title(path: str, uid: str) -> str:
    db = open_database(Path(path))
    try:
        return str(get_record(db, "activity", uid)["title"])
    finally:
        db.close()


def test_edit_and_delete_own_records_as_the_form_reads_them(offices, capsys) -> None:
    kh, uid = offices["KH"], offices["activity"]
    assert main(["--db", kh, "--json", "edit", uid, "title=Mekong EIA course II"]) == 0
    assert _json(capsys)["changed"] == ["title"]
    assert _title(kh, uid) == "Mekong EIA course II"
    # An amount as typed in the user's language, as the form reads it.
    assert (
        main(["--db", kh, "--lang", "vi", "--json", "edit", offices["funding"], "amount=1.234,5"])
        == 0
    )
    assert _json(capsys)["fields"] == {"amount": "1234.50"}
    assert main(["--db", kh, "edit", uid, "colour=red"]) == 1
    assert "no such field" in capsys.readouterr().err
    assert main(["--db", kh, "edit", uid, "title="]) == 1
    assert "Title is required" in capsys.readouterr().err
    assert main(["--db", kh, "--json", "delete", offices["funding"]]) == 0
    assert _json(capsys)["kind"] == "funding"


def test_another_offices_record_refused_with_the_windows_message(offices, capsys) -> None:
    kh = offices["KH"]
    assert main(["--db", kh, "edit", plan_item_uid("2.5"), "code=9.9"]) == 1
    err = capsys.readouterr().err
    assert "only that office can change it" in err and "Traceback" not in err
    assert main(["--db", kh, "delete", plan_item_uid("2.5")]) == 1
    assert "only that office can change it" in capsys.readouterr().err
    assert main(["--db", kh, "delete", "3f1e2d3c-4b5a-4697-8877-665544332211"]) == 1
    assert "No record with id" in capsys.readouterr().err


def test_lock_refuses_the_countrys_edit_until_an_exception(tmp_path, offices, capsys) -> None:
    kh, sec, uid = offices["KH"], offices["SEC"], offices["activity"]
    assert main(["--db", kh, "lock", "--country", "KH", "--year", "2011"]) == 1
    assert "Only the joint secretariat" in capsys.readouterr().err
    assert main(["--db", sec, "--json", "lock", "--country", "kh", "--year", "2011"]) == 0
    assert _json(capsys) | {"uid": None} == {
        "ok": True,
        "country": "KH",
        "year": 2011,
        "locked": True,
        "changed": True,
        "uid": None,
    }
    _carry(tmp_path, offices, "SEC", "KH", capsys)
    assert main(["--db", kh, "edit", uid, "title=Changed"]) == 1
    err = capsys.readouterr().err
    assert "“Mekong EIA course”" in err and "2011" in err and "Cambodia" in err
    assert main(["--db", kh, "delete", uid]) == 1
    assert "locked" in capsys.readouterr().err
    assert main(["--db", kh, "edit", offices["funding"], "amount=12"]) == 0  # 2012's money
    assert main(["--db", sec, "exception", uid]) == 0
    assert uid in capsys.readouterr().out
    _carry(tmp_path, offices, "SEC", "KH", capsys)
    assert main(["--db", kh, "edit", uid, "title=Corrected"]) == 0
    assert _title(kh, uid) == "Corrected"
    capsys.readouterr()
    assert main(["--db", sec, "--json", "unlock", "--country", "KH", "--year", "2011"]) == 0
    assert _json(capsys)["locked"] is False
    assert main(["--db", sec, "unlock", "--country", "KH", "--year", "2011"]) == 0
    assert "Nothing to change" in capsys.readouterr().out
