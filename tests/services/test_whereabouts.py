"""去向留言: a note says where, why and until when; return or login clears it."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.models import AuditEntry, OutboxEntry, WhereaboutsNote
from app.models.vocabulary import WhereaboutsStatus
from app.services import backup, whereabouts
from app.services.errors import DomainError, PermissionDenied
from app.services.staff import login
from app.services.whereabouts import NoteInput
from tests.services.desk import NOW, Desk

BACK = NOW + timedelta(hours=1)


def _set(desk: Desk, note: NoteInput, *, actor=None, staff_id=None, now=NOW) -> whereabouts.NoteResult:
    actor = actor or desk.clerk
    with desk.db.session_factory.begin() as session:
        return whereabouts.set_note(session, actor, staff_id or actor.staff_id, note, now=now)


@pytest.mark.parametrize(("note", "field"), [
    (NoteInput("on_duty", "镇政府", BACK), "status"),
    (NoteInput("meeting", "  ", BACK), "where"),
    (NoteInput("meeting", "镇政府", None), "expected_back_at"),
    (NoteInput("meeting", "镇政府", NOW - timedelta(minutes=1)), "expected_back_at"),
    (NoteInput("meeting", "镇政府", NOW + timedelta(hours=4)), "reason"),
    (NoteInput("leave", "家中", NOW + timedelta(hours=1)), "reason"),
])
def test_a_bad_note_is_refused_naming_the_field_and_nothing_is_saved(desk: Desk, note: NoteInput, field: str) -> None:
    with pytest.raises(DomainError) as refused:
        _set(desk, note)
    assert refused.value.field == field
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(refused.value))
    assert desk.count(WhereaboutsNote) == 0


def test_a_short_absence_needs_no_reason_and_the_note_is_queued_and_audited(desk: Desk) -> None:
    result = _set(desk, NoteInput("stepped_out", "村委会二楼", BACK))
    with desk.db.session_factory() as session:
        note = session.get(WhereaboutsNote, result.note_id)
        assert (note.status, note.destination, note.returned_at) == ("stepped_out", "村委会二楼", None)
        assert backup.is_away(session, desk.clerk.staff_id, NOW + timedelta(minutes=5))
        assert not backup.is_away(session, desk.clerk.staff_id, NOW - timedelta(minutes=5))
        assert session.scalar(select(OutboxEntry).where(OutboxEntry.entity == "whereabouts_note")) is not None
        assert session.scalar(select(AuditEntry).where(AuditEntry.entity == "whereabouts_note")) is not None


def test_a_second_note_changes_the_open_one(desk: Desk) -> None:
    first = _set(desk, NoteInput("stepped_out", "村委会", BACK))
    second = _set(desk, NoteInput("meeting", "镇政府会议室", NOW + timedelta(hours=5), "镇里例会"),
                  now=NOW + timedelta(minutes=10))
    assert first.note_id == second.note_id
    assert desk.count(WhereaboutsNote) == 1


def test_return_clears_the_note_and_the_worker_is_on_duty_again(desk: Desk) -> None:
    _set(desk, NoteInput("field_visit", "三组张家上门", BACK))
    with desk.db.session_factory.begin() as session:
        handed = whereabouts.clear_note(session, desk.clerk, desk.clerk.staff_id, now=NOW + timedelta(minutes=30))
    assert handed is not None and handed.is_empty
    with desk.db.session_factory() as session:
        assert not backup.is_away(session, desk.clerk.staff_id, NOW + timedelta(minutes=31))
        row = next(r for r in whereabouts.board(session, desk.clerk.center_id, at=NOW + timedelta(minutes=31)).rows
                   if r.staff_id == desk.clerk.staff_id)
        assert row.status == WhereaboutsStatus.ON_DUTY and not row.away


def test_a_workers_login_clears_their_own_note(desk: Desk) -> None:
    _set(desk, NoteInput("stepped_out", "村委会", BACK))
    with desk.db.session_factory.begin() as session:
        result = login(session, "lina", "lina2026")
    assert result.actor is not None and result.returned_note_id is not None
    with desk.db.session_factory() as session:
        assert session.get(WhereaboutsNote, result.returned_note_id).returned_at is not None


def test_only_the_head_leaves_a_note_for_someone_else(desk: Desk) -> None:
    with pytest.raises(PermissionDenied):
        _set(desk, NoteInput("meeting", "镇政府", BACK), staff_id=desk.head.staff_id)
    result = _set(desk, NoteInput("meeting", "镇政府", BACK), actor=desk.head, staff_id=desk.clerk.staff_id)
    with desk.db.session_factory() as session:
        assert session.get(WhereaboutsNote, result.note_id).staff_id == desk.clerk.staff_id


def test_the_board_lists_everyone_with_status_and_return_time(desk: Desk) -> None:
    _set(desk, NoteInput("business_trip", "县民政局", NOW + timedelta(days=1), "送低保材料"))
    with desk.db.session_factory() as session:
        board = whereabouts.board(session, desk.clerk.center_id, at=NOW + timedelta(minutes=1))
    by_name = {row.name: row for row in board.rows}
    assert by_name["李娜"].status == WhereaboutsStatus.BUSINESS_TRIP
    assert by_name["李娜"].expected_back_at == NOW + timedelta(days=1)
    assert by_name["王建国"].status == WhereaboutsStatus.ON_DUTY
    assert board.rows[0].name == "王建国"  # the head first


def test_the_printed_board_lists_everyone_as_at_printing_and_leaves_the_reason_out(desk: Desk, tmp_path) -> None:
    import shutil
    import subprocess

    from app.services.documents import PrintTarget, prepare

    _set(desk, NoteInput("business_trip", "县民政局", NOW + timedelta(days=1), "送低保材料"))
    with desk.db.session_factory() as session:
        prepared = prepare(session, desk.head, PrintTarget("whereabouts_board"), now=NOW + timedelta(minutes=1))
    assert prepared.title == "工作人员去向公示" and prepared.doc_number.startswith("QX-SF01-")
    if shutil.which("pdftotext") is None:  # pragma: no cover - the tool is on the build machines
        return
    pdf = tmp_path / "board.pdf"
    pdf.write_bytes(prepared.pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "李娜" in text and "出差" in text and "县民政局" in text and "王建国" in text
    assert "送低保材料" not in text


def test_the_head_sets_the_complaints_phone_the_boards_show(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session, pytest.raises(PermissionDenied):
        whereabouts.set_complaint_phone(session, desk.clerk, "12345")
    with desk.db.session_factory.begin() as session, pytest.raises(DomainError) as bad:
        whereabouts.set_complaint_phone(session, desk.head, "12")
    assert bad.value.field == "complaint_phone" and "投诉电话" in str(bad.value)
    with desk.db.session_factory.begin() as session:
        assert whereabouts.set_complaint_phone(session, desk.head, "0769 2234 5678") == "0769-22345678"
    with desk.db.session_factory() as session:
        phones = dict(whereabouts.board(session, desk.head.center_id).phones)
    assert phones.get("投诉电话") == "0769-22345678"
