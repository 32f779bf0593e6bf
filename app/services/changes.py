"""What a unit of work changed, derived from what it wrote (Qt-free).

In the spirit of Anki's ``OpChanges``: the caller never declares what an
operation changes. A :class:`ChangeTracker` listens to the sessions it is
attached to and records every table they wrote — ORM objects flushed as new,
dirty or deleted (``after_flush``) and bulk ``insert`` / ``update`` /
``delete`` statements run through the session (``do_orm_execute``). The
tables map to a few change tags (:class:`Change`) that screens listen for.

The mapping from tables to tags lives here and only here; a test checks that
every table of the schema has one, so a new table cannot be forgotten.

Thread rule: a tracker may be written from a worker thread and read from
another; a lock guards its set. What a rolled-back savepoint flushed is still
counted: announcing a change that did not stick costs a refresh, missing one
would leave a screen stale.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy loads after the window is shown: the UI imports the tags at start-up
    from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction, sessionmaker


class Change(str, Enum):
    """What a screen may need to reload after an operation (the vocabulary of
    ``OperationRunner.changed``)."""

    CASES = "cases"
    RESIDENTS = "residents"
    CATALOG = "catalog"
    CALENDAR = "calendar"
    STAFF = "staff"
    SETTINGS = "settings"  # the center, this PC and the stored settings
    INQUIRIES = "inquiries"
    PRINTS = "prints"
    SERVICES = "services"  # whereabouts notes, appointments, ratings, complaints
    SYNC = "sync"  # outbox, cursors, run log, needs-attention
    AUDIT = "audit"


#: The one table -> tag mapping.
TABLE_CHANGES: Mapping[str, Change] = {
    "cases": Change.CASES,
    "case_materials": Change.CASES,
    "case_events": Change.CASES,
    "case_counters": Change.CASES,
    "residents": Change.RESIDENTS,
    "resident_name_grams": Change.RESIDENTS,
    "resident_merges": Change.RESIDENTS,
    "catalog_versions": Change.CATALOG,
    "departments": Change.CATALOG,
    "catalog_items": Change.CATALOG,
    "catalog_materials": Change.CATALOG,
    "calendar_days": Change.CALENDAR,
    "calendar_years": Change.CALENDAR,
    "staff": Change.STAFF,
    "centers": Change.SETTINGS,
    "devices": Change.SETTINGS,
    "settings": Change.SETTINGS,
    "inquiries": Change.INQUIRIES,
    "printed_documents": Change.PRINTS,
    "whereabouts_notes": Change.SERVICES,
    "backup_assignments": Change.SERVICES,
    "appointments": Change.SERVICES,
    "ratings": Change.SERVICES,
    "rating_ballots": Change.SERVICES,
    "rating_follow_ups": Change.SERVICES,
    "complaints": Change.SERVICES,
    "online_assists": Change.SERVICES,
    "sync_outbox": Change.SYNC,
    "sync_cursors": Change.SYNC,
    "sync_runs": Change.SYNC,
    "sync_versions": Change.SYNC,
    "sync_attention": Change.SYNC,
    "audit_log": Change.AUDIT,
}


def changes_of(tables: Iterable[str]) -> frozenset[Change]:
    """The tags of the tables written. A table missing from the mapping is a
    bug; it counts as every tag rather than leaving a screen stale."""
    tags: set[Change] = set()
    for table in tables:
        tag = TABLE_CHANGES.get(table)
        if tag is None:
            return frozenset(Change)
        tags.add(tag)
    return frozenset(tags)


class ChangeTracker:
    """Collects the tables written by the sessions it is attached to."""

    def __init__(self) -> None:
        self._tables: set[str] = set()
        self._lock = threading.Lock()

    def attach(self, session: Session) -> Session:
        """Record what ``session`` writes from now on (for one unit of work)."""
        from sqlalchemy import event

        event.listen(session, "after_flush", self._after_flush)
        event.listen(session, "do_orm_execute", self._do_orm_execute)
        return session

    def tracking(self, factory: sessionmaker[Session]) -> sessionmaker[Session]:
        """A factory like ``factory`` (same engine, options and info) whose
        every session reports to this tracker: for work that opens its own
        sessions, like a sync run. Made once per tracker, not per session."""
        from sqlalchemy import event
        from sqlalchemy.orm import sessionmaker

        tracked: sessionmaker[Session] = sessionmaker(**factory.kw)
        event.listen(tracked, "after_flush", self._after_flush)
        event.listen(tracked, "do_orm_execute", self._do_orm_execute)
        return tracked

    def record(self, tables: Iterable[str]) -> None:
        with self._lock:
            self._tables.update(tables)

    def tables(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._tables)

    def take(self) -> frozenset[Change]:
        """The changes recorded so far, forgetting them (one announcement each)."""
        with self._lock:
            tables, self._tables = self._tables, set()
        return changes_of(tables)

    def _after_flush(self, session: Session, _flush_context: UOWTransaction) -> None:
        written = [*session.new, *session.dirty, *session.deleted]
        # Dirty objects whose columns did not change wrote nothing.
        self.record(name for obj in written
                    if obj not in session.dirty or session.is_modified(obj, include_collections=False)
                    for name in _tables_of(obj))

    def _do_orm_execute(self, state: ORMExecuteState) -> None:
        from sqlalchemy import Table

        if not (state.is_insert or state.is_update or state.is_delete):
            return
        table = getattr(state.statement, "table", None)
        if isinstance(table, Table):
            self.record([table.name])
        elif state.bind_mapper is not None:
            self.record(t.name for t in state.bind_mapper.tables if isinstance(t, Table))
        else:  # a statement we cannot place: assume the worst, see changes_of
            self.record(["?"])


def _tables_of(obj: Any) -> list[str]:
    from sqlalchemy import Table, inspect

    return [t.name for t in inspect(obj).mapper.tables if isinstance(t, Table)]
