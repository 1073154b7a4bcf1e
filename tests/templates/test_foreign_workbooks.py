"""A list made without our template: its columns mapped to fields, the mapping remembered."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from app.services.records import list_records
from app.services.template_import import apply_template_import, prepare_template_import
from app.services.template_mapping import column_mapping
from app.store import Database
from app.templates.foreign import ColumnMapping

HEADERS = ["Full name", "Sex", "Nationality", "E-mail", "Remarks"]


def _workbook(path: Path, headers: list[str], rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Registration"
    sheet.append(["Training on EIA, Nanning 2012"])  # a title above the headers
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_headers_are_suggested_fields_and_the_rows_import(db: Database, tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "list.xlsx",
        HEADERS,
        [
            ["Sok Dara", "M", "Cambodia", "dara@example.org", "vegetarian"],
            ["Nguyễn Thị Lan", "Nữ", "Việt Nam", None, None],
        ],
    )
    prepared = prepare_template_import(db, path, kind="person")
    assert prepared.mapping is not None
    assert prepared.mapping.keys == ("name", "gender", "country", "email", "")
    assert prepared.preview.problems == [] and prepared.preview.count("new") == 2
    apply_template_import(db, prepared)
    people = {p["name"]: p for p in list_records(db, "person")}
    assert people["Sok Dara"]["gender"] == "m" and people["Nguyễn Thị Lan"]["country"] == "VN"


def test_a_changed_mapping_is_remembered_for_the_same_headers(db: Database, tmp_path: Path) -> None:
    rows = [["Sok Dara", "M", "KH", "dara@example.org", "Director"]]
    first = _workbook(tmp_path / "first.xlsx", HEADERS, rows)
    chosen = ColumnMapping(tuple(HEADERS), ("name", "gender", "country", "email", "position"))
    apply_template_import(db, prepare_template_import(db, first, kind="person", mapping=chosen))
    assert list_records(db, "person")[0]["position"] == "Director"
    reordered = [HEADERS[i] for i in (4, 0, 1, 2, 3)]
    assert column_mapping(db, "person", tuple(reordered)).keys == (
        "position",
        "name",
        "gender",
        "country",
        "email",
    )
    assert column_mapping(db, "green_envoy", tuple(HEADERS)).keys[4] == ""  # per kind


def test_unmapped_required_fields_and_bad_cells_are_named(db: Database, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "list.xlsx", ["Who", "Nationality"], [["A", "France"]])
    prepared = prepare_template_import(db, path, kind="person")
    messages = [p.message for p in prepared.preview.problems]
    assert any("required column “Name (Latin script)”" in m for m in messages)
    mapped = ColumnMapping(("Who", "Nationality"), ("name", "country"))
    prepared = prepare_template_import(db, path, kind="person", mapping=mapped)
    [problem] = prepared.preview.problems
    assert (problem.sheet, problem.row, problem.column) == ("Registration", 3, "B (Nationality)")
