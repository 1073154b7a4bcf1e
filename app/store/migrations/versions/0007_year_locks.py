"""year locks: years the secretariat locked per country, and exceptions for one record

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _sync_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=3), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "year_lock",
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("lifted", sa.Boolean(), nullable=False),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_year_lock")),
    )
    with op.batch_alter_table("year_lock", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_year_lock_country"), ["country"], unique=False)
        batch_op.create_index(batch_op.f("ix_year_lock_owner"), ["owner"], unique=False)
        batch_op.create_index(batch_op.f("ix_year_lock_version"), ["version"], unique=False)
    op.create_table(
        "lock_exception",
        sa.Column("record_uid", sa.String(length=36), nullable=False),
        sa.Column("record_kind", sa.String(length=30), nullable=True),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_lock_exception")),
    )
    with op.batch_alter_table("lock_exception", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lock_exception_record_uid"), ["record_uid"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_lock_exception_owner"), ["owner"], unique=False)
        batch_op.create_index(batch_op.f("ix_lock_exception_version"), ["version"], unique=False)


def downgrade() -> None:
    op.drop_table("lock_exception")
    op.drop_table("year_lock")
