"""登录 — staff login, also used to unlock after the idle lock.

A refused login says why in words (a wrong name or password never says which;
a deactivated account says so to whoever knows its password). An account whose
password was reset, or set by the head, must choose its own before going on.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import Failure, OperationRunner
from app.ui.password import password_field

if TYPE_CHECKING:
    from app.db import Session
    from app.services.context import Actor
    from app.services.staff import LoginResult


class LoginDialog(QDialog):
    def __init__(self, runner: OperationRunner, *, center_name: str = "", locked_user: str = "",
                 idle: bool = False, hint: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.actor: Actor | None = None
        self.returned_note_id: object = None  # the whereabouts note this login cleared (for the hand-back)
        self._pending: Actor | None = None  # logged in, but must set a new password first
        self._old_password = ""
        self.setWindowTitle(self.tr("OneWindow — log in"))
        self.setModal(True)
        self.setMinimumWidth(380)
        title = QLabel(f"<h3>{center_name}</h3>" if center_name else "")
        if not locked_user:
            reason = self.tr("Log in with your staff account.")
        elif idle:
            reason = self.tr("The screen was locked after a period without use. Log in to continue.")
        else:
            reason = self.tr("The screen is locked. Log in to continue.")
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.username = QLineEdit(locked_user)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00000")
        self.error.setWordWrap(True)
        login_page = QWidget()
        form = QFormLayout(login_page)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Login name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        # The second step, shown only when the account must choose a new password.
        self.new_password = password_field()
        self.new_password2 = password_field()
        change_page = QWidget()
        change_form = QFormLayout(change_page)
        change_form.setContentsMargins(0, 0, 0, 0)
        change_form.addRow(self.tr("New password"), self.new_password)
        change_form.addRow(self.tr("New password again"), self.new_password2)
        self.pages = QStackedWidget()
        self.pages.addWidget(login_page)
        self.pages.addWidget(change_page)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Log in"))
        self.buttons.accepted.connect(self._ok)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.reason)
        layout.addWidget(self.pages)
        if hint:
            layout.addWidget(QLabel(hint))
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.password if locked_user else self.username).setFocus()

    def reject(self) -> None:
        # Closing the login does not let anyone past it; it just stays.
        self.error.setText(self.tr("Please log in to use OneWindow."))

    @property
    def changing_password(self) -> bool:
        return self._pending is not None

    def _ok(self) -> None:
        if self.changing_password:
            self.set_new_password()
        else:
            self.try_login()

    def try_login(self) -> None:
        username, password = self.username.text(), self.password.text()
        if not username.strip():
            self.error.setText(self.tr("Enter your login name."))
            return
        if not password:
            self.error.setText(self.tr("Enter your password."))
            return

        def work(session: Session) -> LoginResult:
            from app.services.staff import login

            return login(session, username, password)

        def done(result: LoginResult) -> None:
            if result.actor is None:
                self.password.clear()
                self.password.setFocus()
                self.error.setText(result.refusal)
                return
            self.returned_note_id = result.returned_note_id
            if result.must_change_password:
                self._ask_new_password(result.actor, password)
                return
            self.actor = result.actor
            self.accept()

        def failed(failure: Failure) -> None:
            self.password.clear()
            self.password.setFocus()
            self.error.setText(failure.message)

        self._runner.op(work).success(done).failure(failed).run()

    def _ask_new_password(self, actor: Actor, old_password: str) -> None:
        self._pending, self._old_password = actor, old_password
        self.password.clear()
        self.reason.setText(self.tr("%1, your password was set by the center head. Choose your own password "
                                    "to continue (at least 8 characters, letters and digits).")
                            .replace("%1", actor.display_name))
        self.error.setText("")
        self.ok_button.setText(self.tr("Save and continue"))
        self.pages.setCurrentIndex(1)
        self.new_password.setFocus()

    def set_new_password(self) -> None:
        actor, old = self._pending, self._old_password
        assert actor is not None
        new, again = self.new_password.text(), self.new_password2.text()
        if new != again:
            self.error.setText(self.tr("The two new passwords are not the same."))
            self.new_password2.clear()
            self.new_password2.setFocus()
            return

        def work(session: Session) -> None:
            from app.services.staff import change_own_password

            change_own_password(session, actor, old_password=old, new_password=new)

        def done(_result: None) -> None:
            self._old_password = ""
            self.actor = actor
            self.accept()

        def failed(failure: Failure) -> None:
            self.error.setText(failure.message)
            self.new_password.selectAll()
            self.new_password.setFocus()

        self._runner.op(work).success(done).failure(failed).run()
