"""恢复密钥 — printed once for the center head, after setup or after the database was encrypted.

Shown to the head after login until the sheet has been printed (or saved as
a PDF for printing elsewhere); a window worker never sees the key.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.operations import Failure, Lane, OperationRunner

if TYPE_CHECKING:
    from app.db import Session


def recovery_key_pdf(*, key: str, key_store: str, center_name: str, center_code: str, head_name: str,
                     font_path: str | None = None) -> bytes:
    """The recovery-key sheet as PDF bytes (app.printing, on any thread)."""
    from app.keystore import recovery_key_text
    from app.printing import CenterInfo
    from app.printing.data import RecoveryKeyData
    from app.printing.documents.recovery_key import render

    now = datetime.now(timezone.utc)
    data = RecoveryKeyData(
        doc_number=f"MY-{center_code}-{now:%Y%m%d}", center=CenterInfo(name=center_name), staff_name=head_name,
        printed_at=now, center_code=center_code, key_text=recovery_key_text(key), key_store=key_store,
    )
    return render(data, font_path=font_path or None)


class RecoveryKeyDialog(QDialog):
    """Print (or save) the recovery key once; the desk remembers that it was done."""

    def __init__(self, runner: OperationRunner, *, actor: Any, key: str, key_store: str, center_name: str,
                 center_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner, self._actor = runner, actor
        self._sheet = {"key": key, "key_store": key_store, "center_name": center_name, "center_code": center_code,
                       "head_name": str(actor.display_name)}
        self.setWindowTitle(self.tr("Recovery key"))
        text = QLabel(self.tr(
            "This center's database and its backups are encrypted. Print the recovery key now and keep it locked "
            "away: if this computer fails or is replaced, a backup opens only with it. It is printed only once."))
        text.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.print_button = QPushButton(self.tr("Print the recovery key"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("Save as PDF to print elsewhere…"))
        self.later_button = QPushButton(self.tr("Later"))
        self.print_button.clicked.connect(self.print_key)
        self.save_button.clicked.connect(self.save_key)
        self.later_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(560, 200)

    def print_key(self) -> None:
        from app.ui.printing import available_printers

        printers = available_printers()
        if not printers:
            self.status.setText(self.tr("No printer is installed: save the key as a PDF and print it elsewhere."))
            return
        sheet = self._sheet

        def job() -> None:
            from app.ui.printing import print_pdf

            print_pdf(recovery_key_pdf(**sheet), printer_name=printers[0])

        self._runner.task(job, lane=Lane.PRINTER).success(lambda _r: self._done()).failure(self._failed).run()

    def save_key(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the recovery key"), "恢复密钥.pdf",
                                                    self.tr("PDF files (*.pdf)"))
            if not chosen:
                return
            path = Path(chosen)
        sheet, target = self._sheet, path

        def job() -> None:
            target.write_bytes(recovery_key_pdf(**sheet))

        self._runner.task(job, lane=Lane.PRINTER).success(lambda _r: self._done()).failure(self._failed).run()

    def _done(self) -> None:
        actor = self._actor

        def work(session: Session) -> None:
            from app.services.data_protection import mark_recovery_key_printed

            mark_recovery_key_printed(session, actor)

        self._runner.op(work).success(lambda _r: self.accept()).run()

    def _failed(self, failure: Failure) -> None:
        self.status.setText(failure.message)
