"""SQLite's storage failures (and a damaged file) become the user's message at the engine, where the path is known.

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

from app.errors import StoreError, storage_error
from app.i18n import _

_SQLITE_CORRUPT = 11  # "database disk image is malformed"


def translate_storage_errors(engine: Engine, path: Path) -> None:
    """Raise a ``StorageError`` naming ``path`` in place of SQLite's storage failures."""

    def _translate(context: ExceptionContext) -> None:
        original = context.original_exception
        error = storage_error(original, path) or _damaged(original, path)
        if error is not None:
            raise error from original

    event.listen(engine, "handle_error", _translate)


def _damaged(exc: BaseException, path: Path) -> StoreError | None:
    """A damaged page found while working: say so and point to ``acec check``, no SQL."""
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int) or code & 0xFF != _SQLITE_CORRUPT:
        return None
    return StoreError(
        _(
            "The database {path} is damaged ({error}); nothing was saved. Run acec check to "
            "see what is wrong, and ask your support contact."
        ).format(path=path, error=str(exc).splitlines()[0] if str(exc) else "")
    )
