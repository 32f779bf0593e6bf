"""登录 — staff login, also used to unlock after the idle lock."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.ui.operations import Failure, OperationRunner

if TYPE_CHECKING:
    from app.db import Session
    from app.services.context import Actor


class LoginDialog(QDialog):
    def __init__(self, runner: OperationRunner, *, center_name: str = "", locked_user: str = "",
                 hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("OneWindow — log in"))
        self.setModal(True)
        self.setMinimumWidth(380)
        title = QLabel(f"<h3>{center_name}</h3>" if center_name else "")
        self.reason = QLabel(self.tr("The screen was locked after a period without use. Log in to continue.")
                             if locked_user else self.tr("Log in with your staff account."))
        self.reason.setWordWrap(True)
        self.username = QLineEdit(locked_user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00000")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Login name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.accepted.connect(self.try_login)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        if hint:
            layout.addWidget(QLabel(hint))
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if locked_user else self.username).setFocus()

    def reject(self) -> None:
        # Closing the login does not let anyone past it; it just stays.
        self.error.setText(self.tr("Please log in to use OneWindow."))

    def try_login(self) -> None:
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            self.error.setText(self.tr("Enter your login name."))
            return
        if not password:
            self.error.setText(self.tr("Enter your password."))
            return

        def work(session: Session) -> Actor | None:
            from app.services.staff import check_login

            return check_login(session, username, password)

        def done(actor: Actor | None) -> None:
            if actor is None:
                from app.services.staff import LOGIN_FAILED

                self.password.clear()
                self.password.setFocus()
                self.error.setText(str(LOGIN_FAILED))
                return
            self.actor = actor
            self.accept()

        def failed(failure: Failure) -> None:
            self.password.clear()
            self.password.setFocus()
            self.error.setText(failure.message)

        self._runner.op(work).success(done).failure(failed).run()
