"""修改密码 — anyone changes their own password, knowing the current one."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.ui.operations import Failure, OperationRunner
from app.ui.widgets import error_label, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.context import Actor


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class ChangePasswordDialog(QDialog):
    """Current password, the new one twice. Nothing is saved unless all is right."""

    def __init__(self, runner: OperationRunner, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor = actor
        self.changed = False
        self.setWindowTitle(self.tr("Change my password"))
        self.setMinimumWidth(400)
        self.old_password = password_field()
        self.new_password = password_field()
        self.new_password2 = password_field()
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.old_password)
        form.addRow(self.tr("New password"), self.new_password)
        form.addRow(self.tr("New password again"), self.new_password2)
        hint = QLabel(self.tr("At least 8 characters, with both letters and digits."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Change password"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Account: %1").replace("%1", f"{actor.display_name}（{actor.username}）")))
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.old_password.setFocus()

    def save(self) -> None:
        old, new, again = self.old_password.text(), self.new_password.text(), self.new_password2.text()
        if not old:
            show_error(self.error, self.tr("Enter your current password."))
            self.old_password.setFocus()
            return
        if new != again:
            show_error(self.error, self.tr("The two new passwords are not the same."))
            self.new_password2.clear()
            self.new_password2.setFocus()
            return
        actor = self._actor

        def work(session: Session) -> None:
            from app.services.staff import change_own_password

            change_own_password(session, actor, old_password=old, new_password=new)

        def done(_result: None) -> None:
            self.changed = True
            self.accept()

        def failed(failure: Failure) -> None:
            show_error(self.error, failure.message)
            target = self.old_password if failure.field == "old_password" else self.new_password
            target.selectAll()
            target.setFocus()

        self._runner.op(work).success(done).failure(failed).run()
