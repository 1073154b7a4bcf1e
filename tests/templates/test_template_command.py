"""``acec template KIND --out FILE``: what the blank workbook holds, read back with openpyxl."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.services.records import create_record, list_records
from app.store import open_database


def _init(tmp_path: Path, site: str = "VN") -> str:
    path = str(tmp_path / f"{site.lower()}.sqlite")
    assert main(["--db", path, "init", "--site", site]) == 0
    return path


def _activity(db_path: str) -> str:
    db = open_database(Path(db_path))
    try:
        item = next(r.uid for r in list_records(db, "plan_item") if r.values["code"] == "2.5")
        return create_record(
            db,
            "activity",
            {
                "item_uid": item,
                "title": "EIA training, Nanning",
                "type": "training",
                "status": "planned",
            },
        ).uid
    finally:
        db.close()


def _keys(sheet) -> list[str]:
    return [c.value for c in sheet[3]]


@pytest.mark.parametrize("kind", ["people", "activities", "envoys", "funding"])
def test_each_kind_has_instructions_comments_keys_lists_and_examples(
    tmp_path: Path, kind: str, capsys
) -> None:
    db = _init(tmp_path)
    out = tmp_path / f"{kind}.xlsx"
    capsys.readouterr()
    assert main(["--db", db, "--json", "template", kind, "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["file"] == str(out)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    book = load_workbook(out)
    assert book.sheetnames[0] == "Instructions"
    assert book["acec_template"].sheet_state == "hidden"
    data = book.worksheets[1]
    keys = _keys(data)
    assert keys[:2] == ["example", "uid"]
    assert data.row_dimensions[3].hidden
    headers = list(data[2])
    assert all(cell.comment is not None for cell in headers)
    assert "Required." in headers[2].comment.text
    assert data["A4"].value.startswith("Example 1") and data["A5"].value.startswith("Example 2")
    assert data["A6"].value is None
    coded = {
        "people": ("gender", "country", "category"),
        "activities": ("type", "status", "host_country", "item_uid"),
        "envoys": ("sector",),
        "funding": ("kind", "source", "currency"),
    }[kind]
    validated = set()
    for validation in data.data_validations.dataValidation:
        assert validation.type == "list" and validation.formula1.startswith("acec_lists!")
        for cell_range in validation.sqref.ranges:
            validated.add(keys[cell_range.min_col - 1])
    assert set(coded) <= validated


def test_lists_speak_the_users_language(tmp_path: Path) -> None:
    db = _init(tmp_path)
    out = tmp_path / "people-vi.xlsx"
    assert main(["--db", db, "--lang", "vi", "template", "people", "--out", str(out)]) == 0
    book = load_workbook(out)
    lists = [c.value for c in book["acec_lists"]["B"] if c.value]  # countries
    assert "Việt Nam" in lists and "Campuchia" in lists
    assert book.sheetnames[1] == "Cá nhân"  # the data sheet is named in the user's language


def test_registration_list_names_the_activity_and_has_participation_columns(
    tmp_path: Path,
) -> None:
    db = _init(tmp_path)
    uid = _activity(db)
    out = tmp_path / "list.xlsx"
    assert main(["--db", db, "template", "people", "--activity", uid, "--out", str(out)]) == 0
    book = load_workbook(out)
    data = book.worksheets[1]
    assert "EIA training, Nanning" in data["A1"].value
    assert "participation.role" in _keys(data)
    info = {row[0].value: row[1].value for row in book["acec_template"].iter_rows()}
    assert info["activity"] == uid and info["kind"] == "person"


def test_text_is_never_a_formula(tmp_path: Path) -> None:
    db = _init(tmp_path)
    db_handle = open_database(Path(db))
    try:
        item = next(
            r.uid for r in list_records(db_handle, "plan_item") if r.values["code"] == "2.5"
        )
        uid = create_record(
            db_handle,
            "activity",
            {
                "item_uid": item,
                "title": '=HYPERLINK("http://x")',
                "type": "training",
                "status": "planned",
            },
        ).uid
    finally:
        db_handle.close()
    out = tmp_path / "list.xlsx"
    assert main(["--db", db, "template", "people", "--activity", uid, "--out", str(out)]) == 0
    cell = load_workbook(out).worksheets[1]["A1"]
    assert cell.data_type == "s" and "=HYPERLINK" in cell.value


def test_unknown_kind_and_activity_are_refused(tmp_path: Path, capsys) -> None:
    db = _init(tmp_path)
    out = tmp_path / "x.xlsx"
    assert main(["--db", db, "template", "trees", "--out", str(out)]) == 1
    assert "people, activities, envoys, funding" in capsys.readouterr().err
    assert main(["--db", db, "template", "funding", "--activity", "0" * 36, "--out", str(out)]) == 1
    assert main(["--db", db, "template", "people", "--activity", "nope", "--out", str(out)]) == 1
    assert "No activity" in capsys.readouterr().err
