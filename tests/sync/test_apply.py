"""Storing what the county sends, without a server: versions, placeholders for
references that arrive later, county-owned data, and what cannot be stored."""
from __future__ import annotations

import uuid

from sqlalchemy import func, select

from app.ids import uuid7
from app.models import CalendarDay, CatalogItem, CatalogVersion, Resident, Staff, SyncAttention
from app.models.vocabulary import CaseEventKind
from app.services.calendar_store import load_work_calendar
from app.sync.apply import apply_record, context
from tests.services.desk import Desk


def apply(desk: Desk, entity: str, entity_id: uuid.UUID | str, version: int, data: dict) -> bool:
    with desk.db.session_factory.begin() as session:
        return apply_record(session, context(session), entity, str(entity_id), version, data)


def resident_data(name: str = "远方来客", number: str = "44990119500101001X") -> dict:
    return {"doc_type": "resident_id", "id_number": number, "name": name, "phone": "13800138000", "tags": [],
            "created_by": str(uuid7())}


def test_a_version_already_held_is_a_no_op(desk: Desk) -> None:
    rid = uuid7()
    assert apply(desk, "resident", rid, 1, resident_data())
    assert not apply(desk, "resident", rid, 1, resident_data("改了也不算"))
    assert apply(desk, "resident", rid, 2, resident_data("程晓明"))
    with desk.db.session_factory() as session:
        row = session.get(Resident, rid)
        assert (row.name, row.name_initials, row.phone_last4, row.sync_state) == ("程晓明", "cxm", "8000", "synced")
        # the one-box lookup finds a name arriving by sync, inside the name too
        from app.services.search import lookup

        assert any(hit.id == rid for hit in lookup(session, "晓明").residents)
        # a staff account named by a record from another desk: a locked placeholder until it arrives
        placeholder = session.get(Staff, uuid.UUID(resident_data()["created_by"])) or session.scalar(
            select(Staff).where(Staff.username.like("_pending_%")))
        assert placeholder is not None and not placeholder.active and placeholder.password_hash == "!"


def test_a_case_before_its_catalog_keeps_its_item_and_the_catalog_adopts_it(desk: Desk) -> None:
    item_id, material_id, case_id = uuid7(), uuid7(), uuid7()
    rid = uuid7()
    apply(desk, "resident", rid, 1, resident_data())
    with desk.db.session_factory() as session:
        device = context(session).device_id
    case = {"case_number": "SF01-01-20261120-0009", "verification_code": "7KQ3MX", "device_id": str(device),
            "resident_id": str(rid), "item_id": str(item_id), "item_code": "ZZ", "item_name": "县级新事项",
            "catalog_version": "county-2027", "status": "accepted", "outcome": "accept",
            "received_at": "2026-11-20T02:00:00+00:00", "handled_by": str(uuid7()), "materials": [
                {"id": str(uuid7()), "catalog_material_id": str(material_id), "position": 1, "name": "身份证",
                 "form": "original", "key": True, "required_count": 1, "received_count": 1}]}
    assert apply(desk, "case", case_id, 1, case)
    with desk.db.session_factory() as session:
        assert session.get(CatalogItem, item_id).catalog_version.is_current is False
    catalog = {"id": str(uuid7()), "version": "county-2027", "checksum": "abc", "is_current": True, "departments": [
        {"id": str(uuid7()), "code": "MZ", "name": "民政"}], "items": [{
            "id": str(item_id), "code": "ZZ", "name": "县级新事项", "name_initials": "xjxsx", "department_code": "MZ",
            "handling_mode": "committed", "statutory_days": 10, "committed_days": 5, "materials": [
                {"id": str(material_id), "position": 1, "name": "身份证", "form": "original", "count": 1}]}]}
    assert apply(desk, "catalog_version", catalog["id"], 1, catalog)
    with desk.db.session_factory() as session:
        item = session.get(CatalogItem, item_id)
        assert item.catalog_version.version == "county-2027" and item.catalog_version.is_current
        assert [m.id for m in item.materials] == [material_id] and item.committed_days == 5
        assert session.scalar(select(func.count()).select_from(CatalogVersion).where(CatalogVersion.is_current)) == 1


def test_the_countys_calendar_year_replaces_the_whole_year(desk: Desk) -> None:
    table = "date,kind,name\n2027,全年,县级发布\n2027-01-01,休,元旦\n2027-02-06,班,春节调休\n"
    assert apply(desk, "calendar_year", "2027", 1, {"year": 2027, "version": 1, "table_text": table, "days": []})
    second = "date,kind,name\n2027,全年,县级发布\n2027-01-01,休,元旦\n"
    assert apply(desk, "calendar_year", "2027", 2, {"year": 2027, "version": 2, "table_text": second, "days": []})
    assert not apply(desk, "calendar_year", "2027", 2, {"year": 2027, "version": 2, "table_text": table, "days": []})
    with desk.db.session_factory() as session:
        days = {d.day.isoformat(): d.source for d in session.scalars(select(CalendarDay))}
        calendar = load_work_calendar(session)
    assert days == {"2027-01-01": "county"}
    assert calendar.is_published(2027)


def test_what_cannot_be_stored_goes_to_the_list_whole(desk: Desk) -> None:
    event = {"case_id": str(uuid7()), "kind": CaseEventKind.NOTE, "from_status": "accepted", "to_status": "accepted",
             "occurred_at": "2026-11-20T02:00:00+00:00", "note": "x", "data": {}}
    assert not apply(desk, "case_event", uuid7(), 1, event)
    assert not apply(desk, "hologram", uuid7(), 1, {"a": 1})
    with desk.db.session_factory() as session:
        items = list(session.scalars(select(SyncAttention).order_by(SyncAttention.created_at)))
    assert [(i.kind, i.entity) for i in items] == [("pull", "case_event"), ("pull", "hologram")]
    assert items[0].server["data"]["note"] == "x"


def test_the_run_log_keeps_three_months(desk: Desk, tmp_path) -> None:
    from datetime import timedelta

    from app.clock import utcnow
    from app.models import SyncRun
    from app.sync.engine import SyncEngine

    with desk.db.session_factory.begin() as session:
        session.add(SyncRun(started_at=utcnow() - timedelta(days=200), finished_at=utcnow() - timedelta(days=200), ok=True))
        session.add(SyncRun(started_at=utcnow() - timedelta(days=10), finished_at=utcnow() - timedelta(days=10), ok=True))
    report = SyncEngine(desk.db.session_factory, tmp_path).run()
    assert report.state == "not_enrolled"
    with desk.db.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(SyncRun)) == 1


def test_the_countys_document_settings_arrive_with_its_catalog(desk: Desk) -> None:
    from app.services import document_settings

    block = {"status_base_url": "https://zwfw.example.gov.cn/onewindow", "review_body": "示例县人民政府",
             "departments": {"MZ": {"decision_body": "示例县民政局", "seal_name": "示例县民政局行政审批专用章"}},
             "referral_units": [{"name": "示例县民政局社会救助股", "address": "人民路88号", "hours": "工作日",
                                 "contact": "救助股", "phone": "0903-1234222"}]}
    catalog = {"id": str(uuid7()), "version": "county-2028", "checksum": "abd", "is_current": True,
               "departments": [{"id": str(uuid7()), "code": "MZ", "name": "民政"}], "items": [],
               "documents": block}
    assert apply(desk, "catalog_version", catalog["id"], 1, catalog)
    with desk.db.session_factory() as session:
        settings = document_settings.current(session)
        authority = settings.authority("MZ", center_name="本中心", county="示例县")
        assert settings.status_base_url == "https://zwfw.example.gov.cn/onewindow"
        assert (authority.decision_body, authority.seal_name, authority.court) == (
            "示例县民政局", "示例县民政局行政审批专用章", "示例县人民法院")
        assert settings.referral_unit("示例县民政局社会救助股").address == "人民路88号"
