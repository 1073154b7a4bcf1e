"""The quick schema check (no Alembic import at start) agrees with Alembic itself."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from app.store import schema


def test_quick_history_matches_alembic() -> None:
    quick = schema._quick_history()
    assert quick is not None, "the migration files could not be read quickly"
    script = ScriptDirectory.from_config(schema.alembic_config())
    assert set(quick[0]) == {rev.revision for rev in script.walk_revisions()}
    assert quick[1] == script.get_current_head()


def test_current_revision_of_a_new_database(db) -> None:
    assert schema.current_revision(db.engine) == schema.head_revision()
