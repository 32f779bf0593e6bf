"""Small widgets shared by the screens."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QWidget,
)

ERROR_STYLE = "color: #b00000; font-weight: bold"


class NavLineEdit(QLineEdit):
    """A search box that steers a list below it: Up/Down/PageUp/PageDown move
    the list's selection while the typing focus stays in the box."""

    _KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)

    def __init__(self, view: QAbstractItemView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in self._KEYS and self._view.model() is not None and self._view.model().rowCount() > 0:
            self._view.keyPressEvent(event)
            return
        super().keyPressEvent(event)


def error_label() -> QLabel:
    """A label for an inline error: red, wrapping, hidden while empty."""
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def flag_over_limit(edit: QLineEdit, limit: int) -> None:
    """Mark ``edit`` red while it holds more than ``limit`` characters.

    Not ``setMaxLength``: that cuts a pasted address without a word, and the
    worker believes the whole of it was saved. The text stays as typed; the
    field says it is too long, and saving is refused by the service with the
    field and the limit named."""

    def check(text: str) -> None:
        over = len(text) > limit
        edit.setStyleSheet("QLineEdit { border: 1px solid #b00000; background: #fff0f0; }" if over else "")
        edit.setToolTip(QCoreApplication.translate("Widgets", "At most %1 characters; now %2.")
                        .replace("%1", str(limit)).replace("%2", str(len(text))) if over else "")

    edit.textChanged.connect(check)
    check(edit.text())


def date_edit(initial: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if initial is not None:
        set_date(edit, initial)
    return edit


def set_date(edit: QDateEdit, value: date) -> None:
    edit.setDate(QDate(value.year, value.month, value.day))


def date_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def read_only_table(headers: list[str]) -> QTableWidget:
    """A list the worker reads and selects rows in: no editing, no row numbers,
    columns sized to their text, the last one taking the rest."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


class EmptyHint(QLabel):
    """空状态提示 — what to do next, written over a list while it is empty.

    It follows the view's rows by itself (a ``QTableWidget`` or ``QListWidget``
    filling or clearing); a model that loads in the background calls
    :meth:`refresh` when its load has finished, so the hint does not flash
    while the rows are on their way.
    """

    def __init__(self, view: QAbstractItemView, text: str = "") -> None:
        super().__init__(text, view.viewport())
        self._view = view
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet("color: #555; font-size: 15px; background: transparent")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.viewport().installEventFilter(self)
        model = view.model()
        model.rowsInserted.connect(self.refresh)
        model.rowsRemoved.connect(self.refresh)
        self.refresh()

    def set_text(self, text: str) -> None:
        self.setText(text)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        model = self._view.model()
        self.setVisible(bool(self.text()) and model is not None and model.rowCount() == 0)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        area = self._view.viewport().rect()
        margin = min(48, area.width() // 10)
        self.setGeometry(area.adjusted(margin, 24, -margin, -8))
