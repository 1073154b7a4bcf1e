"""What every command gets: the chosen database, language and output style."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import AcecError
from app.i18n import _
from app.locations import default_database_path

if TYPE_CHECKING:  # the window starts without loading the database libraries
    from app.store import Database


class CommandFailed(AcecError):
    """A command refused its input; ``data`` goes into the JSON summary."""

    def __init__(self, message: str, data: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.data = data


@dataclass
class CliContext:
    db: str | None
    lang: str | None
    json: bool
    _open: list[Database] = field(default_factory=list)

    @property
    def db_path(self) -> Path:
        return Path(self.db).expanduser() if self.db else default_database_path()

    def db_path_or_none(self) -> Path | None:
        return Path(self.db).expanduser() if self.db else None

    def open_db(self, *, read_only: bool = False) -> Database:
        """Open the chosen database (locked, migrated); closed when the command ends.

        ``read_only`` for a command that only reads: SQLite's read-only mode
        where the database needs no migration, so the file stays as it was.
        """
        from app.store import open_database

        db = open_database(self.db_path, read_only=read_only)
        self._open.append(db)
        for notice in db.notices:  # on stderr: stdout may be JSON or a dump
            print("acec: " + _("warning: {message}").format(message=notice), file=sys.stderr)
        return db

    def adopt(self, db: Database) -> Database:
        self._open.append(db)
        return db

    def out(self, text: str, data: dict[str, Any]) -> None:
        """Print ``text`` for people, or ``data`` as JSON with ``--json``."""
        if self.json:
            print(json.dumps({"ok": True} | data, ensure_ascii=False, sort_keys=True, default=str))
        else:
            print(text)

    def close(self) -> None:
        for db in self._open:
            db.close()
        self._open.clear()
