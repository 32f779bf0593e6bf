"""Staff accounts managed at the desk: a forced password change, the county's
pending-approval word on a head role, and per-row sync state (accounts now
go up to the county too)

Revision ID: 0007_staff_accounts
Revises: 0006_center_contact
Create Date: 2026-12-01

Accounts already here came from the county or from the setup wizard (sent
at enrollment); none of them waits in the outbox, so they start as synced.
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

from app.models.base import UTCDateTime

revision = '0007_staff_accounts'
down_revision = '0006_center_contact'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('role_pending', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('sync_state', sa.String(length=10), nullable=False, server_default='synced'))
        batch_op.add_column(sa.Column('sync_error', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('synced_at', UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_staff_sync_state'), ['sync_state'], unique=False)
    # The defaults were only for the rows already here; the models set them.
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.alter_column('must_change_password', server_default=None)
        batch_op.alter_column('role_pending', server_default=None)
        batch_op.alter_column('sync_state', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_sync_state'))
        batch_op.drop_column('synced_at')
        batch_op.drop_column('sync_error')
        batch_op.drop_column('sync_state')
        batch_op.drop_column('role_pending')
        batch_op.drop_column('must_change_password')
