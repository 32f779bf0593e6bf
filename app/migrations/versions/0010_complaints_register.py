"""complaints: the GB/T 39046 complaint register (投诉举报) — number and query
code, title, complainant, the unit or person complained about, source with
the 12345 work order, handler, committed answer date, extension, answer,
how the complainant was told, the link to a rating, escalation to the county

The table existed unused: ``channel`` becomes ``source``; a row that might
exist anyway gets a number from its id so the new unique number holds.

Revision ID: 0010_complaints
Revises: 0009_appointments_slots
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

import app.models.base

revision = '0010_complaints'
down_revision = '0009_appointments_slots'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.alter_column('channel', new_column_name='source', existing_type=sa.String(length=20),
                              existing_nullable=False)
        batch_op.add_column(sa.Column('complaint_number', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('query_code', sa.String(length=10), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('title', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('anonymous', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('subject', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('work_order_number', sa.String(length=40), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('work_order_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('rating_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('handler_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('simple', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('answer_days', sa.Integer(), nullable=False, server_default='5'))
        batch_op.add_column(sa.Column('answer_due', sa.Date(), nullable=False, server_default='2000-01-01'))
        batch_op.add_column(sa.Column('due_provisional', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('extended_from', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('extension_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('told_by', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('told_note', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('told_staff_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('escalated_at', app.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('escalated_by', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('escalation_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('county_answer', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('county_answered_at', app.models.base.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('county_officer', sa.String(length=100), nullable=False, server_default=''))

    # Rows written before the register (none are expected: nothing used the table).
    op.execute("UPDATE complaints SET complaint_number = 'OLD-' || hex(id) WHERE complaint_number = ''")
    op.execute("UPDATE complaints SET status = 'registered' WHERE status = 'open'")
    op.execute("UPDATE complaints SET status = 'told' WHERE status = 'closed'")

    with op.batch_alter_table('complaints', schema=None) as batch_op:
        for name in ('complaint_number', 'query_code', 'title', 'anonymous', 'subject', 'work_order_number',
                     'simple', 'answer_days', 'answer_due', 'due_provisional', 'extension_reason', 'told_by',
                     'told_note', 'escalation_reason', 'county_answer', 'county_officer'):
            batch_op.alter_column(name, server_default=None)
        batch_op.create_index(batch_op.f('ix_complaints_received_at'), ['received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_complaints_status'), ['status'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_complaints_complaint_number'), ['complaint_number'])
        batch_op.create_foreign_key(batch_op.f('fk_complaints_told_staff_id_staff'), 'staff', ['told_staff_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_complaints_escalated_by_staff'), 'staff', ['escalated_by'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_complaints_handler_id_staff'), 'staff', ['handler_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_complaints_rating_id_ratings'), 'ratings', ['rating_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_complaints_rating_id_ratings'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_complaints_handler_id_staff'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_complaints_escalated_by_staff'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_complaints_told_staff_id_staff'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_complaints_complaint_number'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_complaints_status'))
        batch_op.drop_index(batch_op.f('ix_complaints_received_at'))
        for name in ('county_officer', 'county_answered_at', 'county_answer', 'escalation_reason', 'escalated_by',
                     'escalated_at', 'told_staff_id', 'told_note', 'told_by', 'extension_reason', 'extended_from',
                     'due_provisional', 'answer_due', 'answer_days', 'simple', 'handler_id', 'rating_id',
                     'work_order_due', 'work_order_number', 'subject', 'anonymous', 'title', 'query_code',
                     'complaint_number'):
            batch_op.drop_column(name)
        batch_op.alter_column('source', new_column_name='channel', existing_type=sa.String(length=20),
                              existing_nullable=False)
