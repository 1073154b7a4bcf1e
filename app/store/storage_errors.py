"""SQLite's storage failures become the user's message at the engine, where the path is known.

A full disk, a read-only file or a folder one may not write reaches
SQLAlchemy as an ``OperationalError`` whose text is the whole statement and
its parameters (record values). The engine's ``handle_error`` hook replaces
it with a ``StorageError`` that names the database and says what to do,
whatever the statement, the session or the layer that ran it.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import ExceptionContext

from app.errors import storage_error


def translate_storage_errors(engine: Engine, path: Path) -> None:
    """Raise a ``StorageError`` naming ``path`` in place of SQLite's storage failures."""

    def _translate(context: ExceptionContext) -> None:
        error = storage_error(context.original_exception, path)
        if error is not None:
            raise error from context.original_exception

    event.listen(engine, "handle_error", _translate)
