"""Certificate numbers and dates travel to the secretariat; packages of format 1 still read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import app.sync.export as export_module
import app.sync.layout as layout
from app.models import fields_of
from app.reports.certificates import certificate_batch
from app.services.certificates import issue_certificates
from app.services.records import get_record, update_record
from app.sync.export import export_package
from tests.services.certificate_fixtures import training_with_trainees
from tests.sync.conftest import receive, send

ON = dt.date(2012, 3, 6)


def test_the_secretariat_receives_numbers_and_dates_and_can_print_them(
    kh, sec, tmp_path: Path
) -> None:
    act, parts = training_with_trainees(kh)
    issue_certificates(kh, act, ON)
    send(kh, sec, tmp_path / "kh.xlsx")
    there = get_record(sec, "participation", parts["Sok Dara"])
    assert (there["certificate"], there["certificate_date"]) == ("ACEC-KH-2012-0003", ON)
    pages = certificate_batch(sec, act).pages
    assert [(p.number, p.name, p.name_local, p.date) for p in pages][:1] == [
        ("ACEC-KH-2012-0001", "Chan Sophea", "ចាន់ សុភា", ON)
    ]
    assert len(pages) == 3
    # A later change (a corrected date) travels too.
    update_record(kh, "participation", parts["Sok Dara"], {"certificate_date": dt.date(2012, 3, 7)})
    send(kh, sec, tmp_path / "kh2.xlsx")
    assert get_record(sec, "participation", parts["Sok Dara"])["certificate_date"] == dt.date(
        2012, 3, 7
    )


def test_a_package_of_format_1_without_the_date_column_still_reads(
    kh, sec, tmp_path: Path, monkeypatch
) -> None:
    """An office that has not upgraded yet sends format 1: no certificate_date column."""
    act, parts = training_with_trainees(kh)
    update_record(kh, "participation", parts["Sok Dara"], {"certificate": "OLD-0001"})
    older = tmp_path / "old.xlsx"
    with monkeypatch.context() as old_program:
        old_program.setattr(
            layout,
            "fields_of",
            lambda kind: tuple(s for s in fields_of(kind) if s.name != "certificate_date"),
        )
        old_program.setattr(export_module, "SCHEMA_VERSION", 1)
        export_package(kh, older, to="SEC")
    result = receive(sec, older)
    assert result is not None
    there = get_record(sec, "participation", parts["Sok Dara"])
    assert (there["certificate"], there["certificate_date"]) == ("OLD-0001", None)
