"""设置 → 程序更新: which version runs, what the county offers, and the USB
path (导入更新包) for a center without a link. The download itself runs after
each sync (app/ui/sync.py); the launcher installs it at the next start."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.ui.operations import Failure, OperationRunner

if TYPE_CHECKING:
    from app.db import Session
    from app.sync.updates import UpdateState


class UpdatesBox(QGroupBox):
    def __init__(self, runner: OperationRunner, sync: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Program updates"), parent)
        self._runner = runner
        self._actor: Any = None
        self._data_dir: Path | None = None
        self.state_label = QLabel(self.tr("This program: version %1").replace("%1", __version__))
        self.state_label.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import update file…"))
        self.import_button.clicked.connect(self._choose_file)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(explained := QLabel(self.tr(
            "Updates come from the county with the sync and install when OneWindow starts next; a center "
            "without a link imports the update file the county gives it. Every update is checked against the "
            "county's signatures.")))
        explained.setWordWrap(True)
        layout.addLayout(row)
        if sync is not None:
            sync.update_changed.connect(self.show_state)

    def set_context(self, *, actor: Any, data_dir: Path) -> None:
        self._actor = actor
        self._data_dir = data_dir
        is_head = actor is not None and actor.is_head
        self.import_button.setEnabled(is_head)
        self.import_button.setText(self.tr("Import update file…") if is_head
                                   else self.tr("Import update file (center head only)"))

    def reload(self) -> None:
        data_dir = self._data_dir
        if data_dir is None:
            return

        def work() -> UpdateState:
            from app.sync.updates import update_state

            return update_state(data_dir)

        self._runner.task(work).success(self.show_state).run()

    def show_state(self, state: UpdateState) -> None:
        lines = [self.tr("This program: version %1").replace("%1", state.running)]
        if state.ready:
            lines.append(self.tr("Version %1 is ready: it installs when OneWindow starts next.").replace("%1", state.ready))
        elif state.available and state.total:
            percent = int(100 * state.downloaded / state.total)
            lines.append(self.tr("Version %1 is downloading: %2%").replace("%1", state.available).replace("%2", str(percent)))
        if state.message and not state.ready:
            lines.append(state.message)
        last = self._last_start(state.last_start)
        if last:
            lines.append(last)
        self.state_label.setText("\n".join(lines))

    def _last_start(self, event: str) -> str:
        kind, *versions = event.split() or [""]
        versions += ["", ""]
        if kind == "rolled_back":
            return self.tr("Version %1 did not start and was rolled back to %2 by itself.") \
                .replace("%1", versions[0]).replace("%2", versions[1])
        if kind == "started_ok":
            return self.tr("Version %1 was installed and started normally.").replace("%1", versions[0])
        if kind == "not_installed":
            return self.tr("The downloaded version %1 was not installed (not newer, or damaged).").replace("%1", versions[0])
        return ""

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import update file"), "",
                                              self.tr("OneWindow update files (*.owupdate)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        actor, data_dir = self._actor, self._data_dir
        if actor is None or data_dir is None:
            return

        def work(session: Session) -> UpdateState:
            from app.sync.updates import import_update_file_as

            return import_update_file_as(session, actor, data_dir, path)

        def done(state: UpdateState) -> None:
            self.show_state(state)
            QMessageBox.information(self, self.tr("Update imported"), self.tr(
                "Version %1 passed the signature check. It installs when OneWindow starts next; if it does not "
                "start, the current version comes back by itself.").replace("%1", state.ready or state.available))

        def failed(failure: Failure) -> None:
            QMessageBox.warning(self, self.tr("Update not imported"), failure.message)

        self._runner.op(work).success(done).failure(failed).run()
