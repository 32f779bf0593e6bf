"""What a unit of work changed is read from what it wrote, never declared."""
from __future__ import annotations

from sqlalchemy import select, update

from app.db import Database
from app.models import Base, Setting
from app.services import settings
from app.services.changes import TABLE_CHANGES, Change, ChangeTracker, changes_of
from app.services.setup import CenterSetup, set_up_center

SETUP = CenterSetup(center_name="青山村党群服务中心", center_code="QS01", county="示例县", town="示例镇",
                    window_no="2", device_number=3, head_username="wangjg", head_display_name="王建国",
                    head_password="Zhuren2026")


def test_every_table_of_the_schema_has_a_change_tag() -> None:
    assert set(Base.metadata.tables) == set(TABLE_CHANGES)


def test_a_table_without_a_tag_counts_as_every_change() -> None:
    assert changes_of(["cases"]) == {Change.CASES}
    assert changes_of(["no_such_table"]) == frozenset(Change)


def test_objects_flushed_by_a_unit_of_work_are_its_changes(db: Database) -> None:
    tracker = ChangeTracker()
    with tracker.attach(db.session_factory()) as session, session.begin():
        set_up_center(session, SETUP)
    assert {Change.SETTINGS, Change.STAFF, Change.AUDIT} <= tracker.take()
    assert tracker.take() == frozenset()  # announced once


def test_reading_changes_nothing(db: Database) -> None:
    with db.session_factory.begin() as session:
        settings.put(session, settings.DEADLINE_SOON_DAYS, 2)
    tracker = ChangeTracker()
    with tracker.attach(db.session_factory()) as session, session.begin():
        row = session.scalar(select(Setting))
        assert row is not None
        row.value = row.value  # touched, not changed
        settings.get(session, settings.DEADLINE_SOON_DAYS)
    assert tracker.take() == frozenset()


def test_bulk_statements_are_changes_too(db: Database) -> None:
    with db.session_factory.begin() as session:
        settings.put(session, settings.DEADLINE_SOON_DAYS, 2)
    tracker = ChangeTracker()
    with tracker.attach(db.session_factory()) as session, session.begin():
        session.execute(update(Setting).values(value="3"))
    assert tracker.take() == {Change.SETTINGS}


def test_a_tracking_factory_reports_every_session_it_makes(db: Database) -> None:
    """Work that opens its own sessions (a sync run) is tracked through its factory."""
    tracker = ChangeTracker()
    factory = tracker.tracking(db.session_factory)
    with factory.begin() as session:
        settings.put(session, settings.DEADLINE_SOON_DAYS, 4)
    with factory() as session:  # a read in another session
        settings.get(session, settings.DEADLINE_SOON_DAYS)
    assert tracker.take() == {Change.SETTINGS}
    with db.session_factory.begin() as session:  # the plain factory is not tracked
        settings.put(session, settings.DEADLINE_SOON_DAYS, 5)
    assert tracker.take() == frozenset()
