"""The local store: engine, sessions, migrations, backups, checks, the lock."""

from app.store.backup import backup_database, list_backups, restore_file
from app.store.database import (
    Database,
    SiteInfo,
    data_folder,
    default_database_path,
    open_database,
)
from app.store.integrity import CheckResult, check_database, check_database_file

__all__ = [
    "CheckResult",
    "Database",
    "SiteInfo",
    "backup_database",
    "check_database",
    "check_database_file",
    "data_folder",
    "default_database_path",
    "list_backups",
    "open_database",
    "restore_file",
]
