"""The print center's document settings and the case actions that feed the
notices: the county's QR address shown fixed, the center's referral units,
the first-inquiry ledger, the extension's approver and the 补正 materials.

Set ONEWINDOW_SHOTS to a folder to keep screenshots of the screens."""
from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from app.db import Database
from app.models import Case, CaseEvent
from app.models.vocabulary import CaseEventKind, IntakeOutcome
from app.services import document_settings
from app.services.calendar_store import load_work_calendar
from app.services.case_detail import case_detail
from app.services.cases import IntakeRequest, MaterialReceipt, record_event, take_in
from app.ui.operations import InlineLanes, OperationRunner


def _shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("ONEWINDOW_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture
def runner(qapp, desk_db: Database) -> OperationRunner:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    return runner


@pytest.fixture
def case_id(desk_db: Database, intake_template):
    from app.models import CatalogItem, Resident

    with desk_db.session_factory.begin() as session:
        item = session.scalar(select(CatalogItem).where(CatalogItem.code == "MZ-001"))
        resident = session.scalar(select(Resident).where(Resident.name == "张三丰"))
        case = take_in(session, intake_template.head, IntakeRequest(
            resident_id=resident.id, item_id=item.id, outcome=IntakeOutcome.ACCEPT,
            materials=tuple(MaterialReceipt(m.id, m.count) for m in item.materials)),
            calendar=load_work_calendar(session))
        record_event(session, intake_template.head, case.id, CaseEventKind.START,
                     calendar=load_work_calendar(session))
        return case.id


def test_the_print_center_shows_the_countys_address_units_and_both_ledgers(qtbot, runner, desk_db,
                                                                           intake_template) -> None:
    from app.ui.screens.print_center import PrintCenterScreen

    screen = PrintCenterScreen(runner)
    qtbot.addWidget(screen)
    screen.set_context(actor=intake_template.head, data_dir=desk_db.path.parent)
    screen.resize(1100, 820)
    screen.show()
    screen.reload()
    # The sample catalog publishes the QR address: shown, fixed, said so.
    assert screen.status_url.text() == "https://zwfw.shili.gov.cn/onewindow" and screen.status_url.isReadOnly()
    assert not screen.save_url.isEnabled() and "县级" in screen.url_note.text()
    assert "生僻字补充字体" in screen.font_label.text()
    assert screen.units.count() == 5 and not screen.remove_unit.isEnabled()  # the county's cannot be removed
    with desk_db.session_factory.begin() as session:
        document_settings.add_referral_unit(session, intake_template.head, {
            "name": "和平镇退役军人服务站", "address": "和平镇团结路8号", "hours": "工作日 9:00—17:00",
            "contact": "刘站长", "phone": "0903-1234999"})
    screen.reload()
    screen.units.setCurrentIndex(screen.units.count() - 1)
    assert "（本中心）" in screen.units.currentText() and screen.remove_unit.isEnabled()
    assert "和平镇团结路8号" in screen.units_label.text()
    screen.ledger_kind.setCurrentIndex(screen.ledger_kind.findData("inquiry_ledger"))
    with qtbot.waitSignal(screen.print_targets) as asked:
        screen._print_ledger()
    assert asked.args[0][0].doc_type == "inquiry_ledger"
    _shot(screen, "print-center")
    screen._remove_unit()
    assert screen.units.count() == 5


def test_the_case_actions_ask_for_the_approver_and_the_materials_to_supply(qtbot, runner, desk_db,
                                                                           intake_template, case_id) -> None:
    from app.ui.case_detail import ActionDialog

    def detail_of():
        with desk_db.session_factory() as session:
            return case_detail(session, case_id, actor=intake_template.head, today=date.today(),
                               calendar=load_work_calendar(session))

    detail = detail_of()
    extend = ActionDialog(runner, detail, CaseEventKind.EXTEND, actor=intake_template.head)
    qtbot.addWidget(extend)
    extend.show()
    extend.new_due.setDate(detail.statutory_due + timedelta(days=3))
    assert "法定期限" in extend.statutory_warning.text()
    _shot(extend, "extend-dialog")
    extend.note.insertPlainText("需县民政局联合审核")
    extend.approved_by.setText("张主任")
    extend.submit()
    assert "超过法定期限的理由" in extend.error.text() or "理由" in extend.error.text()
    extend.past_statutory_reason.setText("需跨省核查家庭经济状况")
    with qtbot.waitSignal(extend.recorded):
        extend.submit()

    detail = detail_of()
    suspend = ActionDialog(runner, detail, CaseEventKind.SUSPEND, actor=intake_template.head)
    qtbot.addWidget(suspend)
    suspend.show()
    assert [box.text() for box in suspend.material_boxes] == [m.name for m in detail.materials]
    assert not any(box.isChecked() for box in suspend.material_boxes)  # all were handed in
    suspend.note.insertPlainText("银行卡信息有误")
    _shot(suspend, "suspend-dialog")
    suspend.submit()
    assert "勾选" in suspend.error.text()
    suspend.material_boxes[-1].setChecked(True)
    with qtbot.waitSignal(suspend.recorded):
        suspend.submit()
    with desk_db.session_factory() as session:
        case = session.get(Case, case_id)
        event = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id,
                                                        CaseEvent.kind == CaseEventKind.SUSPEND)).one()
        assert event.data["materials"] == [detail.materials[-1].name] and event.data["supply_by"]
        assert case.status == "suspended"
