"""complaints: the county's complaint register (投诉举报) — what the desks
push, with the number and query code of the public status page, the dates of
the dashboard, and the county's own handling of an escalated complaint

Revision ID: 0003_complaints
Revises: 0002_staff_from_desks
Create Date: 2026-12-01

Complaints pushed before this revision (none are expected: no desk wrote
them) stay in center_records.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0003_complaints'
down_revision = '0002_staff_from_desks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('complaints',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('center_id', sa.Uuid(), nullable=False),
    sa.Column('complaint_number', sa.String(length=40), nullable=False),
    sa.Column('query_code', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answer_due', sa.Date(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('told_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('county_answer', sa.Text(), nullable=False),
    sa.Column('county_answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('county_officer', sa.String(length=100), nullable=False),
    sa.Column('county_user_id', sa.Uuid(), nullable=True),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('last_device_id', sa.Uuid(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['center_id'], ['centers.id'], name=op.f('fk_complaints_center_id_centers')),
    sa.ForeignKeyConstraint(['county_user_id'], ['county_users.id'], name=op.f('fk_complaints_county_user_id_county_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints')),
    sa.UniqueConstraint('complaint_number', name=op.f('uq_complaints_complaint_number'))
    )
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.create_index('ix_complaints_center_status', ['center_id', 'status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_index('ix_complaints_center_status')

    op.drop_table('complaints')
