"""proxy: online assists (帮办网办) kept by the county

The helped online applications the desks push, with the columns the county
counts by (platform, outcome, when helped, followed up or not).

Revision ID: 0009_proxy
Revises: 0008_stats_rollups
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0009_proxy"
down_revision = "0008_stats_rollups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "online_assists",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("center_id", sa.Uuid(), nullable=False),
        sa.Column("platform", sa.String(length=50), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("helped_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("followed_up_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("data", sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("last_device_id", sa.Uuid(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_online_assists_center_id_centers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_online_assists")),
    )
    with op.batch_alter_table("online_assists", schema=None) as batch_op:
        batch_op.create_index("ix_online_assists_center_helped", ["center_id", "helped_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("online_assists", schema=None) as batch_op:
        batch_op.drop_index("ix_online_assists_center_helped")
    op.drop_table("online_assists")
