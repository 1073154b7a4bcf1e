"""``--marked-copy FILE``: the user's own workbook, bad cells coloured with a comment, an Errors sheet."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from app.cli import main
from tests.templates.filling import blank_template, fill, init_office

ROWS = [
    {"name": "Good Row", "country": "VN", "position": "Director"},
    {"name": "Bad Country", "country": "France"},  # row 7, column F
    {"name": "Bad Gender", "country": "KH", "gender": "maybe", "consent": "perhaps"},  # row 8: E, L
    {"name": "Also Good", "country": "Lao PDR"},
]
BAD_CELLS = {"F7", "E8", "L8"}


def _user_formatting(path: Path) -> None:
    """What a person does to their list: a bold cell, their own colour, a note, a wider column."""
    book = load_workbook(path)
    sheet = book.worksheets[1]
    sheet["C6"].font = Font(bold=True, color="FF0000")
    sheet["C9"].fill = PatternFill(fill_type="solid", start_color="FFFF00", end_color="FFFF00")
    sheet["I6"].comment = Comment("checked by phone", "Lan")
    sheet.column_dimensions["C"].width = 41
    book.save(path)


def _import(capsys, db: str, filled: Path, marked: Path) -> dict:
    capsys.readouterr()
    code = main(
        ["--db", db, "--json", "import-template", str(filled), "--marked-copy", str(marked)]
    )
    assert code == 1
    return json.loads(capsys.readouterr().out)


def test_exactly_the_bad_cells_are_marked_and_the_users_formatting_survives(
    tmp_path: Path, capsys
) -> None:
    db = init_office(tmp_path)
    filled = fill(blank_template(db, tmp_path, "people"), ROWS, tmp_path / "mine.xlsx")
    _user_formatting(filled)
    marked = tmp_path / "mine-marked.xlsx"
    data = _import(capsys, db, filled, marked)
    assert data["marked_copy"] == str(marked)
    assert stat.S_IMODE(os.stat(marked).st_mode) == 0o600
    book = load_workbook(marked)
    sheet = book["People"]
    ours = {
        cell.coordinate
        for row in sheet.iter_rows()
        for cell in row
        if cell.comment is not None and cell.comment.author == "ACEC Tracker"
    }
    assert ours == BAD_CELLS
    for coordinate in BAD_CELLS:
        assert sheet[coordinate].fill.start_color.rgb.endswith("FFC7CE")
    assert "France" in sheet["F7"].comment.text and "VN" in sheet["F7"].comment.text
    assert "yes or no" in sheet["L8"].comment.text
    # The user's own formatting, note and values are as they left them.
    assert sheet["C6"].font.bold and sheet["C6"].font.color.rgb.endswith("FF0000")
    assert sheet["C9"].fill.start_color.rgb.endswith("FFFF00")
    assert sheet["I6"].comment.text == "checked by phone"
    assert sheet.column_dimensions["C"].width == 41
    assert sheet["F7"].value == "France" and sheet.row_dimensions[3].hidden
    assert sheet["C2"].comment is not None  # the template's header notes stay too


def test_the_errors_sheet_lists_every_problem_with_a_link_to_its_cell(
    tmp_path: Path, capsys
) -> None:
    db = init_office(tmp_path)
    filled = fill(blank_template(db, tmp_path, "people"), ROWS, tmp_path / "mine.xlsx")
    marked = tmp_path / "marked.xlsx"
    data = _import(capsys, db, filled, marked)
    book = load_workbook(marked)
    errors = book.worksheets[0]
    assert errors.title == "Errors"
    rows = list(errors.iter_rows(min_row=2))
    assert len(rows) == len(data["problems"]) == 3
    links = {row[3].hyperlink.location for row in rows}
    assert links == {f"'People'!{cell}" for cell in BAD_CELLS}
    assert {(row[0].value, row[1].value) for row in rows} == {("People", 7), ("People", 8)}


def test_a_marked_copy_put_right_imports(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    filled = fill(blank_template(db, tmp_path, "people"), ROWS, tmp_path / "mine.xlsx")
    marked = tmp_path / "marked.xlsx"
    _import(capsys, db, filled, marked)
    book = load_workbook(marked)
    sheet = book["People"]
    sheet["F7"], sheet["E8"], sheet["L8"] = "Thailand", "F", "No"
    book.save(marked)
    capsys.readouterr()
    assert main(["--db", db, "--json", "import-template", str(marked)]) == 0
    assert json.loads(capsys.readouterr().out)["new"] == 4


def test_text_put_in_the_errors_sheet_is_never_a_formula(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    rows = [{"name": "A", "country": "=1+1"}]
    filled = fill(blank_template(db, tmp_path, "people"), rows, tmp_path / "mine.xlsx")
    book = load_workbook(filled)
    book.worksheets[1]["F6"].data_type = "s"  # as typed with a leading apostrophe
    book.save(filled)
    marked = tmp_path / "marked.xlsx"
    _import(capsys, db, filled, marked)
    errors = load_workbook(marked).worksheets[0]
    assert all(cell.data_type != "f" for row in errors.iter_rows() for cell in row)


def test_no_marked_copy_is_written_when_there_is_no_problem(tmp_path: Path, capsys) -> None:
    db = init_office(tmp_path)
    filled = fill(blank_template(db, tmp_path, "people"), ROWS[:1], tmp_path / "mine.xlsx")
    marked = tmp_path / "marked.xlsx"
    capsys.readouterr()
    argv = ["--db", db, "import-template", str(filled), "--dry-run", "--marked-copy", str(marked)]
    assert main(argv) == 0
    assert "no marked copy" in capsys.readouterr().out and not marked.exists()
