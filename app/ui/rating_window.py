"""The resident-facing rating screen (评价器): 好差评 at the window.

A separate full-screen window: on the second screen when there is one (a
monitor or a tablet turned to the resident), else on the same screen, shown
over the worker's window while the resident rates. It is offered after each
case done at the window and each answered inquiry (:class:`RatingDesk`), with
a one-time ballot; the resident's press is the only way a level gets in.

No hint of the wanted answer: five buttons of one size and one neutral
colour, in the standard order, none preselected or focused, and a plain
"not now". The worker cannot rate on the resident's behalf from the
keyboard: the buttons take no keyboard focus and no shortcut presses them.
After a while without a touch the screen goes back to idle (the ballot
lapses unused).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.vocabulary import RatingLevel, RatingReason
from app.ui.operations import Failure, OperationRunner

if TYPE_CHECKING:
    from app.db import Session
    from app.services.ratings import Ballot, RatingReceipt

PAGE_IDLE, PAGE_LEVELS, PAGE_DETAILS, PAGE_THANKS = range(4)
# Back to idle after this long without a touch (the ballot lapses).
IDLE_AFTER_MS = 90_000
THANKS_MS = 5_000

# The tallest page must fit the common 1366x768 (or 1024x768) monitor: a page
# taller than the screen pushes "not now" and "submit" out of reach.
FITS_HEIGHT = 768

# One neutral colour for every level: nothing says which answer is wanted.
_LEVEL_STYLE = (
    "QPushButton { font-size: 30px; padding: 10px; min-height: 56px; color: #1e2a36;"
    " background: #e9eef3; border: 2px solid #9fb0c0; border-radius: 12px; }"
    "QPushButton:pressed { background: #cfd9e3; }"
)
_CHOICE_STYLE = (
    "QPushButton { font-size: 24px; padding: 12px; min-height: 64px; color: #1e2a36;"
    " background: #f4f6f8; border: 2px solid #9fb0c0; border-radius: 10px; }"
    "QPushButton:checked { background: #cfd9e3; border: 3px solid #3d5a78; }"
)
_PLAIN_STYLE = (
    "QPushButton { font-size: 22px; padding: 10px 24px; min-height: 56px; color: #1e2a36;"
    " background: #ffffff; border: 2px solid #9fb0c0; border-radius: 10px; }"
    "QPushButton:disabled { color: #9aa5b1; border-color: #d0d7de; }"
)


def _button(text: str, style: str, *, checkable: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setStyleSheet(style)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no keyboard path: a touch or a click only
    button.setAutoDefault(False)
    button.setCheckable(checkable)
    return button


def _label(text: str = "", size: int = 26, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet(f"font-size: {size}px; color: #1e2a36;" + (" font-weight: bold;" if bold else ""))
    return label


class RatingWindow(QWidget):
    """The screen the resident sees. ``submit`` carries the resident's answer
    to the desk (level value, reason values, comment); only it casts a ballot."""

    submitted = Signal(str, object, str)  # level, reasons, comment
    declined = Signal()

    def __init__(self, parent: QWidget | None = None, *, center_name: str = "") -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Rate our service"))
        self.setStyleSheet("background: #ffffff;")
        self._level: RatingLevel | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._idle_page(center_name))
        self.pages.addWidget(self._levels_page())
        self.pages.addWidget(self._details_page())
        self.pages.addWidget(self._thanks_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 36, 48, 36)
        layout.addWidget(self.pages)
        self.timeout = QTimer(self)
        self.timeout.setSingleShot(True)
        self.timeout.timeout.connect(self._timed_out)

    # -- pages ---------------------------------------------------------------------------
    def _idle_page(self, center_name: str) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addStretch(1)
        self.idle_title = _label(center_name, 34, bold=True)
        box.addWidget(self.idle_title)
        box.addWidget(_label(self.tr("Welcome. When your business is done, you can rate our service here."), 26))
        box.addWidget(_label(self.tr("Your rating is saved as you give it; nobody can change it."), 20))
        box.addStretch(1)
        return page

    def _levels_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.question = _label(self.tr("How satisfied are you with this service?"), 34, bold=True)
        self.subject = _label("", 22)
        box.addWidget(self.question)
        box.addWidget(self.subject)
        box.addSpacing(16)
        self.level_buttons: dict[RatingLevel, QPushButton] = {}
        for level in RatingLevel:  # the standard order, all alike
            button = _button(str(level.label), _LEVEL_STYLE)
            button.clicked.connect(lambda _=False, lv=level: self._choose(lv))
            self.level_buttons[level] = button
            box.addWidget(button)
        box.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.not_now = _button(self.tr("Not now"), _PLAIN_STYLE)
        self.not_now.clicked.connect(self._decline)
        row.addWidget(self.not_now)
        box.addLayout(row)
        return page

    def _details_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.chosen = _label("", 30, bold=True)
        box.addWidget(self.chosen)
        self.reasons_title = _label(self.tr("What were you not satisfied with? (choose one or more)"), 24)
        box.addWidget(self.reasons_title)
        grid = QGridLayout()
        self.reason_buttons: dict[RatingReason, QPushButton] = {}
        for index, reason in enumerate(RatingReason):
            button = _button(str(reason.label), _CHOICE_STYLE, checkable=True)
            button.toggled.connect(lambda _c: self._update_submit())
            self.reason_buttons[reason] = button
            grid.addWidget(button, index // 2, index % 2)
        self.reasons_box = QWidget()
        self.reasons_box.setLayout(grid)
        box.addWidget(self.reasons_box)
        box.addWidget(_label(self.tr("Anything you would like to tell us? (optional)"), 22))
        self.comment = QPlainTextEdit()
        self.comment.setStyleSheet("font-size: 22px; border: 2px solid #9fb0c0; border-radius: 8px;")
        self.comment.setMaximumHeight(140)
        self.comment.setTabChangesFocus(True)
        box.addWidget(self.comment)
        self.error = _label("", 20)
        self.error.setStyleSheet("font-size: 20px; color: #b00000;")
        box.addWidget(self.error)
        box.addStretch(1)
        row = QHBoxLayout()
        self.back = _button(self.tr("Back"), _PLAIN_STYLE)
        self.back.clicked.connect(lambda: self._show(PAGE_LEVELS))
        self.submit = _button(self.tr("Submit"), _PLAIN_STYLE)
        self.submit.clicked.connect(self._submit)
        row.addWidget(self.back)
        row.addStretch(1)
        row.addWidget(self.submit)
        box.addLayout(row)
        return page

    def _thanks_page(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addStretch(1)
        self.thanks = _label(self.tr("Thank you for your rating."), 36, bold=True)
        box.addWidget(self.thanks)
        self.thanks_note = _label("", 22)
        box.addWidget(self.thanks_note)
        box.addStretch(1)
        return page

    # -- flow ----------------------------------------------------------------------------
    def ask(self, subject: str, *, second_round: bool = False) -> None:
        """A fresh form for one ballot: nothing chosen."""
        self._level = None
        for button in self.reason_buttons.values():
            button.setChecked(False)
        self.comment.clear()
        self.error.clear()
        self.subject.setText(subject)
        self.question.setText(self.tr("After the rectification, how satisfied are you now?") if second_round
                              else self.tr("How satisfied are you with this service?"))
        self._show(PAGE_LEVELS)

    def show_idle(self) -> None:
        self._show(PAGE_IDLE)

    def show_thanks(self, *, bad: bool) -> None:
        self.thanks_note.setText(self.tr("The center head will contact you about what went wrong.") if bad else "")
        self._show(PAGE_THANKS)
        self.timeout.start(THANKS_MS)

    def show_problem(self, message: str) -> None:
        self.error.setText(message)

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        if page in (PAGE_LEVELS, PAGE_DETAILS):
            self.timeout.start(IDLE_AFTER_MS)
        elif page == PAGE_IDLE:
            self.timeout.stop()

    def _choose(self, level: RatingLevel) -> None:
        self._level = level
        self.chosen.setText(str(level.label))
        self.reasons_title.setVisible(level.is_bad)
        self.reasons_box.setVisible(level.is_bad)
        self.error.clear()
        self._update_submit()
        self._show(PAGE_DETAILS)

    def _update_submit(self) -> None:
        needs_reason = self._level is not None and self._level.is_bad
        self.submit.setEnabled(not needs_reason or any(b.isChecked() for b in self.reason_buttons.values()))
        self.timeout.start(IDLE_AFTER_MS)

    def _submit(self) -> None:
        if self._level is None:
            return
        reasons = [r.value for r, b in self.reason_buttons.items() if b.isChecked()] if self._level.is_bad else []
        self.submit.setEnabled(False)
        self.submitted.emit(self._level.value, reasons, self.comment.toPlainText())

    def _decline(self) -> None:
        self.declined.emit()

    def _timed_out(self) -> None:
        self.declined.emit()

    # Keys: only typing in the comment box. No shortcut chooses a level.
    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()  # the resident cannot close it by accident; the desk hides it
        self._decline()


def resident_screen(window: QWidget) -> Any:
    """The screen turned to the resident: another screen than the worker's if
    there is one, else the worker's own."""
    screens = QGuiApplication.screens()
    own = window.screen() if window is not None else QGuiApplication.primaryScreen()
    others = [screen for screen in screens if screen is not own]
    return others[0] if others else own


class RatingDesk(QObject):
    """Offers the rating window after a case or an inquiry is done, with a
    one-time ballot, and casts the ballot with what the resident pressed."""

    rated = Signal(object)  # RatingReceipt

    def __init__(self, runner: OperationRunner, worker_window: QWidget, *, center_name: str = "") -> None:
        super().__init__(worker_window)
        self._runner = runner
        self._worker_window = worker_window
        self._token: str | None = None
        self.window = RatingWindow(center_name=center_name)
        self.window.submitted.connect(self._cast)
        self.window.declined.connect(self._to_idle)

    @property
    def has_second_screen(self) -> bool:
        return resident_screen(self._worker_window) is not self._worker_window.screen()

    def start(self) -> None:
        """At login: with a second screen the window stays up there, idle."""
        if self.has_second_screen:
            self._place()
            self.window.show_idle()

    def offer(self, actor: Any, *, case_id: Any = None, inquiry_id: Any = None) -> None:
        def work(session: Session) -> Ballot:
            from app.services.ratings import issue_ballot

            return issue_ballot(session, actor, case_id=case_id, inquiry_id=inquiry_id)

        # A case already rated, or not done: nothing to offer, and nothing to tell the resident.
        self._runner.op(work).success(self._ask).failure(lambda _f: None).run()

    def _ask(self, ballot: Ballot) -> None:
        self._token = ballot.token
        subject = f"{ballot.case_number}  {ballot.subject}".strip()
        self.window.ask(subject, second_round=ballot.round == 2)
        self._place()

    def _place(self) -> None:
        screen = resident_screen(self._worker_window)
        self.window.setScreen(screen)
        self.window.setGeometry(screen.geometry())
        self.window.showFullScreen()
        self.window.raise_()

    def _cast(self, level: str, reasons: list[str], comment: str) -> None:
        token = self._token
        if token is None:
            self._to_idle()
            return

        def work(session: Session) -> RatingReceipt:
            from app.services.ratings import cast_ballot

            return cast_ballot(session, token, level=level, reasons=reasons, comment=comment)

        def done(receipt: RatingReceipt) -> None:
            self._token = None
            self.window.show_thanks(bad=receipt.level.is_bad)
            self.rated.emit(receipt)

        def failed(failure: Failure) -> None:
            self.window.show_problem(failure.message)
            self.window.submit.setEnabled(True)

        self._runner.op(work).success(done).failure(failed).run()

    def _to_idle(self) -> None:
        self._token = None
        if not shiboken6.isValid(self.window):  # closed with the application's other windows
            return
        self.window.show_idle()
        if not self.has_second_screen:
            self.window.hide()  # the worker's screen back

    def lapse(self) -> None:
        """The worker's session ended: any open ballot lapses unused."""
        self._to_idle()

    def close(self) -> None:
        if not shiboken6.isValid(self.window):
            return
        self.window.timeout.stop()
        self.window.hide()
        self.window.deleteLater()
