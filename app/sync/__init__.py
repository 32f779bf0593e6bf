"""The desk's sync engine (Qt-free): push, pull, bootstrap, enrollment.

* ``app.models.outbox.record_change`` — called by every service that changes
  a record the county keeps, in the same transaction as the change. It is
  part of storing the change, so it sits below the services, which never
  import this package.
* ``engine.SyncEngine`` — one sync run (push, then pull), with cancel and
  progress; the UI only schedules it (app/ui/sync.py).
* ``attention`` — the "needs attention" list: conflicts and refusals;
  ``resolution`` carries out a worker's choice on one of them.

Protocol: docs/sync-protocol.md. Lessons: SYNC.md.
"""
