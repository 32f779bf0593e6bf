"""设置 — the center's details, county sync, data folder and backups, the working-day calendar, about."""
from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.ui.opening_hours import OpeningHoursBox
from app.ui.operations import CHANGED_CALENDAR, CHANGED_SETTINGS, Failure, OperationRunner

if TYPE_CHECKING:
    from app.db import Session
    from app.services.calendar_store import CalendarImportSummary
    from app.services.context import Actor
    from app.services.setup import CenterDetails


class SettingsScreen(QWidget):
    print_targets = Signal(object)  # list of PrintTarget: the printer test page

    def __init__(self, runner: OperationRunner, *, sync: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Actor | None = None
        self._db_path: Path | None = None
        self._db_key: str | None = None  # the database is encrypted with it: so are its backups
        self._audit_dialog: QWidget | None = None
        self._about_dialog: QWidget | None = None

        center_box = QGroupBox(self.tr("Service center"))
        self.center_label = QLabel()
        self.center_label.setWordWrap(True)
        self.center_button = QPushButton(self.tr("Center details…"))
        center_layout = QHBoxLayout(center_box)
        center_layout.addWidget(self.center_label, 1)
        center_layout.addWidget(self.center_button)
        self._center: CenterDetails | None = None

        data_box = QGroupBox(self.tr("Data and backups"))
        self.path_label = QLabel()
        self.path_label.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.open_button = QPushButton(self.tr("Open data folder"))
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.open_button)
        self.audit_button = QPushButton(self.tr("Audit log…"))  # 审计日志, the head only
        self.audit_button.clicked.connect(self.open_audit_log)
        row.addWidget(self.audit_button)
        row.addStretch(1)
        data_layout = QVBoxLayout(data_box)
        data_layout.addWidget(self.path_label)
        data_layout.addWidget(QLabel(self.tr(
            "A copy is saved automatically in the backups folder before every upgrade. "
            "Copy the backups folder to a USB drive regularly.")))
        data_layout.addLayout(row)

        calendar_box = QGroupBox(self.tr("Working-day calendar"))
        self.calendar_label = QLabel()
        self.calendar_label.setWordWrap(True)
        self.calendar_button = QPushButton(self.tr("Import calendar table…"))
        calendar_layout = QVBoxLayout(calendar_box)
        calendar_layout.addWidget(self.calendar_label)
        calendar_layout.addWidget(self.calendar_button)

        printer_box = QGroupBox(self.tr("Printers"))
        printer_note = QLabel(self.tr(
            "The test page shows millimetre rulers on every edge (how much the printer cuts), the font check with "
            "rare characters, and a QR code to scan. Choose the printer and the paper (A4, A5 or the 80 mm roll) "
            "in the print window."))
        printer_note.setWordWrap(True)
        self.test_page_button = QPushButton(self.tr("Print a printer test page…"))  # 打印机测试页
        self.test_page_button.clicked.connect(self.print_test_page)
        printer_layout = QHBoxLayout(printer_box)
        printer_layout.addWidget(printer_note, 1)
        printer_layout.addWidget(self.test_page_button)

        about = QLabel(self.tr("OneWindow %1 — one-window intake for village and community service centers.").replace("%1", __version__))
        from app.ui.sync_settings import SyncSettingsBox

        self.sync_box = SyncSettingsBox(runner, sync)
        from app.ui.screens.staff import AccountsBox

        self.accounts_box = AccountsBox(runner)  # 人员管理 (head) and 修改密码 (everyone)
        from app.ui.updates_box import UpdatesBox

        self.updates_box = UpdatesBox(runner, sync)  # 程序更新 and 导入更新包
        from app.ui.id_reader import IdReaderBox

        self.reader_box = IdReaderBox(runner)  # 读卡器: keyboard or the reader's local service
        # The boxes scroll: stacked, they are taller than a 768-pixel screen, and
        # the main window cannot be smaller than its tallest screen (its status
        # bar, with 锁定, ran off the bottom on a 1366x768 monitor).
        content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.addWidget(self.accounts_box)
        layout.addWidget(center_box)
        layout.addWidget(self.sync_box)
        layout.addWidget(data_box)
        layout.addWidget(calendar_box)
        self.hours_box = OpeningHoursBox(runner)
        layout.addWidget(self.hours_box)
        layout.addWidget(printer_box)
        layout.addWidget(self.reader_box)
        layout.addWidget(self.updates_box)
        about_row = QHBoxLayout()
        about_row.addWidget(about, 1)
        self.about_button = QPushButton(self.tr("About and diagnostics…"))  # 关于: versions, state, 复制诊断信息
        self.about_button.clicked.connect(self.open_about)
        about_row.addWidget(self.about_button)
        layout.addLayout(about_row)
        layout.addStretch(1)
        self.backup_button.clicked.connect(self.back_up)
        self.open_button.clicked.connect(self._open_folder)
        self.calendar_button.clicked.connect(self._choose_calendar)
        self.center_button.clicked.connect(self.edit_center)
        runner.changed.connect(lambda tags: self.reload() if tags & {CHANGED_CALENDAR, CHANGED_SETTINGS} else None)

    def set_context(self, *, actor: Actor | None, db_path: Path, db_key: str | None = None) -> None:
        self._actor = actor
        self._db_path = db_path
        self._db_key = db_key
        self.path_label.setText(self.tr("Database: %1").replace("%1", str(db_path)))
        is_head = actor is not None and actor.is_head
        self.hours_box.set_actor(actor)
        self.sync_box.set_actor(actor)
        self.accounts_box.set_actor(actor)
        self.updates_box.set_context(actor=actor, data_dir=db_path.parent)
        self.reader_box.set_actor(actor)
        self.center_button.setText(self.tr("Center details…") if is_head else self.tr("Center details (view)…"))
        self.calendar_button.setEnabled(is_head)
        self.audit_button.setVisible(is_head)
        # Both ways: a head logging in after a worker must not read the worker's "head only".
        self.calendar_button.setText(self.tr("Import calendar table…") if is_head
                                     else self.tr("Import calendar table (center head only)"))

    def print_test_page(self) -> None:
        """打印机测试页: previewed and printed like any document, on the paper chosen there."""
        from app.services.documents import TEST_PAGE, PrintTarget

        self.print_targets.emit([PrintTarget(TEST_PAGE)])

    def open_about(self) -> None:
        from app.ui.about import AboutDialog

        sync_label = getattr(self.window(), "sync_label", None)  # the status bar's words for the sync state
        data_dir = self._db_path.parent if self._db_path is not None else Path(".")
        dialog = AboutDialog(db_path=self._db_path, data_dir=data_dir,
                             sync_text=sync_label.text() if isinstance(sync_label, QLabel) else "", parent=self)
        self._about_dialog = dialog
        dialog.open()

    def show_on_entry(self) -> None:
        """The calendar status is re-read on every visit: cheap, and a new year may begin."""
        self.reload()
        self.sync_box.reload()
        self.updates_box.reload()
        self.reader_box.reload()

    def reload(self) -> None:
        def load(session: Session) -> tuple[list[tuple[int, bool]], range]:
            from app.clock import local_today
            from app.services.calendar_store import load_work_calendar

            calendar = load_work_calendar(session)
            year = local_today().year
            years = range(year - 1, year + 3)
            return [(y, calendar.is_published(y)) for y in years], calendar.official_years()

        self._runner.op(_center_details).success(self._show_center).run()

        def show(result: tuple[list[tuple[int, bool]], range]) -> None:
            status, official = result
            parts = [f"{y}: " + (self.tr("published") if ok else self.tr(
                "not published yet — deadlines are provisional: statutory holidays counted, make-up working days "
                "unknown")) for y, ok in status]
            self.calendar_label.setText(
                self.tr("Official schedule built in for %1–%2.").replace("%1", str(official.start)).replace("%2", str(official.stop - 1))
                + "<br>" + "<br>".join(parts)
            )

        self._runner.op(load).success(show).run()

    def _show_center(self, details: CenterDetails) -> None:
        self._center = details
        data = details.details
        unset = self.tr("not set")
        lines = [
            f"<b>{html.escape(data.center_name)}</b>（{html.escape(details.center_code)}）　"
            + html.escape(" ".join(part for part in (data.county, data.district, data.town) if part)),
            self.tr("Center phone: %1  Consultation phone: %2  Supervision phone: %3")
            .replace("%1", html.escape(data.phone or unset)).replace("%2", html.escape(data.consultation_phone or unset))
            .replace("%3", html.escape(data.supervision_phone or unset)),
            self.tr("Opening hours: %1  Pickup hours: %2")
            .replace("%1", html.escape(data.opening_hours or unset))
            .replace("%2", html.escape(data.pickup_hours or self.tr("as the opening hours"))),
        ]
        if details.county_managed:
            lines.append(self.tr("Name and place are kept by the county server."))
        self.center_label.setText("<br>".join(lines))

    def edit_center(self) -> None:
        """Opens the center's details (only the center head can save them)."""
        from app.ui.center_details import CenterDetailsDialog

        if self._center is None:
            return
        dialog = CenterDetailsDialog(self._runner, actor=self._actor, details=self._center, parent=self)
        self._dialog = dialog
        dialog.open()

    def back_up(self) -> None:
        path, key = self._db_path, self._db_key
        if path is None:
            return

        def work() -> Path:
            from app.db import backup_database

            return backup_database(path, reason="manual", keep=30, key=key)

        def done(target: Path) -> None:
            QMessageBox.information(self, self.tr("Backup saved"), self.tr("Backup saved to:\n%1").replace("%1", str(target)))

        self._runner.task(work).success(done).run()

    def open_audit_log(self) -> None:
        if self._actor is None or not self._actor.is_head:
            return
        from app.ui.audit_log import AuditLogDialog

        dialog = AuditLogDialog(self._runner, actor=self._actor, parent=self)
        self._audit_dialog = dialog
        dialog.open()

    def _open_folder(self) -> None:
        if self._db_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._db_path.parent)))

    def _choose_calendar(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import calendar table"), "", self.tr("Calendar tables (*.csv)"))
        if path:
            self.import_calendar(Path(path))

    def import_calendar(self, path: Path) -> None:
        actor = self._actor

        def work(session: Session) -> CalendarImportSummary:
            from app.services.calendar import load_calendar_table
            from app.services.calendar_store import import_calendar_table

            return import_calendar_table(session, load_calendar_table(path), actor=actor, note=path.name)

        def done(summary: CalendarImportSummary) -> None:
            text = self.tr("%1 days imported.").replace("%1", str(summary.days))
            if summary.moved:
                text += "\n" + self.tr("The deadlines of %1 open cases were counted again on the new schedule; "
                                       "they are listed under Needs attention.").replace("%1", str(summary.moved))
            QMessageBox.information(self, self.tr("Calendar imported"), text)

        def failed(failure: Failure) -> None:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Calendar not imported"), failure.message, parent=self)
            box.setDetailedText(failure.details)
            box.exec()

        self._runner.op(work).success(done).failure(failed).run()


def _center_details(session: Session) -> CenterDetails:
    from app.services.setup import center_details

    return center_details(session)
