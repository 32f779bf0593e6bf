"""trust: an enrollment answer is recovered only with the desk's own secret,
and only until the token it carried has been used

Revision ID: 0004_trust_enrollment_secret
Revises: 0003_complaints
Create Date: 2026-12-01

Codes used before this have no secret: they cannot recover an answer (a
desk that lost one asks for a new code). Tokens already issued count as used.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004_trust_enrollment_secret'
down_revision = '0003_complaints'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('enrollment_codes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('secret_hash', sa.String(length=64), nullable=False, server_default=''))
    with op.batch_alter_table('enrollment_codes', schema=None) as batch_op:
        batch_op.alter_column('secret_hash', server_default=None)
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('token_used_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE devices SET token_used_at = enrolled_at WHERE token_hash IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.drop_column('token_used_at')
    with op.batch_alter_table('enrollment_codes', schema=None) as batch_op:
        batch_op.drop_column('secret_hash')
