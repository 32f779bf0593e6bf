"""stats: per-day rollups of the centers' cases for 台账统计, and period indexes
on ratings and complaints. The rollups are derived data (rebuilt from the
cases on demand), so they start empty.

Revision ID: 0008_stats_rollups
Revises: 0007_updates_device_version
Create Date: 2026-12-01 18:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008_stats_rollups'
down_revision = '0007_updates_device_version'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stats_case_days',
    sa.Column('center_id', sa.Uuid(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('accepted', sa.Integer(), nullable=False),
    sa.Column('immediate', sa.Integer(), nullable=False),
    sa.Column('on_spot', sa.Integer(), nullable=False),
    sa.Column('completed', sa.Integer(), nullable=False),
    sa.Column('on_time', sa.Integer(), nullable=False),
    sa.Column('span_days', sa.Integer(), nullable=False),
    sa.Column('spans', sa.Integer(), nullable=False),
    sa.Column('open_delta', sa.Integer(), nullable=False),
    sa.Column('late_delta', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_stats_case_days_center_id_centers')),
    sa.PrimaryKeyConstraint('center_id', 'day', name=op.f('pk_stats_case_days'))
    )
    op.create_table('stats_rated_cases',
    sa.Column('center_id', sa.Uuid(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('first_on', sa.Date(), nullable=False),
    sa.Column('last_on', sa.Date(), nullable=False),
    sa.Column('weight', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('cases', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_stats_rated_cases_center_id_centers')),
    sa.PrimaryKeyConstraint('center_id', 'completed_on', 'first_on', 'last_on', 'weight',
                            name=op.f('pk_stats_rated_cases'))
    )
    op.create_table('stats_rollup_state',
    sa.Column('center_id', sa.Uuid(), nullable=False),
    sa.Column('source_key', sa.String(length=200), nullable=False),
    sa.Column('refreshed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_stats_rollup_state_center_id_centers')),
    sa.PrimaryKeyConstraint('center_id', name=op.f('pk_stats_rollup_state'))
    )
    op.create_index('ix_ratings_rated_at', 'ratings', ['rated_at'], unique=False)
    op.create_index('ix_complaints_received_at', 'complaints', ['received_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_complaints_received_at', table_name='complaints')
    op.drop_index('ix_ratings_rated_at', table_name='ratings')
    op.drop_table('stats_rollup_state')
    op.drop_table('stats_rated_cases')
    op.drop_table('stats_case_days')
