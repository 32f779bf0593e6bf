"""预约 and 今日 in the real widgets: booking with a refused clash, the day's
sections, and check-in → intake with the resident and item filled in."""
from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.clock import local_today, utcnow
from app.db import Database
from app.models import Appointment, CatalogItem, Resident
from app.models.vocabulary import AppointmentStatus
from app.services.appointments import Slot, Worker
from app.services.calendar import WorkCalendar
from app.ui.operations import InlineLanes, OperationRunner
from app.ui.screens.intake import STEP_DONE, STEP_MATERIALS, STEP_OUTCOME, IntakeScreen
from app.ui.screens.today import TodayScreen
from tests.ui.conftest import _Template


def next_open_day():
    calendar, day = WorkCalendar.official(), local_today() + timedelta(days=1)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


@pytest.fixture
def runner(qapp, desk_db: Database) -> OperationRunner:
    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = desk_db.session_factory
    return runner


@pytest.fixture
def today(qtbot, runner: OperationRunner, intake_template: _Template) -> TodayScreen:
    widget = TodayScreen(runner)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.set_actor(intake_template.head)
    widget.show()
    return widget


def test_booking_and_a_refused_clash(qtbot, today: TodayScreen, desk_db: Database) -> None:
    booking = today.booking
    today.setCurrentWidget(booking)
    booking.set_day(next_open_day())
    qtbot.keyClicks(booking.lookup, "zsf")
    qtbot.keyClick(booking.lookup, Qt.Key.Key_Return)
    assert booking.name.text() == "张三丰"
    booking.item.setCurrentIndex(1)
    booking.load_slots()
    assert booking.slots.count() >= 4 and "08:30" in booking.slots.item(0).text()
    booking.slots.setCurrentRow(1)
    slot_text = booking.slots.item(1).text()[:11]
    booking.book_button.click()
    assert "张三丰" in booking.entry_error.text(), booking.entry_error.text()
    assert booking.table.rowCount() == 1 and booking.table.item(0, 1).text() == "张三丰"
    assert booking.table.item(0, 2).text() == "139****5678"  # masked in the list
    # The same worker in the same slot, for someone else: refused, naming the clash.
    booking.worker.setCurrentIndex(booking.worker.findText("王建国"))
    booking.load_slots()
    assert all(not booking.slots.item(i).text().startswith(slot_text) for i in range(booking.slots.count()))
    with desk_db.session_factory() as session:
        first = session.scalars(select(Appointment)).one()
        starts_at = first.scheduled_at
    booking.name.setText("欧阳娜娜")
    slot = next(booking.slots.item(i) for i in range(booking.slots.count()))
    assert slot is not None
    # Picking a stale slot (another desk booked it meanwhile) is refused by the service.
    stale = Slot(starts_at, first.ends_at, "regular", (Worker(first.staff_id, "王建国"),))
    slot.setData(Qt.ItemDataRole.UserRole, stale)
    booking.slots.setCurrentItem(slot)
    booking.book_button.click()
    assert "时段冲突" in booking.entry_error.text() and "张三丰" in booking.entry_error.text()
    with desk_db.session_factory() as session:
        assert len(session.scalars(select(Appointment)).all()) == 1


def test_today_checks_in_and_intake_starts_filled(qtbot, today: TodayScreen, runner: OperationRunner,
                                                  desk_db: Database, intake_template: _Template) -> None:
    with desk_db.session_factory.begin() as session:
        resident = session.scalars(select(Resident).where(Resident.name == "张三丰")).one()
        item = session.scalars(select(CatalogItem).order_by(CatalogItem.code)).first()
        start = datetime.combine(local_today(), time(23, 0)).astimezone()
        session.add(Appointment(center_id=intake_template.head.center_id, resident_id=resident.id, name="张三丰",
                                item_id=item.id, scheduled_at=start, ends_at=start + timedelta(minutes=30),
                                staff_id=intake_template.head.staff_id, created_by=intake_template.head.staff_id))
        item_id, item_name = item.id, item.name
    counts: list[int] = []
    today.counted.connect(counts.append)
    today.day.reload()
    box = today.day.boxes["appointments"]
    assert box.table.rowCount() == 1 and box.table.item(0, 1).text() == "张三丰"
    assert counts[-1] >= 1 and "（1）" in box.title()
    intake = IntakeScreen(runner)
    qtbot.addWidget(intake)
    intake.set_actor(intake_template.head)
    intake.show()
    today.checked_in.connect(lambda check_in: intake.start(appointment=check_in))
    box.table.selectRow(0)
    today.day.check_in_button.click()
    # No retyping: the resident and the item are chosen, intake is at the materials.
    assert intake.current_step() == STEP_MATERIALS
    assert intake._resident.name == "张三丰" and intake._item.id == item_id
    assert "预约" in intake.trail.text() and item_name in intake.trail.text()
    qtbot.keyClick(intake.materials, Qt.Key.Key_Return)
    assert intake.current_step() == STEP_OUTCOME
    intake.confirm.click()
    assert intake.current_step() == STEP_DONE
    with desk_db.session_factory() as session:
        appointment = session.scalars(select(Appointment)).one()
        assert appointment.status == AppointmentStatus.DONE and appointment.case_id is not None
        assert appointment.checked_in_at is not None and appointment.checked_in_at <= utcnow()


def test_a_head_sets_weekend_duty_on_the_settings_page(qtbot, runner: OperationRunner, desk_db: Database,
                                                       intake_template: _Template) -> None:
    from app.services import opening_hours
    from app.ui.opening_hours import OpeningHoursBox, OpeningHoursDialog

    box = OpeningHoursBox(runner)
    qtbot.addWidget(box)
    box.set_actor(intake_template.head)
    assert box.button.isEnabled() and "08:30–12:00" in box.label.text()
    with desk_db.session_factory() as session:
        dialog = OpeningHoursDialog(runner, intake_template.head, opening_hours.load(session))
    qtbot.addWidget(dialog)
    dialog.duty[5].setText("09:00-12:00")
    dialog.extended[1].setText("17:30至19:00")
    dialog.regular.setText("08:30-12:00, 11:00-17:30")
    dialog._save()
    assert "重叠" in dialog.error.text()  # nothing saved
    dialog.regular.setText("08:30-12:00，14:00-17:30")
    dialog._save()
    with desk_db.session_factory() as session:
        hours = opening_hours.load(session)
    assert [p.text for p in hours.weekend_duty[5]] == ["09:00–12:00"]
    assert [p.text for p in hours.extended[1]] == ["17:30–19:00"]
    assert "周六值班" in box.label.text()
