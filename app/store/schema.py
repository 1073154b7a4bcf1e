"""Alembic migrations: the schema's version, and upgrading to the newest."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Alembic costs a quarter of a second to import and read; the window must open
# faster than that, so the usual case (schema already at head) is answered by
# reading the revision lines of the migration files and the version table.
_REVISION_LINE = re.compile(r"^(down_)?revision(?:\s*:[^=]+)?\s*=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration pointing at our migrations, without an ini file."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _quick_history() -> tuple[frozenset[str], str] | None:
    """Every revision and the single head, read from the files; None if unsure."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(
            (bool(down), value)
            for down, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8"))
        )
        if False not in found or True not in found:
            return None
        own, parent = found[False], found[True]
        if not re.fullmatch(r"[\"'][\w-]+[\"']", own):
            return None
        revisions.add(own.strip("\"'"))
        if parent != "None":
            if not re.fullmatch(r"[\"'][\w-]+[\"']", parent):
                return None  # a merge or an unusual form: let Alembic decide
            parents.add(parent.strip("\"'"))
    heads = revisions - parents
    if len(heads) != 1 or not parents <= revisions:
        return None
    return frozenset(revisions), heads.pop()


def head_revision() -> str:
    """The newest schema revision this program knows."""
    quick = _quick_history()
    if quick is not None:
        return quick[1]
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the open database (None when empty)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise ValueError("several schema heads in alembic_version")
    return rows[0] if rows else None


def known_revisions() -> set[str]:
    """Every revision in our migration history."""
    quick = _quick_history()
    if quick is not None:
        return set(quick[0])
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def upgrade(engine: Engine, before: Callable[[], None] | None = None) -> bool:
    """Bring the schema to the head revision; return True when anything ran.

    ``before`` runs first when an existing database is about to change (the
    store passes a backup there).
    """
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return False
    if current is not None and before is not None:
        before()
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    return True
