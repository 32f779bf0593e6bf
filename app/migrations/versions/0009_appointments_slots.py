"""appointments: the worker and the slot (start to end), the place (center or
a home visit with its address), and the outcomes kept: the cancellation's
reason, the no-show's time, the check-in and the case it became.

Revision ID: 0009_appointments_slots
Revises: 0008_resident_merges
Create Date: 2026-12-01 15:01:58.481701
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from app.models.base import UTCDateTime

revision = '0009_appointments_slots'
down_revision = '0008_resident_merges'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ends_at', UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('staff_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('place', sa.String(length=10), server_default='center', nullable=False))
        batch_op.add_column(sa.Column('address', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('cancel_reason', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('cancelled_at', UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('cancelled_by', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('no_show_at', UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('checked_in_at', UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('case_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_appointments_staff_id'), ['staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointments_status'), ['status'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_appointments_cancelled_by_staff'), 'staff', ['cancelled_by'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_appointments_staff_id_staff'), 'staff', ['staff_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_appointments_case_id_cases'), 'cases', ['case_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('appointments', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_appointments_case_id_cases'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_appointments_staff_id_staff'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_appointments_cancelled_by_staff'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_appointments_status'))
        batch_op.drop_index(batch_op.f('ix_appointments_staff_id'))
        batch_op.drop_column('case_id')
        batch_op.drop_column('checked_in_at')
        batch_op.drop_column('no_show_at')
        batch_op.drop_column('cancelled_by')
        batch_op.drop_column('cancelled_at')
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('address')
        batch_op.drop_column('place')
        batch_op.drop_column('staff_id')
        batch_op.drop_column('ends_at')
