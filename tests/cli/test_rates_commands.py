"""``acec rates``, ``rates set`` and ``rates import``: exit codes, --json, real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.cli import main
from app.store.backup import list_backups


def _init(tmp_path: Path, site: str) -> str:
    path = str(tmp_path / f"{site.lower()}.sqlite")
    assert main(["--db", path, "init", "--site", site]) == 0
    return path


def _sheet(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["Year", "Currency", "Rate"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _json(capsys: pytest.CaptureFixture[str]) -> dict:
    return json.loads(capsys.readouterr().out)


def test_rates_lists_one_year_as_json(tmp_path: Path, capsys) -> None:
    db = _init(tmp_path, "VN")
    capsys.readouterr()
    assert main(["--db", db, "--json", "rates", "--year", "2012"]) == 0
    data = _json(capsys)
    vnd = next(r for r in data["rates"] if r["currency"] == "VND")
    assert vnd == {
        "year": 2012,
        "currency": "VND",
        "rate": "0.0000480123",
        "changed": False,
        "source": vnd["source"],
        "verified": False,
    }
    assert "PA.NUS.FCRF" in vnd["source"] and data["editable"] is False
    assert {r["year"] for r in data["rates"]} == {2012}


def test_set_is_refused_at_a_country(tmp_path: Path, capsys) -> None:
    db = _init(tmp_path, "VN")
    capsys.readouterr()
    assert main(["--db", db, "rates", "set", "2012", "VND", "0.00005"]) == 1
    err = capsys.readouterr().err
    assert "kept by the joint secretariat" in err and "Traceback" not in err


def test_set_at_the_secretariat_and_bad_values(tmp_path: Path, capsys) -> None:
    db = _init(tmp_path, "SEC")
    capsys.readouterr()
    assert main(["--db", db, "--json", "rates", "set", "2012", "VND", "0.00005"]) == 0
    assert _json(capsys) == {"ok": True, "added": 0, "changed": 1, "unchanged": 0}
    assert main(["--db", db, "--json", "rates", "--year", "2012"]) == 0
    vnd = next(r for r in _json(capsys)["rates"] if r["currency"] == "VND")
    assert (vnd["rate"], vnd["changed"]) == ("0.00005", True)
    assert main(["--db", db, "rates", "set", "2012", "VND", "-1"]) == 1
    assert "more than zero" in capsys.readouterr().err
    assert main(["--db", db, "rates", "set", "2012", "VNDX", "1"]) == 1
    assert "not a currency code" in capsys.readouterr().err
    assert main(["--db", db, "rates", "set", "20x2", "VND", "1"]) == 1
    assert main(["--db", db, "rates", "set", "2012", "VND"]) == 2  # usage


def test_import_previews_backs_up_and_applies(tmp_path: Path, capsys) -> None:
    db = _init(tmp_path, "SEC")
    sheet = _sheet(tmp_path / "rates.xlsx", [[2012, "VND", 0.00005], [2026, "thb", "0.0305"]])
    capsys.readouterr()
    assert main(["--db", db, "--json", "rates", "import", str(sheet), "--dry-run"]) == 0
    data = _json(capsys)
    assert (data["added"], data["changed"], data["applied"]) == (1, 1, False)
    assert main(["--db", db, "--json", "rates", "import", str(sheet)]) == 0
    data = _json(capsys)
    assert data["applied"] and Path(data["backup"]).exists()
    assert list_backups(Path(db))
    assert main(["--db", db, "--json", "rates", "--year", "2026"]) == 0
    assert [(r["currency"], r["rate"]) for r in _json(capsys)["rates"]] == [("THB", "0.0305")]


def test_import_refuses_a_bad_sheet_whole(tmp_path: Path, capsys) -> None:
    db = _init(tmp_path, "SEC")
    sheet = _sheet(
        tmp_path / "bad.xlsx",
        [[2012, "VND", 0.00005], [2013, "VND", "abc"], [1850, "VND", 1], [2012, "VND", 0.1]],
    )
    capsys.readouterr()
    assert main(["--db", db, "--json", "rates", "import", str(sheet)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert [(p["row"], p["column"]) for p in data["problems"]] == [(3, "C"), (4, "A"), (5, None)]
    assert main(["--db", db, "--json", "rates", "--year", "2012"]) == 0
    vnd = next(r for r in _json(capsys)["rates"] if r["currency"] == "VND")
    assert vnd["changed"] is False  # nothing changed, not even the good row


def test_import_passes_the_package_guard(tmp_path: Path, capsys) -> None:
    db = _init(tmp_path, "SEC")
    book = Workbook()
    book.active.append(["Year", "Currency", "Rate"])
    book.active.append([2012, "VND", "=1/20000"])
    book.save(tmp_path / "formula.xlsx")
    capsys.readouterr()
    assert main(["--db", db, "rates", "import", str(tmp_path / "formula.xlsx")]) == 1
    assert "formula" in capsys.readouterr().err.lower()
    (tmp_path / "fake.xlsx").write_text("not a workbook")
    assert main(["--db", db, "rates", "import", str(tmp_path / "fake.xlsx")]) == 1


def test_import_is_refused_at_a_country(tmp_path: Path, capsys) -> None:
    db = _init(tmp_path, "KH")
    sheet = _sheet(tmp_path / "rates.xlsx", [[2012, "KHR", 0.00025]])
    capsys.readouterr()
    assert main(["--db", db, "rates", "import", str(sheet)]) == 1
    assert "joint secretariat" in capsys.readouterr().err
