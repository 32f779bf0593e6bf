"""whereabouts: a note's status (暂离, 开会, 出差, 请假, 下村/上门), reason, who set
and cleared it; backup: the center's A/B assignments (AB角) of items and posts

Revision ID: 0011_whereabouts_backup
Revises: 0010_complaints
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

import app.models.base

revision = '0011_whereabouts_backup'
down_revision = '0010_complaints'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('backup_assignments',
    sa.Column('center_id', sa.Uuid(), nullable=False),
    sa.Column('subject', sa.String(length=10), nullable=False),
    sa.Column('item_code', sa.String(length=30), nullable=False),
    sa.Column('post_name', sa.String(length=60), nullable=False),
    sa.Column('primary_staff_id', sa.Uuid(), nullable=True),
    sa.Column('backup_staff_id', sa.Uuid(), nullable=True),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.Column('updated_at', app.models.base.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('sync_state', sa.String(length=10), nullable=False),
    sa.Column('sync_error', sa.String(length=500), nullable=True),
    sa.Column('synced_at', app.models.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['backup_staff_id'], ['staff.id'], name=op.f('fk_backup_assignments_backup_staff_id_staff')),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_backup_assignments_center_id_centers')),
    sa.ForeignKeyConstraint(['primary_staff_id'], ['staff.id'], name=op.f('fk_backup_assignments_primary_staff_id_staff')),
    sa.ForeignKeyConstraint(['updated_by'], ['staff.id'], name=op.f('fk_backup_assignments_updated_by_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_backup_assignments'))
    )
    with op.batch_alter_table('backup_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_backup_assignments_center_id'), ['center_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_backup_assignments_item_code'), ['item_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_backup_assignments_sync_state'), ['sync_state'], unique=False)

    with op.batch_alter_table('whereabouts_notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), server_default='stepped_out', nullable=False))
        batch_op.add_column(sa.Column('reason', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('set_by', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('cleared_by', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_whereabouts_notes_cleared_by_staff'), 'staff', ['cleared_by'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_whereabouts_notes_set_by_staff'), 'staff', ['set_by'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('whereabouts_notes', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_whereabouts_notes_set_by_staff'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_whereabouts_notes_cleared_by_staff'), type_='foreignkey')
        batch_op.drop_column('cleared_by')
        batch_op.drop_column('set_by')
        batch_op.drop_column('reason')
        batch_op.drop_column('status')

    with op.batch_alter_table('backup_assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_backup_assignments_sync_state'))
        batch_op.drop_index(batch_op.f('ix_backup_assignments_item_code'))
        batch_op.drop_index(batch_op.f('ix_backup_assignments_center_id'))

    op.drop_table('backup_assignments')
