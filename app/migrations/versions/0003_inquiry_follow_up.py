"""Inquiries: the materials still missing, and who closed it with what result

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inquiries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('missing_materials', sa.JSON(), nullable=False, server_default='[]'))
        batch_op.add_column(sa.Column('closed_by', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('close_note', sa.Text(), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_inquiries_closed_by_staff'), 'staff', ['closed_by'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('inquiries', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_inquiries_closed_by_staff'), type_='foreignkey')
        batch_op.drop_column('close_note')
        batch_op.drop_column('closed_by')
        batch_op.drop_column('missing_materials')
