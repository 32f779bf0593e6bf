"""代办与网办 in the real widgets: an intake with the proxy's name starts an
errand with its 委托书; the errands tab sends it up and hands it back; the
帮办网办 tab registers, refuses a verification code, and follows up."""
from __future__ import annotations

from unittest.mock import patch

import pytest
from sqlalchemy import select

from app.db import Database
from app.models import Case, OnlineAssist
from app.models.vocabulary import CaseEventKind, CaseResult
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.screens.proxy import ProxyScreen
from tests.ui.conftest import _Template
from tests.ui.test_intake import choose_item, choose_resident, enter, only_case, screen, to_outcome  # noqa: F401


@pytest.fixture
def proxy_screen(qtbot, qapp, desk_db: Database, intake_template: _Template) -> ProxyScreen:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    widget = ProxyScreen(runner)
    qtbot.addWidget(widget)
    widget.set_actor(intake_template.head)
    widget.show()
    return widget


def test_an_intake_with_a_proxy_prints_the_mandate(qtbot, screen, desk_db: Database) -> None:  # noqa: F811
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "高龄津贴申报")
    to_outcome(qtbot, screen, "accept")
    screen.proxy_agent.setText("张秀兰")
    screen._submit()
    case = only_case(desk_db)
    assert case.status == "accepted" and case.events[0].data["proxy"]["agent"] == "张秀兰"
    assert screen._done.documents == ("receipt", "proxy_mandate")


def test_the_errands_tab_sends_up_and_hands_back(qtbot, screen, proxy_screen: ProxyScreen,  # noqa: F811
                                                  desk_db: Database, intake_template: _Template) -> None:
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "高龄津贴申报")
    to_outcome(qtbot, screen, "accept")
    screen.proxy_agent.setText("张秀兰")
    screen._submit()
    case_id = only_case(desk_db).id
    tab = proxy_screen.errands
    tab.reload()
    assert tab.table.rowCount() == 1 and tab.table.item(0, 3).text() == "张秀兰"
    assert tab.table.item(0, 5).text() == "待送出"
    printed: list = []
    tab.print_targets.connect(printed.append)
    tab.table.selectRow(0)
    with patch("app.ui.screens.proxy.QInputDialog.getText", return_value=("示例镇民政办", True)):
        tab._sent()
    tab.reload()
    assert tab.table.item(0, 5).text() == "已送出，待返回" and printed == []
    from app.services.calendar_store import load_work_calendar
    from app.services.cases import record_event

    with desk_db.session_factory.begin() as session:
        calendar = load_work_calendar(session)
        record_event(session, intake_template.head, case_id, CaseEventKind.RETURN, calendar=calendar)
        record_event(session, intake_template.head, case_id, CaseEventKind.COMPLETE, calendar=calendar,
                     result=CaseResult.APPROVED)
    tab.reload()
    tab.table.selectRow(0)
    with patch("app.ui.screens.proxy.QInputDialog.getText", return_value=("高龄津贴审批表、银行卡", True)):
        tab._hand_back()
    assert [t.doc_type for t in printed[-1]] == ["proxy_completion"] and printed[-1][0].case_id == case_id
    tab.reload()
    assert tab.table.rowCount() == 0
    with desk_db.session_factory() as session:
        assert session.get(Case, case_id).status == "delivered"


def test_the_online_tab_refuses_a_code_and_registers(qtbot, proxy_screen: ProxyScreen, desk_db: Database) -> None:
    tab = proxy_screen.online
    assert "不记录群众的账号密码、短信验证码" in tab.notice.text()
    assert tab.platform.count() == 9
    tab.resident.setText("孙丽")
    tab.platform.setCurrentText("浙里办")
    tab.item.setCurrentText("社会保障卡申领")
    tab.note.setText("验证码 583920")
    tab._register()
    assert "验证码" in tab.error.text() and tab.note.hasFocus()
    tab.note.setText("已提醒本人保管好账号")
    tab.application_no.setText("ZLB20261201000123")
    tab._register()
    assert tab.error.text() == ""
    with desk_db.session_factory() as session:
        (row,) = session.scalars(select(OnlineAssist)).all()
        assert row.platform == "浙里办" and row.follow_up_on is not None
    assert tab.table.rowCount() == 1 and tab.table.item(0, 1).text() == "孙丽"
