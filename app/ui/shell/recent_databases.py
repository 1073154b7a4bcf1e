"""The databases opened lately on this computer, newest first, for File › Open recent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

RECENT_KEY = "recent/databases"
MAX_RECENT = 8


def recent_databases() -> list[Path]:
    """The remembered databases, newest first (some may be gone since)."""
    value = QSettings().value(RECENT_KEY, [])
    # An .ini file gives back a one-item list as a plain string.
    names = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    return [Path(str(name)) for name in names if name][:MAX_RECENT]


def _save(paths: list[Path]) -> None:
    QSettings().setValue(RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])


def note_recent(path: Path) -> None:
    """Put ``path`` first in the list (once), keeping at most ``MAX_RECENT``."""
    _save([path, *(p for p in recent_databases() if p != path)])


def forget_recent(path: Path) -> None:
    """Take ``path`` off the list (it was moved, or is gone)."""
    _save([p for p in recent_databases() if p != path])


def clear_recent() -> None:
    """Empty the list."""
    QSettings().remove(RECENT_KEY)
