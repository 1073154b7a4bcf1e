"""exchange rate defaults and a funding record's own rate

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Adds ``funding.own_rate`` (the rate the office's finance section used) and
the shipped default rates that an older database lacks, under the same ids
and the reference version every site gives them, so an upgraded office and
a new one hold the same reference records.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_REFERENCE_VERSION = "0000000000000.000000.SEC"


def upgrade() -> None:
    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("own_rate", sa.String(length=40), nullable=True))
    _add_missing_rates()


def _add_missing_rates() -> None:
    from app.shipped_rates import REPORTING_CURRENCY, shipped_rates

    connection = op.get_bind()
    have = set(connection.execute(sa.text("SELECT uid FROM exchange_rate")).scalars())
    table = sa.table(
        "exchange_rate",
        sa.column("uid", sa.String),
        sa.column("owner", sa.String),
        sa.column("version", sa.String),
        sa.column("deleted", sa.Boolean),
        sa.column("year", sa.Integer),
        sa.column("currency", sa.String),
        sa.column("reporting_currency", sa.String),
        sa.column("rate", sa.String),
    )
    rows = [
        {
            "uid": r.uid,
            "owner": "SEC",
            "version": _REFERENCE_VERSION,
            "deleted": False,
            "year": r.year,
            "currency": r.currency,
            "reporting_currency": REPORTING_CURRENCY,
            "rate": format(r.rate.normalize(), "f"),
        }
        for r in shipped_rates()
        if r.uid not in have
    ]
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.drop_column("own_rate")
