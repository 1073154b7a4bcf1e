"""A filled template of people: the birth-year column, and the people who may already be
recorded, counted in the preview (``import-template --json``: ``possible_duplicates``)."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from app.cli import main
from app.services.records import create_record, list_records
from app.store import open_database
from tests.templates.filling import blank_template, fill, init_office


def _run(capsys, *argv: str) -> tuple[int, dict]:
    capsys.readouterr()
    code = main(list(argv))
    return code, json.loads(capsys.readouterr().out)


def _stored(db_path: str) -> None:
    db = open_database(Path(db_path))
    try:
        moe = create_record(
            db,
            "organisation",
            {"name": "Ministry of Environment", "type": "ministry", "country": "VN"},
        )
        for name, year in (("Nguyễn Văn Minh", 1975), ("Tran Thi Lan", None)):
            values = {"name": name, "country": "VN", "organisation_uid": moe.uid}
            create_record(db, "person", values | {"birth_year": year})
    finally:
        db.close()


def test_the_birth_year_column_has_its_comment(tmp_path: Path) -> None:
    db = init_office(tmp_path)
    book = load_workbook(blank_template(db, tmp_path, "people"))
    sheet = book.worksheets[1]
    column = next(c.column for c in sheet[3] if c.value == "birth_year")
    header = sheet.cell(row=2, column=column)
    assert header.value == "Birth year"
    assert "Optional." in header.comment.text and "e.g. 1980" in header.comment.text


def test_birth_years_import_and_a_year_out_of_range_is_refused(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    blank = blank_template(db, tmp_path, "people")
    bad = fill(blank, [{"name": "A", "country": "VN", "birth_year": 1850}], tmp_path / "b.xlsx")
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(bad))
    assert code == 1 and "from 1900 to" in data["problems"][0]["message"]
    good = fill(blank, [{"name": "A", "country": "VN", "birth_year": "1979"}], tmp_path / "g.xlsx")
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(good))
    assert code == 0 and data["possible_duplicates"] == 0
    database = open_database(Path(db))
    try:
        assert [p["birth_year"] for p in list_records(database, "person")] == [1979]
    finally:
        database.close()


def test_people_who_may_already_be_recorded_are_counted_in_the_preview(
    tmp_path: Path, capsys
) -> None:
    db = init_office(tmp_path)
    _stored(db)
    rows = [
        # The same man, his name in another order, born the same year, another ministry.
        {"name": "NGUYEN Van Minh", "country": "VN", "birth_year": 1975},
        # Another man of the same name: another ministry, another year.
        {"name": "Nguyen Van Minh", "country": "VN", "birth_year": 1990},
        {"name": "Lan TRAN THI", "country": "VN", "organisation_uid": "Ministry of Environment"},
        {"name": "Pham Thu Ha", "country": "VN"},
    ]
    filled = fill(blank_template(db, tmp_path, "people"), rows, tmp_path / "f.xlsx")
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(filled), "--dry-run")
    assert code == 0 and data["new"] == 4
    assert data["possible_duplicates"] == 2
    capsys.readouterr()
    assert main(["--db", db, "import-template", str(filled)]) == 0
    text = capsys.readouterr().out
    assert "2 people in this file may already be in the database" in text
    code, data = _run(capsys, "--db", db, "--json", "duplicates")
    assert len(data["pairs"]) == 2


def test_rows_keep_their_numbers_when_the_first_row_and_column_are_emptied(
    tmp_path: Path, capsys
) -> None:
    """The rows are read by python-calamine, which starts at the first cell used: a title
    row and an example column emptied by the user must not move the row numbers."""
    db = init_office(tmp_path)
    rows = [{"name": "A", "country": "VN"}, {"name": "B", "country": "Atlantis"}]
    filled = fill(blank_template(db, tmp_path, "people"), rows, tmp_path / "f.xlsx")
    book = load_workbook(filled)
    sheet = book.worksheets[1]
    for row in range(1, sheet.max_row + 1):
        if row != 3:  # the hidden key row keeps the column's key
            sheet.cell(row=row, column=1).value = None
    sheet.cell(row=1, column=3).value = None
    sheet.delete_rows(4, 2)  # the example rows too: the filled rows move up by two
    book.save(filled)
    code, data = _run(capsys, "--db", db, "--json", "import-template", str(filled))
    assert code == 1
    assert [(p["row"], p["column"].split(" ")[0]) for p in data["problems"]] == [(5, "F")]
