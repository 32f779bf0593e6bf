"""Importing a year's schedule at the desk: the worker is told how many open
deadlines moved, and 需要处理 lists them with old and new dates."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.db import Database
from app.models import CatalogItem, Resident
from app.models.vocabulary import IntakeOutcome
from app.services.calendar_store import load_work_calendar
from app.services.cases import IntakeRequest, MaterialReceipt, take_in
from app.services.staff import actor_for
from app.ui.operations import InlineLanes, OperationRunner

# Test data, not the official 2027 schedule: Mon 01-04 off as well, so the dates move.
TABLE = "date,kind,name\n2027,全年,2027 年安排（测试数据）\n2027-01-01,休,元旦\n2027-01-04,休,元旦\n"


def test_the_import_tells_the_worker_and_the_list_shows_old_and_new_dates(
    qtbot: Any, desk_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.models import Staff
    from app.ui.screens import settings as settings_screen
    from app.ui.screens.settings import SettingsScreen
    from app.ui.sync_attention import AttentionDialog

    with desk_db.session_factory.begin() as session:
        calendar = load_work_calendar(session)
        if calendar.is_published(2027):
            pytest.skip("the installed chinesecalendar already covers 2027")
        head = actor_for(session, session.scalars(select(Staff).where(Staff.username == "wangjg")).one())
        resident = session.scalars(select(Resident).where(Resident.name == "张三丰")).one()
        item = session.scalars(select(CatalogItem).where(CatalogItem.code == "MZ-004")).one()  # 10 / 20 days
        receipts = tuple(MaterialReceipt(m.id, m.count) for m in item.materials)
        case = take_in(session, head, IntakeRequest(resident_id=resident.id, item_id=item.id,
                                                   outcome=IntakeOutcome.ACCEPT, materials=receipts),
                       calendar=calendar, now=datetime(2026, 12, 24, 10).astimezone())
        number = case.case_number
        assert (case.committed_due, case.due_provisional) == (date(2027, 1, 8), True)

    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    screen = SettingsScreen(runner)
    qtbot.addWidget(screen)
    screen.set_context(actor=head, db_path=desk_db.path)
    shown: list[str] = []
    monkeypatch.setattr(settings_screen.QMessageBox, "information", lambda _parent, _title, text: shown.append(text))
    path = tmp_path / "2027.csv"
    path.write_text(TABLE, encoding="utf-8")
    screen.import_calendar(path)
    assert shown and "1 件在办办件的期限已按新的放假安排重新计算" in shown[0] and "需要处理" in shown[0]

    dialog = AttentionDialog(runner, actor=head)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1
    text = dialog.detail.toPlainText()
    assert "2027年官方放假安排已到（本机导入）" in text
    # One line per case, with the old and the new dates.
    assert f"\n{number}（张三丰 · 高龄津贴申报）：承诺 2027-01-08 → 2027-01-11；法定 2027-01-22 → 2027-01-25；已确定" in text
    assert dialog.ack_button.isVisibleTo(dialog)
