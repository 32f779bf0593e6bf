"""投诉举报 over the real link: a complaint registered at one desk reaches the
county and the center's other desk; escalated, it is answered by a county
officer and the answer comes down to the desks, where the worker tells the
complainant, and the county's answer is never overwritten."""
from __future__ import annotations

import httpx
from sqlalchemy import select

from app.clock import local_today
from app.models import Complaint
from app.models.vocabulary import ComplaintStatus, ComplaintToldBy
from app.services import complaints as c
from app.services.calendar_store import load_work_calendar
from county_server.models import Complaint as CountyComplaint
from tests.sync.live import CountyProcess, DeskPC

BASIC = c.ComplaintInput(title="代办员收取跑腿费", content="村代办员代办养老认证时收了 20 元。", subject="村代办员",
                         complainant_name="冯大爷", complainant_phone="13800138000")


def register(desk: DeskPC, data: c.ComplaintInput = BASIC) -> c.RegisteredComplaint:
    with desk.factory.begin() as session:
        return c.register_complaint(session, desk.actor, data, calendar=load_work_calendar(session))


def row(desk: DeskPC, complaint_id) -> c.ComplaintRow:
    with desk.factory() as session:
        return c.complaint_row(session, complaint_id, today=local_today(), calendar=load_work_calendar(session))


def test_an_escalated_complaint_is_answered_by_the_county_and_told_at_the_desk(county: CountyProcess,
                                                                                new_desk) -> None:
    one, two = new_desk(1), new_desk(2)
    for desk in (one, two):
        desk.enroll(county)
        assert desk.sync().ok
    done = register(one)
    assert one.sync().ok
    assert two.sync().ok
    assert row(two, done.id).complaint_number == done.complaint_number  # the other window sees it
    with one.factory.begin() as session:
        c.escalate_complaint(session, one.actor, done.id, "投诉对象为本中心代办员")
    assert one.sync().ok
    with county.db() as session:
        at_county = session.get(CountyComplaint, done.id)
        assert at_county is not None and at_county.status == ComplaintStatus.ESCALATED
    officer = county.county_token()
    answer = httpx.post(f"{county.base}/api/v1/county/complaints/{done.id}/answer",
                        json={"answer": "经县里核查，已责令退还并通报批评。"},
                        headers={"Authorization": f"Bearer {officer}"}, timeout=30)
    assert answer.status_code == 200, answer.text
    for desk in (one, two):
        assert desk.sync().ok
        found = row(desk, done.id)
        assert found.county_answer == "经县里核查，已责令退还并通报批评。" and found.county_officer == "县民政局"
        assert "县级已答复" in found.next_step
    with two.factory.begin() as session:  # the other window tells the complainant
        c.record_told(session, two.actor, done.id, told_by=ComplaintToldBy.PHONE, note="本人认可")
    report = two.sync()
    assert report.ok and report.pushed >= 1
    assert one.sync().ok
    for desk in (one, two):
        found = row(desk, done.id)
        assert found.status == ComplaintStatus.TOLD and found.county_answer.startswith("经县里核查")
        with desk.factory() as session:
            assert session.scalar(select(Complaint.sync_state).where(Complaint.id == done.id)) == "synced"
    with county.db() as session:
        at_county = session.get(CountyComplaint, done.id)
        assert at_county.status == ComplaintStatus.TOLD and at_county.county_answer.startswith("经县里核查")
    page = httpx.get(f"{county.base}/status", params={"complaint": done.complaint_number, "code": done.query_code},
                     timeout=30)
    assert page.status_code == 200 and "已告知" in page.text and "冯大爷" not in page.text


def test_the_county_answer_is_taken_even_over_a_change_of_the_desk_on_its_way_up(desk) -> None:
    """Without a server: the desk escalated and then (offline) extended nothing
    more, but its escalation is still in the outbox when the county's answer
    arrives: the record waits for the push, the county's fields do not."""
    from app.models.records import payload_of
    from app.sync.apply import apply_record, context
    from tests.services.desk import NOW

    with desk.db.session_factory.begin() as session:
        done = c.register_complaint(session, desk.clerk, BASIC, calendar=desk.calendar, now=NOW)
    with desk.db.session_factory.begin() as session:
        c.escalate_complaint(session, desk.clerk, done.id, "针对本中心", now=NOW)
        county = payload_of(session, session.get(Complaint, done.id)) | {
            "status": "registered",  # an older state of the desk's own fields: not taken while its change waits
            "county_answer": "县级已核查。", "county_answered_at": NOW.isoformat(), "county_officer": "县政务服务中心"}
    with desk.db.session_factory.begin() as session:
        assert apply_record(session, context(session), "complaint", str(done.id), 3, county)
    with desk.db.session_factory() as session:
        row = session.get(Complaint, done.id)
        assert row.status == ComplaintStatus.ESCALATED and row.county_answer == "县级已核查。"
        assert row.county_officer == "县政务服务中心" and row.county_answered_at is not None
    with desk.db.session_factory.begin() as session:  # an older entry never takes the answer away
        apply_record(session, context(session), "complaint", str(done.id), 2,
                     county | {"county_answer": "", "county_answered_at": None, "county_officer": ""})
    with desk.db.session_factory() as session:
        assert session.get(Complaint, done.id).county_answer == "县级已核查。"
