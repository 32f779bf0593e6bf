"""proxy: online assists (帮办网办)

The register of online applications a worker helped a resident make: the
platform, the item, the platform's application number, the outcome and the
follow-up date. Synced with the county like the other desk records.

Revision ID: 0017_proxy
Revises: 0016_bootstrap_lookup
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import app.models.base

revision = "0017_proxy"
down_revision = "0016_bootstrap_lookup"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('online_assists',
    sa.Column('center_id', sa.Uuid(), nullable=False),
    sa.Column('staff_id', sa.Uuid(), nullable=False),
    sa.Column('resident_id', sa.Uuid(), nullable=True),
    sa.Column('resident_name', sa.String(length=50), nullable=False),
    sa.Column('platform', sa.String(length=50), nullable=False),
    sa.Column('item_code', sa.String(length=30), server_default='', nullable=False),
    sa.Column('item_name', sa.String(length=100), nullable=False),
    sa.Column('application_no', sa.String(length=60), server_default='', nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('helped_at', app.models.base.UTCDateTime(), nullable=False),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('followed_up_at', app.models.base.UTCDateTime(), nullable=True),
    sa.Column('note', sa.String(length=300), server_default='', nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', app.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(), nullable=False),
    sa.Column('sync_state', sa.String(length=10), nullable=False),
    sa.Column('sync_error', sa.String(length=500), nullable=True),
    sa.Column('synced_at', app.models.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_online_assists_center_id_centers')),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'], name=op.f('fk_online_assists_resident_id_residents')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_online_assists_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_assists'))
    )
    with op.batch_alter_table('online_assists', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_online_assists_center_id'), ['center_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_online_assists_follow_up_on'), ['follow_up_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_online_assists_helped_at'), ['helped_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_online_assists_resident_id'), ['resident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_online_assists_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_online_assists_sync_state'), ['sync_state'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('online_assists', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_online_assists_sync_state'))
        batch_op.drop_index(batch_op.f('ix_online_assists_staff_id'))
        batch_op.drop_index(batch_op.f('ix_online_assists_resident_id'))
        batch_op.drop_index(batch_op.f('ix_online_assists_helped_at'))
        batch_op.drop_index(batch_op.f('ix_online_assists_follow_up_on'))
        batch_op.drop_index(batch_op.f('ix_online_assists_center_id'))

    op.drop_table('online_assists')
