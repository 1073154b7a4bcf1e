"""Every synced record as canonical JSON: the same data gives the same bytes anywhere."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from app.models import RECORD_TYPES, fields_of
from app.models.values import canonical
from app.store import Database


def iter_canonical_records(db: Database, kind: str) -> Iterator[dict[str, Any]]:
    """Records of one kind in uid order, each as a canonical dict (tombstones included)."""
    model = next(m for m in RECORD_TYPES if m.__kind__ == kind)
    table = model.__table__
    specs = fields_of(kind)
    columns = [table.c.uid, table.c.owner, table.c.version, table.c.deleted] + [
        table.c[s.name] for s in specs
    ]
    with db.engine.connect() as conn:
        for row in conn.execute(select(*columns).order_by(table.c.uid)):
            uid, owner, version, deleted, *values = row
            yield {
                "uid": uid,
                "owner": owner,
                "version": version,
                "deleted": bool(deleted),
                "fields": {
                    s.name: canonical(s.type, v) for s, v in zip(specs, values, strict=True)
                },
            }


def dump_data(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every synced record grouped by kind, in canonical order."""
    return {
        m.__kind__: list(iter_canonical_records(db, m.__kind__))
        for m in sorted(RECORD_TYPES, key=lambda m: m.__kind__)
    }


def dump_json(db: Database) -> str:
    """The canonical JSON text of ``dump_data`` (sorted keys, UTF-8, one record per line)."""
    data = dump_data(db)
    lines = ["{"]
    kinds = list(data)
    for i, kind in enumerate(kinds):
        lines.append(f"{json.dumps(kind)}: [")
        records = data[kind]
        for j, record in enumerate(records):
            sep = "," if j < len(records) - 1 else ""
            lines.append(
                json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + sep
            )
        lines.append("]" + ("," if i < len(kinds) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"
