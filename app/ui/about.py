"""关于 (About): the version, where the data is, the sync and update state, and
复制诊断信息 — the text IT asks for, with personal data hidden."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__

log = logging.getLogger(__name__)

def update_state_text(data_dir: Path) -> str | None:
    """The update state in words (app.sync.updates), or None when it cannot be read."""
    from app.sync.updates import update_state

    try:
        state = update_state(data_dir)
    except Exception:
        log.exception("reading the update state failed")
        return None
    parts = [state.message] if state.message else []
    if state.ready:
        parts.append(QCoreApplication.translate("AboutDialog", "version %1 installs at the next start")
                     .replace("%1", state.ready))
    elif state.available:
        parts.append(QCoreApplication.translate("AboutDialog", "version %1 available").replace("%1", state.available))
    if not parts and state.last_checked is not None:
        parts.append(QCoreApplication.translate("AboutDialog", "no newer version (checked %1)")
                     .replace("%1", f"{state.last_checked.astimezone():%Y-%m-%d %H:%M}"))
    return " · ".join(parts) or None  # never checked: the dialog says no update source is configured


class AboutDialog(QDialog):
    """Facts for the worker and for IT; 复制诊断信息 copies them with the log's end."""

    def __init__(self, *, db_path: Path | None, data_dir: Path, sync_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About OneWindow"))
        self.data_dir = data_dir
        update = update_state_text(data_dir)
        self.facts: list[tuple[str, str]] = [
            (self.tr("Version"), __version__),
            (self.tr("Database"), str(db_path) if db_path is not None else self.tr("not open")),
            (self.tr("Data folder"), str(data_dir)),
            (self.tr("Sync"), sync_text or self.tr("not started")),
            (self.tr("Updates"), update if update is not None else self.tr("No update source configured")),
        ]
        title = QLabel(self.tr("OneWindow (一窗通) — one-window intake for village and community service centers"))
        title.setStyleSheet("font-weight: bold")
        title.setWordWrap(True)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for label, value in self.facts:
            shown = QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, shown)
            self.values[label] = shown
        self.copy_button = QPushButton(self.tr("Copy diagnostics"))
        self.copy_button.setToolTip(self.tr("Copies the versions and the log's last lines for IT; "
                                            "ID numbers, phones and query codes are hidden"))
        self.copy_button.clicked.connect(self.copy_diagnostics)
        self.copied = QLabel()
        self.copied.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.copied)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def diagnostics_text(self) -> str:
        from app.services.diagnostics import diagnostics, library_versions

        facts = [*self.facts, *library_versions(), ("PySide6", pyside_version), ("Qt", qVersion())]
        report = diagnostics(self.data_dir, facts)
        return report.text

    def copy_diagnostics(self) -> None:
        text = self.diagnostics_text()
        QApplication.clipboard().setText(text)
        lines = text.count("\n")
        self.copied.setText(self.tr("Copied (%1 lines). Paste it into the message to IT.").replace("%1", str(lines)))
