"""Sync engine bookkeeping: outbox groups and owners, county versions, the
"needs attention" list, and the county's order of case events

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22

``case_events`` stays append-only for its content: the UPDATE trigger now
names the content columns, so only the sync columns (``position`` from the
county, ``refused`` with the county's reason) can be set after the insert.
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

EVENT_CONTENT = ("id", "case_id", "seq", "kind", "from_status", "to_status", "staff_id", "actor_label",
                 "occurred_at", "note", "data")


def upgrade() -> None:
    op.create_table('sync_versions',
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('entity', 'entity_id', name=op.f('pk_sync_versions'))
    )
    op.create_table('sync_attention',
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=True),
    sa.Column('outbox_seq', sa.Integer(), nullable=True),
    sa.Column('reason_code', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('local', sa.JSON(), nullable=False),
    sa.Column('server', sa.JSON(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolution', sa.String(length=20), nullable=False),
    sa.Column('resolved_by', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['resolved_by'], ['staff.id'], name=op.f('fk_sync_attention_resolved_by_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_attention'))
    )
    with op.batch_alter_table('sync_attention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_attention_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_attention_resolved_at'), ['resolved_at'], unique=False)

    # Plain ADD COLUMN (no table copy), so the append-only triggers survive.
    op.add_column('case_events', sa.Column('position', sa.Integer(), nullable=True))
    op.add_column('case_events', sa.Column('refused', sa.String(length=500), nullable=False, server_default=''))
    op.execute("DROP TRIGGER case_events_no_update")
    op.execute(
        f"CREATE TRIGGER case_events_no_update BEFORE UPDATE OF {', '.join(EVENT_CONTENT)} ON case_events "
        "BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END"
    )

    op.add_column('sync_outbox', sa.Column('base_version', sa.Integer(), nullable=True))
    op.add_column('sync_outbox', sa.Column('group_id', sa.Uuid(), nullable=True))
    op.add_column('sync_outbox', sa.Column('owner_id', sa.Uuid(), nullable=True))
    op.add_column('sync_outbox', sa.Column('reason_code', sa.String(length=40), nullable=False, server_default=''))
    op.create_index(op.f('ix_sync_outbox_group_id'), 'sync_outbox', ['group_id'], unique=False)
    op.create_index(op.f('ix_sync_outbox_owner_id'), 'sync_outbox', ['owner_id'], unique=False)

    op.add_column('sync_runs', sa.Column('trigger', sa.String(length=20), nullable=False, server_default=''))
    op.add_column('sync_runs', sa.Column('clock_skew_s', sa.Integer(), nullable=True))
    op.add_column('sync_runs', sa.Column('conflicts', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    op.execute("DROP TRIGGER case_events_no_update")
    with op.batch_alter_table('sync_runs', schema=None) as batch_op:
        batch_op.drop_column('conflicts')
        batch_op.drop_column('clock_skew_s')
        batch_op.drop_column('trigger')

    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_owner_id'))
        batch_op.drop_index(batch_op.f('ix_sync_outbox_group_id'))
        batch_op.drop_column('reason_code')
        batch_op.drop_column('owner_id')
        batch_op.drop_column('group_id')
        batch_op.drop_column('base_version')

    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_column('refused')
        batch_op.drop_column('position')
    # Batch mode copied the table without its triggers: put both back.
    op.execute("DROP TRIGGER IF EXISTS case_events_no_delete")
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER case_events_no_{verb.lower()} BEFORE {verb} ON case_events "
            "BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END"
        )

    with op.batch_alter_table('sync_attention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_attention_resolved_at'))
        batch_op.drop_index(batch_op.f('ix_sync_attention_created_at'))

    op.drop_table('sync_attention')
    op.drop_table('sync_versions')
