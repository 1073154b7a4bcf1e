"""certificates: the date a participation's certificate was issued

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("certificate_date", sa.Date(), nullable=True))
        # Issuing looks up this office's numbers of a year; an index keeps that quick.
        batch_op.create_index(
            batch_op.f("ix_participation_certificate"), ["certificate"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("participation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participation_certificate"))
        batch_op.drop_column("certificate_date")
