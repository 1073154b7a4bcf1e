"""The import's streamed sheet hash is bit for bit the export's, so existing packages verify."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app.sync.cells import canonizer, converter, sheet_hash, sheet_hash_of_records
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
