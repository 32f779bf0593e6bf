"""Intake (F2) end to end in the real widgets, one flow per outcome, keyboard first."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db import Database
from app.models import Case, Inquiry
from app.services.identity import fictional_id_number
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.screens.intake import STEP_DONE, STEP_ITEM, STEP_MATERIALS, STEP_OUTCOME, IntakeScreen
from tests.ui.conftest import _Template

ZHANG_ID = fictional_id_number(region_code="449901", birth_date=date(1948, 3, 9), sequence=21, gender="男")


@pytest.fixture
def screen(qtbot, qapp, desk_db: Database, intake_template: _Template) -> IntakeScreen:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    widget = IntakeScreen(runner)
    qtbot.addWidget(widget)
    widget.set_actor(intake_template.head)
    widget.show()
    widget.start()
    return widget


def enter(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def choose_resident(qtbot, screen: IntakeScreen, typed: str = "zsf") -> None:
    qtbot.keyClicks(screen.lookup, typed)
    enter(qtbot, screen.lookup)
    assert screen.current_step() == STEP_ITEM, screen.lookup_hint.text()


def choose_item(qtbot, screen: IntakeScreen, name: str) -> None:
    screen.item_filter.insert(name)
    enter(qtbot, screen.item_filter)
    assert screen.current_step() == STEP_MATERIALS
    assert screen._item.name.startswith(name)


def untick(qtbot, screen: IntakeScreen, row: int) -> None:
    screen.materials.setCurrentCell(row, 0)
    qtbot.keyClick(screen.materials, Qt.Key.Key_Space)


def to_outcome(qtbot, screen: IntakeScreen, expected: str) -> None:
    enter(qtbot, screen.materials)
    assert screen.current_step() == STEP_OUTCOME
    assert screen._outcome() == expected


def only_case(db: Database) -> Case:
    with db.session_factory() as session:
        (case,) = session.scalars(select(Case)).all()
        _ = case.materials, case.events
        return case


def test_done_on_the_spot_by_keyboard_only(qtbot, screen: IntakeScreen, desk_db: Database) -> None:
    choose_resident(qtbot, screen)
    assert "张三丰" in screen.trail.text()
    choose_item(qtbot, screen, "城乡居民基本养老保险待遇领取资格认证")
    to_outcome(qtbot, screen, "done_on_the_spot")
    with qtbot.waitSignal(screen.finished) as finished:
        enter(qtbot, screen.outcomes)
    done = finished.args[0]
    assert screen.current_step() == STEP_DONE and done.documents == ("completion_notice",)
    case = only_case(desk_db)
    assert case.status == "completed" and case.case_number == done.case_number
    assert case.case_number.startswith("QS01-03-")
    assert done.case_number in screen.done_title.text()
    with qtbot.waitSignal(screen.print_documents) as printed:
        enter(qtbot, screen.print_button)
    assert printed.args[0] == done
    # Printed: the screen says so, and the next Enter goes to the next resident, not to a 补打.
    screen.mark_printed(["BJ-" + done.case_number + "-01"])
    assert "已打印" in screen.done_text.text() and done.case_number in screen.done_text.text()
    assert screen.next_button.isDefault() and not screen.print_button.isDefault()
    assert screen.next_button.hasFocus() or not screen.isVisible()


def test_returning_residents_items_come_first(qtbot, screen: IntakeScreen) -> None:
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "城乡居民基本养老保险参保登记")
    to_outcome(qtbot, screen, "done_on_the_spot")
    enter(qtbot, screen.outcomes)
    screen.start()
    choose_resident(qtbot, screen)
    current = screen.item_list.currentItem().data(Qt.ItemDataRole.UserRole)
    assert current.code == "RS-001"  # Enter alone takes the resident's own item
    enter(qtbot, screen.item_filter)
    assert screen.current_step() == STEP_MATERIALS


def test_an_item_done_for_this_year_or_still_open_is_not_taken_by_enter(qtbot, screen: IntakeScreen) -> None:
    """养老认证 done today is settled for a year, 高龄津贴 accepted today is being
    handled: pressing Enter through the steps must file neither a second time."""
    for name, outcome in (("城乡居民基本养老保险待遇领取资格认证", "done_on_the_spot"), ("高龄津贴申报", "accept")):
        choose_resident(qtbot, screen)
        choose_item(qtbot, screen, name)
        to_outcome(qtbot, screen, outcome)
        enter(qtbot, screen.outcomes)
        screen.start()
    choose_resident(qtbot, screen)
    names = ("城乡居民基本养老保险待遇领取资格认证", "高龄津贴申报")
    current = screen.item_list.currentItem().data(Qt.ItemDataRole.UserRole)
    assert not current.name.startswith(names)
    lines = [screen.item_list.item(row).text() for row in range(screen.item_list.count())]
    done_header = next(i for i, line in enumerate(lines) if "正在办理" in line or "暂不需要" in line)
    frequent_header = next(i for i, line in enumerate(lines) if line == "常办事项")
    assert frequent_header < done_header
    settled = [line for line in lines[done_header + 1:] if any(name in line for name in names)]
    assert len(settled) == 2 and any("尚未办结" in line for line in settled)


def test_accept_computes_the_committed_date(qtbot, screen: IntakeScreen, desk_db: Database) -> None:
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "高龄津贴申报")
    to_outcome(qtbot, screen, "accept")
    enter(qtbot, screen.outcomes)
    case = only_case(desk_db)
    assert case.status == "accepted" and case.committed_due is not None and case.statutory_due >= case.committed_due
    assert screen._done.documents == ("receipt",)
    assert f"{case.committed_due:%Y-%m-%d}" in screen.done_text.text()


def test_accept_deferred_with_a_promised_date(qtbot, screen: IntakeScreen, desk_db: Database) -> None:
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "居住证办理")
    untick(qtbot, screen, 3)  # 近期免冠彩色照片: not a key material
    assert "尚缺" in screen.materials_summary.text()
    to_outcome(qtbot, screen, "accept_deferred")
    enter(qtbot, screen.outcomes)  # first Enter: to the promised date
    assert screen.supply_by.hasFocus()
    promised = date.today() + timedelta(days=1)
    screen.supply_by.setDate(promised)
    qtbot.keyClick(screen.supply_by, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    case = only_case(desk_db)
    assert case.status == "accepted" and case.deferred_materials
    missing = [m for m in case.materials if m.received_count < m.required_count]
    assert [(m.name[:4], m.supply_by) for m in missing] == [("近期免冠", promised)]
    assert screen._done.documents == ("receipt", "deferred_notice")


def test_key_material_missing_asks_for_a_supplement(qtbot, screen: IntakeScreen, desk_db: Database) -> None:
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "居住证办理")
    untick(qtbot, screen, 0)  # 居民身份证
    to_outcome(qtbot, screen, "request_supplement")
    enter(qtbot, screen.outcomes)
    case = only_case(desk_db)
    assert case.status == "needs_supplement" and case.committed_due is None
    assert case.events[0].data["missing"] == ["居民身份证"]
    assert screen._done.documents == ("supplement_notice",)


def test_the_supplement_date_defaults_to_the_items_working_days(qtbot, screen: IntakeScreen,
                                                                 desk_db: Database) -> None:
    """补正期限 comes from the item (5 working days unless the catalog says
    otherwise), counted as the notice counts it; another date is the worker's choice."""
    from datetime import date

    from app.services.calendar_store import load_work_calendar

    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "居住证办理")
    untick(qtbot, screen, 0)
    to_outcome(qtbot, screen, "request_supplement")
    with desk_db.session_factory() as session:
        expected = load_work_calendar(session).add_working_days(date.today(), 5)
    qtbot.waitUntil(lambda: "5" in screen.supplement_by_on.text())
    assert screen.supplement_by.date().toPython() == expected
    assert expected.isoformat() in screen.supplement_by_on.text()


def test_not_accepted_needs_reasons(qtbot, screen: IntakeScreen, desk_db: Database) -> None:
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "高龄津贴申报")
    to_outcome(qtbot, screen, "accept")
    screen.outcomes.setCurrentRow([o.outcome for o in screen._available_outcomes().options].index("reject"))
    enter(qtbot, screen.outcomes)
    assert screen.reasons.hasFocus()
    screen._submit()
    assert "理由" in screen.outcome_error.text() and screen.outcome_error.isVisible()
    assert screen.current_step() == STEP_OUTCOME
    screen.reasons.insertPlainText("申请人未满 80 周岁，不符合高龄津贴条件")
    screen._submit()
    case = only_case(desk_db)
    assert case.status == "rejected" and "未满 80 周岁" in case.events[0].note
    assert screen._done.documents == ("rejection_notice",)


def test_forward_to_the_town(qtbot, screen: IntakeScreen, desk_db: Database) -> None:
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "最低生活保障申请")
    to_outcome(qtbot, screen, "forward_at_intake")
    enter(qtbot, screen.outcomes)
    assert screen.forwarded_to.hasFocus() and screen.forwarded_to.text() == "民政"
    screen.forwarded_to.clear()
    screen.forwarded_to.insert("示例镇民政办")
    screen.expected_return_on.setChecked(True)
    enter(qtbot, screen.forwarded_to)
    case = only_case(desk_db)
    assert case.status == "forwarded" and case.forwarded_to == "示例镇民政办" and case.expected_return is not None


def test_notification_only_is_an_inquiry_with_the_missing_materials(qtbot, screen: IntakeScreen,
                                                                   desk_db: Database) -> None:
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "居住证办理")
    untick(qtbot, screen, 1)  # 合法稳定住所证明
    to_outcome(qtbot, screen, "request_supplement")
    screen.outcomes.setCurrentRow([o.outcome for o in screen._available_outcomes().options].index("notify_only"))
    enter(qtbot, screen.outcomes)
    with desk_db.session_factory() as session:
        assert session.scalars(select(Case)).all() == []
        (inquiry,) = session.scalars(select(Inquiry)).all()
    assert inquiry.topic.startswith("居住证办理") and inquiry.missing_materials[0].startswith("合法稳定住所")
    assert screen._done.documents == ("notification",) and screen._done.inquiry_id == inquiry.id
    assert not screen.case_button.isVisible()


def test_unavailable_outcomes_say_why(qtbot, screen: IntakeScreen) -> None:
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "高龄津贴申报")
    untick(qtbot, screen, 0)
    to_outcome(qtbot, screen, "request_supplement")
    rows = {screen.outcomes.item(i).data(Qt.ItemDataRole.UserRole): screen.outcomes.item(i)
            for i in range(screen.outcomes.count())}
    assert not rows["accept"].flags() & Qt.ItemFlag.ItemIsEnabled and "材料不齐" in rows["accept"].text()
    assert "不允许容缺" in rows["accept_deferred"].toolTip()
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert screen.current_step() == STEP_MATERIALS


def test_an_unknown_id_number_opens_registration_and_a_known_one_never_doubles(qtbot, screen: IntakeScreen,
                                                                               desk_db: Database) -> None:
    new_id = fictional_id_number(region_code="449902", birth_date=date(1990, 1, 2), sequence=5, gender="女")
    qtbot.keyClicks(screen.lookup, new_id)
    enter(qtbot, screen.lookup)  # the card reader's Enter
    assert screen.register_box.isVisible() and screen.reg_id.text() == new_id and screen.reg_name.hasFocus()
    enter(qtbot, screen.reg_name)
    assert "姓名" in screen.reg_error.text()
    screen.reg_name.insert("李秀英")
    enter(qtbot, screen.reg_name)
    assert screen.current_step() == STEP_ITEM and screen._resident.name == "李秀英"
    # The same number again: found, not registered twice.
    screen.start()
    qtbot.keyClicks(screen.lookup, new_id.lower())
    enter(qtbot, screen.lookup)
    assert screen.current_step() == STEP_ITEM and screen._resident.name == "李秀英"
    screen.start()
    screen._open_register(new_id)
    screen.reg_name.insert("另一个人")
    screen._register()
    assert "已登记" in screen.lookup_hint.text() and screen._resident.name == "李秀英"


def test_a_wrong_check_digit_is_named(qtbot, screen: IntakeScreen) -> None:
    wrong = ZHANG_ID[:-1] + ("0" if ZHANG_ID[-1] != "0" else "1")
    qtbot.keyClicks(screen.lookup, wrong)
    enter(qtbot, screen.lookup)
    assert "校验" in screen.lookup_hint.text()
    assert not screen.register_box.isVisible()


def test_a_scanned_receipt_opens_the_case(qtbot, screen: IntakeScreen, desk_db: Database) -> None:
    choose_resident(qtbot, screen)
    choose_item(qtbot, screen, "高龄津贴申报")
    to_outcome(qtbot, screen, "accept")
    enter(qtbot, screen.outcomes)
    number = screen._done.case_number
    screen.start()
    with qtbot.waitSignal(screen.open_case) as opened:
        qtbot.keyClicks(screen.lookup, f"https://zwfw.example.org/status?case={number}&code=ABC234")
        enter(qtbot, screen.lookup)
    assert opened.args[0] == only_case(desk_db).id


# -- predictable Enter: a returning resident's own items ------------------------------

# 张三丰's six earlier items: (code, days ago). 养老认证 (yearly) was last done a year
# ago and is due again; 社保卡申领 is the newest and used to come first.
SIX_EARLIER = (("RS-008", 15), ("YB-003", 60), ("MZ-004", 120), ("SF-003", 200), ("GA-002", 500),
               ("RS-002", 360), ("RS-002", 725))


def give_six_earlier_items(db: Database, actor) -> None:
    from datetime import datetime

    from app.models import CatalogItem, Resident
    from app.models.case import CLOSED_STATUSES
    from app.models.vocabulary import CaseEventKind, CaseResult, CaseStatus, IntakeOutcome
    from app.services import lifecycle
    from app.services.calendar_store import load_work_calendar
    from app.services.cases import IntakeRequest, MaterialReceipt, record_event, take_in

    now = datetime.now().astimezone()
    with db.session_factory.begin() as session:
        resident = session.scalar(select(Resident).where(Resident.name == "张三丰"))
        items = {item.code: item for item in session.scalars(select(CatalogItem))}
        calendar = load_work_calendar(session)
        for code, days in SIX_EARLIER:
            item = items[code]
            outcome = lifecycle.outcome_options(handling_mode=item.handling_mode, allows_deferred=False,
                                                missing_key=[], missing_other=[]).suggested
            taken = now - timedelta(days=days)
            case = take_in(session, actor, IntakeRequest(
                resident_id=resident.id, item_id=item.id, outcome=outcome,
                materials=tuple(MaterialReceipt(m.id, m.count) for m in item.materials),
                forwarded_to="镇便民服务中心" if outcome == IntakeOutcome.FORWARD else ""),
                calendar=calendar, now=taken)
            # Earlier items are finished: an open one is not offered on top (suggestions.OwnItem.settled).
            if case.status == CaseStatus.FORWARDED:
                record_event(session, actor, case.id, CaseEventKind.RETURN, calendar=calendar,
                             now=taken + timedelta(days=1))
            if case.status not in CLOSED_STATUSES:
                record_event(session, actor, case.id, CaseEventKind.COMPLETE, calendar=calendar,
                             now=taken + timedelta(days=2), result=CaseResult.APPROVED)


def first_visible_item(screen: IntakeScreen):
    """The first line of an item the worker can see in the list, top down."""
    view = screen.item_list
    for row in range(view.count()):
        entry = view.item(row)
        if entry.data(Qt.ItemDataRole.UserRole) is None:
            continue
        if view.visualItemRect(entry).intersects(view.viewport().rect()):
            return entry
        break
    return None


def test_enter_takes_the_item_due_again_for_a_resident_with_six_earlier_items(
        qtbot, screen: IntakeScreen, desk_db: Database, intake_template: _Template) -> None:
    give_six_earlier_items(desk_db, intake_template.head)
    screen.resize(1000, 700)
    choose_resident(qtbot, screen)
    first = first_visible_item(screen)
    assert first is not None and first is screen.item_list.currentItem()
    assert first.data(Qt.ItemDataRole.UserRole).code == "RS-002"
    assert "到期" in first.text()  # the line says why it is on top
    own = [screen.item_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(1, 7)]
    assert [item.code for item in own] == ["RS-002", "RS-008", "YB-003", "MZ-004", "SF-003", "GA-002"]
    enter(qtbot, screen.item_filter)
    assert screen.current_step() == STEP_MATERIALS and screen._item.code == "RS-002"


def test_enter_takes_the_visible_first_line_after_filtering_and_going_back(
        qtbot, screen: IntakeScreen, desk_db: Database, intake_template: _Template) -> None:
    give_six_earlier_items(desk_db, intake_template.head)
    choose_resident(qtbot, screen)
    qtbot.keyClick(screen.item_filter, Qt.Key.Key_Down)  # the worker looks further down ...
    screen.item_filter.insert("居住")  # ... types ...
    assert first_visible_item(screen) is screen.item_list.currentItem()
    screen.item_filter.clear()  # ... and clears the box again
    assert first_visible_item(screen).data(Qt.ItemDataRole.UserRole).code == "RS-002"
    assert screen.item_list.currentItem() is first_visible_item(screen)
    screen.item_list.scrollToBottom()  # a scrolled list: Enter still takes what it shows as current
    enter(qtbot, screen.item_filter)
    assert screen._item.code == "RS-002"


def test_an_enter_before_the_items_arrive_picks_nothing(qtbot, qapp, desk_db: Database,
                                                        intake_template: _Template) -> None:
    from app.models import Resident
    from app.ui.operations import Lane

    give_six_earlier_items(desk_db, intake_template.head)
    runner = OperationRunner(executor=InlineLanes(threaded=[Lane.DATABASE]))
    runner.session_factory = desk_db.session_factory
    widget = IntakeScreen(runner)
    qtbot.addWidget(widget)
    widget.set_actor(intake_template.head)
    widget.show()
    with desk_db.session_factory() as session:
        other = session.scalar(select(Resident.id).where(Resident.name == "欧阳娜娜"))
        zhang = session.scalar(select(Resident.id).where(Resident.name == "张三丰"))
    widget.start(resident_id=other)  # an earlier visit leaves a filled item list behind
    qtbot.waitUntil(lambda: widget.current_step() == STEP_ITEM)
    widget.start(resident_id=zhang)  # the next resident's items are still being read ...
    enter(qtbot, widget.item_filter)  # ... when an Enter comes
    enter(qtbot, widget.lookup)
    assert widget._item is None and widget.item_list.count() == 0
    qtbot.waitUntil(lambda: widget.current_step() == STEP_ITEM)
    runner.wait_idle(5000)
    assert widget._item is None
    enter(qtbot, widget.item_filter)
    assert widget.current_step() == STEP_MATERIALS and widget._item.code == "RS-002"
    runner.wait_idle(5000)


def test_the_case_list_first_shown_empty_fits_its_columns_to_the_first_cases(
        qtbot, qapp, desk_db: Database, intake_template: _Template) -> None:
    """A new center's 办件 list is empty when first shown; its columns were
    then left as wide as the headers and cut the case numbers ("QSC0…"),
    with the rows arriving from the writer thread as at the desk."""
    from app.ui.operations import Lane
    from app.ui.screens.cases import CasesScreen

    runner = OperationRunner(executor=InlineLanes(threaded=[Lane.DATABASE]))
    runner.session_factory = desk_db.session_factory
    cases = CasesScreen(runner)
    qtbot.addWidget(cases)
    cases.resize(1200, 600)
    cases.show()
    cases.reload()
    runner.wait_idle()
    assert cases.model.rowCount() == 0
    give_six_earlier_items(desk_db, intake_template.head)
    cases.reload()
    qtbot.waitUntil(lambda: cases.model.rowCount() > 0)
    qtbot.wait(50)
    number = cases.model.row_at(0).case_number
    assert cases.table.columnWidth(0) >= cases.table.fontMetrics().horizontalAdvance(number)


def test_an_id_number_not_here_yet_is_asked_of_the_county_before_registering(qtbot, screen: IntakeScreen,
                                                                             desk_db: Database) -> None:
    """A replacement PC whose history is still arriving: the county is asked
    first; found -> its record is used, offline -> the worker is told it could
    not be confirmed and may register."""
    from app.sync.remote_lookup import FOUND, OFFLINE, RemoteLookup

    asked: list[str] = []
    answers: list[RemoteLookup] = []

    def ask_county(id_number: str, done) -> bool:
        asked.append(id_number)
        if id_number == ZHANG_ID:  # stands for "the county sent the record": it is here now
            answers.append(RemoteLookup(FOUND, message="此人已在县级登记"))
        else:
            answers.append(RemoteLookup(OFFLINE, message="暂时连不上县级，无法确认此人是否已登记过"))
        done(answers[-1])
        return True

    screen.ask_county = ask_county
    # Offline: said so, then the registration opens for the worker to decide.
    unknown = fictional_id_number(region_code="449902", birth_date=date(1991, 1, 2), sequence=7, gender="女")
    qtbot.keyClicks(screen.lookup, unknown)
    enter(qtbot, screen.lookup)
    assert asked == [unknown]
    assert "无法确认" in screen.lookup_hint.text()
    assert screen.register_box.isVisible() and screen.reg_id.text() == unknown
    # The same number again in this intake: not asked twice.
    enter(qtbot, screen.lookup)
    assert asked.count(unknown) == 1
    # A number the county knows: the resident is chosen, nobody registered twice.
    screen.start()
    screen.ask_county = ask_county
    qtbot.keyClicks(screen.lookup, ZHANG_ID)
    enter(qtbot, screen.lookup)
    assert ZHANG_ID not in asked  # found on this PC: the county is not asked
    assert screen.current_step() == STEP_ITEM


def test_a_desk_with_its_whole_history_registers_without_asking(qtbot, screen: IntakeScreen) -> None:
    screen.ask_county = lambda _number, _done: False  # SyncController: nobody to ask
    unknown = fictional_id_number(region_code="449902", birth_date=date(1992, 1, 2), sequence=9, gender="女")
    qtbot.keyClicks(screen.lookup, unknown)
    enter(qtbot, screen.lookup)
    assert screen.register_box.isVisible() and screen.reg_id.text() == unknown
