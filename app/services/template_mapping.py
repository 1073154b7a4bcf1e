"""How the columns of a workbook made without our template map to fields, remembered per header set.

The mapping is kept in this database's own settings (never synced), under an
id of the set of headers, one per record kind.
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from app.store import Database
from app.store.local_settings import read_setting, write_setting
from app.templates.foreign import ColumnMapping, header_set_id, mappable_columns, suggested_key


def _mapping_key(kind: str, headers: tuple[str, ...]) -> str:
    return f"template_mapping.{kind}.{header_set_id(kind, headers)}"


def column_mapping(db: Database, kind: str, headers: tuple[str, ...]) -> ColumnMapping:
    """The mapping remembered for this set of headers, else the suggested one."""
    with db.read_session() as session:
        stored = read_setting(session, _mapping_key(kind, headers))
    remembered: dict[str, str] = json.loads(stored) if stored else {}
    keys = tuple(
        remembered[header] if header in remembered else suggested_key(kind, header)
        for header in headers
    )
    return ColumnMapping(headers, keys)


def mapping_choices(kind: str) -> list[tuple[str, str]]:
    """The fields a foreign workbook's column may be mapped to: (key, label) in order."""
    return [(column.key, column.header) for column in mappable_columns(kind)]


def remember_mapping(session: Session, kind: str, mapping: ColumnMapping) -> None:
    """Remember, in this database's own settings, how this set of headers was read."""
    value = json.dumps(mapping.as_dict(), ensure_ascii=False)
    write_setting(session, _mapping_key(kind, mapping.headers), value)
