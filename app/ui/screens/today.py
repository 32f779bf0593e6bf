"""今日 — the screen a worker lands on after login: today's appointments,
follow-ups and deadlines due, and where everyone is; with the booking tab
(预约) beside it."""
from __future__ import annotations

import html
import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Change
from app.ui.operations import OperationRunner
from app.ui.screens.appointments import AppointmentsScreen, check_in
from app.ui.widgets import error_label, read_only_table, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.today import TodayRow, TodaySection, TodayView

# The sections whose rows open something; the others are for reading.
_REFRESH_ON = {Change.SERVICES, Change.CASES, Change.INQUIRIES, Change.STAFF, Change.SETTINGS, Change.CALENDAR}


class _SectionBox(QGroupBox):
    """One section: its title with the count needing action, and its rows."""

    activated = Signal(object)  # TodayRow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table: QTableWidget = read_only_table(["", "", "", "", ""])
        self.table.horizontalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setStyleSheet("QTableWidget { font-size: 14px }")
        self.empty = QLabel()
        self.empty.setStyleSheet("color: #555; padding: 6px")
        self.rows: tuple[TodayRow, ...] = ()
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        layout.addLayout(self.buttons)
        self.table.itemDoubleClicked.connect(lambda item: self.activated.emit(self.rows[item.row()]))
        self.setStyleSheet("QGroupBox { font-size: 15px; font-weight: bold }")

    def show_section(self, section: TodaySection) -> None:
        self.rows = section.rows
        count = section.action_count
        title = str(section.title)
        self.setTitle(self.tr("%1 (%2)").replace("%1", title).replace("%2", str(count)) if count else title)
        self.empty.setText(str(section.empty))
        self.empty.setVisible(not section.rows)
        self.table.setVisible(bool(section.rows))
        self.table.setRowCount(len(section.rows))
        bold = QFont()
        bold.setBold(True)
        for r, row in enumerate(section.rows):
            for c, text in enumerate((row.when, row.title, row.detail, row.status, row.warning)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)  # a long line is cut on screen, never in its tooltip
                if c == 4 and text:
                    cell.setForeground(QColor("#b00000"))
                if c == 1 and row.mine:
                    cell.setFont(bold)
                self.table.setItem(r, c, cell)
        height = self.table.horizontalHeader().height() if self.table.horizontalHeader().isVisible() else 0
        height += sum(self.table.rowHeight(r) for r in range(len(section.rows))) + 6
        self.table.setFixedHeight(min(max(height, 40), 320))

    def selected(self) -> TodayRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None


class DayView(QWidget):
    """今日: the sections of app.services.today, refreshed when what they show changes."""

    counted = Signal(int)  # what needs action: the navigation badge
    checked_in = Signal(object)  # CheckIn
    open_case = Signal(object)  # case id
    open_inquiry = Signal(object)  # inquiry id
    open_online_assist = Signal(object)  # 帮办网办 id
    book = Signal()

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Any = None
        # One label for the date and the count, taking the row: two labels
        # sized while the screen was still hidden came out clipped.
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; padding: 4px")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.error = error_label()
        self.boxes: dict[str, _SectionBox] = {}
        self._content = QVBoxLayout()
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addLayout(self._content)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.check_in_button = QPushButton(self.tr("Arrived: check in and take in"))
        self.check_in_button.setStyleSheet("font-weight: bold")
        self.book_button = QPushButton(self.tr("Book an appointment…"))
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.book_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(scroll, 1)
        hint = QLabel(self.tr("Double-click a line to open it: an appointment checks in and starts intake, a case or "
                              "an inquiry opens. Your own lines are in bold."))
        hint.setStyleSheet("color: #555")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.book_button.clicked.connect(self.book.emit)
        self.check_in_button.clicked.connect(self._check_in_selected)
        runner.changed.connect(self._on_changed)

    def set_actor(self, actor: Any) -> None:
        self._actor = actor
        self.reload()

    def _on_changed(self, tags: frozenset[Change]) -> None:
        if self._actor is not None and tags & _REFRESH_ON:
            self.reload()

    def reload(self) -> None:
        if self._actor is None:
            return
        staff_id = self._actor.staff_id

        def work(session: Session) -> TodayView:
            from app.services.today import context_for, today_view

            return today_view(session, context_for(session, staff_id))

        self._runner.op(work).success(self.show_view).failure(lambda f: show_error(self.error, f.message)).run()

    def show_view(self, view: TodayView) -> None:
        from app.clock import local_today
        from app.services.today import SEC_APPOINTMENTS

        show_error(self.error, "")
        today = local_today()
        weekdays = (self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"), self.tr("Thursday"),
                    self.tr("Friday"), self.tr("Saturday"), self.tr("Sunday"))
        count = view.action_count
        title = self.tr("Today, %1").replace("%1", f"{today:%Y-%m-%d} {weekdays[today.weekday()]}")
        summary = (self.tr("%1 things need action today").replace("%1", str(count)) if count
                   else self.tr("Nothing needs action today"))
        self.heading.setText(f"<span style='font-size: 18px; font-weight: bold'>{html.escape(title)}</span>"
                             f"&nbsp;&nbsp;&nbsp;<span style='color: {'#b00000' if count else '#333333'}'>"
                             f"{html.escape(summary)}</span>")
        for section in view.sections:
            box = self.boxes.get(section.code)
            if box is None:
                box = self.boxes[section.code] = _SectionBox()
                box.activated.connect(self._activate)
                if section.code == SEC_APPOINTMENTS:
                    box.buttons.addWidget(self.check_in_button)
                self._content.addWidget(box)
                box.show()  # added after the screen was shown: a new child starts hidden
            box.show_section(section)
        self.counted.emit(count)

    def _activate(self, row: TodayRow) -> None:
        from app.services.today import OPEN_APPOINTMENT, OPEN_CASE, OPEN_INQUIRY, OPEN_ONLINE_ASSIST

        if row.target is None:
            return
        if row.opens == OPEN_ONLINE_ASSIST:
            self.open_online_assist.emit(row.target)
        if row.opens == OPEN_APPOINTMENT and row.needs_action:
            self._check_in(row.target)
        elif row.opens == OPEN_CASE:
            self.open_case.emit(row.target)
        elif row.opens == OPEN_INQUIRY:
            self.open_inquiry.emit(row.target)

    def _check_in_selected(self) -> None:
        from app.services.today import SEC_APPOINTMENTS

        box = self.boxes.get(SEC_APPOINTMENTS)
        row = box.selected() if box is not None else None
        if row is None or row.target is None or not row.needs_action:
            show_error(self.error, self.tr("Choose a booked appointment in the list first."))
            return
        self._check_in(row.target)

    def _check_in(self, appointment_id: uuid.UUID) -> None:
        check_in(self._runner, self._actor, appointment_id, self.checked_in.emit,
                 lambda f: show_error(self.error, f.message))


class TodayScreen(QTabWidget):
    """The navigation entry 今日: the day (first) and the booking (预约)."""

    counted = Signal(int)
    checked_in = Signal(object)
    open_case = Signal(object)
    open_inquiry = Signal(object)
    open_online_assist = Signal(object)
    print_slip = Signal(object)  # appointment id

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = DayView(runner)
        self.booking = AppointmentsScreen(runner)
        self.addTab(self.day, self.tr("Today"))
        self.addTab(self.booking, self.tr("Appointments"))
        self.setStyleSheet("QTabBar::tab { font-size: 14px; padding: 6px 18px }")
        self.day.counted.connect(self.counted.emit)
        self.day.book.connect(lambda: self.setCurrentWidget(self.booking))
        for source in (self.day, self.booking):
            source.checked_in.connect(self.checked_in.emit)
            source.open_case.connect(self.open_case.emit)
        self.day.open_inquiry.connect(self.open_inquiry.emit)
        self.day.open_online_assist.connect(self.open_online_assist.emit)
        self.booking.print_slip.connect(self.print_slip.emit)

    def set_actor(self, actor: Any) -> None:
        self.day.set_actor(actor)
        self.booking.set_actor(actor)

    def show_on_entry(self) -> None:
        self.day.reload()
