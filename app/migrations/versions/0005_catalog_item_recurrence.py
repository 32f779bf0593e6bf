"""Catalog items may declare a recurrence period (办理周期), e.g. 养老认证 every
12 months, so the intake can put an item that is due again first

Revision ID: 0005_catalog_recurrence
Revises: 0004
Create Date: 2026-12-01

Nullable: catalogs imported before this field stay "not recurring".
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

revision = '0005_catalog_recurrence'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('catalog_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recurrence_months', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('catalog_items', schema=None) as batch_op:
        batch_op.drop_column('recurrence_months')
