"""去向与AB角 — where everyone is, the work held for absent colleagues
(代 A 办理), and the A/B settings; the public board opens from here."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import (
    CHANGED_CASES,
    CHANGED_INQUIRIES,
    CHANGED_SERVICES,
    CHANGED_STAFF,
    CHANGED_SYNC,
    OperationRunner,
)
from app.ui.screens.assignments import AssignmentsPanel
from app.ui.widgets import error_label, read_only_table, show_error

if TYPE_CHECKING:
    import uuid

    from app.db import Session
    from app.services.backup import HeldWork
    from app.services.context import Actor
    from app.services.whereabouts import Board, BoardRow, HandBack

#: Other desks' notes arrive by sync; the board looks again this often as well.
REFRESH_MS = 30_000
AWAY_COLOR = "#b35900"


def _when(moment: object) -> str:
    from app.clock import format_local

    return format_local(moment, "%m-%d %H:%M") if moment is not None else ""  # type: ignore[arg-type]


class HeldWorkPanel(QWidget):
    """代 A 办理 — the work of each absent colleague this worker acts for."""

    open_case = Signal(object)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Actor | None = None
        self.held: list[HeldWork] = []
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 14px")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Work"), self.tr("Item / topic"), self.tr("Status"), self.tr("Due")])
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 300)
        self.tree.setColumnWidth(2, 160)
        hint = QLabel(self.tr("Double-click a case to open it. What you do on it is recorded as done for the absent "
                              "colleague, and they see it in the hand-back summary when they return."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        self.tree.itemDoubleClicked.connect(self._double_clicked)

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor
        self.reload()

    def reload(self) -> None:
        actor = self._actor
        if actor is None:
            return

        def work(session: Session) -> list[HeldWork]:
            from app.clock import utcnow
            from app.services.backup import held_work

            return held_work(session, actor.staff_id, utcnow())

        self._runner.op(work).success(self._show).run()

    def _show(self, held: list[HeldWork]) -> None:
        self.held = held
        self.tree.clear()
        if not held:
            self.summary.setText(self.tr("You are not holding work for an absent colleague."))
            return
        self.summary.setText(self.tr("You are acting for %1 absent colleague(s): their work is below.")
                             .replace("%1", str(len(held))))
        for work in held:
            back = _when(work.expected_back_at)
            top = QTreeWidgetItem([
                self.tr("Acting for %1").replace("%1", work.absent_name),
                f"{work.status_label} · {work.where}", self.tr("back %1").replace("%1", back) if back else "", ""])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for section in work.sections:
                node = QTreeWidgetItem([f"{section.title}（{len(section.entries)}）", "", "", ""])
                top.addChild(node)
                for entry in section.entries:
                    leaf = QTreeWidgetItem([entry.reference, entry.title, entry.status_label,
                                            f"{entry.due:%Y-%m-%d}" if entry.due else ""])
                    leaf.setData(0, Qt.ItemDataRole.UserRole, (section.kind, entry.id))
                    node.addChild(leaf)
            top.setExpanded(True)
            for index in range(top.childCount()):
                child = top.child(index)
                if child is not None:
                    child.setExpanded(True)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(data, tuple) and data[0] == "cases":
            self.open_case.emit(data[1])


class WhereaboutsScreen(QWidget):
    """The board for colleagues, with the note buttons, 代 A 办理, and AB角设置."""

    open_case = Signal(object)

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Actor | None = None
        self.board: Board | None = None
        self.public_window: QWidget | None = None
        self._dialog: QWidget | None = None
        self.table = read_only_table([self.tr("Name"), self.tr("Post"), self.tr("Phone"), self.tr("Status"),
                                      self.tr("Where"), self.tr("Expected back"), self.tr("Reason"),
                                      self.tr("Acting for them")])
        self.note_button = QPushButton(self.tr("Leave a note…"))
        self.back_button = QPushButton(self.tr("I am back"))
        self.clear_other_button = QPushButton(self.tr("Mark as back"))
        self.public_button = QPushButton(self.tr("Open the residents' board"))
        self.print_button = QPushButton(self.tr("Print A4 board"))
        self.error = error_label()
        buttons = QHBoxLayout()
        for button in (self.note_button, self.back_button, self.clear_other_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.public_button)
        buttons.addWidget(self.print_button)
        board_tab = QWidget()
        board_layout = QVBoxLayout(board_tab)
        board_layout.addLayout(buttons)
        board_layout.addWidget(self.error)
        board_layout.addWidget(self.table, 1)
        self.complaint_phone = QLineEdit()
        self.complaint_phone.setPlaceholderText(self.tr("e.g. 0769-22345678 or 12345; empty: not shown"))
        self.complaint_phone_button = QPushButton(self.tr("Save"))
        phone_row = QHBoxLayout()
        phone_row.addWidget(QLabel(self.tr("Complaints phone on the public boards:")))
        phone_row.addWidget(self.complaint_phone, 1)
        phone_row.addWidget(self.complaint_phone_button)
        board_layout.addLayout(phone_row)
        self.held = HeldWorkPanel(runner)
        self.assignments = AssignmentsPanel(runner)
        self.tabs = QTabWidget()
        self.tabs.addTab(board_tab, self.tr("Whereabouts"))
        self.tabs.addTab(self.held, self.tr("Held for absent colleagues"))
        self.tabs.addTab(self.assignments, self.tr("A/B backups"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.note_button.clicked.connect(self.leave_note)
        self.back_button.clicked.connect(self.i_am_back)
        self.clear_other_button.clicked.connect(self.mark_selected_back)
        self.public_button.clicked.connect(self.open_public_board)
        self.print_button.clicked.connect(self.print_board)
        self.complaint_phone_button.clicked.connect(self.save_complaint_phone)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.held.open_case.connect(self.open_case)
        runner.changed.connect(self._on_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.reload)

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor
        self.assignments.set_actor(actor)
        self.held.set_actor(actor)
        head = actor is not None and actor.is_head
        self.complaint_phone.setEnabled(head)
        self.complaint_phone_button.setEnabled(head)
        self.reload()
        self.timer.start()

        def phone(session: Session) -> str:
            from app.services.whereabouts import complaint_phone

            return complaint_phone(session)

        self._runner.op(phone).success(self.complaint_phone.setText).run()

    def save_complaint_phone(self) -> None:
        actor, text = self._actor, self.complaint_phone.text()
        assert actor is not None

        def work(session: Session) -> str:
            from app.services.whereabouts import set_complaint_phone

            return set_complaint_phone(session, actor, text)

        def done(saved: str) -> None:
            self.complaint_phone.setText(saved)
            show_error(self.error, "")

        self._runner.op(work).success(done).failure(lambda f: show_error(self.error, f.message)).run()

    def _on_changed(self, tags: frozenset[str]) -> None:
        if tags & {CHANGED_SERVICES, CHANGED_STAFF, CHANGED_SYNC}:
            self.reload()
        if tags & {CHANGED_SERVICES, CHANGED_STAFF, CHANGED_SYNC, CHANGED_CASES, CHANGED_INQUIRIES}:
            self.held.reload()

    def reload(self) -> None:
        actor = self._actor
        if actor is None:
            return

        def work(session: Session) -> Board:
            from app.services.whereabouts import board

            return board(session, actor.center_id)

        self._runner.op(work).success(self._show).run()

    def _show(self, board: Board) -> None:
        self.board = board
        self.table.setRowCount(len(board.rows))
        for index, row in enumerate(board.rows):
            cells = (row.name, row.post_text, row.phone, str(row.status_label), row.where,
                     _when(row.expected_back_at), row.reason, row.acting_name)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.away and column == 3:
                    item.setForeground(QColor(AWAY_COLOR))
                self.table.setItem(index, column, item)
        me = next((r for r in board.rows if self._actor and r.staff_id == self._actor.staff_id), None)
        self.back_button.setEnabled(me is not None and me.away)
        self._update_buttons()

    def selected_row(self) -> BoardRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or self.board is None or rows[0].row() >= len(self.board.rows):
            return None
        return self.board.rows[rows[0].row()]

    def _update_buttons(self) -> None:
        row = self.selected_row()
        head = self._actor is not None and self._actor.is_head
        self.clear_other_button.setEnabled(head and row is not None and row.away
                                           and (self._actor is None or row.staff_id != self._actor.staff_id))

    # -- notes ------------------------------------------------------------------------------

    def leave_note(self) -> None:
        from app.ui.whereabouts_dialogs import SetNoteDialog

        if self._actor is None or self.board is None:
            return
        people = [(row.staff_id, row.name) for row in self.board.rows]
        dialog = SetNoteDialog(self._runner, self._actor, people, self)
        chosen = self.selected_row()
        if self._actor.is_head and chosen is not None:
            dialog.person.setCurrentIndex(max(0, dialog.person.findData(str(chosen.staff_id))))
        self._dialog = dialog
        dialog.open()

    def i_am_back(self) -> None:
        if self._actor is not None:
            self.clear(self._actor.staff_id)

    def mark_selected_back(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.clear(row.staff_id)

    def clear(self, staff_id: uuid.UUID) -> None:
        actor = self._actor
        assert actor is not None

        def work(session: Session) -> HandBack | None:
            from app.services.whereabouts import clear_note

            return clear_note(session, actor, staff_id)

        def done(summary: HandBack | None) -> None:
            show_error(self.error, "")
            if summary is not None and staff_id == actor.staff_id:
                self.show_hand_back(summary)

        self._runner.op(work).success(done).failure(lambda f: show_error(self.error, f.message)).run()

    def show_hand_back(self, summary: HandBack) -> None:
        from app.ui.whereabouts_dialogs import HandBackDialog

        dialog = HandBackDialog(summary, self._runner, self._actor, self)
        self._dialog = dialog
        dialog.open()

    # -- the public views -------------------------------------------------------------------

    def open_public_board(self) -> None:
        from app.ui.public_board import PublicBoardWindow

        if self._actor is None:
            return
        if self.public_window is None:
            self.public_window = PublicBoardWindow(self._runner, self._actor.center_id)
        screens = QGuiApplication.screens()
        if len(screens) > 1:  # a second monitor is the one facing residents
            self.public_window.setScreen(screens[1])
            self.public_window.move(screens[1].geometry().topLeft())
        self.public_window.showFullScreen()
        self.public_window.raise_()

    def print_board(self) -> None:
        from app.services.documents import PrintTarget

        self.print_targets.emit([PrintTarget("whereabouts_board")])

    print_targets = Signal(list)
