"""Where an open database's files are: the database, its backups, the error log, the key.

The one place the Settings page (and anything else that shows them) learns
the paths, so that no screen works a path out for itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.logging_setup import log_path
from app.store.backup import backup_dir
from app.store.relocation import MoveResult, move_database
from app.store.site_keys import key_path

__all__ = ["DataFiles", "MoveResult", "data_files", "move_database"]


@dataclass(frozen=True)
class DataFiles:
    """The files of one database, each with the folder that holds it."""

    database: Path
    backups: Path  # a folder
    error_log: Path
    key_file: Path

    def folder_of(self, path: Path) -> Path:
        """The folder to open for ``path`` (the backups folder is one already)."""
        return path if path == self.backups else path.parent


def data_files(db_path: Path) -> DataFiles:
    """Where the database at ``db_path`` keeps its files."""
    return DataFiles(
        database=db_path,
        backups=backup_dir(db_path),
        error_log=log_path(),
        key_file=key_path(db_path),
    )
