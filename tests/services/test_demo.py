"""示范村党群服务中心 — the demo center built through the domain services."""
from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.clock import utcnow
from app.db import DB_FILENAME, Database, create_sqlite_engine, make_session_factory, migrate
from app.models import Case, CaseEvent, CatalogItem, CatalogVersion, Center, Resident, Staff
from app.models.case import CASE_STATUSES
from app.models.vocabulary import StaffRole
from app.services import lifecycle
from app.services.catalog_import import SAMPLE_CATALOG
from app.services.demo import DEMO_CENTER, DEMO_PASSWORD, DEMO_STAFF, build_demo
from app.services.errors import DomainError
from app.services.identity import parse_id_number
from app.services.staff import check_login

pytestmark = pytest.mark.skipif(not SAMPLE_CATALOG.exists(), reason="the demo needs the sample catalog")

RESIDENTS = 30
# With this seed and this day, 200 cases is the smallest round count that
# leaves a case in every status (150 has no needs_supplement case); 300
# keeps a margin. A fixed past day makes the run the same on any date.
CASES = 300
TODAY = date(2026, 10, 30)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _open(path: Path) -> Database:
    engine = create_sqlite_engine(path)
    return Database(path=path, engine=engine, session_factory=make_session_factory(engine),
                    migration=migrate(engine, path))


@pytest.fixture(scope="module")
def demo(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("demo") / DB_FILENAME
    shutil.copy(template_db, path)
    database = _open(path)
    seen: list[tuple[int, int]] = []
    summary = build_demo(database.session_factory, residents=RESIDENTS, cases=CASES, today=TODAY,
                         progress=lambda done, total: seen.append((done, total)))
    assert summary.cases == CASES
    assert seen and seen[-1] == (CASES, CASES)
    assert all(a[0] < b[0] for a, b in zip(seen, seen[1:]))
    yield database
    database.dispose()


def _checksum_ok(number: str) -> bool:
    """GB 11643-1999 check digit, computed here independently of app.services.identity."""
    total = sum(int(digit) * _WEIGHTS[i] for i, digit in enumerate(number[:17]))
    return "10X98765432"[total % 11] == number[17]


def test_the_demo_center_and_its_staff(demo: Database) -> None:
    with demo.session_factory() as session:
        (center,) = session.scalars(select(Center)).all()
        assert center.name == "示范村党群服务中心" and center.is_demo
        staff = {s.username: s for s in session.scalars(select(Staff))}
        assert set(staff) == {DEMO_CENTER.head_username, *(u for u, _ in DEMO_STAFF)}
        assert staff[DEMO_CENTER.head_username].role == StaffRole.HEAD
        assert all(staff[u].role == StaffRole.WINDOW and staff[u].display_name == n for u, n in DEMO_STAFF)
        version = session.scalars(select(CatalogVersion)).one()
        assert version.is_sample and version.is_current
    with demo.session_factory.begin() as session:
        assert check_login(session, DEMO_STAFF[0][0], DEMO_PASSWORD).display_name == DEMO_STAFF[0][1]


def test_demo_residents_have_checksum_valid_ids(demo: Database) -> None:
    with demo.session_factory() as session:
        residents = session.scalars(select(Resident)).all()
    assert len(residents) == RESIDENTS
    assert len({r.id_number for r in residents}) == RESIDENTS
    for resident in residents:
        assert len(resident.id_number) == 18 and _checksum_ok(resident.id_number), resident.id_number
        parsed = parse_id_number(resident.id_number)
        assert resident.birth_date == parsed.birth_date and resident.gender == parsed.gender
        assert resident.name and resident.name_initials
        assert len(resident.phone) == 11 and resident.phone_last4 == resident.phone[-4:]


def test_demo_cases_cover_every_status(demo: Database) -> None:
    with demo.session_factory() as session:
        statuses = Counter(session.scalars(select(Case.status)))
    assert sum(statuses.values()) == CASES
    assert set(statuses) == set(CASE_STATUSES), f"missing: {set(CASE_STATUSES) - set(statuses)}"


def test_every_demo_case_history_is_legal(demo: Database) -> None:
    with demo.session_factory() as session:
        roles = dict(session.execute(select(Staff.id, Staff.role)).all())
        cases = session.scalars(select(Case)).all()
        assert len(cases) == CASES
        for case in cases:
            events = case.events
            assert [e.seq for e in events] == list(range(1, len(events) + 1)), case.case_number
            first = events[0]
            assert first.kind in lifecycle.INTAKE_OUTCOMES and first.kind == case.outcome
            assert first.from_status is None
            assert first.to_status == lifecycle.INTAKE_OUTCOMES[first.kind]
            assert first.occurred_at == case.received_at
            status = first.to_status
            for event in events[1:]:
                step = lifecycle.apply(status, event.kind, is_head=roles[event.staff_id] == StaffRole.HEAD)
                assert (event.from_status, event.to_status) == (step.from_status, step.to_status), case.case_number
                if event.kind in lifecycle.REASON_REQUIRED:
                    assert event.note.strip(), (case.case_number, event.kind)
                status = step.to_status
            assert status == case.status, case.case_number
            times = [e.occurred_at for e in events]
            assert times == sorted(times), case.case_number
            assert all(e.staff_id in roles for e in events)


def test_demo_cases_keep_the_working_rules(demo: Database) -> None:
    with demo.session_factory() as session:
        items = {i.id: i for i in session.scalars(select(CatalogItem))}
        for case in session.scalars(select(Case)):
            item = items[case.item_id]
            if case.status in ("completed", "delivered"):
                assert case.result in ("approved", "denied") and case.completed_at is not None
            if case.outcome in ("request_supplement", "reject") and case.accepted_on is None:
                assert case.committed_due is None
            if case.committed_due is not None:
                assert case.accepted_on is not None
                assert case.committed_due >= case.accepted_on
                assert case.statutory_due >= case.accepted_on
                if case.paused_working_days == 0 and not any(e.kind == "extend" for e in case.events):
                    assert (case.committed_due - case.accepted_on) <= (case.statutory_due - case.accepted_on)
            if case.deferred_materials:
                assert item.allows_deferred_materials
                for line in case.materials:
                    if line.received_count < line.required_count:
                        assert not line.key and line.supply_by is not None
                        assert line.supply_by <= case.committed_due
            if case.status == "needs_supplement":
                assert any(m.received_count < m.required_count for m in case.materials)
            if case.status == "forwarded":
                assert case.forwarded_to


def test_demo_events_are_never_in_the_future(demo: Database) -> None:
    now = utcnow()
    with demo.session_factory() as session:
        latest = max(session.scalars(select(CaseEvent.occurred_at)))
        received = max(session.scalars(select(Case.received_at)))
    assert latest <= now and received <= now
    # Intakes happen on the demo's working days, up to its "today".
    assert received.astimezone().date() <= TODAY


def test_a_demo_built_today_has_no_future_events(tmp_path: Path, template_db: Path) -> None:
    path = tmp_path / DB_FILENAME
    shutil.copy(template_db, path)
    database = _open(path)
    try:
        build_demo(database.session_factory, residents=5, cases=40, days=10)
        now = utcnow()
        with database.session_factory() as session:
            times = session.scalars(select(CaseEvent.occurred_at)).all()
        assert len(times) >= 40
        assert max(times) <= now
        assert min(times) >= now - timedelta(days=11 + 3)
    finally:
        database.dispose()


def test_the_demo_is_built_only_once(demo: Database) -> None:
    with pytest.raises(DomainError, match="不能重复设置"):
        build_demo(demo.session_factory, residents=1, cases=1, today=TODAY)
    with demo.session_factory() as session:
        assert len(session.scalars(select(Case.id)).all()) == CASES



def test_the_demo_has_inquiries_of_every_kind_and_a_document_of_every_type(demo: Database) -> None:
    from app.models import Case, CaseEvent, Inquiry

    with demo.session_factory() as session:
        inquiries = session.scalars(select(Inquiry)).all()
        kinds = {e.kind for e in session.scalars(select(CaseEvent))}
        deferred = session.scalar(select(func.count()).select_from(Case).where(Case.deferred_materials.is_(True)))
    assert {i.outcome for i in inquiries} >= {"answered", "referred", "follow_up"}
    assert any(i.missing_materials for i in inquiries)  # notification-only visits
    assert any(i.closed_at is None and i.follow_up_due is not None for i in inquiries)
    assert all(i.owner_id is not None for i in inquiries)
    # Something to print for every document type (--export-samples).
    assert {"extend", "reject", "request_supplement", "complete"} <= kinds and deferred
