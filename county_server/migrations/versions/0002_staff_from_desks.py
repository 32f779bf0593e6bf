"""Staff accounts made at the desks: where an account came from, a head role
waiting for the county's approval, the desk that wrote the newest version,
and a forced password change

Revision ID: 0002_staff_from_desks
Revises: 0001
Create Date: 2026-12-01

Accounts already here were made by the county or adopted at enrollment;
they keep the roles they have.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002_staff_from_desks'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('origin', sa.String(length=10), nullable=False, server_default='county'))
        batch_op.add_column(sa.Column('requested_role', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('requested_by_device_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('last_device_id', sa.Uuid(), nullable=True))
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.alter_column('must_change_password', server_default=None)
        batch_op.alter_column('origin', server_default=None)
        batch_op.alter_column('requested_role', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_column('last_device_id')
        batch_op.drop_column('requested_by_device_id')
        batch_op.drop_column('requested_role')
        batch_op.drop_column('origin')
        batch_op.drop_column('must_change_password')
