"""The desk's sync engine (Qt-free): outbox, push, pull, bootstrap, enrollment.

* ``outbox.record_change`` — called by every service that changes a record
  the county keeps, in the same transaction as the change.
* ``engine.SyncEngine`` — one sync run (push, then pull), with cancel and
  progress; the UI only schedules it (app/ui/sync.py).
* ``attention`` — the "needs attention" list: conflicts and refusals.

Protocol: docs/sync-protocol.md. Lessons: SYNC.md.
"""
