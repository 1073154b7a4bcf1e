"""Where the program keeps its files: the per-user data folder and the default database.

Kept apart from the store so that start-up can find the database before the
database libraries are loaded.

The default database is ``acec.sqlite`` in the data folder until the user
moves it (Settings › Move database…); the new place is then written to a
small file in the data folder, so that the window and every command
without ``--db`` use the moved database. Kept in a file of ours rather than
Qt's settings because the commands load no Qt.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

from app.private_files import open_private

APP_NAME = "ACEC Tracker"
APP_AUTHOR = "ACEC"
DATABASE_NAME = "acec.sqlite"
CHOSEN_DATABASE_FILE = "database-location.txt"


def data_folder() -> Path:
    """The per-user data folder (created on demand)."""
    folder = user_data_path(APP_NAME, APP_AUTHOR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def standard_database_path() -> Path:
    """Where the database lives when it was never moved: ``acec.sqlite`` in the data folder."""
    return data_folder() / DATABASE_NAME


def chosen_database() -> Path | None:
    """The database the user moved elsewhere, or None if it was never moved."""
    try:
        text = (data_folder() / CHOSEN_DATABASE_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return Path(text) if text else None


def remember_database(path: Path | None) -> None:
    """Make ``path`` the default database from now on (None: the standard place again).

    Written under another name and renamed, so a crash leaves the old choice
    or the new one, never half a path.
    """
    pointer = data_folder() / CHOSEN_DATABASE_FILE
    if path is None or path == standard_database_path():
        pointer.unlink(missing_ok=True)
        return
    partial = pointer.with_name(pointer.name + ".partial")
    with open_private(partial, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(str(path) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, pointer)


def default_database_path() -> Path:
    """Where the database lives when ``--db`` is not given: the moved one, else the standard."""
    return chosen_database() or standard_database_path()
