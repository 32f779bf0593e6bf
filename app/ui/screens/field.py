"""外出服务 — the field laptop's screen: pick the visits, check that this PC
holds what they need (syncing first when there is a link), set out (the
whereabouts note says 下村/上门), take in at each home, and come back."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import CHANGED_SERVICES, CHANGED_STAFF, OperationRunner
from app.ui.widgets import date_edit, date_of, error_label, read_only_table, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.context import Actor
    from app.services.field_service import FieldTrip, Readiness, TripSummary, Visit
    from app.ui.operations import Failure
    from app.ui.sync import SyncController

ROLE = Qt.ItemDataRole.UserRole
OK_COLOR, PROBLEM_COLOR = "#1d5c1d", "#b00020"
COL_PICK, COL_WHEN, COL_NAME, COL_ID, COL_PHONE, COL_PLACE, COL_ITEM, COL_SOURCE = range(8)


def _when(moment: datetime | None) -> str:
    from app.clock import format_local

    return format_local(moment, "%m-%d %H:%M") if moment is not None else ""


class FieldScreen(QWidget):
    """外出服务: before leaving, while away, and back."""

    take_in_resident = Signal(object)  # resident id: intake starts with them
    take_in_appointment = Signal(object)  # appointments.CheckIn

    def __init__(self, runner: OperationRunner, *, sync: SyncController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._sync = sync
        self._actor: Actor | None = None
        self._trip: FieldTrip | None = None
        self._visits: list[Visit] = []
        self._checking = False

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("font-size: 16px; font-weight: bold; padding: 6px")

        # 1. the visits
        self.visits_box = QGroupBox(self.tr("1. Pick the visits"))
        self.first_day = date_edit(date.today())
        self.last_day = date_edit(date.today() + timedelta(days=1))
        self.list_button = QPushButton(self.tr("List"))
        self.table = read_only_table([
            self.tr("Pick"), self.tr("Booked for"), self.tr("Name"), self.tr("ID number"), self.tr("Phone"),
            self.tr("Place"), self.tr("Item"), self.tr("Why")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((COL_PICK, 50), (COL_WHEN, 100), (COL_NAME, 90), (COL_ID, 170), (COL_PHONE, 110),
                              (COL_PLACE, 260), (COL_ITEM, 220)):
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(150)
        self.visits_hint = QLabel(self.tr("Booked home visits of the days, then the residents flagged as needing "
                                          "home service. Tick the ones you are going to."))
        self.visits_hint.setWordWrap(True)
        self.visits_hint.setStyleSheet("color: #555")
        self.take_in_button = QPushButton(self.tr("Take in for the selected resident"))
        self.take_in_button.setStyleSheet("font-weight: bold")
        self.flag_button = QPushButton(self.tr("No longer needs home service"))
        days = QHBoxLayout()
        self._day_labels = (QLabel(self.tr("From")), QLabel(self.tr("to")))
        days.addWidget(self._day_labels[0])
        days.addWidget(self.first_day)
        days.addWidget(self._day_labels[1])
        days.addWidget(self.last_day)
        days.addWidget(self.list_button)
        days.addStretch(1)
        days.addWidget(self.flag_button)
        visits = QVBoxLayout(self.visits_box)
        visits.addLayout(days)
        visits.addWidget(self.table, 1)
        visits.addWidget(self.visits_hint)
        visits.addWidget(self.take_in_button)

        # 2. readiness
        self.ready_box = QGroupBox(self.tr("2. Check this PC holds their records"))
        self.check_button = QPushButton(self.tr("Sync and check"))
        self.ready_list = QListWidget()
        self.ready_list.setMinimumHeight(90)
        self.ready_list.setWordWrap(True)
        ready = QVBoxLayout(self.ready_box)
        ready.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignLeft)
        ready.addWidget(self.ready_list, 1)

        # 3. set out / come back
        self.trip_box = QGroupBox(self.tr("3. Set out"))
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Home visit (上门)"), "home")
        self.mode.addItem(self.tr("Mobile service (巡回)"), "tour")
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Empty: the village groups of the visits"))
        self.back_at = QDateTimeEdit()
        self.back_at.setCalendarPopup(True)
        self.back_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Empty: e.g. 上门服务 3 户"))
        self.start_button = QPushButton(self.tr("Set out: enter field mode"))
        self.start_button.setStyleSheet("font-weight: bold")
        self.end_button = QPushButton(self.tr("Back at the center: leave field mode"))
        self.end_button.setStyleSheet("font-weight: bold")
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Service"), self.mode)
        form.addRow(self.tr("Where"), self.place)
        form.addRow(self.tr("Back by"), self.back_at)
        form.addRow(self.tr("Reason"), self.reason)
        trip = QVBoxLayout(self.trip_box)
        trip.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        trip.addLayout(buttons)
        trip.addWidget(self.error)

        lower = QHBoxLayout()
        lower.addWidget(self.ready_box, 3)
        lower.addWidget(self.trip_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.visits_box, 3)
        layout.addLayout(lower, 2)

        self.list_button.clicked.connect(self.reload)
        self.check_button.clicked.connect(self.check)
        self.start_button.clicked.connect(self._start)
        self.end_button.clicked.connect(self._end)
        self.take_in_button.clicked.connect(self._take_in)
        self.flag_button.clicked.connect(self._unflag)
        self.table.itemDoubleClicked.connect(lambda _item: self._take_in())
        runner.changed.connect(self._on_changed)
        if sync is not None:
            sync.finished.connect(self._synced)

    # -- loading -------------------------------------------------------------------------

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor
        self.reload()

    def _on_changed(self, tags: Any) -> None:
        if self._actor is not None and self.isVisible() and set(tags) & {CHANGED_SERVICES, CHANGED_STAFF}:
            self.reload()

    def reload(self) -> None:
        actor = self._actor
        if actor is None:
            return
        first, last = date_of(self.first_day), date_of(self.last_day)

        def work(session: Session) -> tuple[FieldTrip | None, tuple[Visit, ...], set[str]]:
            from app.services import field_service as fs

            trip = fs.current_trip(session)
            if trip is not None:  # away: the visits picked before leaving
                return trip, fs.visits_of(session, actor, trip.visits), set(trip.visits)
            return None, fs.candidates(session, actor, first=first, last=min(last, first + timedelta(days=31))), set()

        def failed(failure: Failure) -> None:
            show_error(self.error, failure.message)

        self._runner.op(work).success(self._show).failure(failed).run()

    def _show(self, loaded: tuple[FieldTrip | None, tuple[Visit, ...], set[str]]) -> None:
        trip, visits, picked = loaded
        checked_before = self.picked_keys()
        self._trip, self._visits = trip, list(visits)
        away = trip is not None
        self.table.setRowCount(0)
        for visit in visits:
            row = self.table.rowCount()
            self.table.insertRow(row)
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | (Qt.ItemFlag.NoItemFlags if away else Qt.ItemFlag.ItemIsUserCheckable))
            tick.setCheckState(Qt.CheckState.Checked if visit.key in picked or visit.key in checked_before
                               else Qt.CheckState.Unchecked)
            tick.setData(ROLE, visit.key)
            self.table.setItem(row, COL_PICK, tick)
            source = self.tr("Booked home visit") if visit.appointment_id else self.tr("Needs home service")
            for column, text in ((COL_WHEN, _when(visit.scheduled_at)), (COL_NAME, visit.name),
                                 (COL_ID, visit.id_masked), (COL_PHONE, visit.phone_masked),
                                 (COL_PLACE, visit.place), (COL_ITEM, visit.item_name), (COL_SOURCE, source)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        shown: tuple[QWidget, ...] = (self.first_day, self.last_day, self.list_button, self.flag_button,
                                      self.visits_hint, *self._day_labels)
        for widget in shown:
            widget.setVisible(not away)
        self.start_button.setVisible(not away)
        self.end_button.setVisible(away)
        editable: tuple[QWidget, ...] = (self.mode, self.place, self.back_at, self.reason)
        for field in editable:
            field.setEnabled(not away)
        self.take_in_button.setEnabled(bool(visits))
        if trip is not None:
            self.trip_box.setTitle(self.tr("3. Away"))
            self.visits_box.setTitle(self.tr("Visits of this trip: double-click to take in"))
            self.banner.setText(self.tr("Out on field service: %1 · %2 · since %3, back by %4. Cases taken in on this "
                                        "PC are marked %1 with their place.")
                                .replace("%1", trip.mode_label).replace("%2", trip.place)
                                .replace("%3", _when(trip.started_at)).replace("%4", _when(trip.expected_back_at)))
            self.banner.setStyleSheet("font-size: 16px; font-weight: bold; padding: 6px; color: white; "
                                      "background: #b35900")
            self.mode.setCurrentIndex(max(self.mode.findData(trip.mode), 0))
            self.place.setText(trip.place)
        else:
            self.trip_box.setTitle(self.tr("3. Set out"))
            self.visits_box.setTitle(self.tr("1. Pick the visits"))
            self.banner.setText(self.tr("At the center. Pick the visits, check this PC holds their records, then "
                                        "set out: your whereabouts note will say 下村/上门 until you come back."))
            self.banner.setStyleSheet("font-size: 16px; font-weight: bold; padding: 6px")
            if not self.back_at.isEnabled() or self.back_at.dateTime() <= QDateTime.currentDateTime():
                self.back_at.setDateTime(QDateTime.currentDateTime().addSecs(4 * 3600))

    def picked_keys(self) -> list[str]:
        keys = []
        for row in range(self.table.rowCount()):
            tick = self.table.item(row, COL_PICK)
            if tick is not None and tick.checkState() == Qt.CheckState.Checked:
                keys.append(str(tick.data(ROLE)))
        return keys

    # -- readiness -------------------------------------------------------------------------

    def check(self) -> None:
        """Sync first when there is a link (the laptop fetches the other computers'
        records), then list what this PC holds for each visit."""
        show_error(self.error, "")
        self.ready_list.clear()
        self.ready_list.addItem(self.tr("Syncing with the county…"))
        self._checking = True
        if self._sync is not None and self._sync.is_running():
            return  # the sync under way answers: its end lists the readiness
        if self._sync is None or not self._sync.sync_now(manual=True, trigger="field"):
            self._checking = False
            self._show_readiness(synced=False, reason=self.tr("sync not available"))

    def _synced(self, report: Any, manual: bool) -> None:
        if not self._checking:
            return
        self._checking = False
        ok = bool(getattr(report, "ok", False))
        self._show_readiness(synced=ok, reason="" if ok else str(getattr(report, "message", "")))
        if ok:
            self.reload()

    def _show_readiness(self, *, synced: bool, reason: str) -> None:
        actor = self._actor
        if actor is None:
            return
        keys = list(self._trip.visits) if self._trip is not None else self.picked_keys()

        def work(session: Session) -> Readiness:
            from app.services.field_service import readiness

            return readiness(session, actor, keys, synced_now=synced, offline_reason=reason)

        self._runner.op(work).success(self._list_readiness).run()

    def _list_readiness(self, ready: Readiness) -> None:
        self.ready_list.clear()

        def line(text: str, ok: bool) -> None:
            entry = QListWidgetItem(("✓ " if ok else "✗ ") + text)
            entry.setForeground(QColor(OK_COLOR if ok else PROBLEM_COLOR))
            self.ready_list.addItem(entry)

        if ready.synced_now:
            line(self.tr("Synced with the county just now: this PC holds the center's latest records."), True)
        for problem in ready.problems:
            line(problem, False)
        if ready.waiting:
            line(self.tr("%1 record(s) of this PC wait to go to the county.").replace("%1", str(ready.waiting)), True)
        if not ready.lines:
            line(self.tr("No visit picked yet."), False)
        for entry in ready.lines:
            held = self.tr("%1: record held, %2 open case(s)").replace("%1", entry.visit.name) \
                .replace("%2", str(entry.open_cases))
            if entry.earlier_items:
                held += self.tr("; earlier: %1").replace("%1", "、".join(entry.earlier_items))
            line(held if entry.ready else f"{entry.visit.name}：{'；'.join(entry.problems)}", entry.ready)

    # -- set out, take in, come back -----------------------------------------------------------

    def _start(self) -> None:
        actor = self._actor
        if actor is None:
            return
        keys = self.picked_keys()
        back = self.back_at.dateTime().toPython()
        assert isinstance(back, datetime)
        back = back.astimezone()
        mode, place, reason = self.mode.currentData(), self.place.text(), self.reason.text()

        def work(session: Session) -> FieldTrip:
            from app.services import field_service as fs

            return fs.enter_field_mode(session, actor, fs.TripInput(mode, place, back, tuple(keys), reason))

        def failed(failure: Failure) -> None:
            show_error(self.error, failure.message)
            widget = {"place": self.place, "expected_back_at": self.back_at, "reason": self.reason,
                      "visits": self.table}.get(failure.field)
            if widget is not None:
                widget.setFocus()

        def started(_trip: FieldTrip) -> None:
            show_error(self.error, "")
            self.reload()

        self._runner.op(work).success(started).failure(failed).run()

    def _end(self) -> None:
        actor = self._actor
        if actor is None:
            return

        def work(session: Session) -> TripSummary:
            from app.services.field_service import leave_field_mode

            return leave_field_mode(session, actor)

        def ended(summary: TripSummary) -> None:
            show_error(self.error, "")
            lines = [f"{number}　{name}　{item}（{mode}）" for number, name, item, mode in summary.cases]
            text = self.tr("Welcome back: your whereabouts note is cleared. Cases taken in on the trip: %1.") \
                .replace("%1", str(len(summary.cases)))
            if lines:
                text += "\n\n" + "\n".join(lines)
            if summary.waiting:
                text += "\n\n" + self.tr("%1 record(s) wait for the county: they go up with the next sync, "
                                         "started now.").replace("%1", str(summary.waiting))
            QMessageBox.information(self, self.tr("Field service ended"), text)
            self.reload()
            if self._sync is not None:
                self._sync.sync_now(manual=False, trigger="field")

        self._runner.op(work).success(ended).failure(lambda failure: show_error(self.error, failure.message)).run()

    def _selected_visit(self) -> Visit | None:
        row = self.table.currentRow()
        return self._visits[row] if 0 <= row < len(self._visits) else None

    def _take_in(self) -> None:
        visit, actor = self._selected_visit(), self._actor
        if visit is None or actor is None:
            show_error(self.error, self.tr("Select a resident in the list first."))
            return
        show_error(self.error, "")
        if visit.appointment_id is None:
            self.take_in_resident.emit(visit.resident_id)
            return
        appointment_id = visit.appointment_id

        def work(session: Session) -> Any:
            from app.services.appointments import check_in

            return check_in(session, actor, appointment_id)

        self._runner.op(work).success(self.take_in_appointment.emit).failure(
            lambda failure: show_error(self.error, failure.message)).run()

    def _unflag(self) -> None:
        visit, actor = self._selected_visit(), self._actor
        if visit is None or actor is None or visit.resident_id is None or visit.appointment_id is not None:
            show_error(self.error, self.tr("Select a resident flagged as needing home service first."))
            return
        resident_id = visit.resident_id

        def work(session: Session) -> None:
            from app.services.field_service import set_home_service

            set_home_service(session, actor, resident_id, False)

        self._runner.op(work).success(lambda _r: self.reload()).failure(
            lambda failure: show_error(self.error, failure.message)).run()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._actor is not None:
            self.reload()


__all__ = ["FieldScreen"]
