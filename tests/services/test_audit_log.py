"""Opening a resident's record is audited, and the head reads and exports the audit log."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from app.services.audit_log import audit_rows, export_audit_csv, staff_choices
from app.services.errors import PermissionDenied
from app.services.resident_page import resident_page, reveal
from tests.services.desk import NOW, Desk


def _views(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        resident_page(session, desk.resident_id, viewer=desk.clerk, screen="群众档案（接待受理）", now=NOW)
        resident_page(session, desk.resident_id)  # a refresh: not audited
        reveal(session, desk.clerk, desk.resident_id, "id_number", screen="群众档案", now=NOW)


def test_opening_a_record_is_audited_with_who_and_from_where(desk: Desk) -> None:
    _views(desk)
    with desk.db.session_factory() as session:
        page = audit_rows(session, desk.head, staff_id=desk.clerk.staff_id)
    views = [r for r in page.rows if r.action == "view"]
    assert len(views) == 1 and views[0].staff_name == "李娜"
    assert "张老汉" in views[0].summary and "接待受理" in views[0].summary
    with desk.db.session_factory() as session:
        from app.models import Resident

        full = session.get(Resident, desk.resident_id).id_number
    assert full not in views[0].summary and "*" in views[0].summary  # masked in the log too
    assert any(r.action == "reveal" and r.action_label == "查看完整号码" for r in page.rows)


def test_the_head_filters_by_resident_and_by_staff(desk: Desk) -> None:
    desk.take_in(desk.request("CM", "accept"))
    _views(desk)
    with desk.db.session_factory() as session:
        by_resident = audit_rows(session, desk.head, resident_query="张老汉")
        by_head = audit_rows(session, desk.head, staff_id=desk.head.staff_id)
        nobody = audit_rows(session, desk.head, resident_query="没有这个人")
        dated = audit_rows(session, desk.head, date_from=date(2020, 1, 1), date_to=date(2020, 1, 2))
    assert by_resident.residents == ("张老汉",)
    assert {r.action for r in by_resident.rows} >= {"create", "view", "reveal"}
    assert any(r.entity == "case" for r in by_resident.rows)  # the resident's case too
    assert all(r.staff_name == "王建国" for r in by_head.rows) and by_head.rows
    assert nobody.rows == () and dated.rows == ()


def test_only_the_head_reads_it(desk: Desk) -> None:
    with desk.db.session_factory() as session, pytest.raises(PermissionDenied):
        audit_rows(session, desk.clerk)
    with desk.db.session_factory() as session, pytest.raises(PermissionDenied):
        staff_choices(session, desk.clerk)


def test_the_export_opens_in_excel_and_is_audited_itself(desk: Desk) -> None:
    _views(desk)
    with desk.db.session_factory.begin() as session:
        page = audit_rows(session, desk.head, resident_query="张老汉")
        data = export_audit_csv(session, desk.head, page, described_as="张老汉")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["时间", "工作人员", "操作", "对象", "内容"] and len(rows) == len(page.rows) + 1
    with desk.db.session_factory() as session:
        assert audit_rows(session, desk.head).rows[0].action == "export"
