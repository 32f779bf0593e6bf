"""The ledgers and the desk's statistics read from a demo center's tables."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.clock import to_local
from app.db import DB_FILENAME, Database, create_sqlite_engine, make_session_factory, migrate
from app.models import Appointment, Case, Complaint, Inquiry
from app.models.vocabulary import CaseStatus
from app.services import ledgers, rating_figures, statistics
from app.services.catalog_import import SAMPLE_CATALOG
from app.services.errors import DomainError

pytestmark = pytest.mark.skipif(not SAMPLE_CATALOG.exists(), reason="the demo needs the sample catalog")

TODAY = date(2026, 10, 30)
START, END = date(2026, 9, 1), date(2026, 10, 30)


@pytest.fixture(scope="module")
def demo(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from app.services.demo import build_demo

    path = tmp_path_factory.mktemp("ledgers") / DB_FILENAME
    shutil.copy(template_db, path)
    engine = create_sqlite_engine(path)
    database = Database(path=path, engine=engine, session_factory=make_session_factory(engine),
                        migration=migrate(engine, path))
    build_demo(database.session_factory, residents=20, cases=120, today=TODAY)
    yield database
    database.dispose()


def test_the_loader_counts_what_the_tables_hold(demo: Database) -> None:
    with demo.session_factory() as session:
        stats = statistics.center_statistics(session, start=START, end=END, today=TODAY)
        completed = [c for c in session.scalars(select(Case).where(
            Case.status.in_((CaseStatus.COMPLETED, CaseStatus.DELIVERED)), Case.completed_at.is_not(None)))
            if START <= to_local(c.completed_at).date() <= END]  # type: ignore[arg-type]
        accepted = session.scalar(select(func.count()).select_from(Case).where(
            Case.accepted_on >= START, Case.accepted_on <= END))
        inquiries = session.scalar(select(func.count()).select_from(Inquiry))
        ratings = rating_figures.figures(session, today=TODAY, start=START, end=END)
    total = stats.total.values
    assert total["completed"] == len(completed) > 0
    assert total["accepted"] == accepted
    assert total["inquiries"] == inquiries
    # The same rule as the ratings screen, not a second one.
    assert total["participation"] == ratings.total.participation
    assert total["satisfaction"] == ratings.total.satisfaction


def test_grouped_rows_add_up_to_the_whole(demo: Database) -> None:
    with demo.session_factory() as session:
        for group in (statistics.Group.WORKER, statistics.Group.ITEM, statistics.Group.DEPARTMENT):
            stats = statistics.center_statistics(session, start=START, end=END, today=TODAY, group=group)
            for key in ("accepted", "completed", "overdue", "inquiries", "appointments"):
                assert sum(int(r.values[key] or 0) for r in stats.rows) == stats.total.values[key], (group, key)


def test_the_ledgers_mask_personal_data_unless_asked(demo: Database) -> None:
    with demo.session_factory() as session:
        masked = ledgers.all_ledgers(session, start=START, end=END, today=TODAY)
        full = ledgers.all_ledgers(session, start=START, end=END, today=TODAY, mask=False)
        cases = session.scalar(select(func.count()).select_from(Case).where(
            Case.received_at >= ledgers._bounds(START, END)[0]))
        complaint_count = session.scalar(select(func.count()).select_from(Complaint))
        appointment_count = session.scalar(select(func.count()).select_from(Appointment).where(
            Appointment.scheduled_at >= ledgers._bounds(START, END)[0],
            Appointment.scheduled_at < ledgers._bounds(START, END)[1]))
    assert [ledger.key for ledger in masked] == ["cases", "inquiries", "complaints", "ratings", "appointments",
                                                  "proxy", "field", "online_assists"]
    case_ledger, full_cases = masked[0], full[0]
    assert len(case_ledger.rows) == cases
    assert case_ledger.total[0] == "合计" and f"共 {cases} 件" in case_ledger.total
    id_col = [c.title for c in case_ledger.columns].index("证件号码")
    phone_col = [c.title for c in case_ledger.columns].index("联系电话")
    for shown, whole in zip(case_ledger.rows, full_cases.rows):
        assert "*" in shown[id_col] and "*" not in whole[id_col]
        assert len(whole[id_col]) == 18
        assert shown[phone_col] != whole[phone_col]
    assert len(masked[2].rows) == complaint_count
    assert len(masked[4].rows) == appointment_count
    for ledger in masked:
        assert all(len(row) == len(ledger.columns) for row in ledger.rows)
        assert len(ledger.total) == len(ledger.columns)


def test_a_ledger_cannot_end_before_it_starts(demo: Database) -> None:
    with demo.session_factory() as session, pytest.raises(DomainError):
        ledgers.all_ledgers(session, start=END, end=START)
