"""ID card readers at the desk: the local-service adapter's poller, where a read
goes (the intake lookup, as if typed), and 设置 → 读卡器.

The keyboard path needs none of this: a keyboard-wedge reader types the
number and Enter into the lookup box by itself. The poller runs on a thread
of its own: a reader must answer within a second even while a sync or an
update download holds the network lane.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.ui.operations import CHANGED_SETTINGS, Failure, OperationRunner

if TYPE_CHECKING:
    from app.db import Session
    from app.services.id_reader import CardRead, ReaderSettings

log = logging.getLogger(__name__)


class CardReaderPoller(QObject):
    """Asks the reader's local service every ``poll_ms``; one ``card_read`` per card placed."""

    card_read = Signal(object)  # app.services.id_reader.CardRead
    fault = Signal(str)  # in words, once per change of state (not on every poll)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config: ReaderSettings | None = None
        self.data_dir: Path | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def apply(self, config: ReaderSettings, data_dir: Path | None = None) -> None:
        """(Re)start with these settings; the keyboard mode stops polling."""
        self.stop()
        self.config, self.data_dir = config, data_dir
        if not config.active:
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, args=(config, self._stop), name="id-card-reader",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(3)

    def _loop(self, config: ReaderSettings, stop: threading.Event) -> None:
        from app.services.id_reader import CardWatcher, LocalServiceReader, ReaderFault, store_photo

        reader, watcher = LocalServiceReader(config), CardWatcher()
        last_fault = ""
        try:
            while not stop.is_set():
                try:
                    read = watcher.feed(reader.read())
                    last_fault = ""
                except ReaderFault as error:
                    if str(error) != last_fault:
                        last_fault = str(error)
                        self.fault.emit(last_fault)
                    read = None
                if read is not None and not stop.is_set():
                    if config.keep_photo and self.data_dir is not None:
                        store_photo(self.data_dir, read)
                    self.card_read.emit(read)
                stop.wait(config.poll_ms / 1000)
        except Exception:  # a bug must not take the desk down: logged, polling ends
            log.exception("the card reader poller stopped")
        finally:
            reader.close()


def attach_card_reader(window: Any) -> CardReaderPoller:
    """Once per main window: load this PC's reader settings, poll, and send reads to intake."""
    poller: CardReaderPoller | None = getattr(window, "card_reader", None)
    if poller is not None:
        return poller
    poller = CardReaderPoller(window)
    window.card_reader = poller
    runner: OperationRunner = window.runner
    data_dir = window.store.db_path.parent

    def load() -> None:
        def work(session: Session) -> ReaderSettings:
            from app.services.id_reader import read_settings

            return read_settings(session)

        runner.op(work).success(lambda config: poller.apply(config, data_dir)).run()

    def card(read: CardRead) -> None:
        if window.locked or window.actor is None or not window.screens:
            return
        intake = window.screens.get("intake")
        if intake is None:
            return
        if window.stack.currentWidget() is not intake:
            window.start_intake()
        if not intake.fill_from_card(read.id_number):
            window.statusBar().showMessage(window.tr("ID card read: finish the current intake first"), 5000)

    poller.card_read.connect(card)
    poller.fault.connect(lambda text: window.statusBar().showMessage(text, 8000))
    runner.changed.connect(lambda tags: load() if CHANGED_SETTINGS in tags else None)
    window.destroyed.connect(poller.stop)
    load()
    return poller


class IdReaderBox(QGroupBox):
    """设置 → 读卡器 (the center head): keyboard or the reader's local service."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("ID card reader"), parent)
        from app.services.id_reader import (
            DEFAULT_POLL_MS,
            DEFAULT_URL,
            MODE_KEYBOARD,
            MODE_LOCAL_SERVICE,
            POLL_RANGE_MS,
        )

        self._runner = runner
        self._actor: Any = None
        self.mode = QComboBox()
        self.mode.addItem(self.tr("Keyboard (the reader types the number)"), MODE_KEYBOARD)
        self.mode.addItem(self.tr("Local reader service on this PC"), MODE_LOCAL_SERVICE)
        self.url = QLineEdit(DEFAULT_URL)
        self.url.setPlaceholderText("http://127.0.0.1:38088/card=idcard · ws://localhost:1919")
        self.poll = QSpinBox()
        self.poll.setRange(*POLL_RANGE_MS)
        self.poll.setSingleStep(100)
        self.poll.setSuffix(self.tr(" ms"))
        self.poll.setValue(DEFAULT_POLL_MS)
        self.keep_photo = QCheckBox(self.tr("Keep the photo on the card (off: the photo is never stored)"))
        self.save_button = QPushButton(self.tr("Save"))
        self.test_button = QPushButton(self.tr("Test reading"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.tr("How the reader connects"), self.mode)
        form.addRow(self.tr("Service address"), self.url)
        form.addRow(self.tr("Ask every"), self.poll)
        form.addRow(self.keep_photo)
        form.addRow(buttons)
        form.addRow(self.result)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.save_button.clicked.connect(self.save)
        self.test_button.clicked.connect(self.test_read)
        self._mode_changed()

    def _mode_changed(self) -> None:
        from app.services.id_reader import MODE_LOCAL_SERVICE

        service = self.mode.currentData() == MODE_LOCAL_SERVICE
        head = self._actor is not None and self._actor.is_head
        for widget in (self.url, self.poll, self.keep_photo, self.test_button):
            widget.setEnabled(service and head)

    def set_actor(self, actor: Any) -> None:
        self._actor = actor
        head = actor is not None and actor.is_head
        self.mode.setEnabled(head)
        self.save_button.setEnabled(head)
        self.save_button.setText(self.tr("Save") if head else self.tr("Save (center head only)"))
        self._mode_changed()

    def reload(self) -> None:
        def work(session: Session) -> ReaderSettings:
            from app.services.id_reader import read_settings

            return read_settings(session)

        self._runner.op(work).success(self.show_settings).run()

    def show_settings(self, config: ReaderSettings) -> None:
        self.mode.setCurrentIndex(max(0, self.mode.findData(config.mode)))
        self.url.setText(config.url)
        self.poll.setValue(config.poll_ms)
        self.keep_photo.setChecked(config.keep_photo)
        self._mode_changed()

    def wanted(self) -> ReaderSettings:
        from app.services.id_reader import ReaderSettings

        return ReaderSettings(mode=str(self.mode.currentData()), url=self.url.text().strip(),
                              poll_ms=self.poll.value(), keep_photo=self.keep_photo.isChecked())

    def save(self) -> None:
        actor, wanted = self._actor, self.wanted()

        def work(session: Session) -> ReaderSettings:
            from app.services.id_reader import save_settings

            return save_settings(session, actor, wanted)

        def done(config: ReaderSettings) -> None:
            self.show_settings(config)
            self.result.setText(self.tr("Saved."))

        def failed(failure: Failure) -> None:
            self.result.setText(failure.message)

        self._runner.op(work).success(done).failure(failed).run()

    def test_read(self) -> None:
        """One read now, off the GUI thread: shows the masked number, or why not."""
        wanted = self.wanted()

        def work() -> tuple[str, str]:
            from app.services.id_reader import LocalServiceReader, ReaderFault, check_url
            from app.services.identity import mask_id_number

            check_url(wanted.url)
            reader = LocalServiceReader(wanted)
            try:
                read = reader.read()
            except ReaderFault as error:
                return "fault", str(error)
            finally:
                reader.close()
            return ("card", mask_id_number(read.id_number)) if read is not None else ("none", "")

        def done(answer: tuple[str, str]) -> None:
            kind, text = answer
            if kind == "card":
                text = self.tr("Read: %1").replace("%1", text)
            elif kind == "none":
                text = self.tr("The service answers; no card is on the reader.")
            self.result.setText(text)

        def failed(failure: Failure) -> None:
            self.result.setText(failure.message)

        self._runner.task(work).success(done).failure(failed).run()
