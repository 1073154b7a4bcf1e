"""Review of issue 10: every text a person can type travels, or is refused when typed.

A spreadsheet cell holds at most 32,767 characters. A note longer than that
was saved without a word and then stopped every export of the office
("Notes is longer than a spreadsheet cell holds").
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.errors import ValidationError
from app.models.reference_ids import plan_item_uid
from app.services.records import create_record, get_record
from app.sync.export import export_package
from app.sync.importer import import_package

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "proofs"))
from sites import trust_each_other  # noqa: E402

LIMIT = 32_767


def _activity(db, notes: str):  # type: ignore[no-untyped-def]
    return create_record(
        db,
        "activity",
        {
            "title": "Workshop",
            "type": "training",
            "status": "completed",
            "topic": "eia",
            "item_uid": plan_item_uid("2.5"),
            "notes": notes,
        },
    )


def test_a_note_longer_than_a_cell_is_refused_when_typed(vn) -> None:
    with pytest.raises(ValidationError) as caught:
        _activity(vn, "n" * (LIMIT + 1))
    assert "notes" in [p.field for p in caught.value.problems]


def test_the_longest_note_a_cell_holds_travels_unchanged(vn, sec, tmp_path) -> None:
    trust_each_other(vn, sec)
    note = ("Ghi chú _x0041_ " * 3000)[: LIMIT - 1] + "!"
    record = _activity(vn, note)
    package = tmp_path / "vn.xlsx"
    export_package(vn, package, to="SEC")
    assert import_package(sec, package).applied
    assert get_record(sec, "activity", record.uid).values["notes"] == note
