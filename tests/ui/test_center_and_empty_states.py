"""中心信息 in 设置, and what every empty list says to do next."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from app.clock import utcnow
from app.models import AuditEntry, Center, Device
from app.models.vocabulary import StaffRole
from app.services.setup import center_details
from app.services.staff import check_login
from app.ui.center_details import CenterDetailsDialog
from tests.ui.conftest import HEAD_PASSWORD


def _head(db):
    with db.session_factory() as session:
        return check_login(session, "wangjg", HEAD_PASSWORD)


def _dialog(qtbot, runner, db, actor) -> CenterDetailsDialog:
    with db.session_factory() as session:
        details = center_details(session)
    dialog = CenterDetailsDialog(runner, actor=actor, details=details)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_head_saves_phones_and_hours(qtbot, runner, set_up_db) -> None:
    head = _head(set_up_db)
    dialog = _dialog(qtbot, runner, set_up_db, head)
    dialog.fields["phone"].setText("0769-abc")
    dialog.fields["opening_hours"].setText("工作日 8:30–17:30")
    dialog.save()
    assert dialog.saved is None and dialog.error.isVisible()
    assert dialog.error.text().startswith("中心电话格式不正确") and "0769-22345678" in dialog.error.text()
    assert "#b00000" in dialog.fields["phone"].styleSheet()
    dialog.fields["phone"].setText("0769 2234 5678")
    dialog.fields["consultation_phone"].setText("13812345678")
    dialog.save()
    assert dialog.saved is not None and dialog.saved.details.phone == "0769-22345678"
    with set_up_db.session_factory() as session:
        center = session.scalars(select(Center)).one()
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "center",
                                                         AuditEntry.action == "update")).one()
    assert (center.consultation_phone, center.opening_hours) == ("13812345678", "工作日 8:30–17:30")
    assert entry.staff_id == head.staff_id


def test_a_window_worker_only_reads_the_details(qtbot, runner, set_up_db) -> None:
    worker = replace(_head(set_up_db), role=StaffRole.WINDOW)
    dialog = _dialog(qtbot, runner, set_up_db, worker)
    assert not dialog.save_button.isEnabled()
    assert all(edit.isReadOnly() for edit in dialog.fields.values())
    assert "只有中心主任" in dialog.note.text()


def test_once_enrolled_the_countys_fields_are_read_only_and_say_why(qtbot, runner, set_up_db) -> None:
    with set_up_db.session_factory.begin() as session:
        session.scalars(select(Device)).one().enrolled_at = utcnow()
    dialog = _dialog(qtbot, runner, set_up_db, _head(set_up_db))
    assert dialog.fields["center_name"].isReadOnly() and dialog.fields["town"].isReadOnly()
    assert not dialog.fields["pickup_hours"].isReadOnly() and not dialog.fields["phone"].isReadOnly()
    assert "县级管理员" in dialog.note.text()


def test_empty_lists_say_what_to_do_next(qtbot, runner, set_up_db) -> None:
    from app.ui.screens.cases import CasesScreen, DeadlineScreen
    from app.ui.screens.catalog import CatalogScreen
    from app.ui.screens.inquiry import InquiryScreen
    from app.ui.screens.print_center import PrintCenterScreen

    head = _head(set_up_db)
    cases = CasesScreen(runner)
    qtbot.addWidget(cases)
    cases.show()
    cases.reload()
    assert cases.empty_hint.isVisible() and cases.empty_hint.text() == "还没有办件。按 F2 开始接待受理。"
    cases.search_for("张三")
    assert cases.empty_hint.isVisible() and "没有符合条件的办件" in cases.empty_hint.text()

    deadlines = DeadlineScreen(runner)
    qtbot.addWidget(deadlines)
    deadlines.show()
    deadlines.model.refresh()
    assert deadlines.empty_hint.isVisible() and deadlines.empty_hint.text() == "没有将到期的办件。"

    catalog = CatalogScreen(runner)
    qtbot.addWidget(catalog)
    catalog.set_actor(head)
    catalog.show()
    catalog.reload()
    assert catalog.empty_hint.isVisible()
    assert "导入事项目录文件" in catalog.empty_hint.text() and "sample_catalog.json" in catalog.empty_hint.text()
    assert "自动下载" in catalog.empty_hint.text()

    inquiries = InquiryScreen(runner)
    qtbot.addWidget(inquiries)
    inquiries.show()
    assert inquiries.empty_hint.isVisible() and "上方表单" in inquiries.empty_hint.text()

    printing = PrintCenterScreen(runner)
    qtbot.addWidget(printing)
    printing.show()
    hints = [child.text() for child in printing.findChildren(type(cases.empty_hint)) if child.isVisible()]
    assert any("没有待打印的文书" in text for text in hints) and any("还没有打印记录" in text for text in hints)


def test_the_hint_leaves_when_rows_arrive(qtbot, runner, set_up_db) -> None:
    from app.services.catalog_import import SAMPLE_CATALOG, import_catalog, load_catalog_file
    from app.ui.screens.catalog import CatalogScreen

    catalog = CatalogScreen(runner)
    qtbot.addWidget(catalog)
    catalog.set_actor(_head(set_up_db))
    catalog.show()
    catalog.reload()
    assert catalog.empty_hint.isVisible()
    head = _head(set_up_db)
    runner.op(lambda session: import_catalog(session, load_catalog_file(SAMPLE_CATALOG), actor=head)).run()
    assert catalog.table.rowCount() > 0 and not catalog.empty_hint.isVisible()


def test_the_attention_list_says_nothing_waits(qtbot, runner, set_up_db) -> None:
    from app.ui.sync_attention import AttentionDialog

    dialog = AttentionDialog(runner, actor=_head(set_up_db))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.empty_hint.isVisible() and "没有需要处理的事项" in dialog.empty_hint.text()


def test_the_deadline_list_keeps_room_above_the_lists_below_it(qtbot, runner) -> None:
    # At the main window's size on a 1366x768 screen the three lists below
    # (inquiries, complaints, bad ratings) took their full height and left the
    # cases' list, the screen's point, a row and a half.
    from app.ui.screens.cases import SECTION_MIN_HEIGHT, DeadlineScreen

    deadlines = DeadlineScreen(runner)
    qtbot.addWidget(deadlines)
    deadlines.resize(1090, 630)
    deadlines.show()
    qtbot.wait(10)
    below = (deadlines.follow_ups, deadlines.complaints, deadlines.rating_follow_ups)
    assert all(table.height() >= SECTION_MIN_HEIGHT for table in below)
    assert deadlines.table.height() >= 2 * max(table.height() for table in below) - 2
    assert deadlines.table.height() >= 180  # five rows and the header
