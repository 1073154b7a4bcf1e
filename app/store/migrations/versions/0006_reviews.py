"""reviews: the secretariat's verdict on a country's record and the version it saw

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review",
        sa.Column("record_uid", sa.String(length=36), nullable=False),
        sa.Column("record_kind", sa.String(length=40), nullable=False),
        sa.Column("record_version", sa.String(length=40), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=3), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_review")),
    )
    with op.batch_alter_table("review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_owner"), ["owner"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_record_uid"), ["record_uid"], unique=False)
        batch_op.create_index(batch_op.f("ix_review_version"), ["version"], unique=False)


def downgrade() -> None:
    op.drop_table("review")
