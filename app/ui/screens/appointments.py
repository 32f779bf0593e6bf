"""预约 — book an appointment (by phone or at the window, at the center or a
home visit) and keep the day's or the week's list: check in, cancel, no-show,
the slip."""
from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import local_today
from app.models.vocabulary import AppointmentChannel, AppointmentPlace, AppointmentStatus
from app.services.changes import Change
from app.ui.operations import CHANGED_CATALOG, CHANGED_STAFF, Failure, OperationRunner
from app.ui.widgets import EmptyHint, date_edit, date_of, error_label, read_only_table, set_date, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.appointments import AppointmentRow, CheckIn, Slot, Worker
    from app.services.case_detail import ItemChoices
    from app.services.search import LookupResult

ROLE = Qt.ItemDataRole.UserRole
SPAN_DAY, SPAN_WEEK = "day", "week"
ANY_WORKER = ""


class AppointmentsScreen(QWidget):
    checked_in = Signal(object)  # CheckIn: intake starts from it
    print_slip = Signal(object)  # appointment id
    open_case = Signal(object)  # case id

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Any = None
        self._resident_id: uuid.UUID | None = None
        self._items: dict[uuid.UUID, Any] = {}
        self._rows: list[AppointmentRow] = []

        # -- booking ------------------------------------------------------------
        entry = QGroupBox(self.tr("Book an appointment"))
        self.lookup = QLineEdit()
        self.lookup.setPlaceholderText(self.tr("Find the resident: name, initials, ID number or phone — Enter"))
        self.lookup.setClearButtonEnabled(True)
        self.found = QListWidget()
        self.found.setMaximumHeight(90)
        self.found.setVisible(False)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Who is booking (filled in when a resident is chosen)"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("Optional"))
        self.item = QComboBox()
        self.item.setEditable(True)
        self.item.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.worker = QComboBox()
        self.day = date_edit(local_today())
        self.slots = QListWidget()
        self.slots.setMinimumHeight(120)
        self.slots.setMaximumHeight(240)
        self.slots_hint = QLabel()
        self.slots_hint.setWordWrap(True)
        self.slots_hint.setStyleSheet("color: #555")
        self.channel_group = QButtonGroup(self)
        channels = QHBoxLayout()
        self.channel_radios: dict[str, QRadioButton] = {}
        for code, label in AppointmentChannel.labels().items():
            radio = QRadioButton(label)
            self.channel_group.addButton(radio)
            self.channel_radios[code] = radio
            channels.addWidget(radio)
        channels.addStretch(1)
        self.channel_radios[AppointmentChannel.PHONE].setChecked(True)
        self.place_group = QButtonGroup(self)
        places = QHBoxLayout()
        self.place_radios: dict[str, QRadioButton] = {}
        for code, label in AppointmentPlace.labels().items():
            radio = QRadioButton(label)
            self.place_group.addButton(radio)
            self.place_radios[code] = radio
            places.addWidget(radio)
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("Address of the home visit"))
        places.addWidget(self.address, 1)
        self.place_radios[AppointmentPlace.CENTER].setChecked(True)
        self.note = QLineEdit()
        self.entry_error = error_label()
        self.book_button = QPushButton(self.tr("Book"))
        self.book_button.setStyleSheet("font-size: 15px; padding: 6px 18px")
        form = QFormLayout(entry)
        form.addRow(self.tr("Resident"), self.lookup)
        form.addRow("", self.found)
        who = QHBoxLayout()
        who.addWidget(self.name, 2)
        who.addWidget(QLabel(self.tr("Phone")))
        who.addWidget(self.phone, 1)
        form.addRow(self.tr("Name *"), who)
        form.addRow(self.tr("Item *"), self.item)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(QLabel(self.tr("Worker")))
        when.addWidget(self.worker, 1)
        form.addRow(self.tr("Day"), when)
        form.addRow(self.tr("Slot *"), self.slots)
        form.addRow("", self.slots_hint)
        form.addRow(self.tr("Booked by"), channels)
        form.addRow(self.tr("Where"), places)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.entry_error)
        form.addRow(self.book_button)

        # -- the list -----------------------------------------------------------
        self.span = QComboBox()
        self.span.addItem(self.tr("The chosen day"), SPAN_DAY)
        self.span.addItem(self.tr("Seven days from the chosen day"), SPAN_WEEK)
        self.table = read_only_table([
            self.tr("Time"), self.tr("Name"), self.tr("Phone"), self.tr("Item"), self.tr("Worker"),
            self.tr("Where"), self.tr("Status"), self.tr("Note"),
        ])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)  # a long address must not push the rest off
        header.resizeSection(5, 150)
        self.empty_hint = EmptyHint(self.table, self.tr("No appointments on these days. Book one on the left."))
        self.check_in_button = QPushButton(self.tr("Arrived: check in and take in"))
        self.check_in_button.setStyleSheet("font-weight: bold")
        self.slip_button = QPushButton(self.tr("Print slip"))
        self.cancel_button = QPushButton(self.tr("Cancel…"))
        self.no_show_button = QPushButton(self.tr("Did not come"))
        self.list_error = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.span)
        buttons.addStretch(1)
        for button in (self.check_in_button, self.slip_button, self.cancel_button, self.no_show_button):
            buttons.addWidget(button)
        listing = QVBoxLayout()
        listing.addLayout(buttons)
        listing.addWidget(self.table, 1)
        listing.addWidget(self.list_error)
        explain = QLabel(self.tr("A no-show is only recorded: it never stops the resident from booking again. "
                                 "An appointment whose worker is away is marked in red: ask someone else to serve it."))
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #555")
        listing.addWidget(explain)

        entry.setMaximumWidth(480)
        layout = QHBoxLayout(self)
        layout.addWidget(entry, 2)
        layout.addLayout(listing, 3)

        self._slot_timer = QTimer(self)
        self._slot_timer.setSingleShot(True)
        self._slot_timer.setInterval(150)
        self._slot_timer.timeout.connect(self.load_slots)
        self.lookup.returnPressed.connect(self._search)
        self.found.itemActivated.connect(self._choose_resident)
        self.found.itemClicked.connect(self._choose_resident)
        self.item.currentIndexChanged.connect(lambda _i: self._slot_timer.start())
        self.worker.currentIndexChanged.connect(lambda _i: self._slot_timer.start())
        self.day.dateChanged.connect(lambda _d: self._slot_timer.start())
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.span.currentIndexChanged.connect(lambda _i: self.reload())
        self.place_group.buttonToggled.connect(lambda *_a: self._show_place())
        self.book_button.clicked.connect(self._book)
        self.check_in_button.clicked.connect(self._check_in)
        self.cancel_button.clicked.connect(self._cancel)
        self.no_show_button.clicked.connect(self._no_show)
        self.slip_button.clicked.connect(self._slip)
        self.table.itemSelectionChanged.connect(self._enable_buttons)
        self.table.itemDoubleClicked.connect(lambda _i: self._check_in())
        runner.changed.connect(self._on_changed)
        self._show_place()
        self._enable_buttons()

    # -- public -------------------------------------------------------------------
    def set_actor(self, actor: Any) -> None:
        self._actor = actor
        self.load_choices()
        self.reload()

    def load_choices(self) -> None:
        def work(session: Session) -> tuple[ItemChoices, list[Worker]]:
            from app.services.appointments import workers
            from app.services.case_detail import item_choices

            return item_choices(session), workers(session, self._actor.center_id)

        self._runner.op(work).success(self._show_choices).run()

    def _show_choices(self, result: tuple[ItemChoices, list[Worker]]) -> None:
        choices, team = result
        current_item, current_worker = self.item.currentData(), self.worker.currentData()
        self._items = {item.id: item for item in choices.items}
        self.item.blockSignals(True)
        self.worker.blockSignals(True)
        self.item.clear()
        self.item.addItem(self.tr("— choose the item —"), None)
        for item in choices.items:
            self.item.addItem(f"{item.name}  {item.code}", item.id)
        self.worker.clear()
        self.worker.addItem(self.tr("Whoever is free"), ANY_WORKER)
        for worker in team:
            self.worker.addItem(worker.name, worker.id)
        for combo, value in ((self.item, current_item), (self.worker, current_worker)):
            index = combo.findData(value)
            combo.setCurrentIndex(max(index, 0))
        self.item.blockSignals(False)
        self.worker.blockSignals(False)
        self.load_slots()

    def choose_item(self, item_id: uuid.UUID) -> None:
        index = self.item.findData(item_id)
        if index >= 0:
            self.item.setCurrentIndex(index)

    def set_day(self, day: date) -> None:
        set_date(self.day, day)

    def _on_changed(self, tags: frozenset[Change]) -> None:
        if self._actor is None:
            return
        if tags & {CHANGED_CATALOG, CHANGED_STAFF}:
            self.load_choices()
        if tags & {Change.SERVICES, Change.SETTINGS, Change.CALENDAR}:
            self.reload()
            self._slot_timer.start()

    # -- resident ----------------------------------------------------------------
    def _search(self) -> None:
        text = self.lookup.text().strip()
        if not text:
            return

        def work(session: Session) -> LookupResult:
            from app.services.search import lookup

            return lookup(session, text, limit=8)

        def done(result: LookupResult) -> None:
            self.found.clear()
            for hit in result.residents:
                item = QListWidgetItem(f"{hit.name}  {hit.id_masked}  {hit.phone_masked}  {hit.village_group}")
                item.setData(ROLE, hit)
                self.found.addItem(item)
            if not result.residents:
                self.found.addItem(QListWidgetItem(result.hint or self.tr(
                    "Not registered: type the name and phone below; the resident is registered at intake.")))
            self.found.setVisible(True)
            if len(result.residents) == 1:
                self._choose_resident(self.found.item(0))

        self._runner.op(work).success(done).failure(lambda f: show_error(self.entry_error, f.message)).run()

    def _choose_resident(self, item: QListWidgetItem) -> None:
        hit = item.data(ROLE)
        if hit is None:
            return
        self._resident_id = hit.id
        self.name.setText(hit.name)
        self.phone.clear()
        self.phone.setPlaceholderText(self.tr("Registered phone: %1 (type another to use it)")
                                      .replace("%1", hit.phone_masked or "—"))
        if hit.address and not self.address.text():
            self.address.setText(hit.address)
        self.found.setVisible(False)
        self.item.setFocus()

    # -- slots ---------------------------------------------------------------------
    def load_slots(self) -> None:
        item_id = self.item.currentData()
        self.slots.clear()
        if self._actor is None or item_id is None:
            self.slots_hint.setText(self.tr("Choose the item to see the free slots."))
            return
        worker = self.worker.currentData() or None
        day = date_of(self.day)

        def work(session: Session) -> tuple[list[Slot], str]:
            from app.services import opening_hours
            from app.services.appointments import free_slots
            from app.services.calendar_store import load_work_calendar

            calendar = load_work_calendar(session)
            hours = opening_hours.load(session)
            slots = free_slots(session, self._actor, day=day, item_id=item_id, calendar=calendar, staff_id=worker)
            periods = hours.periods_on(day, calendar)
            return slots, "、".join(f"{p.text}" for p in periods)

        self._runner.op(work).success(self._show_slots).failure(
            lambda f: self.slots_hint.setText(f.message)).run()

    def _show_slots(self, result: tuple[list[Slot], str]) -> None:
        slots, opening = result
        self.slots.clear()
        for slot in slots:
            names = "、".join(w.name for w in slot.free)
            text = f"{slot.text}    {names}" if names else slot.text
            if slot.away:
                text += "    " + self.tr("(away: %1)").replace("%1", "、".join(w.name for w in slot.away))
            item = QListWidgetItem(text)
            item.setData(ROLE, slot)
            if not slot.free:
                item.setForeground(QColor("#b00000"))
            self.slots.addItem(item)
        if not opening:
            self.slots_hint.setText(self.tr("The center is not open on this day (holiday or weekend without duty)."))
        elif not slots:
            self.slots_hint.setText(self.tr("Open %1; no free slot left on this day.").replace("%1", opening))
        else:
            self.slots_hint.setText(self.tr("Open %1. Choose a slot; the worker is the first one free unless "
                                            "you chose one.").replace("%1", opening))

    def _show_place(self) -> None:
        self.address.setEnabled(self.place_radios[AppointmentPlace.HOME].isChecked())

    # -- booking ----------------------------------------------------------------------
    def _book(self) -> None:
        show_error(self.entry_error, "")
        chosen = self.slots.currentItem()
        slot = chosen.data(ROLE) if chosen is not None else None
        item_id = self.item.currentData()
        if item_id is None:
            show_error(self.entry_error, self.tr("Choose the item."))
            self.item.setFocus()
            return
        if slot is None:
            show_error(self.entry_error, self.tr("Choose a slot in the list."))
            self.slots.setFocus()
            return
        worker = self.worker.currentData() or None
        staff_id = worker or (slot.free[0].id if slot.free else (slot.away[0].id if slot.away else None))
        if staff_id is None:
            show_error(self.entry_error, self.tr("Nobody is free in this slot."))
            return
        from app.services.appointments import BookingRequest

        channel = next(code for code, radio in self.channel_radios.items() if radio.isChecked())
        place = next(code for code, radio in self.place_radios.items() if radio.isChecked())
        request = BookingRequest(
            name=self.name.text(), item_id=item_id, staff_id=staff_id, starts_at=slot.starts_at,
            resident_id=self._resident_id, phone=self.phone.text(), channel=channel, place=place,
            address=self.address.text(), note=self.note.text(),
        )
        actor = self._actor

        def work(session: Session) -> AppointmentRow:
            from app.services.appointments import book
            from app.services.calendar_store import load_work_calendar

            return book(session, actor, request, calendar=load_work_calendar(session))

        def done(row: AppointmentRow) -> None:
            self._clear_entry()
            self.entry_error.setStyleSheet("color: #006000; font-weight: bold")
            show_error(self.entry_error, self.tr("Booked: %1, %2, %3 with %4.").replace("%1", row.name)
                       .replace("%2", row.slot).replace("%3", row.item_name).replace("%4", row.staff_name))
            self.print_slip.emit(row.id)

        def failed(failure: Failure) -> None:
            from app.ui.widgets import ERROR_STYLE

            self.entry_error.setStyleSheet(ERROR_STYLE)
            show_error(self.entry_error, failure.message)
            widget = {"name": self.name, "phone": self.phone, "address": self.address, "slot": self.slots,
                      "item": self.item}.get(failure.field)
            if widget is not None:
                widget.setFocus()

        self._runner.op(work).success(done).failure(failed).run()

    def _clear_entry(self) -> None:
        self._resident_id = None
        for edit in (self.lookup, self.name, self.phone, self.address, self.note):
            edit.clear()
        self.phone.setPlaceholderText(self.tr("Optional"))
        self.found.setVisible(False)
        self.place_radios[AppointmentPlace.CENTER].setChecked(True)

    # -- the list -----------------------------------------------------------------------
    def reload(self) -> None:
        if self._actor is None:
            return
        first = date_of(self.day)
        last = first + timedelta(days=6) if self.span.currentData() == SPAN_WEEK else first

        def work(session: Session) -> list[AppointmentRow]:
            from app.services.appointments import appointment_rows

            return appointment_rows(session, first=first, last=last)

        self._runner.op(work).success(self._show_rows).run()

    def _show_rows(self, rows: list[AppointmentRow]) -> None:
        selected = self._selected()
        self._rows = rows
        statuses, places = AppointmentStatus.labels(), AppointmentPlace.labels()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            where = places.get(row.place, row.place) + (f"：{row.address}" if row.address else "")
            note = row.note
            if row.worker_away:
                note = self.tr("%1 is away: %2").replace("%1", row.staff_name).replace("%2", row.worker_away)
            elif row.cancel_reason:
                note = self.tr("Cancelled: %1").replace("%1", row.cancel_reason)
            cells = [row.slot, row.name, row.phone_masked, row.item_name, row.staff_name, where,
                     statuses.get(row.status, row.status), note]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if c == 0:
                    cell.setData(ROLE, row.id)
                if c in (3, 5, 7):
                    cell.setToolTip(text)
                if row.worker_away and c in (4, 7):
                    cell.setForeground(QColor("#b00000"))
                if not row.is_active:
                    cell.setForeground(QColor("#777777"))
                self.table.setItem(r, c, cell)
            if selected is not None and row.id == selected.id:
                self.table.selectRow(r)
        self._enable_buttons()

    def _selected(self) -> AppointmentRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._rows):
            return None
        return self._rows[rows[0].row()]

    def select(self, appointment_id: uuid.UUID) -> None:
        for r, row in enumerate(self._rows):
            if row.id == appointment_id:
                self.table.selectRow(r)

    def _enable_buttons(self) -> None:
        row = self._selected()
        active = row is not None and row.is_active
        self.check_in_button.setEnabled(active)
        self.cancel_button.setEnabled(row is not None and row.status == AppointmentStatus.BOOKED)
        self.no_show_button.setEnabled(row is not None and row.status == AppointmentStatus.BOOKED)
        self.slip_button.setEnabled(active)

    def _check_in(self) -> None:
        row = self._selected()
        if row is None:
            return
        if row.case_id is not None:
            self.open_case.emit(row.case_id)
            return
        if row.is_active:
            check_in(self._runner, self._actor, row.id, self.checked_in.emit,
                     lambda f: show_error(self.list_error, f.message))

    def _cancel(self) -> None:
        row = self._selected()
        if row is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Cancel the appointment"), self.tr(
            "Why is the appointment of %1 (%2) cancelled? The reason is kept.").replace("%1", row.name)
            .replace("%2", row.slot))
        if not ok:
            return
        actor, appointment_id = self._actor, row.id

        def work(session: Session) -> AppointmentRow:
            from app.services.appointments import cancel

            return cancel(session, actor, appointment_id, reason)

        self._runner.op(work).failure(lambda f: show_error(self.list_error, f.message)).run()

    def _no_show(self) -> None:
        row = self._selected()
        if row is None:
            return
        answer = QMessageBox.question(self, self.tr("Did not come"), self.tr(
            "Record that %1 did not come at %2? It is only recorded: they can book again as usual.")
            .replace("%1", row.name).replace("%2", row.slot))
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor, appointment_id = self._actor, row.id

        def work(session: Session) -> AppointmentRow:
            from app.services.appointments import record_no_show

            return record_no_show(session, actor, appointment_id)

        self._runner.op(work).failure(lambda f: show_error(self.list_error, f.message)).run()

    def _slip(self) -> None:
        row = self._selected()
        if row is not None:
            self.print_slip.emit(row.id)


def check_in(runner: OperationRunner, actor: Any, appointment_id: uuid.UUID, done: Any, failed: Any) -> None:
    """签到 on the writer lane; ``done`` gets the CheckIn that intake starts from."""
    def work(session: Session) -> CheckIn:
        from app.services.appointments import check_in as check_in_appointment

        return check_in_appointment(session, actor, appointment_id)

    runner.op(work).success(done).failure(failed).run()
