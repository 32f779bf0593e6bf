"""Fixtures for the desk's sync engine: the service-test desk, and live county
servers on loopback (tests/sync/live.py)."""
from tests.services.desk import desk, desk_template  # noqa: F401 - fixtures
