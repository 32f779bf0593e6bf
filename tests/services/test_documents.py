"""Documents from the desk's records: every type prepares from the demo, numbers
and reprints, the archive copy and the print record."""
from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import DB_FILENAME, Database, create_sqlite_engine, make_session_factory, migrate
from app.models import AuditEntry, Case, CaseEvent, Inquiry, PrintedDocument
from app.models.vocabulary import CaseEventKind
from app.services import documents
from app.services import settings as settings_store
from app.services.demo import DEMO_PASSWORD, DEMO_WINDOW_USER, build_demo
from app.services.documents import PrintTarget, prepare, record_print
from app.services.errors import DomainError
from app.services.staff import check_login

TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_path(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docs") / DB_FILENAME
    shutil.copy(template_db, path)
    engine = create_sqlite_engine(path)
    build_demo(make_session_factory(engine), residents=20, cases=120, days=30, today=TODAY)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def demo(demo_path: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / DB_FILENAME
    shutil.copy(demo_path, path)
    engine = create_sqlite_engine(path)
    yield Database(path, engine, make_session_factory(engine, data_dir=tmp_path), migrate(engine, path))
    engine.dispose()


def _actor(db: Database):
    with db.session_factory() as session:
        return check_login(session, DEMO_WINDOW_USER, DEMO_PASSWORD)


def _text(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True, text=True)
    return "".join(out.stdout.split())


def sample_targets(session) -> dict[str, PrintTarget]:
    """One demo record for every document type (the same choice --export-samples makes)."""
    return documents.sample_targets(session)


def test_every_document_type_prepares_from_demo_records(demo: Database, tmp_path: Path) -> None:
    actor = _actor(demo)
    with demo.session_factory.begin() as session:
        settings_store.put(session, settings_store.STATUS_URL_BASE, "https://zwfw.example.org/onewindow")
    with demo.session_factory() as session:
        targets = sample_targets(session)
        assert set(targets) == set(documents.DOC_TYPES)
        for doc_type, target in targets.items():
            prepared = prepare(session, actor, target)
            text = _text(prepared.pdf, tmp_path)
            assert prepared.doc_number in text, doc_type
            assert "示范村党群服务中心" in text
            # The worker printing it; a referral slip names the inquiry's first worker instead.
            if doc_type != "referral_slip":
                assert "李娜" in text
            if target.case_id is not None:
                case = session.get(Case, target.case_id)
                assert case.case_number in text and case.verification_code in text
                assert case.resident_id is not None
            if doc_type == "ledger":
                assert "办件台账" in text or "台账" in text


def test_numbers_reprints_archive_and_record(demo: Database, tmp_path: Path) -> None:
    actor = _actor(demo)
    with demo.session_factory() as session:
        target = sample_targets(session)["receipt"]
        first = prepare(session, actor, target)
        number = session.get(Case, target.case_id).case_number
    assert first.doc_number == f"HZ-{number}-01" and first.reprint_count == 0
    assert first.archive_path == f"archive/{number}/HZ-{number}-01.pdf"
    with demo.session_factory.begin() as session:
        record_print(session, actor, first, data_dir=tmp_path, copies=2)
    assert (tmp_path / first.archive_path).read_bytes() == first.pdf
    with demo.session_factory() as session:
        again = prepare(session, actor, target)
    assert again.doc_number == f"HZ-{number}-02" and again.reprint_count == 1
    assert "补打" in _text(again.pdf, tmp_path)
    with demo.session_factory.begin() as session:
        record_id = record_print(session, actor, again, data_dir=tmp_path)
    with demo.session_factory() as session:
        records = session.scalars(select(PrintedDocument).order_by(PrintedDocument.printed_at)).all()
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "print")).all()
    assert [(r.doc_number, r.reprint_count, r.copies) for r in records] == [
        (f"HZ-{number}-01", 0, 2), (f"HZ-{number}-02", 1, 1)]
    assert records[1].id == record_id and records[1].reprint_of == records[0].id
    assert records[1].staff_id == actor.staff_id and len(audit) == 2 and "补打" in audit[1].summary


def test_a_failed_archive_write_records_nothing(demo: Database, tmp_path: Path) -> None:
    actor = _actor(demo)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the archive folder should be")
    with demo.session_factory() as session:
        prepared = prepare(session, actor, sample_targets(session)["receipt"])
    with pytest.raises(OSError):
        with demo.session_factory.begin() as session:
            record_print(session, actor, prepared, data_dir=blocked)
    with demo.session_factory() as session:
        assert session.scalars(select(PrintedDocument)).all() == []


def test_documents_that_do_not_fit_the_record_are_refused_in_words(demo: Database) -> None:
    actor = _actor(demo)
    with demo.session_factory() as session:
        rejected = sample_targets(session)["rejection_notice"].case_id
        answered = session.scalar(select(Inquiry.id).where(Inquiry.outcome == "answered", Inquiry.item_id.is_(None)))
        for target, words in (
            (PrintTarget("receipt", case_id=rejected), "尚未受理"),
            (PrintTarget("extension_notice", case_id=rejected), "没有延期"),
            (PrintTarget("referral_slip", inquiry_id=answered), "没有转办"),
            (PrintTarget("ledger", date_from=TODAY, date_to=TODAY - timedelta(days=1)), "结束日期"),
            (PrintTarget("nonsense", case_id=rejected), "未知的文书类型"),
        ):
            with pytest.raises(DomainError, match=words):
                prepare(session, actor, target)
        with pytest.raises(DomainError, match="不能用"):
            prepare(session, actor, sample_targets(session)["notification"], paper="80mm")


def test_the_extension_notice_carries_both_dates(demo: Database, tmp_path: Path) -> None:
    actor = _actor(demo)
    with demo.session_factory() as session:
        target = sample_targets(session)["extension_notice"]
        event = session.scalar(select(CaseEvent).where(CaseEvent.case_id == target.case_id,
                                                       CaseEvent.kind == CaseEventKind.EXTEND))
        text = _text(prepare(session, actor, target).pdf, tmp_path)
    old, new = date.fromisoformat(event.data["old_due"]), date.fromisoformat(event.data["new_due"])
    assert f"{old.year}年{old.month}月{old.day}日" in text and f"{new.year}年{new.month}月{new.day}日" in text
    assert event.note in text


def _completed_target(session) -> PrintTarget:
    return sample_targets(session)["completion_notice"]


def test_the_papers_print_the_centers_hours_and_phones_never_invented_ones(demo: Database, tmp_path: Path) -> None:
    from app.models import Center

    actor = _actor(demo)
    with demo.session_factory() as session:
        completion, notification = _completed_target(session), sample_targets(session)["notification"]
    # The demo center has opening hours and no pickup hours: the pickup line says them.
    with demo.session_factory() as session:
        text = _text(prepare(session, actor, completion).pdf, tmp_path)
    assert "取件时间工作日8:30–12:00，14:00–17:30" in text
    assert "9:00–12:00" not in text
    with demo.session_factory.begin() as session:
        center = session.scalars(select(Center)).one()
        center.pickup_hours, center.consultation_phone = "工作日下午 14:30–17:00", "13812345678"
    with demo.session_factory() as session:
        text = _text(prepare(session, actor, completion).pdf, tmp_path)
        notice = _text(prepare(session, actor, notification).pdf, tmp_path)
    assert "取件时间工作日下午14:30–17:00" in text
    assert "咨询电话：13812345678" in notice and "办公时间：工作日8:30–12:00，14:00–17:30" in notice
    # Nothing set: a neutral line, and no hours nor consultation phone made up.
    with demo.session_factory.begin() as session:
        center = session.scalars(select(Center)).one()
        center.pickup_hours = center.opening_hours = center.consultation_phone = ""
    with demo.session_factory() as session:
        text = _text(prepare(session, actor, completion).pdf, tmp_path)
        notice = _text(prepare(session, actor, notification).pdf, tmp_path)
    assert "取件时间本中心办公时间内" in text and ":00" not in text.split("取件时间")[1][:30]
    assert "办公时间：" not in notice and "咨询电话：" not in notice and "联系电话：0000-1234567" in notice
