"""identity_link: an office's decision that two people (or organisations) are one, or two

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "identity_link",
        sa.Column("record_kind", sa.String(length=20), nullable=False),
        sa.Column("first_uid", sa.String(length=36), nullable=False),
        sa.Column("second_uid", sa.String(length=36), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("owner", sa.String(length=3), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_identity_link")),
    )
    with op.batch_alter_table("identity_link", schema=None) as batch_op:
        for column in ("first_uid", "second_uid", "owner", "version"):
            batch_op.create_index(batch_op.f(f"ix_identity_link_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("identity_link", schema=None) as batch_op:
        for column in ("version", "owner", "second_uid", "first_uid"):
            batch_op.drop_index(batch_op.f(f"ix_identity_link_{column}"))
    op.drop_table("identity_link")
