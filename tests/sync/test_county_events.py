"""Forwarded cases (代办 / 转报): what the county records comes back to the
desk, which shows it and prints the 办结通知."""
from __future__ import annotations

import subprocess
from pathlib import Path

from app.clock import local_today
from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services.calendar_store import load_work_calendar
from app.services.case_detail import case_detail
from app.services.documents import PrintTarget, pending_documents, prepare
from tests.sync.live import CountyProcess


def pdf_text(pdf: bytes, folder: Path) -> str:
    path = folder / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True)
    return "".join(out.stdout.split())


def test_a_case_completed_by_the_county_shows_and_prints_at_the_desk(county: CountyProcess, new_desk, tmp_path) -> None:
    desk = new_desk(1)
    desk.enroll(county)
    desk.sync()
    case_id = desk.take_in(desk.register("冯大爷"), code="FW", outcome=IntakeOutcome.FORWARD)
    assert desk.sync().ok
    officer = county.county_token()
    assert county.county_action(officer, case_id, "received").status_code == 200
    assert desk.sync().ok
    assert desk.case(case_id).status == "forwarded"
    answer = county.county_action(officer, case_id, "completed", result="approved", note="经审核，准予享受最低生活保障")
    assert answer.status_code == 200, answer.text
    report = desk.sync()
    assert report.ok and report.pulled >= 2

    case = desk.case(case_id)
    assert case.status == "completed" and case.result == "approved" and case.completed_at is not None
    county_events = sorted((e for e in case.events if e.position and e.position > 1), key=lambda e: e.position)
    assert [(e.kind, e.actor_label) for e in county_events] == [
        ("note", "县民政局"), ("return", "县民政局"), ("complete", "县民政局")]
    assert county_events[-1].note == "经审核，准予享受最低生活保障"
    with desk.factory() as session:
        detail = case_detail(session, case_id, actor=desk.actor, today=local_today(),
                             calendar=load_work_calendar(session))
        prepared = prepare(session, desk.actor, PrintTarget("completion_notice", case_id=case_id))
    assert [(e.kind, e.staff_name) for e in detail.events][-2:] == [("return", "县民政局"), ("complete", "县民政局")]
    assert "completion_notice" in detail.documents and "completion_notice" in detail.documents_due
    with desk.factory() as session:  # the print center lists it too
        due = pending_documents(session, since=case.received_at)
    assert ("completion_notice", case_id) in {(d.doc_type, d.case_id) for d in due}
    text = pdf_text(prepared.pdf, tmp_path)
    assert case.case_number in text and "准予享受最低生活保障" in text


def test_a_case_returned_for_supplement_comes_back_returned(county: CountyProcess, new_desk) -> None:
    desk = new_desk(1)
    desk.enroll(county)
    desk.sync()
    case_id = desk.take_in(desk.register("陈阿姨"), code="FW", outcome=IntakeOutcome.FORWARD)
    desk.sync()
    officer = county.county_token()
    assert county.county_action(officer, case_id, "returned", note="缺少收入证明").status_code == 200
    assert desk.sync().ok
    case = desk.case(case_id)
    assert case.status == "returned"
    # The desk goes on from the county's status: its next event is legal and accepted.
    desk.event(case_id, CaseEventKind.COMPLETE, result="denied", note="申请人放弃")
    assert desk.sync().ok
    assert desk.case(case_id).sync_state == "synced"


def test_a_case_returned_for_supplement_goes_up_again_and_the_county_completes_it(county: CountyProcess, new_desk) -> None:
    desk = new_desk(1)
    desk.enroll(county)
    desk.sync()
    case_id = desk.take_in(desk.register("蒋大哥"), code="FW", outcome=IntakeOutcome.FORWARD)
    assert desk.sync().ok
    officer = county.county_token()
    assert county.county_action(officer, case_id, "received").status_code == 200
    assert county.county_action(officer, case_id, "returned", note="缺少收入证明").status_code == 200
    assert desk.sync().ok and desk.case(case_id).status == "returned"
    # The resident brings the proof; the window sends the case up again.
    desk.event(case_id, CaseEventKind.FORWARD, forwarded_to="县民政局", note="已补收入证明")
    assert desk.sync().ok and desk.case(case_id).sync_state == "synced"
    assert county.county_action(officer, case_id, "received").status_code == 200
    assert county.county_action(officer, case_id, "completed", result="approved", note="准予").status_code == 200
    assert desk.sync().ok
    case = desk.case(case_id)
    assert (case.status, case.result) == ("completed", "approved")
    kinds = [e.kind for e in sorted(case.events, key=lambda e: e.position)]
    assert kinds == ["forward_at_intake", "note", "return", "forward", "note", "return", "complete"]
