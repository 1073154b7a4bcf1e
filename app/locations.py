"""Where the program keeps its files: the per-user data folder and the default database.

Kept apart from the store so that start-up can find the database before the
database libraries are loaded.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "ACEC Tracker"
APP_AUTHOR = "ACEC"


def data_folder() -> Path:
    """The per-user data folder (created on demand)."""
    folder = user_data_path(APP_NAME, APP_AUTHOR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database_path() -> Path:
    """Where the database lives when ``--db`` is not given."""
    return data_folder() / "acec.sqlite"
