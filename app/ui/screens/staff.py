"""人员管理 — the center head's list of the center's accounts: add one, change a
role, deactivate or reactivate, reset a password. Works offline; every change
goes to the county with the next sync."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import CHANGED_STAFF, CHANGED_SYNC, Failure, OperationRunner
from app.ui.password import password_field
from app.ui.widgets import error_label, read_only_table, show_error

if TYPE_CHECKING:
    import uuid

    from app.db import Session
    from app.services.context import Actor
    from app.services.staff import OpenWork, StaffSummary


def role_names() -> dict[str, str]:
    from app.models.vocabulary import StaffRole

    return StaffRole.labels()


class AddStaffDialog(QDialog):
    """One new account: name, login name, role, a first password (typed twice)."""

    def __init__(self, runner: OperationRunner, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor = actor
        self.added: StaffSummary | None = None
        self.setWindowTitle(self.tr("Add a staff member"))
        self.setMinimumWidth(440)
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(50)
        self.username = QLineEdit()
        self.username.setMaxLength(30)
        self.username.setPlaceholderText(self.tr("letters, digits, _ or ., e.g. lina"))
        self.role = QComboBox()
        for value, label in role_names().items():
            self.role.addItem(label, value)
        self.phone = QLineEdit()
        self.phone.setMaxLength(30)
        self.password = password_field()
        self.password2 = password_field()
        self.must_change = QCheckBox(self.tr("Must choose a new password at first login"))
        self.must_change.setChecked(True)
        self.role_hint = QLabel()
        self.role_hint.setWordWrap(True)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Login name"), self.username)
        form.addRow(self.tr("Role"), self.role)
        form.addRow("", self.role_hint)
        form.addRow(self.tr("Phone (optional)"), self.phone)
        form.addRow(self.tr("First password"), self.password)
        form.addRow(self.tr("First password again"), self.password2)
        form.addRow("", self.must_change)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.role.currentIndexChanged.connect(self._explain_role)
        self._explain_role()
        self.display_name.setFocus()

    def _explain_role(self) -> None:
        self.role_hint.setText({
            "window": self.tr("Takes cases and inquiries at the window."),
            "head": self.tr("Also manages staff and settings. A head added here is confirmed by the county "
                            "administrator; until then the center's other computers treat it as a window worker."),
            "proxy": self.tr("A village proxy agent who takes cases on residents' behalf: like a window worker, "
                             "without staff or settings."),
        }.get(str(self.role.currentData()), ""))

    def save(self) -> None:
        if self.password.text() != self.password2.text():
            show_error(self.error, self.tr("The two passwords are not the same."))
            self.password2.clear()
            self.password2.setFocus()
            return
        actor = self._actor
        values = {
            "username": self.username.text(), "display_name": self.display_name.text(),
            "role": str(self.role.currentData()), "phone": self.phone.text(), "password": self.password.text(),
            "must_change_password": self.must_change.isChecked(),
        }

        def work(session: Session) -> StaffSummary:
            from app.services.staff import add_staff, list_staff

            staff = add_staff(session, actor, **values)  # type: ignore[arg-type]
            return next(s for s in list_staff(session, active_only=False) if s.id == staff.id)

        def done(summary: StaffSummary) -> None:
            self.added = summary
            self.accept()

        def failed(failure: Failure) -> None:
            show_error(self.error, failure.message)
            target = {"username": self.username, "display_name": self.display_name, "password": self.password,
                      "phone": self.phone}.get(failure.field)
            if target is not None:
                target.setFocus()

        self._runner.op(work).success(done).failure(failed).run()


class StaffScreen(QWidget):
    """The accounts of the center, for the head."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Actor | None = None
        self._rows: list[StaffSummary] = []
        self.intro = QLabel(self.tr(
            "The accounts of this center, made here or by the county. Changes work offline and go to the "
            "county with the next sync. A deactivated account cannot log in; its records keep its name."))
        self.intro.setWordWrap(True)
        self.table = read_only_table([self.tr("Name"), self.tr("Login name"), self.tr("Role"), self.tr("Status"),
                                      self.tr("County"), self.tr("Last login here")])
        self.add_button = QPushButton(self.tr("Add staff member…"))
        self.role_button = QPushButton(self.tr("Change role…"))
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.error = error_label()
        row = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.active_button, self.reset_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add)
        self.role_button.clicked.connect(self.change_role)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        # A bound method, not a lambda: Qt drops the connection with the dialog.
        runner.changed.connect(self._on_changed)

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor
        self.reload()

    def _on_changed(self, tags: frozenset[str]) -> None:
        if tags & {CHANGED_STAFF, CHANGED_SYNC}:
            self.reload()

    def selected(self) -> StaffSummary | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        index = rows[0].row()
        return self._rows[index] if index < len(self._rows) else None

    def reload(self) -> None:
        def work(session: Session) -> list[StaffSummary]:
            from app.services.staff import list_staff

            return list_staff(session, active_only=False)

        self._runner.op(work).success(self._show).run()

    def _show(self, rows: list[StaffSummary]) -> None:
        chosen = self.selected()
        self._rows = sorted(rows, key=lambda s: (not s.active, s.role != "head", s.display_name))
        names = role_names()
        self.table.setRowCount(len(self._rows))
        for index, staff in enumerate(self._rows):
            role = names.get(staff.role, staff.role)
            if staff.role_pending:
                role += self.tr(" (awaiting county approval)")
            status = self.tr("Active") if staff.active else self.tr("Deactivated")
            if staff.active and staff.must_change_password:
                status += self.tr(" · must change password")
            county = {"synced": self.tr("At the county"), "pending": self.tr("Not sent yet"),
                      "error": self.tr("Not accepted: %1").replace("%1", staff.sync_error)}.get(staff.sync_state, "")
            last = staff.last_login_at.astimezone().strftime("%Y-%m-%d %H:%M") if staff.last_login_at else ""
            cells = (staff.display_name, staff.username, role, status, county, last)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not staff.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(index, column, item)
        if chosen is not None:
            for index, staff in enumerate(self._rows):
                if staff.id == chosen.id:
                    self.table.selectRow(index)
        self._update_buttons()

    def _update_buttons(self) -> None:
        head = self._actor is not None and self._actor.is_head
        staff = self.selected()
        self.add_button.setEnabled(head)
        for button in (self.role_button, self.active_button, self.reset_button):
            button.setEnabled(head and staff is not None)
        self.active_button.setText(self.tr("Reactivate") if staff is not None and not staff.active
                                   else self.tr("Deactivate"))

    def select_username(self, username: str) -> None:
        for index, staff in enumerate(self._rows):
            if staff.username == username:
                self.table.selectRow(index)

    # -- actions -------------------------------------------------------------------

    def add(self) -> None:
        if self._actor is None:
            return
        dialog = AddStaffDialog(self._runner, self._actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.added is not None:
            self.select_username(dialog.added.username)

    def change_role(self) -> None:
        staff = self.selected()
        if staff is None or self._actor is None:
            return
        names = role_names()
        values = list(names)
        label, ok = QInputDialog.getItem(
            self, self.tr("Change role"), self.tr("New role of %1:").replace("%1", staff.display_name),
            [names[v] for v in values], values.index(staff.role) if staff.role in values else 0, False)
        if ok:
            self.apply_role(staff.id, values[[names[v] for v in values].index(label)])

    def apply_role(self, staff_id: uuid.UUID, role: str) -> None:
        actor = self._actor
        assert actor is not None

        def work(session: Session) -> object:
            from app.services.staff import change_role

            return change_role(session, actor, staff_id, role)

        self._run(work)

    def toggle_active(self) -> None:
        staff = self.selected()
        if staff is None or self._actor is None:
            return
        if not staff.active:
            self.apply_active(staff.id, True)
            return
        actor = self._actor

        def work(session: Session) -> OpenWork:
            from app.services.staff import open_work

            return open_work(session, actor, staff.id)

        self._runner.op(work).success(lambda work: self.confirm_deactivate(staff, work)).failure(
            lambda f: show_error(self.error, f.message)).run()

    def confirm_deactivate(self, staff: StaffSummary, work: OpenWork) -> None:
        """Ask before deactivating; a worker with open work is offered their backup (AB角) to take it."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Deactivate account"), self.tr(
            "Deactivate the account of %1? It can no longer log in; its cases and records stay.")
            .replace("%1", staff.display_name), parent=self)
        hand_over = None
        if work.any:
            text = self.tr("%1 still holds %2 open cases and %3 inquiries awaiting follow-up.").replace(
                "%1", staff.display_name).replace("%2", str(work.open_cases)).replace("%3", str(work.open_inquiries))
            if work.backup_id is not None:
                text += " " + self.tr("Hand them to %1, the backup (B)?").replace("%1", work.backup_name)
                hand_over = box.addButton(self.tr("Hand over to %1 and deactivate").replace("%1", work.backup_name),
                                          QMessageBox.ButtonRole.YesRole)
            else:
                text += " " + self.tr("No backup is set for them: they stay with the deactivated account until "
                                      "you hand them over (set a backup in Whereabouts → A/B backups).")
            box.setInformativeText(text)
        keep = box.addButton(self.tr("Deactivate") if not work.any else self.tr("Deactivate, keep them as they are"),
                             QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.deactivate_box = box

        def chosen(button: object) -> None:
            if button is hand_over and work.backup_id is not None:
                self.apply_active(staff.id, False, hand_over_to=work.backup_id)
            elif button is keep:
                self.apply_active(staff.id, False)

        box.buttonClicked.connect(chosen)
        box.open()

    def apply_active(self, staff_id: uuid.UUID, active: bool, *, hand_over_to: uuid.UUID | None = None) -> None:
        actor = self._actor
        assert actor is not None

        def work(session: Session) -> object:
            from app.services.staff import set_active

            return set_active(session, actor, staff_id, active, hand_over_to=hand_over_to)

        self._run(work)

    def reset_password(self) -> None:
        staff = self.selected()
        if staff is None or self._actor is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Reset password"),
            self.tr("Give %1 a new temporary password? The old one stops working; %1 chooses a new one at the "
                    "next login.").replace("%1", staff.display_name))
        if answer == QMessageBox.StandardButton.Yes:
            self.apply_reset(staff.id, staff.display_name)

    def apply_reset(self, staff_id: uuid.UUID, name: str) -> None:
        actor = self._actor
        assert actor is not None

        def work(session: Session) -> str:
            from app.services.staff import reset_password

            return reset_password(session, actor, staff_id)

        def done(password: str) -> None:
            show_error(self.error, "")
            self.last_temporary_password = password  # for tests; shown once below and never stored
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Temporary password"), self.tr(
                "The temporary password of %1 is:").replace("%1", name), parent=self)
            box.setInformativeText(
                f"<p style='font-size:20px; font-family:monospace'><b>{password}</b></p>"
                + self.tr("Tell it to %1 now: it is shown only this once. %1 must choose a new password "
                          "at the next login.").replace("%1", name))
            box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.open()
            self.password_box = box

        self._runner.op(work).success(done).failure(lambda f: show_error(self.error, f.message)).run()

    def _run(self, work: object) -> None:
        def failed(failure: Failure) -> None:
            show_error(self.error, failure.message)

        self._runner.op(work).success(lambda _r: show_error(self.error, "")).failure(failed).run()  # type: ignore[arg-type]


class StaffDialog(QDialog):
    """人员管理 as a window of its own, opened from 设置."""

    def __init__(self, runner: OperationRunner, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Staff accounts"))
        self.resize(860, 480)
        self.screen_widget = StaffScreen(runner)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.screen_widget)
        layout.addWidget(buttons)
        self.screen_widget.set_actor(actor)


class AccountsBox(QWidget):
    """The entry points in 设置: 人员管理 for the head, 修改密码 for everyone."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        from PySide6.QtWidgets import QGroupBox

        super().__init__(parent)
        self._runner = runner
        self._actor: Actor | None = None
        box = QGroupBox(self.tr("Accounts"))
        self.who = QLabel()
        self.staff_button = QPushButton(self.tr("Manage staff accounts…"))
        self.password_button = QPushButton(self.tr("Change my password…"))
        row = QHBoxLayout()
        row.addWidget(self.staff_button)
        row.addWidget(self.password_button)
        row.addStretch(1)
        inner = QVBoxLayout(box)
        inner.addWidget(self.who)
        inner.addLayout(row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        self.staff_button.clicked.connect(self.open_staff)
        self.password_button.clicked.connect(self.change_password)

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor
        head = actor is not None and actor.is_head
        self.staff_button.setVisible(head)
        self.password_button.setEnabled(actor is not None)
        if actor is not None:
            self.who.setText(self.tr("Logged in as %1 (%2), %3.").replace("%1", actor.display_name)
                             .replace("%2", actor.username).replace("%3", role_names().get(actor.role, actor.role)))

    def open_staff(self) -> None:
        if self._actor is not None and self._actor.is_head:
            StaffDialog(self._runner, self._actor, self).exec()

    def change_password(self) -> None:
        from app.ui.password import ChangePasswordDialog

        if self._actor is None:
            return
        dialog = ChangePasswordDialog(self._runner, self._actor, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            QMessageBox.information(self, self.tr("Password changed"),
                                    self.tr("Your password was changed. Use it from the next login on."))
