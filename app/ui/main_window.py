"""The main window: navigation, the one search box, status bar, shortcuts, login and locking.

It imports only Qt at module level; screens that need the database layer are
built after the store has opened on the writer thread.
"""
from __future__ import annotations

import html
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.fitting_label import FittingLabel
from app.ui.operations import (
    CHANGED_CASES,
    CHANGED_CATALOG,
    CHANGED_INQUIRIES,
    CHANGED_SERVICES,
    CHANGED_SETTINGS,
    Failure,
    Lane,
    OperationRunner,
)
from app.ui.shortcuts import SHORTCUTS, ShortcutsDialog, global_shortcut
from app.ui.sync import (
    EXIT_BOUND_S,
    PH_ERROR,
    PH_NOT_ENROLLED,
    PH_OFFLINE,
    PH_REVOKED,
    PH_SYNCING,
    SyncController,
    SyncStatus,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from app.db import Session
    from app.services.changes import Change
    from app.services.complaints import ComplaintCounts, ComplaintRow
    from app.services.context import Actor
    from app.services.inquiries import FollowUpCounts, InquiryRow
    from app.services.queries import DeadlineCounts, ShellInfo
    from app.services.search import CaseSearch
    from app.ui.printing import PrintDialog
    from app.ui.screens.cases import CasesScreen, DeadlineScreen
    from app.ui.screens.catalog import CatalogScreen
    from app.ui.screens.complaints import ComplaintsScreen
    from app.ui.screens.field import FieldScreen
    from app.ui.screens.inquiry import InquiryScreen
    from app.ui.screens.intake import IntakeScreen
    from app.ui.screens.ledger import LedgerScreen
    from app.ui.screens.print_center import PrintCenterScreen
    from app.ui.screens.proxy import ProxyScreen
    from app.ui.screens.ratings import RatingsScreen
    from app.ui.screens.settings import SettingsScreen
    from app.ui.screens.today import TodayScreen
    from app.ui.screens.whereabouts import WhereaboutsScreen

NAV_KEYS = ("today", "intake", "inquiry", "complaints", "cases", "deadlines", "printing", "ledger", "catalog",
            "settings", "whereabouts", "ratings", "field", "proxy")
# The start-up steps the window names while the database opens (application.open_store).
#: After the window shows its data, the lookup's indexes are read in the background.
WARM_UP_DELAY_MS = 1_000
START_OPEN = "open"  # 打开数据库
START_DEMO = "demo"  # 生成示例数据 n/N (the demo's first start only)
START_SCREENS = "screens"  # 载入界面
DEFAULT_IDLE_LOCK_MINUTES = 10
# Room kept for the window's title bar when the first size is fitted to the screen.
TITLE_BAR_ALLOWANCE = 32


@dataclass(frozen=True)
class _Screens:
    """The screens, typed (``MainWindow.screens`` holds them by navigation key)."""

    intake: IntakeScreen
    inquiry: InquiryScreen
    complaints: ComplaintsScreen
    cases: CasesScreen
    deadlines: DeadlineScreen
    printing: PrintCenterScreen
    catalog: CatalogScreen
    settings: SettingsScreen
    today: TodayScreen
    whereabouts: WhereaboutsScreen
    ratings: RatingsScreen
    ledger: LedgerScreen
    field: FieldScreen
    proxy: ProxyScreen


class _IdleWatcher(QObject):
    """Notes the time of the last keyboard or mouse input anywhere in the app."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_input = time.monotonic()
        self._input_events = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._input_events:
            self.last_input = time.monotonic()
        return False


class _CentredLabel(QLabel):
    """A label whose text is always shown centred."""

    def setText(self, text: str) -> None:
        super().setText(f"<p align='center'>{html.escape(text).replace(chr(10), '<br>')}</p>")


class MainWindow(QMainWindow):
    first_shown = Signal()
    data_loaded = Signal()
    reopen_store = Signal()  # a backup was restored: open the database again

    def __init__(self, runner: OperationRunner, *, options: Any) -> None:
        super().__init__()
        self.runner = runner
        self.options = options
        self.store: Any = None
        self.actor: Any = None
        self.info: Any = None
        self.locked = False
        self.idle_lock_minutes = DEFAULT_IDLE_LOCK_MINUTES
        self._shown_once = False
        self._loaded_once = False
        self._dialog: Any = None
        self._print_dialog: Any = None
        self._help_dialog: Any = None
        self._resident_dialog: Any = None
        self._lost_warned = False
        self._lost_box: Any = None
        self._key_dialog: Any = None
        # What the lock hid, to be given back to the same worker: (user, screen key, other windows).
        self._resume: tuple[str, str, list[QWidget]] | None = None
        self._resume_at: str | None = None
        # The navigation's counts (今日 15, 时限预警 2/3): nav key -> (count, tooltip, urgent).
        # Kept here so the lock can take them off the screen and the unlock put them back.
        self._badges: dict[str, tuple[str, str, bool]] = {}
        self._attention = 0  # 需要处理, the status bar's count
        self._history_arriving = False  # the status bar's "history still arriving"
        self.recovery: Any = None
        self.rating_desk: Any = None  # the resident-facing rating screen, from login on
        self.screens: dict[str, QWidget] = {}
        self._screens: _Screens | None = None  # the same, typed; None until login
        self.setWindowTitle(self.tr("OneWindow"))
        # 1280x800, but never taller than the screen: on a 1366x768 monitor the
        # status bar (sync state, 锁定) would start below the taskbar.
        screen = QGuiApplication.primaryScreen()
        free_height = screen.availableGeometry().height() - TITLE_BAR_ALLOWANCE if screen is not None else 800
        self.resize(1280, min(800, free_height))

        self.nav = QListWidget()
        self.nav.setFixedWidth(170)
        self.nav.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 10px 6px; }")
        for _key, label in zip(NAV_KEYS, self._nav_labels()):
            self.nav.addItem(QListWidgetItem(label))
        self.nav.setEnabled(False)
        self.stack = QStackedWidget()
        # Centred with rich text rather than Qt.AlignmentFlag: the first use of
        # the Qt namespace costs ~25 ms, which start-up should not pay before
        # the window is on screen (bench/startup.py).
        self.message = _CentredLabel(self.tr("Opening the database…"))
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 16px; color: #444")
        self.stack.addWidget(self.message)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr(
            "Search: name, initials, ID number, phone or last 4 digits, case number, item — Enter  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setEnabled(False)
        self.search.returnPressed.connect(self._global_search)
        self.search.textChanged.connect(self._search_text_changed)
        # The whole hint stays readable when a long screen title takes room (1280 logical pixels at 150%).
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance(self.search.placeholderText()) + 48)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.search, 1)
        right = QVBoxLayout()
        right.addLayout(top)
        right.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)

        self.center_label = QLabel(self.tr("Not set up"))
        self.staff_label = QLabel()
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setToolTip(self.tr("Lock the screen when you leave the desk; log in again to continue (%1)")
                                    .replace("%1", global_shortcut("lock").key_text()))
        self.lock_button.setEnabled(False)
        self.lock_button.clicked.connect(lambda: self.lock())
        self.keys_button = QPushButton(self.tr("Shortcuts (%1)").replace("%1", global_shortcut("show_shortcuts").key_text()))
        self.keys_button.setFlat(True)
        self.keys_button.clicked.connect(self.show_shortcuts)
        self.sync_label = FittingLabel()  # the sync's state, whole in its tooltip when the bar is short of room
        self.history_label = FittingLabel()  # a new PC's history still arriving
        self.history_label.setStyleSheet("background: #fff4ce; color: #5c4400; padding: 1px 6px; border-radius: 3px")
        self.history_label.setVisible(False)
        self.busy_label = QLabel()
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setFlat(True)
        self.sync_button.setEnabled(False)
        self.attention_button = QPushButton()
        self.attention_button.setFlat(True)
        self.attention_button.setStyleSheet("color: #c00000; font-weight: bold")
        self.attention_button.setVisible(False)
        status = self.statusBar()
        status.addWidget(self.center_label)
        status.addWidget(self.staff_label)
        status.addWidget(self.lock_button)
        status.addWidget(self.keys_button)
        status.addPermanentWidget(self.busy_label)
        status.addPermanentWidget(self.attention_button)
        status.addPermanentWidget(self.history_label)
        status.addPermanentWidget(self.sync_label)
        status.addPermanentWidget(self.sync_button)

        # Sync with the county runs on its own thread; this window only shows it.
        self.sync = SyncController(runner, self)
        self.sync.status_changed.connect(self.show_sync)
        self.sync.notify.connect(self._sync_failed)
        self.sync_button.clicked.connect(lambda: self.sync.sync_now(manual=True))
        self.attention_button.clicked.connect(self.open_attention)

        self.nav.currentRowChanged.connect(self._on_nav)
        runner.busy_changed.connect(lambda busy: self.busy_label.setText(self.tr("Working…") if busy else ""))
        runner.failed.connect(self.show_failure)
        runner.changed.connect(self._on_changed)

        for entry in SHORTCUTS:  # the keys the F1 help lists: the window's own are registered here
            if entry.action:
                for keys in entry.keys:
                    QShortcut(QKeySequence(keys), self).activated.connect(getattr(self, entry.action))

        self._exit_sync_started = False
        self.exit_bound_s = EXIT_BOUND_S
        self.idle: _IdleWatcher | None = None
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(15_000)
        self.idle_timer.timeout.connect(self._check_idle)

    def _nav_labels(self) -> list[str]:
        return [
            self.tr("Today"), self.tr("Intake (F2)"), self.tr("First inquiry (F4)"), self.tr("Complaints"),
            self.tr("Cases"), self.tr("Deadlines"),
            self.tr("Printing"), self.tr("Ledgers"), self.tr("Catalog"), self.tr("Settings"),
            self.tr("Whereabouts · A/B"),
            self.tr("Ratings"),
            self.tr("Field service"),
            self.tr("Proxy · online"),
        ]

    def closeEvent(self, event: QCloseEvent) -> None:
        """Records waiting for the county go up first, for at most 10 seconds;
        the window says so meanwhile. What does not go up waits for the next start."""
        if self._exit_sync_started or not self.sync.wants_exit_sync():
            if self.rating_desk is not None:
                self.rating_desk.close()
            super().closeEvent(event)
            return
        event.ignore()
        self._exit_sync_started = True
        self.nav.setEnabled(False)
        self.search.setEnabled(False)
        self.message.setText(self.tr("Sending the records waiting for the county (at most 10 seconds)…"))
        self.stack.setCurrentWidget(self.message)
        self.sync.sync_at_exit_async(lambda _report: QTimer.singleShot(0, self.close), bound_s=self.exit_bound_s)
        # The bound holds even when the link hangs mid-request: the window
        # closes anyway; what did not go up waits in the outbox for next time.
        QTimer.singleShot(int(self.exit_bound_s * 1000) + 1000, self.close)

    # Start-up ------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            QTimer.singleShot(0, self._after_first_show)

    def _after_first_show(self) -> None:
        self.idle = _IdleWatcher(self)
        app = QApplication.instance()
        assert app is not None  # a window exists only inside an application
        app.installEventFilter(self.idle)
        self.first_shown.emit()

    def show_start_step(self, step: str, done: int = 0, total: int = 0) -> None:
        """Name the start-up step under way, with its count when it has one."""
        if step == START_DEMO:
            text = self.tr("Building the demo center (first start only): sample data")
            if total:
                text += f" {done}/{total}"
        elif step == START_SCREENS:
            text = self.tr("Loading the screens")
        else:
            text = self.tr("Opening the database")
        self.message.setText(text + "…")

    def store_opened(self, store: Any) -> None:
        self.store = store
        self.center_label.setToolTip(self.tr("Database: %1").replace("%1", str(store.db_path)))
        if store.damage is not None:
            self._show_recovery(store)
        elif not store.is_set_up:
            self.message.setText(self.tr("Welcome. Complete the first-time setup to start using OneWindow."))
            self._open_setup()
        elif store.is_demo:
            self._demo_login()
        else:
            self._load_info_then(self._ask_login)

    def store_failed(self, failure: Failure) -> None:
        self.message.setText(
            self.tr("The database could not be opened. Nothing has been changed.") + "\n\n" + failure.message
            + "\n\n" + self.tr("Data folder: %1").replace("%1", str(self.options.data_dir))
        )
        self.show_failure(failure)

    def _show_recovery(self, store: Any) -> None:
        """The database is damaged: the restore screen, in place of everything else."""
        from app.ui.recovery import RecoveryScreen

        screen = RecoveryScreen(self.runner, store.damage, data_dir=self.options.data_dir,
                                encrypted=getattr(self.options, "encrypt", True))
        screen.restored.connect(self._restored)
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        self.recovery = screen
        self.heading.setText(self.tr("Restore from a backup"))
        self._signal_loaded()

    def _restored(self) -> None:
        self.heading.setText("")
        self.message.setText(self.tr("Opening the database…"))
        self.stack.setCurrentWidget(self.message)
        self.reopen_store.emit()

    def _open_setup(self) -> None:
        from app.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.runner, self)
        self._dialog = wizard

        def finished(result: int) -> None:
            if wizard.actor is not None:
                self.logged_in(wizard.actor)
            else:
                self.message.setText(self.tr("OneWindow cannot be used before the first-time setup is complete. "
                                             "Press F5 or restart OneWindow to open the setup again."))
                self._signal_loaded()

        wizard.finished.connect(finished)
        wizard.open()
        self._signal_loaded()  # nothing more to load until the setup is done

    def _demo_login(self) -> None:
        def work(session: Session) -> Actor | None:
            # On the writer thread: the demo module brings the whole builder with it.
            from app.services.demo import DEMO_PASSWORD, DEMO_WINDOW_USER
            from app.services.staff import check_login

            return check_login(session, DEMO_WINDOW_USER, DEMO_PASSWORD)

        self.runner.op(work).success(lambda actor: self.logged_in(actor) if actor is not None else self._ask_login()).run()

    def _load_info_then(self, then: Callable[[], None]) -> None:
        def work(session: Session) -> ShellInfo | None:
            from app.services.queries import shell_info

            return shell_info(session)

        def done(info: ShellInfo | None) -> None:
            self._show_info(info)
            then()

        self.runner.op(work).success(done).run()

    def _ask_login(self, *, locked_user: str = "", idle: bool = False) -> None:
        from app.ui.login import LoginDialog

        hint = ""
        if self.store is not None and self.store.is_demo:
            from app.services.demo import DEMO_PASSWORD

            hint = self.tr("Demo center: every demo account's password is %1").replace("%1", DEMO_PASSWORD)
        dialog = LoginDialog(self.runner, center_name=self.info.center_name if self.info else "",
                             locked_user=locked_user, idle=idle, hint=hint, parent=self)
        self._dialog = dialog
        dialog.accepted.connect(lambda: self.logged_in(dialog.actor))
        dialog.accepted.connect(lambda: self.show_hand_back(dialog.returned_note_id))
        self.message.setText(self.tr("Log in to continue."))
        dialog.open()
        self._signal_loaded()

    def logged_in(self, actor: Any) -> None:
        self.actor = actor
        self.locked = False
        resume, self._resume = self._resume, None
        self._resume_at = None
        if resume is not None:
            user, screen, windows = resume
            alive = [w for w in windows if shiboken6.isValid(w)]
            if user == actor.username:  # the same worker: back where they were
                self._resume_at = screen
                for window in alive:
                    window.show()
            else:  # someone else: the last worker's open records close
                for window in alive:
                    window.close()
                self._badges.pop("today", None)  # the last worker's day: the new one's is counted again
        self._paint_counts()
        if self.idle is not None:
            self.idle.last_input = time.monotonic()
        self.idle_timer.start()
        from app.ui.labels import role_labels

        self.staff_label.setText(self.tr("Staff: %1 (%2)").replace("%1", actor.display_name)
                                 .replace("%2", role_labels().get(actor.role, actor.role)))
        self._build_screens()
        self.nav.setEnabled(True)
        self.search.setEnabled(True)
        self.lock_button.setEnabled(True)
        self._load_info_then(self._after_login)

    def _typed_screens(self) -> _Screens:
        assert self._screens is not None, "the screens are built at login"
        return self._screens

    def _after_login(self) -> None:
        screens, factory = self._typed_screens(), self.runner.session_factory
        assert factory is not None  # logged in: the database is open
        cases = screens.cases
        cases.model.loaded.connect(lambda _n: self._signal_loaded())
        self.go(self._resume_at or "today")  # the worker's day is where a login lands; an unlock resumes
        self._resume_at = None
        cases.reload()
        cases.load_choices()
        screens.intake.set_actor(self.actor)
        screens.inquiry.set_actor(self.actor)
        screens.complaints.set_actor(self.actor)
        screens.printing.set_context(actor=self.actor, data_dir=self.store.db_path.parent)
        screens.catalog.set_actor(self.actor)
        screens.settings.set_context(actor=self.actor, db_path=self.store.db_path, db_key=self.store.key)
        screens.today.set_actor(self.actor)
        screens.whereabouts.set_actor(self.actor)
        screens.ratings.set_actor(self.actor)
        screens.ledger.set_actor(self.actor)
        screens.field.set_actor(self.actor)
        screens.proxy.set_actor(self.actor)
        if self.rating_desk is None:
            from app.ui.rating_window import RatingDesk

            self.rating_desk = RatingDesk(self.runner, self, center_name=self.info.center_name if self.info else "")
            self.rating_desk.start()
        self.refresh_deadlines()
        self.sync_button.setEnabled(True)
        self.sync.start(factory, self.store.db_path.parent)
        from app.ui.id_reader import attach_card_reader

        attach_card_reader(self)  # a reader's local service, when 设置 → 读卡器 names one
        self._warn_lost_cases()
        self._offer_recovery_key()

    def _offer_recovery_key(self) -> None:
        """The head prints the recovery key once (after setup, or after the database was encrypted)."""
        store, actor = self.store, self.actor
        if store is None or store.key is None or actor is None or not actor.is_head or store.is_demo:
            return

        def work(session: Session) -> bool:
            from app.services.data_protection import recovery_key_pending

            return recovery_key_pending(session)

        def done(pending: bool) -> None:
            if not pending or self.actor is None or self.info is None:
                return
            from app.ui.recovery_key import RecoveryKeyDialog

            dialog = RecoveryKeyDialog(self.runner, actor=self.actor, key=store.key, key_store=store.key_store,
                                       center_name=self.info.center_name, center_code=self.info.center_code,
                                       parent=self)
            self._key_dialog = dialog
            dialog.open()

        self.runner.op(work).success(done).run()

    def _warn_lost_cases(self) -> None:
        """Cases issued here that the database lost: said once after login, and kept in 需要处理."""
        lost = self.store.lost if self.store is not None else None
        if lost is None or not lost.alarm or self._lost_warned:
            return
        self._lost_warned = True
        numbers = "、".join(lost.missing[:20]) + (" …" if len(lost.missing) > 20 else "")
        text = self.tr("The database does not hold %1 case(s) this computer issued: %2.").replace(
            "%1", str(len(lost.missing))).replace("%2", numbers) + "\n\n" + (
            self.tr("The next sync asks the county for them; the ones that were synced come back by themselves. ")
            if lost.asked_county else self.tr("This computer is not enrolled with the county, so they cannot be "
                                              "brought back from there. ")) + self.tr(
            "Enter the others again from their paper receipts and tell the center head. They are listed under "
            "Needs attention until they are back.")
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Cases are missing"), text, parent=self)
        box.open()
        self._lost_box = box

    def _signal_loaded(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            self.data_loaded.emit()
            QTimer.singleShot(WARM_UP_DELAY_MS, self, self._warm_up_lookups)

    def _warm_up_lookups(self) -> None:
        """The first search of the morning: read the lookup's indexes into the
        file cache once the window shows its data, on a lane of its own (never
        the GUI thread, never the writer intake uses)."""
        factory = self.runner.session_factory
        if factory is None:
            return
        from app.services.search import warm_up_store

        self.runner.task(lambda: warm_up_store(factory), lane=Lane.WARM_UP).failure(
            lambda failure: logging.getLogger(__name__).warning("lookup warm-up failed: %s", failure.message)).run()

    def _build_screens(self) -> None:
        if self.screens:
            return
        from app.ui.screens.cases import CasesScreen, DeadlineScreen
        from app.ui.screens.catalog import CatalogScreen
        from app.ui.screens.complaints import ComplaintsScreen
        from app.ui.screens.field import FieldScreen
        from app.ui.screens.inquiry import InquiryScreen
        from app.ui.screens.intake import IntakeScreen
        from app.ui.screens.ledger import LedgerScreen
        from app.ui.screens.print_center import PrintCenterScreen
        from app.ui.screens.proxy import ProxyScreen
        from app.ui.screens.ratings import RatingsScreen
        from app.ui.screens.settings import SettingsScreen
        from app.ui.screens.today import TodayScreen
        from app.ui.screens.whereabouts import WhereaboutsScreen

        screens = self._screens = _Screens(
            intake=IntakeScreen(self.runner),
            inquiry=InquiryScreen(self.runner),
            complaints=ComplaintsScreen(self.runner),
            cases=CasesScreen(self.runner),
            deadlines=DeadlineScreen(self.runner),
            printing=PrintCenterScreen(self.runner),
            catalog=CatalogScreen(self.runner),
            settings=SettingsScreen(self.runner, sync=self.sync),
            today=TodayScreen(self.runner),
            whereabouts=WhereaboutsScreen(self.runner),
            ratings=RatingsScreen(self.runner),
            ledger=LedgerScreen(self.runner),
            field=FieldScreen(self.runner, sync=self.sync),
            proxy=ProxyScreen(self.runner),
        )
        self.screens = {
            "intake": screens.intake, "inquiry": screens.inquiry, "complaints": screens.complaints, "cases": screens.cases,
            "deadlines": screens.deadlines, "printing": screens.printing, "ledger": screens.ledger,
            "catalog": screens.catalog, "settings": screens.settings, "today": screens.today,
            "whereabouts": screens.whereabouts, "ratings": screens.ratings, "field": screens.field,
            "proxy": screens.proxy,
        }
        for key in NAV_KEYS:
            self.stack.addWidget(self.screens[key])
        intake, inquiry = screens.intake, screens.inquiry
        intake.open_case.connect(self.open_case)
        intake.ask_county = self.sync.ask_county
        intake.open_resident.connect(self.open_resident)
        intake.print_documents.connect(self._print_intake)
        inquiry.convert_requested.connect(self.convert_inquiry)
        inquiry.print_requested.connect(lambda inquiry_id, docs: self.print_documents(docs, inquiry_id=inquiry_id))
        screens.cases.open_case.connect(self.open_case)
        screens.field.take_in_appointment.connect(self.take_in_appointment)
        screens.field.take_in_resident.connect(self.take_in_resident)
        screens.cases.searched.connect(self._searched)
        screens.cases.search_cleared.connect(self.search.clear)
        screens.deadlines.open_case.connect(self.open_case)
        screens.complaints.print_requested.connect(self.print_complaint_slip)
        screens.deadlines.open_complaint.connect(self.open_complaint)
        screens.deadlines.soon_days_changed.connect(lambda _d: self.refresh_deadlines())
        screens.printing.print_targets.connect(self.print_targets)
        screens.ledger.print_targets.connect(self.print_targets)
        screens.settings.print_targets.connect(self.print_targets)  # 打印机测试页
        today = screens.today
        today.counted.connect(self._show_today_count)
        today.checked_in.connect(self.take_in_appointment)
        today.open_case.connect(self.open_case)
        today.open_inquiry.connect(lambda _inquiry_id: self.go("inquiry"))
        today.print_slip.connect(self.print_appointment_slip)
        screens.whereabouts.open_case.connect(self.open_case)
        screens.whereabouts.print_targets.connect(self.print_targets)
        screens.proxy.print_targets.connect(self.print_targets)
        screens.proxy.open_case.connect(self.open_case)
        screens.catalog.print_targets.connect(self.print_targets)
        today.open_online_assist.connect(lambda _assist_id: self.open_online_assists())
        # 好差评: the resident's own screen after each case done and each inquiry answered
        intake.finished.connect(lambda done: self.offer_rating(case_id=done.case_id)
                                if done.case_id is not None and done.outcome == "done_on_the_spot" else None)
        inquiry.answered.connect(lambda inquiry_id: self.offer_rating(inquiry_id=inquiry_id))

    def _show_info(self, info: Any) -> None:
        self.info = info
        if info is None:
            return
        text = self.tr("%1 · window %2 · computer %3").replace("%1", info.center_name) \
            .replace("%2", info.window_no).replace("%3", f"{info.device_number:02d}")
        if info.is_demo:
            text = self.tr("[DEMO] ") + text
        self.center_label.setText(text)
        if self.sync.engine is None:  # before login: what the database says
            self.show_sync(SyncStatus(last_sync=info.last_sync, pending=info.pending_sync))
        self.setWindowTitle(self.tr("OneWindow — %1").replace("%1", info.center_name))

    def show_hand_back(self, note_id: Any) -> None:
        """A worker back from an absence sees what their backup did and what is open (交接)."""
        if note_id is None:
            return

        def work(session: Session) -> Any:
            from app.services.whereabouts import hand_back

            return hand_back(session, note_id)

        self.runner.op(work).success(lambda summary: self._typed_screens().whereabouts.show_hand_back(summary)).run()

    # Navigation ----------------------------------------------------------
    def go(self, key: str) -> None:
        if not self.screens or self.locked or self.actor is None:
            return
        row = NAV_KEYS.index(key)
        if self.nav.currentRow() == row:
            self._on_nav(row)  # already selected (e.g. after unlocking): show it again all the same
        else:
            self.nav.setCurrentRow(row)

    def _on_nav(self, row: int) -> None:
        if not self.screens or row < 0:
            return
        key = NAV_KEYS[row]
        screen = self.screens[key]
        self.stack.setCurrentWidget(screen)
        self.heading.setText(self._nav_labels()[row])
        screens = self._typed_screens()
        if key == "catalog":
            screens.catalog.show_on_entry()
        elif key == "settings":
            screens.settings.show_on_entry()
        elif key == "printing":
            screens.printing.show_on_entry()
        elif key == "today":
            screens.today.show_on_entry()
        elif key == "ratings":
            screens.ratings.reload()
        elif key == "ledger":
            screens.ledger.show_on_entry()
        if key == "deadlines":
            self.refresh_deadlines()

    def start_intake(self) -> None:
        """F2: a new intake, from any screen."""
        if self.screens and not self.locked and self.actor is not None:
            self.go("intake")
            self._typed_screens().intake.start()

    def start_inquiry(self) -> None:
        """F4: register an inquiry, from any screen."""
        if self.screens and not self.locked and self.actor is not None:
            self.go("inquiry")
            self._typed_screens().inquiry.start()

    def take_in_appointment(self, check_in: Any) -> None:
        """签到 → 接待受理: intake starts with the appointment's resident and item."""
        self.go("intake")
        self._typed_screens().intake.start(appointment=check_in)

    def take_in_resident(self, resident_id: Any) -> None:
        """外出服务: intake starts with the visited resident."""
        self.go("intake")
        self._typed_screens().intake.start(resident_id=resident_id)

    def print_appointment_slip(self, appointment_id: Any) -> None:
        from app.services.documents import PrintTarget

        self.print_targets([PrintTarget("appointment_slip", appointment_id=appointment_id)])

    def _show_today_count(self, count: int) -> None:
        """The 今日 badge: how many things of today need action."""
        self._set_badge("today", str(count) if count else "",
                        self.tr("%1 things need action today").replace("%1", str(count)), bool(count))

    def _set_badge(self, key: str, count: str, tooltip: str, urgent: bool) -> None:
        self._badges[key] = (count, tooltip, urgent)
        self._paint_badge(key)

    def _paint_badge(self, key: str) -> None:
        """A navigation entry with its count, or bare while the desk is locked: the
        center's work is not for the resident standing at the desk."""
        row = NAV_KEYS.index(key)
        item = self.nav.item(row)
        assert item is not None  # one navigation item per key
        label = self._nav_labels()[row]
        count, tooltip, urgent = ("", "", False) if self.locked else self._badges.get(key, ("", "", False))
        item.setText(f"{label}  ({count})" if count else label)
        item.setToolTip(tooltip)
        item.setForeground(QColor("#c00000") if urgent else self.nav.palette().text().color())

    def _paint_counts(self) -> None:
        """The counts of the center's work, or none of them while the desk is locked: the
        navigation's, and the status bar's sync (records waiting, history arriving, 需要处理)."""
        for key in self._badges:
            self._paint_badge(key)
        self.attention_button.setVisible(self._attention > 0 and not self.locked)
        self.history_label.setVisible(self._history_arriving and not self.locked)
        self.sync_label.setVisible(not self.locked)
        self.sync_button.setVisible(not self.locked)

    def convert_inquiry(self, inquiry: Any) -> None:
        """首问 → 办件 in one click: intake starts with the inquiry's data."""
        self.go("intake")
        self._typed_screens().intake.start(inquiry=inquiry)

    def open_case(self, case_id: Any) -> None:
        if self.actor is None or self.locked:
            return
        from PySide6.QtCore import Qt

        from app.ui.case_detail import CaseDetailDialog

        dialog = CaseDetailDialog(self.runner, case_id, actor=self.actor, parent=self)
        dialog.print_requested.connect(lambda cid, docs: self.print_documents(docs, case_id=cid))
        dialog.resident_requested.connect(self.open_resident)
        dialog.completed.connect(lambda cid: self.offer_rating(case_id=cid))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialog = dialog
        dialog.open()

    def offer_rating(self, *, case_id: Any = None, inquiry_id: Any = None) -> None:
        """好差评: a one-time ballot for the resident's screen (nothing if it was rated already)."""
        if self.rating_desk is not None and self.actor is not None:
            self.rating_desk.offer(self.actor, case_id=case_id, inquiry_id=inquiry_id)

    def open_resident(self, resident_id: Any) -> None:
        """群众档案: from intake's resident step, a case's detail or another resident's page."""
        if self.actor is None or self.locked:
            return
        from PySide6.QtCore import Qt

        from app.ui.resident_page import ResidentPageDialog

        opener = type(self.sender()).__name__ if self.sender() is not None else ""
        opened_from = {"IntakeScreen": "接待受理", "CaseDetailDialog": "办件详情",
                       "ResidentPageDialog": "群众档案"}.get(opener, opener)
        dialog = ResidentPageDialog(self.runner, resident_id, actor=self.actor, opened_from=opened_from, parent=self)
        dialog.open_case.connect(self.open_case)
        dialog.open_resident.connect(self.open_resident)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._resident_dialog = dialog
        dialog.open()

    def _print_intake(self, done: Any) -> None:
        dialog = self.print_documents(done.documents, case_id=done.case_id, inquiry_id=done.inquiry_id)
        if dialog is not None:
            dialog.printed.connect(self._typed_screens().intake.mark_printed)

    def print_documents(self, documents: Any, *, case_id: Any = None, inquiry_id: Any = None) -> PrintDialog | None:
        """Preview and print documents of a case or an inquiry (Enter prints them all)."""
        from app.services.documents import PrintTarget

        targets = [PrintTarget(doc, case_id=case_id, inquiry_id=None if case_id else inquiry_id) for doc in documents]
        return self.print_targets(targets)

    def open_online_assists(self) -> None:
        """From 今日: the 帮办网办 register, to follow the application up."""
        if self.screens and not self.locked and self.actor is not None:
            self.go("proxy")
            self._typed_screens().proxy.setCurrentWidget(self._typed_screens().proxy.online)

    def print_complaint_slip(self, complaint_id: Any) -> PrintDialog | None:
        """投诉受理回执 of a complaint: previewed, then printed."""
        from app.services.complaints import DOC_COMPLAINT_RECEIPT
        from app.services.documents import PrintTarget

        return self.print_targets([PrintTarget(DOC_COMPLAINT_RECEIPT, complaint_id=complaint_id)])

    def open_complaint(self, complaint_id: Any) -> None:
        """From the 时限预警 board: the complaint on its own screen, chosen."""
        if self.screens and not self.locked and self.actor is not None:
            self.go("complaints")
            self._typed_screens().complaints.show_complaint(complaint_id)

    def print_targets(self, targets: list[Any]) -> PrintDialog | None:
        if not targets or self.actor is None or self.locked or self.store is None:
            return None
        from app.ui.printing import PrintDialog

        dialog = PrintDialog(self.runner, targets, actor=self.actor, data_dir=self.store.db_path.parent, parent=self)
        self._print_dialog = dialog
        dialog.open()
        return dialog

    def focus_search(self) -> None:
        """Ctrl+F: to the one search box."""
        if self.search.isEnabled():
            self.search.setFocus()
            self.search.selectAll()

    def _global_search(self) -> None:
        """Enter in the search box: the 办件 list shows what was found (search.find_cases),
        or says what was searched and what can be typed; a case number or a
        scanned receipt opens its case too."""
        if self.screens and not self.locked and self.actor is not None:
            self.go("cases")
            self._typed_screens().cases.search_for(self.search.text())

    def _search_text_changed(self, text: str) -> None:
        # Clearing the box (its × button) lists all cases again.
        if not text.strip() and self._screens is not None and self._screens.cases.search_text():
            self._screens.cases.search_for("")

    def _searched(self, found: CaseSearch) -> None:
        from app.services.search import KIND_CASE

        if found.kind == KIND_CASE and found.case_ids and found.query != self.search.text():
            self.search.setText(found.query)  # a scanned link shows as the case number it holds

    def show_shortcuts(self) -> None:
        """F1: every key of the app (app/ui/shortcuts.py)."""
        dialog = ShortcutsDialog(self)
        self._help_dialog = dialog
        dialog.open()

    def refresh(self) -> None:
        if self.actor is None and self.store is not None and not self.store.is_set_up:
            self._open_setup()
            return
        # F5 is the worker asking the lists to reload, not an operation's
        # change: announced as if cases and catalog had changed.
        self.runner.changed.emit(frozenset({CHANGED_CASES, CHANGED_CATALOG}))

    def _on_changed(self, tags: frozenset[Change]) -> None:
        if self._screens is not None and tags & {CHANGED_CASES, CHANGED_INQUIRIES, CHANGED_SETTINGS,
                                                  CHANGED_SERVICES}:
            self.refresh_deadlines()
        if tags:
            self.sync.refresh()  # records waiting to sync

    # Sync -----------------------------------------------------------------
    def show_sync(self, status: SyncStatus) -> None:
        """Offline / syncing / last sync / records waiting, in the status bar."""
        from app.clock import format_local

        phase = {
            PH_NOT_ENROLLED: self.tr("Not enrolled with a county server: working offline"),
            PH_OFFLINE: self.tr("Offline: the county server cannot be reached"),
            PH_SYNCING: self.tr("Syncing with the county…"),
            PH_REVOKED: self.tr("Sync stopped: this PC was disabled by the county"),
            PH_ERROR: self.tr("Sync error"),
        }.get(status.phase, self.tr("Connected to the county"))
        last = format_local(status.last_sync) if status.last_sync else self.tr("never")
        parts = [phase, self.tr("last sync: %1").replace("%1", last),
                 self.tr("%1 records waiting to sync").replace("%1", str(status.pending))]
        if status.skew_warning:
            parts.append(self.tr("check the PC clock"))
        self.sync_label.set_parts(parts, spare=[1])  # short of room, the last sync's time goes first
        self.sync_label.setToolTip("\n".join([*parts, status.message] if status.message else parts))
        self.sync_label.setStyleSheet("color: #c00000" if status.phase in (PH_ERROR, PH_REVOKED) else "")
        self.sync_button.setEnabled(self.actor is not None and status.phase not in (PH_SYNCING, PH_NOT_ENROLLED))
        self.attention_button.setText(self.tr("Needs attention (%1)").replace("%1", str(status.attention)))
        self._attention = status.attention
        self.attention_button.setVisible(status.attention > 0 and not self.locked)
        if status.history is not None:
            arriving = (self.tr("History still arriving: %1 of about %2 records")
                        .replace("%1", f"{status.history[0]:,}").replace("%2", f"{status.history[1]:,}"))
            self.history_label.set_parts([arriving])
            self.history_label.setToolTip(arriving + "\n\n" + self.tr(
                "This PC was set up recently: open cases and recent residents are here, older records are still "
                "coming from the county. You can work meanwhile; a lookup by ID number that finds nobody asks the "
                "county first."))
        self._history_arriving = status.history is not None
        self.history_label.setVisible(self._history_arriving and not self.locked)

    def _sync_failed(self, title: str, text: str) -> None:
        """A sync the worker asked for went wrong. When the fix is in the head-only
        sync settings, a worker is told to fetch the head rather than sent there."""
        if self.actor is not None and not self.actor.is_head and ("县级同步" in text or "County sync" in text):
            text += "\n\n" + self.tr("Only the center head can change these settings: please tell the head.")
        self.show_failure(Failure(text, ""), title=title)

    def open_attention(self) -> None:
        if self.actor is None or self.locked:
            return
        from app.ui.sync_attention import AttentionDialog

        dialog = AttentionDialog(self.runner, actor=self.actor, parent=self)
        dialog.finished.connect(lambda _r: self.sync.refresh())
        self._dialog = dialog
        dialog.open()

    def refresh_deadlines(self) -> None:
        """Counts for the 时限预警 badge: overdue / due soon, cases and follow-ups together."""
        def work(session: Session) -> tuple[DeadlineCounts, FollowUpCounts, list[InquiryRow], int,
                                            tuple[ComplaintCounts, list[ComplaintRow]], Any, list[Any]]:
            from app.clock import local_today
            from app.services import settings
            from app.services.calendar_store import load_work_calendar
            from app.services.complaints import complaint_counts, open_complaint_rows
            from app.services.inquiries import follow_up_counts, follow_up_rows
            from app.services.queries import deadline_counts

            calendar, today = load_work_calendar(session), local_today()
            soon = settings.get(session, settings.DEADLINE_SOON_DAYS)
            from app.services import ratings

            return (deadline_counts(session, today=today, calendar=calendar, soon_days=soon),
                    follow_up_counts(session, today=today, calendar=calendar, soon_days=soon),
                    follow_up_rows(session), soon,
                    (complaint_counts(session, today=today, calendar=calendar, soon_days=soon),
                     open_complaint_rows(session, today=today, calendar=calendar, soon_days=soon)),
                    ratings.follow_up_counts(session, today=today, calendar=calendar, soon_days=soon),
                    ratings.follow_up_rows(session, today=today, calendar=calendar, soon_days=soon))

        def done(result: tuple[DeadlineCounts, FollowUpCounts, list[InquiryRow], int,
                               tuple[ComplaintCounts, list[ComplaintRow]], Any, list[Any]]) -> None:
            counts, follow, rows, soon, (complaints, complaint_rows), rated, rated_rows = result
            overdue = counts.overdue + follow.overdue + complaints.overdue + rated.overdue
            due_soon = counts.due_soon + follow.due_soon + complaints.due_soon + rated.due_soon
            self._set_badge("deadlines", f"{overdue}/{due_soon}" if overdue + due_soon else "",
                            self.tr("Overdue: %1, due soon: %2").replace("%1", str(overdue))
                            .replace("%2", str(due_soon)), bool(overdue))
            deadlines = self._typed_screens().deadlines
            deadlines.show_counts(counts, follow, soon)
            deadlines.show_follow_ups(rows)
            deadlines.show_complaints(complaints, complaint_rows)
            deadlines.show_rating_follow_ups(rated_rows, rated)

        self.runner.op(work).success(done).run()

    # Locking ------------------------------------------------------------
    def _check_idle(self) -> None:
        if (self.idle is not None and self.actor is not None and not self.locked and self.idle_lock_minutes > 0
                and time.monotonic() - self.idle.last_input >= self.idle_lock_minutes * 60):
            self.lock(idle=True)

    def lock(self, *, idle: bool = False) -> None:
        """Hide everything personal until someone logs in again (``idle``: the
        desk locked itself after a period without use, not the worker)."""
        if self.actor is None or self.locked:
            return
        self.locked = True
        if self.rating_desk is not None:
            self.rating_desk.lapse()  # an open ballot is not left for the next person
        user = self.actor.username
        self.actor = None
        row = self.nav.currentRow()
        # Every other window goes out of sight: case dialogs, resident pages,
        # print previews, messages, and the resident-facing windows, bar a board
        # that shows only what is posted publicly anyway (the staff whereabouts).
        from app.ui.public_board import PUBLIC_BOARD  # not at module level: see tests/ui/test_startup_imports.py

        hidden = [w for w in QApplication.topLevelWidgets()
                  if w is not self and w.isVisible() and not w.property(PUBLIC_BOARD)]
        for window in hidden:
            window.hide()
        self._resume = (user, NAV_KEYS[row] if 0 <= row < len(NAV_KEYS) else "cases", hidden)
        self.search.clear()  # the last search, and the list it filled
        self.heading.setText("")
        self.nav.setEnabled(False)
        self.search.setEnabled(False)
        self.lock_button.setEnabled(False)
        self._paint_counts()  # the counts go too
        self.staff_label.setText(self.tr("Locked"))
        self.message.setText(self.tr("Locked. Log in to continue."))
        self.stack.setCurrentWidget(self.message)
        self._ask_login(locked_user=user, idle=idle)

    # Errors -------------------------------------------------------------
    def show_failure(self, failure: Failure, *, title: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title or self.tr("OneWindow"), failure.message, parent=self)
        if failure.details:
            box.setDetailedText(failure.details)
        box.open()
