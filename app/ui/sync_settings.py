"""设置 → 县级同步: the county server's address, this PC's enrollment code,
a CA bundle for a county with its own certificates, how often to sync, a
connection test and "sync now". Network work runs on the sync thread."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import Failure, OperationRunner
from app.ui.sync import SyncController, SyncStatus

if TYPE_CHECKING:
    from app.db import Session
    from app.sync.config import SyncSettings
    from app.sync.engine import ConnectionCheck
    from app.sync.enroll import EnrollResult


class SyncSettingsBox(QGroupBox):
    def __init__(self, runner: OperationRunner, controller: SyncController | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("County sync"), parent)
        self._runner = runner
        self._controller = controller
        self._actor: Any = None
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://county.example.gov.cn")
        self.ca_bundle = QLineEdit()
        self.ca_bundle.setPlaceholderText(self.tr("Empty: the system's certificate authorities"))
        self.browse = QPushButton(self.tr("Choose…"))
        self.interval = QSpinBox()
        self.interval.setRange(0, 240)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setSpecialValueText(self.tr("only when asked"))
        self.save_button = QPushButton(self.tr("Save"))
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("e.g. 7KQ3-M9XA-2HPR, from the county administrator"))
        self.enroll_button = QPushButton(self.tr("Enroll this PC"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)

        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.browse)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code, 1)
        code_row.addWidget(self.enroll_button)
        form = QFormLayout()
        form.addRow(self.tr("County server"), self.url)
        form.addRow(self.tr("CA bundle (optional)"), ca_row)
        form.addRow(self.tr("Sync every"), self.interval)
        form.addRow(self.tr("Enrollment code"), code_row)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.test_button, self.sync_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addWidget(self.result)
        self.browse.clicked.connect(self._choose_ca)
        self.save_button.clicked.connect(self.save)
        self.enroll_button.clicked.connect(self.enroll)
        self.test_button.clicked.connect(self.test_connection)
        self.sync_button.clicked.connect(self.sync_now)
        if controller is not None:
            controller.status_changed.connect(self.show_status)

    def set_actor(self, actor: Any) -> None:
        self._actor = actor
        head = actor is not None and actor.is_head
        for widget in (self.url, self.ca_bundle, self.browse, self.interval, self.save_button, self.code,
                       self.enroll_button):
            widget.setEnabled(head)
        # Both ways: a head logging in after a worker must not read the worker's note.
        self.result.setText("" if head else self.tr("Only the center head changes the sync settings or enrolls this PC."))

    def reload(self) -> None:
        def work(session: Session) -> SyncSettings:
            from app.sync.config import read_settings

            return read_settings(session)

        self._runner.op(work).success(self._fill).run()

    def _fill(self, current: SyncSettings) -> None:
        self.url.setText(current.server_url)
        self.ca_bundle.setText(current.ca_bundle)
        self.interval.setValue(current.interval_minutes)
        if current.enrolled_at is not None:
            from app.clock import format_local

            self.enroll_button.setText(self.tr("Enroll again"))
            self.state.setText(self.tr("Enrolled as computer %1 on %2.")
                               .replace("%1", f"{current.device_number:02d}").replace("%2", format_local(current.enrolled_at)))
        else:
            self.state.setText(self.tr("This PC is not enrolled yet: it works offline and keeps every record "
                                       "until it is enrolled."))

    def show_status(self, status: SyncStatus) -> None:
        self.sync_button.setEnabled(status.phase != "syncing")

    def _choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("CA bundle"), "", self.tr("Certificates (*.pem *.crt *.cer)"))
        if path:
            self.ca_bundle.setText(path)

    def _failed(self, failure: Failure) -> None:
        self.result.setStyleSheet("color: #c00000")
        self.result.setText(failure.message)

    def _said(self, text: str, *, ok: bool = True) -> None:
        self.result.setStyleSheet("" if ok else "color: #c00000")
        self.result.setText(text)

    def save(self) -> None:
        actor, url, ca, minutes = self._actor, self.url.text(), self.ca_bundle.text(), self.interval.value()

        def work(session: Session) -> SyncSettings:
            from app.sync.config import save_settings

            return save_settings(session, actor, server_url=url, ca_bundle=ca, interval_minutes=minutes)

        def saved(current: SyncSettings) -> None:
            self._fill(current)
            self._said(self.tr("Saved."))
            if self._controller is not None:
                self._controller.refresh()

        self._runner.op(work).success(saved).failure(self._failed).run()

    def test_connection(self) -> None:
        controller = self._controller
        if controller is None or controller.engine is None:
            return
        url, ca = self.url.text().strip(), self.ca_bundle.text().strip()
        self._said(self.tr("Testing the connection…"))

        engine = controller.engine

        def done(check: ConnectionCheck) -> None:
            self._said(check.message, ok=check.ok)

        controller.run_job(lambda: engine.check_connection(url, ca)).success(done).failure(self._failed).run()

    def enroll(self) -> None:
        controller = self._controller
        if controller is None or controller.engine is None or controller.data_dir is None:
            return
        # The controller's factory: what enrolling writes (this PC, the settings) is announced.
        factory, data_dir = controller.session_factory, controller.data_dir
        assert factory is not None
        url, ca, code = self.url.text().strip(), self.ca_bundle.text().strip(), self.code.text().strip()
        self._said(self.tr("Enrolling with the county server…"))

        def work() -> EnrollResult:
            from app.sync.config import check_ca_bundle
            from app.sync.enroll import enroll

            return enroll(factory, data_dir, server_url=url, code=code, ca_bundle=check_ca_bundle(ca))

        def done(result: EnrollResult) -> None:
            self.code.clear()
            text = self.tr("Enrolled: computer %1 of %2.").replace("%1", f"{result.device_number:02d}") \
                .replace("%2", result.center_name)
            if result.notices:
                text += "\n" + "\n".join(result.notices)
            self._said(text)
            self.reload()
            controller.refresh(then=lambda _c: controller.sync_now(manual=True, trigger="enroll"))

        controller.run_job(work).success(done).failure(self._failed).run()

    def sync_now(self) -> None:
        if self._controller is not None:
            self._controller.sync_now(manual=True)
