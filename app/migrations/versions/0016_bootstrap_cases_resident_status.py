"""bootstrap: index cases by resident and status for the lookup

The one-box lookup shows each resident's open cases. With only the index on
``resident_id`` it read a table page per case to see the status: on a cold
file (a desk PC just after boot) tens of random reads per lookup. The
composite index answers the count alone.

Revision ID: 0016_bootstrap_lookup
Revises: 0015_field
Create Date: 2026-12-01
"""
from __future__ import annotations

from alembic import op

revision = "0016_bootstrap_lookup"
down_revision = "0015_field"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain CREATE INDEX: no table copy is needed to add an index on SQLite.
    op.create_index("ix_cases_resident_status", "cases", ["resident_id", "status"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_cases_resident_status", table_name="cases")
