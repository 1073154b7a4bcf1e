"""search_fold: the folded text a search without case or accents looks in

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

Adds ``search_fold`` to the five searchable record kinds and fills it for the
records already stored, so "huong" finds "Hương" in an upgraded office too.
The fields are written out here, as they were at this revision; the folding
is the program's one folding (``app.models.search_fold``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SEARCHED = {
    "activity": ("title", "title_local", "city"),
    "organisation": ("name", "name_local", "abbreviation"),
    "person": ("name", "name_local", "email"),
    "green_envoy": ("notes",),
    "funding": ("notes",),
}
BATCH = 5000


def upgrade() -> None:
    for table in SEARCHED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("search_fold", sa.Text(), nullable=True))
    for table, fields in SEARCHED.items():
        _fill(table, fields)


def _fill(name: str, fields: tuple[str, ...]) -> None:
    from app.models.search_fold import folded_fields

    connection = op.get_bind()
    table = sa.table(name, sa.column("uid", sa.String), *(sa.column(f, sa.String) for f in fields))
    target = sa.table(name, sa.column("uid", sa.String), sa.column("search_fold", sa.Text))
    statement = (
        sa.update(target)
        .where(target.c.uid == sa.bindparam("b_uid"))
        .values(search_fold=sa.bindparam("b_fold"))
    )
    rows = connection.execute(sa.select(table)).mappings().all()
    for start in range(0, len(rows), BATCH):
        updates = [
            {"b_uid": r["uid"], "b_fold": folded_fields(fields, dict(r))}
            for r in rows[start : start + BATCH]
        ]
        connection.execute(statement, updates)


def downgrade() -> None:
    for table in SEARCHED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("search_fold")
