"""数据库损坏 — what happened to the database, and the backups that bring it back.

Shown instead of the login when the start-up check (app.services.store_health)
finds the database damaged, empty or missing beside backups. One button
restores the chosen backup; the damaged files move aside, never deleted.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import Failure, OperationRunner

if TYPE_CHECKING:
    from app.services.store_health import BackupInfo, Restored, StoreCheck


class RecoveryScreen(QWidget):
    """The damage in words, the backups with date and case count, and 用所选备份恢复."""

    restored = Signal()  # the database is back in place: open it again
    failed = Signal(object)  # Failure

    def __init__(self, runner: OperationRunner, check: StoreCheck, *, data_dir: Path, encrypted: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._data_dir = data_dir
        self._encrypted = encrypted
        self._key_missing = check.problem is not None and check.problem.kind == "key_missing"
        self._backups: tuple[BackupInfo, ...] = check.backups
        assert check.problem is not None, "only a damaged database has a restore screen"
        self._key_known = check.key_known
        heading = QLabel(self.tr("The recovery key is needed") if self._key_missing
                         else self.tr("The database is damaged"))
        heading.setStyleSheet("font-size: 20px; font-weight: bold; color: #c00000")
        what = QLabel(check.problem.message)
        what.setWordWrap(True)
        what.setStyleSheet("font-size: 15px")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Backup taken"), self.tr("Cases"), self.tr("Size"),
                                              self.tr("Kind")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for backup in self._backups:
            self._add_row(backup)
        self.restore_button = QPushButton(self.tr("Restore the chosen backup"))
        self.restore_button.setStyleSheet("font-size: 15px; padding: 6px 18px")
        self.restore_button.clicked.connect(self.restore)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.restore())
        first = next((row for row, b in enumerate(self._backups) if b.cases is not None), None)
        if first is not None:
            self.table.selectRow(first)
        self._selection_changed()
        self.status = QLabel()
        self.status.setWordWrap(True)
        # An encrypted database or backups whose key this PC lacks (a new PC, a reinstalled system).
        self.key_label = QLabel(self.tr("Recovery key (printed for the center head at setup):"))
        self.key_edit = QLineEdit()
        self.key_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-…")
        self.key_edit.setMinimumWidth(520)
        self.key_edit.textChanged.connect(lambda _t: self._selection_changed())
        self.unlock_button = QPushButton(self.tr("Open with the recovery key"))
        self.unlock_button.clicked.connect(self.unlock)
        for widget in (self.key_label, self.key_edit):
            widget.setVisible(check.needs_recovery_key)
        self.unlock_button.setVisible(self._key_missing)
        if not self._backups and not self._key_missing:
            self.status.setText(self.tr(
                "There is no backup in the data folder. Do not delete anything: call the county's IT staff, "
                "or copy a backup from the USB drive into the backups folder and start OneWindow again."))
        note = QLabel(self.tr(
            "The damaged file is moved into the \"damaged\" folder beside the database and kept for IT; it is "
            "never deleted. Cases taken in after the backup come back from the county at the next sync if they "
            "were synced; the numbers already issued are never issued again."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555")
        details = QLabel(self.tr("For IT: %1").replace("%1", check.problem.details))
        details.setWordWrap(True)
        details.setStyleSheet("color: #777; font-size: 11px")
        details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_label)
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(what)
        layout.addLayout(key_row)
        layout.addWidget(QLabel(self.tr("Backups in %1, newest first:").replace("%1", str(data_dir / "backups"))))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(note)
        layout.addWidget(details)

    def _add_row(self, backup: BackupInfo) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = (self.tr("made by hand") if backup.reason == "manual"
                else self.tr("before an upgrade") if backup.reason.startswith("before-") else backup.reason)
        cells = [
            backup.taken_at.strftime("%Y-%m-%d %H:%M"),
            str(backup.cases) if backup.cases is not None
            else self.tr("needs the recovery key") if backup.encrypted and not self._key_known
            else self.tr("cannot be read"),
            f"{backup.size_bytes / 1_000_000:.1f} MB",
            kind,
        ]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if backup.cases is None:
                item.setForeground(Qt.GlobalColor.gray)
            self.table.setItem(row, column, item)

    def chosen(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        backup = self._backups[rows[0].row()]
        usable = backup.cases is not None or (backup.encrypted and bool(self.key_edit.text().strip()))
        return backup if usable else None

    def _typed_key(self) -> str | None:
        from app.keystore import parse_recovery_key

        text = self.key_edit.text().strip()
        return parse_recovery_key(text) if text else None

    def unlock(self) -> None:
        """The database is whole but its key is not on this PC: the recovery key opens it."""
        text, data_dir = self.key_edit.text(), self._data_dir

        def work() -> None:
            from app.keystore import default_key_store
            from app.services.data_protection import unlock_with_recovery_key

            unlock_with_recovery_key(data_dir, default_key_store(), text)

        self._runner.task(work).success(lambda _r: self.restored.emit()).failure(
            lambda failure: self.status.setText(failure.message)).run()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def restore(self) -> None:
        """One step: the chosen backup replaces the damaged database."""
        backup = self.chosen()
        if backup is None:
            return
        self.restore_button.setEnabled(False)
        self.status.setText(self.tr("Restoring…"))
        data_dir, typed, encrypted = self._data_dir, self._typed_key(), self._encrypted

        def work() -> Restored:
            from app.services.store_health import restore_backup

            if not encrypted:
                return restore_backup(data_dir, backup.path)
            from app.keystore import default_key_store

            store = default_key_store()
            key = typed or store.get(data_dir)
            restored = restore_backup(data_dir, backup.path, key=key)
            if typed is not None and store.get(data_dir) != typed:
                store.put(data_dir, typed)  # from now on this PC opens it by itself
            return restored

        def done(result: Restored) -> None:
            kept = str(result.kept_aside) if result.kept_aside else self.tr("(no damaged file)")
            self.status.setText(self.tr("Restored. The damaged file is kept in %1. Opening the database…")
                                .replace("%1", kept))
            self.restored.emit()

        def failed(failure: Failure) -> None:
            self.status.setText(failure.message)
            self._selection_changed()
            self.failed.emit(failure)

        self._runner.task(work).success(done).failure(failed).run()
