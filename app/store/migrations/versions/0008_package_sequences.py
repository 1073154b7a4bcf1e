"""package sequences: numbered packages sent and received

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

Every package an office writes gets the next number of its recipient's
series (``package_sent``); every numbered package that arrives is noted with
its outcome (``package_received``), so a replay is recognised, a skipped
number is shown until it arrives, and receipts tell the sender what happened.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "package_sent",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("series", sa.String(length=3), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_sent")),
    )
    with op.batch_alter_table("package_sent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_package_sent_series"), ["series"], unique=False)
    op.create_table(
        "package_received",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("sender", sa.String(length=3), nullable=False),
        sa.Column("series", sa.String(length=3), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("package_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("result", sa.String(length=10), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_received")),
    )
    with op.batch_alter_table("package_received", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_package_received_sender"), ["sender"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_package_received_package_id"), ["package_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("package_received", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_package_received_package_id"))
        batch_op.drop_index(batch_op.f("ix_package_received_sender"))
    op.drop_table("package_received")
    with op.batch_alter_table("package_sent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_package_sent_series"))
    op.drop_table("package_sent")
