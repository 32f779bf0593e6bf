"""updates: the program version each desk reports when it syncs

Revision ID: 0007_updates_device_version
Revises: 0006_ratings
Create Date: 2026-12-01
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_updates_device_version'
down_revision = '0006_ratings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('devices') as batch:
        batch.add_column(sa.Column('app_version', sa.String(length=40), nullable=False, server_default=''))
        batch.add_column(sa.Column('app_version_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('devices') as batch:
        batch.drop_column('app_version_at')
        batch.drop_column('app_version')
