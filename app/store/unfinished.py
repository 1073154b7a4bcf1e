"""Files being written for a database, listed beside it so a killed program's are found.

An export writes ``X.partial.xlsx`` (and xlsxwriter's sheet parts in a
folder of their own) and an import a backup before it commits; a program
killed meanwhile leaves them. Each is listed in ``<database>.unfinished``
before its first byte and struck off once done. The next open, holding the
one-copy lock (so no program that listed them can still be writing them),
removes what is listed and still there: only files this program named and
made, never a user's file that happens to look alike.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path


def journal_path(db_path: Path) -> Path:
    """The list of unfinished files of the database at ``db_path``."""
    return db_path.with_name(db_path.name + ".unfinished")


def _listed(db_path: Path) -> list[Path]:
    try:
        text = journal_path(db_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [Path(line) for line in text.splitlines() if line.strip()]


def note_unfinished(db_path: Path, *paths: Path) -> None:
    """List ``paths`` as being written, durably, before anything is written to them."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
    fd = os.open(journal_path(db_path), flags, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as fh:
        fh.write("".join(f"{Path(p).resolve()}\n" for p in paths))
        fh.flush()
        os.fsync(fh.fileno())


def forget_unfinished(db_path: Path, *paths: Path) -> None:
    """Strike ``paths`` off the list (they were finished, or removed)."""
    done = {Path(p).resolve() for p in paths}
    left = [p for p in _listed(db_path) if p not in done]
    journal = journal_path(db_path)
    try:
        if not left:
            journal.unlink(missing_ok=True)
            return
        partial = journal.with_name(journal.name + ".new")
        partial.write_text("".join(f"{p}\n" for p in left), encoding="utf-8")
        os.replace(partial, journal)
    except OSError:
        pass  # a stale line only makes the next open look for a file that is gone


def remove_unfinished(db_path: Path, keep: Callable[[Path], bool]) -> list[Path]:
    """Remove the listed files that are still there, except those ``keep`` wants; return them.

    Call it only while holding the database's lock.
    """
    removed: list[Path] = []
    listed = list(dict.fromkeys(_listed(db_path)))
    for path in listed:
        if not path.exists() or keep(path):
            continue
        try:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue  # still listed, tried again at the next open
        removed.append(path)
    forget_unfinished(db_path, *[p for p in listed if p in removed or not p.exists() or keep(p)])
    return removed
