"""stats: rollups of the field visits (上门/巡回) and proxy errands (代办件)

A per-day rollup of the cases taken in away from the desk, by center, local
day received and mode (visits and cases), and a column of the cases accepted
as proxy errands per center and day in ``stats_case_days``. The rollups are
derived data: the rollup state goes, so every center's rollups are rebuilt
(with the new counts) on the next overview.

Revision ID: 0010_stats_field_proxy
Revises: 0009_proxy
Create Date: 2026-12-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_stats_field_proxy"
down_revision = "0009_proxy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stats_field_days",
        sa.Column("center_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("visits", sa.Integer(), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["center_id"], ["centers.id"], name=op.f("fk_stats_field_days_center_id_centers")),
        sa.PrimaryKeyConstraint("center_id", "day", "mode", name=op.f("pk_stats_field_days")),
    )
    with op.batch_alter_table("stats_case_days", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proxied", sa.Integer(), server_default="0", nullable=False))
    # Every center's rollups were built without the new counts: rebuilt where the state differs (here: is gone).
    op.execute("DELETE FROM stats_rollup_state")


def downgrade() -> None:
    with op.batch_alter_table("stats_case_days", schema=None) as batch_op:
        batch_op.drop_column("proxied")
    op.drop_table("stats_field_days")
