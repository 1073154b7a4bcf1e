"""The import's streamed sheet hash is bit for bit the export's, so existing packages verify."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal

import pytest

from app.sync.cells import SheetHasher, canonizer, converter, sheet_hash, sheet_hash_of_records
from app.sync.layout import columns_of


def test_the_streamed_hash_equals_the_hash_of_all_rows_at_once() -> None:
    columns = [c for c in columns_of("funding") if c.hashed]
    canonizers = [canonizer(c.spec) for c in columns]
    records = []
    for i in (7, 3, 11, 3, 0, 5, 9, 1):  # unsorted, with a repeated id
        values = {
            "uid": f"00000000-0000-4000-8000-{i:012d}",
            "owner": "VN",
            "version": f"1700000000000.{i:06d}.VN",
            "deleted": False,
            "amount": Decimal(f"{i}99.5"),
            "date": dt.date(2012, 1, 1 + i),
            "notes": f"note “{i}”\nsecond line" if i % 2 else None,
        }
        record = []
        for column in columns:
            value = values.get(column.key)
            record.append(None if value is None else converter(column.spec)(value))
        records.append(tuple(record))

    def canonize(record):
        return [canz(v) for canz, v in zip(canonizers, record, strict=True)]

    expected = sheet_hash("funding", columns, [canonize(r) for r in records])
    for chunk in (1, 2, 3, 5000):
        assert sheet_hash_of_records("funding", columns, records, canonize, chunk) == expected
    assert sheet_hash_of_records("funding", columns, [], canonize) == sheet_hash(
        "funding", columns, []
    )


def _sorted_rows() -> list[list[object]]:
    rows: list[list[object]] = [
        [f"00000000-0000-4000-8000-{i:012d}", "VN", f"1700000000000.{i:06d}.VN", False, f"n{i}"]
        for i in range(7)
    ]
    rows.insert(3, list(rows[3]))  # a repeated id keeps its place, as sorted() would
    rows[3][4] = "ü “quoted”\nline"
    return rows


def _by_definition(rows: list[list[object]]) -> str:
    """The hash as packages already written define it, spelt out independently."""
    keys = ",".join(c.key for c in columns_of("funding") if c.hashed)
    body = json.dumps(sorted(rows, key=lambda r: r[0]), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"funding\n{keys}\n{body}".encode()).hexdigest()


def test_rows_hashed_as_they_stream_give_the_hash_of_the_whole_sheet() -> None:
    columns = [c for c in columns_of("funding") if c.hashed]
    rows = _sorted_rows()
    for batch in (1, 2, 3, 1000):
        hasher = SheetHasher("funding", columns, batch=batch)
        for row in rows:
            hasher.add(row)
        assert hasher.rows == len(rows)
        assert hasher.hexdigest() == sheet_hash("funding", columns, rows) == _by_definition(rows)
    assert SheetHasher("funding", columns).hexdigest() == sheet_hash("funding", columns, [])


def test_a_row_out_of_order_is_refused_not_hashed_wrongly() -> None:
    columns = [c for c in columns_of("funding") if c.hashed]
    rows = _sorted_rows()
    hasher = SheetHasher("funding", columns)
    hasher.add(rows[2])
    with pytest.raises(ValueError, match="order"):
        hasher.add(rows[1])
