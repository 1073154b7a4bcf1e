"""Filling a template as a person would, with openpyxl: by the keys of its hidden row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from app.cli import main


def init_office(tmp_path: Path, site: str = "VN") -> str:
    path = str(tmp_path / f"{site.lower()}.sqlite")
    assert main(["--db", path, "init", "--site", site]) == 0
    return path


def blank_template(db: str, tmp_path: Path, kind: str, *extra: str, lang: str = "en") -> Path:
    out = tmp_path / f"{kind}-blank.xlsx"
    assert main(["--db", db, "--lang", lang, "template", kind, "--out", str(out), *extra]) == 0
    return out


def fill(template: Path, rows: list[dict[str, Any]], out: Path, first_row: int = 6) -> Path:
    """Write ``rows`` (values by column key) from ``first_row`` on, and save as ``out``."""
    book = load_workbook(template)
    sheet = book.worksheets[1]
    columns = {cell.value: cell.column for cell in sheet[3] if cell.value}
    for offset, values in enumerate(rows):
        for key, value in values.items():
            sheet.cell(row=first_row + offset, column=columns[key], value=value)
    book.save(out)
    return out
