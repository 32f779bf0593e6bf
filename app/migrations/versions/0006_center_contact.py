"""The center's consultation phone (咨询电话), opening hours (办公时间) and
pickup hours (取件时间): the desk's own settings, printed on the documents.

Revision ID: 0006_center_contact
Revises: 0005_catalog_recurrence
Create Date: 2026-12-01 13:01:26.592451
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_center_contact'
down_revision = '0005_catalog_recurrence'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('centers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consultation_phone', sa.String(length=30), server_default='', nullable=False))
        batch_op.add_column(sa.Column('opening_hours', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('pickup_hours', sa.String(length=100), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('centers', schema=None) as batch_op:
        batch_op.drop_column('pickup_hours')
        batch_op.drop_column('opening_hours')
        batch_op.drop_column('consultation_phone')
