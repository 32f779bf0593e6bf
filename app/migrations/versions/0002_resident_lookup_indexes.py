"""Resident lookup: name fragment index, full-phone and pinyin range indexes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

The one-box lookup finds a resident by any 1- or 2-character piece of the
name, by pinyin initials or full pinyin (prefix ranges, ordered by name) and
by full phone number. Residents registered before this revision get their
name pieces here, in the same transaction as the new table.
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

BACKFILL_BATCH = 5000


def name_grams(name: str) -> set[str]:
    """The pieces indexed for a name: every 1- and 2-character substring that
    does not start it. A frozen copy of ``app.services.search.name_grams`` as
    of this revision, so the migration never changes behind its number."""
    return {name[i:i + size] for size in (1, 2) for i in range(1, len(name) - size + 1)}


def backfill_name_grams(connection: sa.Connection) -> int:
    """Index the names of the residents already on file; returns rows written."""
    rows = connection.exec_driver_sql("SELECT id, name FROM residents").all()
    grams = [
        {"gram": gram, "name": name, "resident_id": resident_id}
        for resident_id, name in rows
        for gram in sorted(name_grams(name))
    ]
    insert = sa.text(
        "INSERT INTO resident_name_grams (gram, name, resident_id) VALUES (:gram, :name, :resident_id)"
    )
    for start in range(0, len(grams), BACKFILL_BATCH):
        connection.execute(insert, grams[start:start + BACKFILL_BATCH])
    return len(grams)


def upgrade() -> None:
    op.create_table('resident_name_grams',
    sa.Column('gram', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('resident_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['resident_id'], ['residents.id'], name=op.f('fk_resident_name_grams_resident_id_residents')),
    sa.PrimaryKeyConstraint('gram', 'name', 'resident_id', name=op.f('pk_resident_name_grams')),
    sqlite_with_rowid=False
    )
    with op.batch_alter_table('resident_name_grams', schema=None) as batch_op:
        batch_op.create_index('ix_resident_name_grams_resident_id', ['resident_id'], unique=False)

    with op.batch_alter_table('residents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_residents_name_initials'))
        batch_op.create_index('ix_residents_initials_name', ['name_initials', 'name'], unique=False)
        batch_op.create_index(batch_op.f('ix_residents_phone'), ['phone'], unique=False)
        batch_op.create_index('ix_residents_pinyin_name', ['name_pinyin', 'name'], unique=False)

    backfill_name_grams(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('residents', schema=None) as batch_op:
        batch_op.drop_index('ix_residents_pinyin_name')
        batch_op.drop_index(batch_op.f('ix_residents_phone'))
        batch_op.drop_index('ix_residents_initials_name')
        batch_op.create_index(batch_op.f('ix_residents_name_initials'), ['name_initials'], unique=False)

    with op.batch_alter_table('resident_name_grams', schema=None) as batch_op:
        batch_op.drop_index('ix_resident_name_grams_resident_id')

    op.drop_table('resident_name_grams')
