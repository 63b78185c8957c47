"""Rate limits shared by every server process: one row per request counted.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_hits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("window", sa.String(32), nullable=False),
        sa.Column("key", sa.String(160), nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rate_hits"),
    )
    op.create_index("ix_rate_hits_window_key_at", "rate_hits", ["window", "key", "at"])


def downgrade() -> None:
    op.drop_index("ix_rate_hits_window_key_at", table_name="rate_hits")
    op.drop_table("rate_hits")
