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


# -- what the inspector checks (legal content, documents matching the case) ------


def _case_of(session, *conditions) -> Case:
    return session.scalars(select(Case).where(*conditions).order_by(Case.received_at.desc())).first()


def test_a_refusal_names_the_departments_deciding_body_its_seal_and_basis(demo: Database, tmp_path: Path) -> None:
    from app.models import CatalogItem

    actor = _actor(demo)
    with demo.session_factory() as session:
        target = sample_targets(session)["rejection_notice"]
        department = session.scalar(select(CatalogItem.department_code).join(Case, Case.item_id == CatalogItem.id)
                                    .where(Case.id == target.case_id))
        text = _text(prepare(session, actor, target).pdf, tmp_path)
    published = documents.document_settings.current  # the sample catalog's documents block
    with demo.session_factory() as session:
        authority = published(session).authority(department, center_name="", county="")
    assert authority.decision_body and authority.decision_body in text
    assert f"{authority.decision_body}（{authority.seal_name or '盖章'}）" in text
    assert "《中华人民共和国行政许可法》第三十二条" in text and "示例县人民政府" in text


def test_an_extension_needs_its_approver_and_prints_the_limits(demo: Database, tmp_path: Path) -> None:
    actor = _actor(demo)
    with demo.session_factory() as session:
        target = sample_targets(session)["extension_notice"]
        event = session.scalar(select(CaseEvent).where(CaseEvent.case_id == target.case_id,
                                                       CaseEvent.kind == CaseEventKind.EXTEND))
        text = _text(prepare(session, actor, target).pdf, tmp_path)
    assert "".join(event.data["approved_by"].split()) in text and "批准人" in text
    assert "第四十二条" in text and "法定时限" in text and f"延长{event.data['days_added']}个工作日" in text
    # The demo's reason is said once: no "无法按期办结，不能在承诺时限内办结".
    assert text.count("承诺时限内办结") + text.count("无法按期办结") <= 1


def test_a_mid_case_supplement_lists_the_chosen_materials_and_is_a_new_original(demo: Database,
                                                                                 tmp_path: Path) -> None:
    from app.services.calendar_store import load_work_calendar
    from app.services.cases import record_event

    actor = _actor(demo)
    with demo.session_factory() as session:
        case = _case_of(session, Case.status == "in_progress")
        names = [m.name for m in case.materials]
        case_id = case.id
    chosen = names[-1]

    def suspend(at: int) -> None:
        with demo.session_factory.begin() as session:
            record_event(session, actor, case_id, CaseEventKind.SUSPEND, calendar=load_work_calendar(session),
                         note="需补充材料", details={"materials": [chosen]},
                         now=documents.utcnow() + timedelta(seconds=at))

    suspend(1)
    with demo.session_factory() as session:
        first = prepare(session, actor, PrintTarget("supplement_notice", case_id=case_id))
    text = _text(first.pdf, tmp_path)
    others = [name for name in names[:-1] if name not in chosen]
    assert chosen in text and [name for name in others if name in text.split("补正要求")[1]] == [], others
    assert "补打" not in text and first.reprint_count == 0
    assert "请于" in text and "个工作日内）" in text and "逾期未补正" in text and "暂停计算办理时限" in text
    with demo.session_factory.begin() as session:
        record_print(session, actor, first, data_dir=tmp_path)
    # The resident came back; later the case is paused again: a new notice, numbered on, not a reprint.
    with demo.session_factory.begin() as session:
        record_event(session, actor, case_id, CaseEventKind.RESUME, calendar=load_work_calendar(session),
                     now=documents.utcnow() + timedelta(seconds=2))
    suspend(3)
    with demo.session_factory() as session:
        second = prepare(session, actor, PrintTarget("supplement_notice", case_id=case_id))
    assert second.reprint_count == 0 and second.doc_number.endswith("-02")
    assert "补打" not in _text(second.pdf, tmp_path)


def test_after_the_missing_materials_arrive_the_receipt_waits_to_be_printed(demo: Database, tmp_path: Path) -> None:
    from app.services.calendar_store import load_work_calendar
    from app.services.cases import record_event

    actor = _actor(demo)
    with demo.session_factory() as session:
        case_id = _case_of(session, Case.status == "needs_supplement").id
    with demo.session_factory.begin() as session:
        record_event(session, actor, case_id, CaseEventKind.SUPPLEMENT_RECEIVED, calendar=load_work_calendar(session))
    with demo.session_factory() as session:
        pending = documents.pending_documents(session, since=documents.utcnow() - timedelta(hours=1))
        assert ("receipt", case_id) in {(d.doc_type, d.case_id) for d in pending}
        text = _text(prepare(session, actor, PrintTarget("receipt", case_id=case_id)).pdf, tmp_path)
    assert "决定予以受理" in text and "一式两份" in text


def test_an_on_the_spot_case_prints_a_completion_slip_without_pickup(demo: Database, tmp_path: Path) -> None:
    actor = _actor(demo)
    with demo.session_factory() as session:
        case_id = _case_of(session, Case.outcome == "done_on_the_spot").id
        text = _text(prepare(session, actor, PrintTarget("completion_notice", case_id=case_id)).pdf, tmp_path)
    assert "当场办结" in text and "无需再来领取" in text
    assert "取件须知" not in text and "取件时间" not in text and "领取人" not in text
    assert "服务评价" in text and "非常满意" in text


def test_the_qr_points_only_to_a_public_https_address(demo: Database, tmp_path: Path) -> None:
    from app.models import CatalogVersion
    from app.services import document_settings

    actor = _actor(demo)
    with demo.session_factory.begin() as session:
        catalog = session.scalars(select(CatalogVersion).where(CatalogVersion.is_current.is_(True))).one()
        catalog.document_settings = {k: v for k, v in catalog.document_settings.items() if k != "status_base_url"}
        with pytest.raises(DomainError, match="https") as raised:
            document_settings.set_status_url(session, actor, "http://127.0.0.1:8700")
        assert raised.value.field == "status_base_url"
        with pytest.raises(DomainError, match="内部网络"):
            document_settings.set_status_url(session, actor, "https://192.168.1.20/onewindow")
        # An address saved before the rule: printing leaves the QR off and the screen says why.
        settings_store.put(session, settings_store.STATUS_URL_BASE, "http://127.0.0.1:8700")
    with demo.session_factory() as session:
        assert "https" in document_settings.view(session).status_url_problem
        target = sample_targets(session)["receipt"]
        prepared = prepare(session, actor, target)
        case = session.get(Case, target.case_id)
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(prepared.pdf)
    from tests.printing.pdftools import RenderedPdf

    rendered = RenderedPdf(pdf)
    assert rendered.qr_payloads() == []
    assert case.case_number in rendered.flat and case.verification_code in rendered.flat
    with demo.session_factory.begin() as session:
        document_settings.set_status_url(session, actor, "https://zwfw.example.org/onewindow/")
    with demo.session_factory() as session:
        pdf.write_bytes(prepare(session, actor, target).pdf)
    assert RenderedPdf(pdf).qr_payloads()[0].startswith("https://zwfw.example.org/onewindow/status?case=")


def test_a_referral_slip_takes_address_and_hours_from_the_directory_and_no_past_callback(
        demo: Database, tmp_path: Path) -> None:
    from app.services import document_settings

    actor = _actor(demo)
    with demo.session_factory.begin() as session:
        document_settings.add_referral_unit(session, actor, {
            "name": "和平镇退役军人服务站", "address": "和平镇团结路8号", "hours": "工作日 9:00—17:00",
            "contact": "刘站长", "phone": "0903-1234999"})
        inquiry = session.scalars(select(Inquiry).where(Inquiry.referred_to != "")).first()
        inquiry.referred_to, inquiry.referred_contact, inquiry.referred_phone = "和平镇退役军人服务站", "", ""
        inquiry.follow_up_due = TODAY - timedelta(days=3)
        inquiry_id = inquiry.id
    with demo.session_factory() as session:
        text = _text(prepare(session, actor, PrintTarget("referral_slip", inquiry_id=inquiry_id)).pdf, tmp_path)
        units = document_settings.view(session).referral_units
    assert "和平镇团结路8号" in text and "工作日9:00—17:00" in text and "刘站长" in text and "0903-1234999" in text
    assert "回访日期" not in text and "前向您回访" not in text
    assert any(u.from_county for u in units) and any(not u.from_county for u in units)
    with demo.session_factory.begin() as session, pytest.raises(DomainError, match="县级发布"):
        document_settings.remove_referral_unit(session, actor, next(u.name for u in units if u.from_county))


def test_the_ledgers_carry_completion_overdue_department_and_the_first_inquiries(demo: Database,
                                                                                  tmp_path: Path) -> None:
    actor = _actor(demo)
    start = TODAY - timedelta(days=40)
    with demo.session_factory() as session:
        ledger = _text(prepare(session, actor, PrintTarget("ledger", date_from=start, date_to=TODAY)).pdf, tmp_path)
        inquiries = _text(prepare(session, actor, PrintTarget("inquiry_ledger", date_from=start,
                                                              date_to=TODAY)).pdf, tmp_path)
        asker = session.scalars(select(Inquiry.asker_name)).first()
    assert "办结日期" in ledger and "逾期" in ledger and "部门" in ledger and "民政" in ledger
    assert "首问登记台账" in inquiries and "首问责任人" in inquiries and asker in inquiries


def test_the_ledger_carries_the_residents_rating_and_leaves_out_one_voided_on_appeal(demo: Database) -> None:
    from app.models import Rating, RatingFollowUp
    from app.models.vocabulary import AppealDecision, CaseStatus
    from app.services import ratings

    actor = _actor(demo)
    with demo.session_factory.begin() as session:
        rated = set(session.scalars(select(Rating.case_id)))
        good, bad = [case_id for case_id in session.scalars(select(Case.id).where(
            Case.status == CaseStatus.COMPLETED).order_by(Case.case_number)) if case_id not in rated][:2]
        for case_id, level in ((good, "very_satisfied"), (bad, "very_dissatisfied")):
            token = ratings.issue_ballot(session, actor, case_id=case_id).token
            ratings.cast_ballot(session, token, level=level, reasons=["attitude"] if level != "very_satisfied" else [])
        follow_up = session.scalar(select(RatingFollowUp).where(RatingFollowUp.case_id == bad))
        follow_up.appeal_decision = AppealDecision.VOIDED  # as the county's decision arrives
    with demo.session_factory() as session:
        labels = documents._case_ratings(session, [good, bad])
    assert labels == {good: "非常满意"}


def test_every_document_the_print_center_lists_prints_again_from_its_record(demo: Database, tmp_path: Path) -> None:
    """补打 from the print center's list rebuilds each kind of document from what its record holds
    (a complaint slip is sent to 投诉举报 on purpose, with its words)."""
    actor = _actor(demo)
    with demo.session_factory.begin() as session:
        settings_store.put(session, settings_store.STATUS_URL_BASE, "https://zwfw.example.org/onewindow")
        online = documents.online_assist.online_items(session)
        if not online:  # the demo's catalog may have no online item: mark one
            from app.models import CatalogItem

            session.scalars(select(CatalogItem)).first().online = True
    with demo.session_factory() as session:
        targets = sample_targets(session)
    assert set(targets) == set(documents.DOC_TYPES)
    for target in targets.values():
        with demo.session_factory.begin() as session:
            record_print(session, actor, prepare(session, actor, target), data_dir=tmp_path)
    with demo.session_factory() as session:
        records = {r.doc_type: r for r in documents.print_records(session)}
        assert set(records) == set(documents.DOC_TYPES)
        failed = {}
        for doc_type, record in records.items():
            again = documents.target_of(record)
            if doc_type == documents.complaints.DOC_COMPLAINT_RECEIPT:
                with pytest.raises(DomainError, match="投诉举报"):
                    prepare(session, actor, again)
                continue
            try:
                reprinted = prepare(session, actor, again)
            except DomainError as refused:
                failed[doc_type] = str(refused)
                continue
            assert reprinted.doc_number != record.doc_number, doc_type
    assert failed == {}
