"""快捷键 — every key of the app, in one table.

The main window registers the global keys from this table (``action`` names
the MainWindow method a key calls), and the F1 help lists the whole table,
so the help cannot drift from the keys the window answers to. A screen's own
keys are registered by that screen; they are listed here too, and a widget
test checks that every QShortcut the app creates appears in this table.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    def QT_TRANSLATE_NOOP(context: str, text: str) -> str: ...  # Qt's name, the one lupdate looks for
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP  # typed there as returning object

CONTEXT = "Shortcuts"  # the translation context of the texts below
_ARROWS = {"Up": "↑", "Down": "↓"}  # shorter than Qt's words for them

ANYWHERE = QT_TRANSLATE_NOOP("Shortcuts", "Anywhere")
INTAKE = QT_TRANSLATE_NOOP("Shortcuts", "Intake")
INQUIRY = QT_TRANSLATE_NOOP("Shortcuts", "First inquiry")
COMPLAINTS = QT_TRANSLATE_NOOP("Shortcuts", "Complaints")
PRINT_PREVIEW = QT_TRANSLATE_NOOP("Shortcuts", "Print preview")


@dataclass(frozen=True)
class Shortcut:
    """One key (or a few equivalent keys) and what it does, where.

    ``keys`` are QKeySequence's portable texts, the first one shown; ``where``
    and ``what`` are untranslated English (translated when shown).
    ``action``: the MainWindow slot of a global key; "" for a screen's own.
    """

    keys: tuple[str, ...]
    where: str
    what: str
    action: str = ""

    def key_text(self) -> str:
        return " / ".join(_ARROWS.get(k) or QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                          for k in self.keys if not k.endswith("Enter"))  # Ctrl+Enter: Ctrl+Return's keypad twin

    def where_text(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.where)

    def what_text(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.what)


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(("F1",), ANYWHERE, QT_TRANSLATE_NOOP("Shortcuts", "Show this list of shortcuts"), "show_shortcuts"),
    Shortcut(("F2",), ANYWHERE, QT_TRANSLATE_NOOP("Shortcuts", "Start a new intake (next resident)"), "start_intake"),
    Shortcut(("F4",), ANYWHERE, QT_TRANSLATE_NOOP("Shortcuts", "Register a first inquiry"), "start_inquiry"),
    Shortcut(("F5",), ANYWHERE, QT_TRANSLATE_NOOP("Shortcuts", "Refresh the lists from the database"), "refresh"),
    Shortcut(("Ctrl+F",), ANYWHERE, QT_TRANSLATE_NOOP(
        "Shortcuts", "Search: name, pinyin initials, ID number, phone or its last 4 digits, case number"),
        "focus_search"),
    Shortcut(("Ctrl+L",), ANYWHERE, QT_TRANSLATE_NOOP(
        "Shortcuts", "Lock the screen when you leave the desk (the Lock button does the same)"), "lock"),
    Shortcut(("Return",), INTAKE, QT_TRANSLATE_NOOP("Shortcuts", "Next step; choose the highlighted line")),
    Shortcut(("Up", "Down"), INTAKE, QT_TRANSLATE_NOOP("Shortcuts", "Move in the list while typing")),
    Shortcut(("Esc",), INTAKE, QT_TRANSLATE_NOOP("Shortcuts", "Back one step")),
    Shortcut(("Space",), INTAKE, QT_TRANSLATE_NOOP("Shortcuts", "Tick or untick a material")),
    Shortcut(("Ctrl+N",), INTAKE, QT_TRANSLATE_NOOP("Shortcuts", "Register a new resident")),
    Shortcut(("Ctrl+Return", "Ctrl+Enter"), INTAKE, QT_TRANSLATE_NOOP("Shortcuts", "Confirm the intake")),
    Shortcut(("Ctrl+Return", "Ctrl+Enter"), INQUIRY, QT_TRANSLATE_NOOP("Shortcuts", "Register the inquiry")),
    Shortcut(("Ctrl+Return", "Ctrl+Enter"), COMPLAINTS,
             QT_TRANSLATE_NOOP("Shortcuts", "Register the complaint and print its slip")),
    Shortcut(("Ctrl+P", "Return"), PRINT_PREVIEW, QT_TRANSLATE_NOOP("Shortcuts", "Print all documents")),
)


def global_shortcut(action: str) -> Shortcut:
    """The table's entry for the MainWindow slot ``action``."""
    return next(s for s in SHORTCUTS if s.action == action)


class ShortcutsDialog(QDialog):
    """快捷键 (F1): the table above, as the worker reads it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(len(SHORTCUTS), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Where"), self.tr("What it does")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, entry in enumerate(SHORTCUTS):
            for column, text in enumerate((entry.key_text(), entry.where_text(), entry.what_text())):
                self.table.setItem(row, column, QTableWidgetItem(text))
        note = QLabel(self.tr("The Lock button in the status bar locks the screen too."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        # Every row in view: the list is short, and a scroll bar would hide its end.
        self.table.resizeRowsToContents()
        frame = 2 * self.table.frameWidth()
        self.table.setMinimumHeight(self.table.horizontalHeader().height() + self.table.verticalHeader().length()
                                    + frame)
        self.resize(760, self.sizeHint().height())

    def key_texts(self) -> list[str]:
        """The keys as listed, top to bottom."""
        items = (self.table.item(row, 0) for row in range(self.table.rowCount()))
        return [item.text() for item in items if item is not None]
