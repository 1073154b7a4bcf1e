"""A person's birth year travels to the secretariat; packages of format 2 (before it) still read."""

from __future__ import annotations

from pathlib import Path

import app.sync.export as export_module
import app.sync.layout as layout
from app.models import fields_of
from app.services.records import create_record, get_record
from app.sync.export import export_package
from app.sync.importer import prepare_import
from tests.sync.conftest import receive, send


def _person(db, **extra) -> str:
    values = {"name": "Sok Dara", "country": "KH"} | extra
    return create_record(db, "person", values).uid


def test_the_birth_year_travels(kh, sec, tmp_path: Path) -> None:
    uid = _person(kh, birth_year=1979)
    send(kh, sec, tmp_path / "kh.xlsx")
    assert get_record(sec, "person", uid)["birth_year"] == 1979


def test_a_package_of_format_2_without_the_birth_year_column_still_reads(
    kh, sec, tmp_path: Path, monkeypatch
) -> None:
    """An office that has not upgraded yet sends format 2: no birth_year column."""
    uid = _person(kh)
    older = tmp_path / "old.xlsx"
    with monkeypatch.context() as old_program:
        old_program.setattr(
            layout,
            "fields_of",
            lambda kind: tuple(s for s in fields_of(kind) if s.name != "birth_year"),
        )
        old_program.setattr(export_module, "SCHEMA_VERSION", 2)
        export_package(kh, older, to="SEC")
    assert receive(sec, older) is not None
    there = get_record(sec, "person", uid)
    assert (there["name"], there["birth_year"]) == ("Sok Dara", None)


def test_a_package_of_format_3_without_the_column_is_refused(
    kh, sec, tmp_path: Path, monkeypatch
) -> None:
    """Only older formats may lack it: a current package without it was changed."""
    _person(kh)
    cut = tmp_path / "cut.xlsx"
    with monkeypatch.context() as cut_program:
        cut_program.setattr(
            layout,
            "fields_of",
            lambda kind: tuple(s for s in fields_of(kind) if s.name != "birth_year"),
        )
        export_package(kh, cut, to="SEC")
    preview = prepare_import(sec, cut).preview
    assert preview.refused
    assert any("(birth_year) is missing" in p.message for p in preview.problems)
