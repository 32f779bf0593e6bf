"""Fixtures for service tests: ``desk`` is a small center copied for each test."""
from tests.services.desk import desk, desk_template  # noqa: F401 - fixtures
