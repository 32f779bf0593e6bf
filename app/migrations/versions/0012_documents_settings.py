"""documents: the county's document settings on catalog versions, the 补正
period on catalog items

Revision ID: 0012_documents_settings
Revises: 0011_whereabouts_backup
Create Date: 2026-12-01

A catalog version carries what the county publishes for the printed
documents (deciding bodies, seals, appeal bodies, the referral directory,
the public status address); versions imported before have none ({}). An
item's 补正期限 defaults to 5 working days, the common rule.
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

revision = '0012_documents_settings'
down_revision = '0011_whereabouts_backup'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('catalog_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supplement_days', sa.Integer(), server_default='5', nullable=False))

    with op.batch_alter_table('catalog_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_settings', sa.JSON(), server_default='{}', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('catalog_versions', schema=None) as batch_op:
        batch_op.drop_column('document_settings')

    with op.batch_alter_table('catalog_items', schema=None) as batch_op:
        batch_op.drop_column('supplement_days')
