"""A table's secondary indexes set aside while a bulk insert far larger than the table runs.

SQLite keeps every index in step row by row, each insert a walk to a random
page once the index outgrows the page cache; building an index once, from
sorted keys, costs a fraction of that. So when an import adds at least as
many rows as a table holds (a secretariat's first package from an office,
a new database), the table's plain secondary indexes are dropped and built
again afterwards, inside the caller's transaction: a failure rolls the drop
back with everything else. Unique indexes stay, so a duplicate is refused
where it is inserted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

LARGE = 10_000  # fewer rows than this are inserted faster with the indexes in place


@contextmanager
def indexes_set_aside(session: Session, table: str, adding: int) -> Iterator[None]:
    """Drop ``table``'s secondary indexes for a large insert and build them again after.

    Only on SQLite, inside an open transaction, and when ``adding`` rows are
    at least ``LARGE`` and at least as many as the table holds. On an error
    the indexes are not rebuilt: the caller's transaction must roll back.
    """
    connection = session.connection()
    driver = connection.connection.driver_connection
    if (
        connection.dialect.name != "sqlite"
        or adding < LARGE
        or not getattr(driver, "in_transaction", False)
    ):
        yield
        return
    quoted = connection.dialect.identifier_preparer.quote(table)
    held = connection.exec_driver_sql(f"SELECT count(*) FROM {quoted}").scalar() or 0
    if adding < held:
        yield
        return
    indexes = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
        "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
        (table,),
    ).all()
    quote = connection.dialect.identifier_preparer.quote
    for name, _sql in indexes:
        connection.exec_driver_sql(f"DROP INDEX {quote(name)}")
    yield
    for _name, sql in indexes:
        connection.exec_driver_sql(sql)
