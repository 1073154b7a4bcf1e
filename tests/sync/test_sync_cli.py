"""acec export / import / restore: exit status, one-line errors, --json, --dry-run, --trust."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from app.cli import main
from app.services.office import init_office
from app.services.records import create_record
from app.sync.layout import KEY_ROW


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _offices(tmp_path: Path) -> tuple[str, str]:
    vn, sec = tmp_path / "vn.sqlite", tmp_path / "sec.sqlite"
    db = init_office(vn, "VN")
    create_record(db, "person", {"name": "0123 Tran", "country": "VN", "phone": "007"})
    create_record(db, "organisation", {"name": "@Ministry", "type": "ministry"})
    db.close()
    init_office(sec, "SEC").close()
    return str(vn), str(sec)


def _dump(capsys, db: str) -> str:
    code, out, _ = run(capsys, "--db", db, "dump")
    assert code == 0
    return out


def test_export_import_restore_through_the_cli(tmp_path: Path, capsys) -> None:
    vn, sec = _offices(tmp_path)
    package = str(tmp_path / "vn.xlsx")
    code, out, _ = run(capsys, "--db", vn, "--json", "export", "--out", package)
    data = json.loads(out)
    assert (
        code == 0
        and data["recipient"] == "SEC"
        and data["records"] == {"organisation": 1, "person": 1}
    )
    code, out, _ = run(capsys, "--db", vn, "--json", "keys")
    fingerprint = json.loads(out)["fingerprint"]

    before = _dump(capsys, sec)
    code, out, _ = run(capsys, "--db", sec, "--json", "import", package, "--dry-run")
    data = json.loads(out)
    assert code == 0 and data["dry_run"] and not data["applied"]
    assert data["totals"]["new"] == 2 and data["key"]["status"] == "confirm"
    assert "--trust" in data["confirm"]
    assert _dump(capsys, sec) == before

    code, out, err = run(capsys, "--db", sec, "import", package)
    assert code == 1 and fingerprint in err and "--trust" in err
    assert len(err.strip().splitlines()) == 1
    assert _dump(capsys, sec) == before

    code, out, _ = run(capsys, "--db", sec, "import", package, "--trust", fingerprint)
    assert code == 0 and "Imported: 2 records" in out
    after = _dump(capsys, sec)
    assert "0123 Tran" in after and "@Ministry" in after

    # The same package again: recognised, refused as such (exit 1), nothing changed.
    code, out, err = run(capsys, "--db", sec, "--json", "import", package)
    data = json.loads(out)
    assert code == 1 and data["already_imported"] and "already imported on" in err
    assert data["imported_at"] and data["sequence"] == 1
    assert _dump(capsys, sec) == after

    code, out, _ = run(capsys, "--db", sec, "--json", "restore")
    data = json.loads(out)
    assert code == 0 and data["peer"] == "VN" and Path(data["safety_backup"]).is_file()
    assert _dump(capsys, sec) == before
    # Undone, the package may be imported again.
    code, out, _ = run(capsys, "--db", sec, "import", package)
    assert code == 0 and "Imported: 2 records" in out
    assert _dump(capsys, sec) == after


def test_restore_without_an_import_is_refused(tmp_path: Path, capsys) -> None:
    _vn, sec = _offices(tmp_path)
    code, out, err = run(capsys, "--db", sec, "restore")
    assert code == 1 and "no import to undo" in err and out == ""


def test_refused_import_json_lists_located_problems(tmp_path: Path, capsys) -> None:
    vn, sec = _offices(tmp_path)
    package = tmp_path / "vn.xlsx"
    assert run(capsys, "--db", vn, "export", "--out", str(package))[0] == 0
    book = openpyxl.load_workbook(package)
    ws = book["People"]
    keys = [c.value for c in ws[KEY_ROW + 1]]
    ws.cell(row=3, column=keys.index("country") + 1).value = "XX"
    book.save(package)
    before = _dump(capsys, sec)
    code, out, err = run(capsys, "--db", sec, "--json", "import", str(package), "--dry-run")
    data = json.loads(out)
    assert code == 1 and data["ok"] is False
    assert "sheet People, row 3, column" in data["error"]
    problem = data["problems"][0]
    assert problem["sheet"] == "People" and problem["row"] == 3 and "XX" in problem["message"]
    assert _dump(capsys, sec) == before


def test_export_usage_errors(tmp_path: Path, capsys) -> None:
    vn, sec = _offices(tmp_path)
    code, _, err = run(
        capsys, "--db", vn, "export", "--out", str(tmp_path / "x.xlsx"), "--to", "KH"
    )
    assert code == 1 and "joint secretariat" in err
    code, _, err = run(capsys, "--db", sec, "export", "--out", str(tmp_path / "x.xlsx"))
    assert code == 1 and "--to" in err
    code, _, err = run(
        capsys, "--db", sec, "export", "--out", str(tmp_path / "x.csv"), "--to", "VN"
    )
    assert code == 1 and ".xlsx" in err
    code, _, err = run(capsys, "--db", sec, "export")
    assert code == 2
    code, out, _ = run(
        capsys, "--db", sec, "--json", "export", "--out", str(tmp_path / "all.xlsx"), "--to", "ALL"
    )
    assert code == 0 and json.loads(out)["full"] is True
