"""Case detail, the intake screen's item choices, case-list filters and settings."""
from __future__ import annotations

import pytest

from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services import settings as settings_store
from app.services.case_detail import case_detail, item_choices
from app.services.cases import MaterialReceipt
from app.services.errors import DomainError
from app.services.queries import CaseFilter, case_page, count_cases
from tests.services.desk import NOW, D, Desk, at


def _detail(desk: Desk, case_id, *, actor=None, today=D("2026-02-13")):
    with desk.db.session_factory() as session:
        return case_detail(session, case_id, actor=actor or desk.clerk, today=today, calendar=desk.calendar)


def test_detail_shows_resident_masked_materials_deadline_timeline_and_actions(desk: Desk) -> None:
    missing = desk.full("CM")[:2] + (MaterialReceipt(desk.materials["CM"][2][0], 0, supply_by=D("2026-02-25")),)
    case_id = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT_DEFERRED, materials=missing))
    desk.event(case_id, CaseEventKind.START, now=at("2026-02-13", 9), note="开始审核")
    detail = _detail(desk, case_id)
    assert detail.resident.name == "张老汉" and "****" in detail.resident.id_masked
    assert len(detail.resident.id_masked) == 18 and detail.resident.id_masked.startswith("4401")
    assert detail.item_name == "高龄津贴申报" and detail.department == "民政"
    assert [(m.name, m.missing) for m in detail.materials] == [("居民身份证", False), ("居民户口簿", False),
                                                               ("银行卡", True)]
    assert detail.materials[2].supply_by == D("2026-02-25")
    assert detail.committed_due == D("2026-02-26") and detail.statutory_due is not None
    assert detail.deadline == "on_time" and detail.working_days_left == 4  # 14 (Sat), 24, 25, 26
    assert [(e.kind, e.staff_name) for e in detail.events] == [("accept_deferred", "李娜"), ("start", "李娜")]
    assert detail.actions[-1] == CaseEventKind.NOTE
    assert set(detail.actions) == {"forward", "complete", "suspend", "extend", "withdraw", "note"}
    assert detail.documents == ("receipt", "notification", "deferred_notice")
    assert detail.documents_due == ("receipt", "deferred_notice")
    overdue = _detail(desk, case_id, today=D("2026-03-02"))
    assert overdue.deadline == "overdue" and overdue.working_days_left == -3  # 27, 28 (Sat, 调休), 2 Mar


def test_a_closed_case_offers_reopen_to_the_head_only(desk: Desk) -> None:
    case_id = desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT))
    assert _detail(desk, case_id).actions == ("deliver", "note")
    head = _detail(desk, case_id, actor=desk.head)
    assert head.actions == ("deliver", "reopen", "note")
    assert head.documents == ("notification", "completion_notice")
    desk.event(case_id, CaseEventKind.DELIVER, now=at("2026-02-12", 11))
    assert _detail(desk, case_id).actions == ("note",)


def test_item_choices_put_the_residents_own_items_first(desk: Desk) -> None:
    for code in ("CN", "CM", "CM"):
        desk.take_in(desk.request(code, IntakeOutcome.ACCEPT), now=NOW)
    with desk.db.session_factory() as session:
        choices = item_choices(session, resident_id=desk.resident_id)
        nobody = item_choices(session)
    by_id = {i.id: i for i in choices.items}
    assert {by_id[i].code for i in choices.resident_recent} == {"CN", "CM"}
    assert by_id[choices.desk_recent[0]].code == "CM"  # used most
    assert nobody.resident_recent == ()
    item = next(i for i in choices.items if i.code == "CM")
    assert item.matches("高龄") and item.matches("gl") and item.matches("cm") and not item.matches("居住")
    assert [m.name for m in item.materials] == ["居民身份证", "居民户口簿", "银行卡"]


def test_case_list_filters(desk: Desk) -> None:
    first = desk.take_in(desk.request("CM", IntakeOutcome.ACCEPT), now=NOW)  # due 26 Feb
    desk.take_in(desk.request("CN", IntakeOutcome.ACCEPT), now=at("2026-02-24"))
    desk.take_in(desk.request("OS", IntakeOutcome.DONE_ON_THE_SPOT), now=at("2026-02-24"), actor=desk.head)

    def numbers(**kwargs) -> int:
        with desk.db.session_factory() as session:
            flt = CaseFilter(**kwargs)
            rows = case_page(session, flt, offset=0, limit=50, today=D("2026-03-02"), calendar=desk.calendar)
            assert count_cases(session, flt) == len(rows)
            return len(rows)

    assert numbers() == 3
    assert numbers(item_id=desk.items["CM"]) == 1
    assert numbers(staff_id=desk.head.staff_id) == 1
    assert numbers(received_from=D("2026-02-24")) == 2
    assert numbers(received_to=D("2026-02-23")) == 1
    assert numbers(received_from=D("2026-02-12"), received_to=D("2026-02-12")) == 1
    assert numbers(overdue_on=D("2026-03-02")) == 1
    assert numbers(status="completed") == 1
    assert numbers(resident_id=desk.resident_id, status="accepted") == 2
    desk.event(first, CaseEventKind.SUSPEND, now=at("2026-02-25"), note="缺材料")
    assert numbers(overdue_on=D("2026-03-02")) == 0  # paused: not overdue while the resident owes materials


def test_settings_have_defaults_types_and_limits(desk: Desk) -> None:
    with desk.db.session_factory.begin() as session:
        assert settings_store.get(session, settings_store.DEADLINE_SOON_DAYS) == 1
        settings_store.set_deadline_soon_days(session, 3)
    with desk.db.session_factory.begin() as session:
        assert settings_store.get(session, settings_store.DEADLINE_SOON_DAYS) == 3
        with pytest.raises(DomainError, match="0 到 10"):
            settings_store.set_deadline_soon_days(session, 11)
        with pytest.raises(DomainError):
            settings_store.put(session, settings_store.STATUS_URL_BASE, 5)
