"""stats: index cases.completed_at

台账统计 counts a period's 办结量 by completion date; without the index a
month's statistics read every case the center ever had.

Revision ID: 0014_stats
Revises: 0013_ratings
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op

revision = "0014_stats"
down_revision = "0013_ratings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain CREATE INDEX: no table copy is needed to add an index on SQLite.
    op.create_index(op.f("ix_cases_completed_at"), "cases", ["completed_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_cases_completed_at"), table_name="cases")
