"""去向公示 — the full-screen board on a monitor that faces residents.

A top-level window of its own (moved to the residents' monitor and shown
full screen). It redraws as soon as an operation at this desk changes a
note (the runner's ``changed`` signal, within the same event-loop turn as
the save), and looks again every few seconds for notes that arrive from
other desks by sync. It shows no reason (事由): that is for colleagues.
"""
from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from app.ui.operations import CHANGED_SERVICES, CHANGED_SETTINGS, CHANGED_STAFF, CHANGED_SYNC, OperationRunner

if TYPE_CHECKING:
    from app.db import Session
    from app.services.whereabouts import Board

#: For changes made at other desks (they arrive by sync); this desk's own are shown at once.
POLL_MS = 10_000
_ON_DUTY = "#1b7f3b"
_AWAY = "#c25e00"


#: A window property: the window shows only what is posted for residents
#: anyway, so the idle lock leaves it up.
PUBLIC_BOARD = "onewindowPublicBoard"


class PublicBoardWindow(QWidget):
    """Each worker's name, post, phone, status and return time, in big type."""

    def __init__(self, runner: OperationRunner, center_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._runner = runner
        self._center_id = center_id
        self.board: Board | None = None
        self.loads = 0
        self.setWindowTitle(self.tr("Staff whereabouts (residents' board)"))
        self.setProperty(PUBLIC_BOARD, True)  # it stays up while the desk is locked
        self.setStyleSheet("background: #ffffff; color: #1a1a1a")
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("font-size: 40px; font-weight: bold; color: #a31515; padding: 12px")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(36)
        self.grid.setVerticalSpacing(14)
        self.footer = QLabel()
        self.footer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.footer.setWordWrap(True)
        self.footer.setStyleSheet("font-size: 28px; padding: 12px; border-top: 2px solid #a31515")
        self.updated = QLabel()
        self.updated.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.updated.setStyleSheet("font-size: 16px; color: #777")
        hint = QLabel(self.tr("Esc closes this board"))
        hint.setStyleSheet("font-size: 14px; color: #aaa")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.addWidget(self.title)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        layout.addWidget(self.footer)
        layout.addWidget(self.updated)
        layout.addWidget(hint)
        self._cells: list[QWidget] = []
        runner.changed.connect(self._on_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.reload)
        self.timer.start()
        self.reload()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _on_changed(self, tags: frozenset[str]) -> None:
        if tags & {CHANGED_SERVICES, CHANGED_STAFF, CHANGED_SETTINGS, CHANGED_SYNC}:
            self.reload()

    def reload(self) -> None:
        center_id = self._center_id

        def work(session: Session) -> Board:
            from app.services.whereabouts import board

            return board(session, center_id)

        self._runner.op(work).success(self.show_board).run()

    def show_board(self, board: Board) -> None:
        from app.clock import format_local

        self.board = board
        self.loads += 1
        self.title.setText(self.tr("%1 · Staff whereabouts").replace("%1", board.center_name))
        for cell in self._cells:  # hidden at once: deleteLater alone leaves the old text on screen until later
            self.grid.removeWidget(cell)
            cell.hide()
            cell.deleteLater()
        self._cells = []
        headers = (self.tr("Name"), self.tr("Post"), self.tr("Phone"), self.tr("Status"), self.tr("Back at"))
        for column, text in enumerate(headers):
            self._cell(0, column, text, "font-size: 26px; color: #666; border-bottom: 2px solid #ccc")
        for line, row in enumerate(board.rows, start=1):
            color = _AWAY if row.away else _ON_DUTY
            back = format_local(row.expected_back_at, "%m-%d %H:%M") if row.away and row.expected_back_at else ""
            status = str(row.status_label)
            if row.away and row.acting_name:
                status += self.tr(" (%1 acts)").replace("%1", row.acting_name)
            self._cell(line, 0, row.name, "font-size: 40px; font-weight: bold")
            self._cell(line, 1, row.post_text, "font-size: 32px")
            self._cell(line, 2, row.phone or "—", "font-size: 32px")
            self._cell(line, 3, status, f"font-size: 36px; font-weight: bold; color: {color}")
            self._cell(line, 4, back or ("—" if row.away else ""), "font-size: 36px")
        phones = "　　".join(f"{label}：{number}" for label, number in board.phones)
        self.footer.setText(phones)
        self.footer.setVisible(bool(phones))
        self.updated.setText(self.tr("Updated %1").replace("%1", format_local(board.at, "%H:%M:%S")))

    def _cell(self, row: int, column: int, text: str, style: str) -> None:
        label = QLabel(text)
        label.setStyleSheet(style)
        self.grid.addWidget(label, row, column)
        label.show()  # now, not on the layout's queued show: the board must change with the save
        self._cells.append(label)
