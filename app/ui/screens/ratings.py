"""好差评: the bad ratings' follow-ups (差评整改) and the figures, for the head.

Nothing here enters a rating for a resident: the window's ratings come from
the resident's own screen (app/ui/rating_window.py), the QR ones from the
county. The head records a phone follow-up (回访) with channel phone, never
for the head's own case; the service refuses the rest.
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.clock import local_today
from app.models.vocabulary import FollowUpOutcome, RatingLevel, RatingReason
from app.ui.operations import CHANGED_CASES, CHANGED_SETTINGS, OperationRunner
from app.ui.widgets import EmptyHint, date_edit, date_of, error_label, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.changes import Change
    from app.services.rating_figures import FigureRow, Figures
    from app.services.ratings import FollowUpRow

# The deadline colours of the case board (app/ui/case_model.py).
STATE_COLOURS = {"overdue": "#f8d0d0", "due_soon": "#fdebc0", "on_time": "#d9f2d9", "waiting": "#e3e3e3"}


def _pct(value: Any) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


def step_labels() -> dict[str, str]:
    return {"revisit": QCoreApplication.translate("Ratings", "Call back"),
            "rectify": QCoreApplication.translate("Ratings", "Rectify"),
            "appeal": QCoreApplication.translate("Ratings", "Appeal with the county"),
            "closed": QCoreApplication.translate("Ratings", "Closed")}


def fill_follow_ups(table: QTableWidget, rows: list[FollowUpRow]) -> None:
    """One row per open follow-up, coloured like the cases on 时限预警."""
    steps = step_labels()
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        cells = [
            f"{row.due:%Y-%m-%d}" if row.due else "—", steps.get(row.step, row.step), row.case_number or "—",
            row.subject, row.staff_name, str(row.level.label), str(row.channel.label),
            "、".join(str(reason.label) for reason in row.reasons), row.comment,
            str(row.outcome.label) if row.outcome else "",
        ]
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c == 0 and row.state in STATE_COLOURS:
                item.setBackground(QColor(STATE_COLOURS[row.state]))
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, row.id)
            table.setItem(r, c, item)


def follow_up_table() -> QTableWidget:
    table = QTableWidget(0, 10)
    table.setHorizontalHeaderLabels([
        QCoreApplication.translate("Ratings", "Due"), QCoreApplication.translate("Ratings", "Step"),
        QCoreApplication.translate("Ratings", "Case"), QCoreApplication.translate("Ratings", "Item / topic"),
        QCoreApplication.translate("Ratings", "Worker rated"), QCoreApplication.translate("Ratings", "Rating"),
        QCoreApplication.translate("Ratings", "Channel"), QCoreApplication.translate("Ratings", "Reasons"),
        QCoreApplication.translate("Ratings", "Comment"), QCoreApplication.translate("Ratings", "Outcome"),
    ])
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(8, QHeaderView.ResizeMode.Stretch)
    return table


class NoteDialog(QDialog):
    """A note, and for an outcome its choice."""

    def __init__(self, title: str, prompt: str, *, outcomes: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        self.outcome = QComboBox()
        self.outcome.addItem(self.tr("— choose —"), "")
        for outcome in FollowUpOutcome:
            self.outcome.addItem(str(outcome.label), outcome.value)
        if outcomes:
            form.addRow(self.tr("Outcome"), self.outcome)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(120)
        label = QLabel(prompt)
        label.setWordWrap(True)
        form.addRow(label)
        form.addRow(self.note)
        self.error = error_label()
        form.addRow(self.error)
        # OK saves and closes only once the save went through: a refusal shows
        # in the dialog and what was typed stays (the screen connects `accepted`).
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)


class PhoneRatingDialog(QDialog):
    """回访: what the resident said on the head's call, for a case the head did not handle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a rating given on the phone"))
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("Only what the resident said on your call back. You cannot record a rating "
                                   "for a case you handled yourself.")))
        self.case_number = QLineEdit()
        form.addRow(self.tr("Case number"), self.case_number)
        self.level = QComboBox()
        self.level.addItem(self.tr("— as the resident said —"), "")
        for level in RatingLevel:
            self.level.addItem(str(level.label), level.value)
        form.addRow(self.tr("Rating"), self.level)
        self.reasons: dict[RatingReason, Any] = {}
        from PySide6.QtWidgets import QCheckBox

        reasons = QHBoxLayout()
        for reason in RatingReason:
            box = QCheckBox(str(reason.label))
            self.reasons[reason] = box
            reasons.addWidget(box)
        form.addRow(self.tr("Reasons (a bad rating)"), reasons)
        self.comment = QPlainTextEdit()
        self.comment.setMaximumHeight(90)
        form.addRow(self.tr("What the resident said"), self.comment)
        self.error = error_label()
        form.addRow(self.error)
        # OK saves and closes only once the save went through: a refusal shows
        # in the dialog and what was typed stays (the screen connects `accepted`).
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)


class RatingsScreen(QWidget):
    """Two tabs: 差评整改 (the open follow-ups, with the head's actions) and 满意度统计."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Any = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_follow_ups(), self.tr("Bad ratings to follow up"))
        self.tabs.addTab(self._build_figures(), self.tr("Satisfaction figures"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        runner.changed.connect(self._on_changed)

    # -- follow-ups ----------------------------------------------------------------------
    def _build_follow_ups(self) -> QWidget:
        page = QWidget()
        self.follow_summary = QLabel()
        self.follow_summary.setWordWrap(True)
        self.table = follow_up_table()
        EmptyHint(self.table, self.tr("No bad rating is waiting for a follow-up."))
        self.revisit_button = QPushButton(self.tr("Record the call back…"))
        self.outcome_button = QPushButton(self.tr("Record the outcome…"))
        self.rectified_button = QPushButton(self.tr("Rectification done…"))
        self.phone_button = QPushButton(self.tr("Rating given on the phone…"))
        self.follow_error = error_label()
        buttons = QHBoxLayout()
        for button in (self.revisit_button, self.outcome_button, self.rectified_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.phone_button)
        self.revisit_button.clicked.connect(self._revisit)
        self.outcome_button.clicked.connect(self._outcome)
        self.rectified_button.clicked.connect(self._rectified)
        self.phone_button.clicked.connect(self._phone)
        box = QVBoxLayout(page)
        box.addWidget(self.follow_summary)
        box.addWidget(self.table, 1)
        box.addLayout(buttons)
        box.addWidget(self.follow_error)
        return page

    def set_actor(self, actor: Any) -> None:
        self._actor = actor
        head = bool(actor and actor.is_head)
        for button in (self.revisit_button, self.outcome_button, self.rectified_button, self.phone_button):
            button.setEnabled(head)
            button.setToolTip("" if head else self.tr("The center head records follow-ups."))
        self.reload()

    def reload(self) -> None:
        def work(session: Session) -> tuple[list[FollowUpRow], tuple[int, int], Figures]:
            from app.services import settings
            from app.services.calendar_store import load_work_calendar
            from app.services.rating_figures import figures
            from app.services.ratings import deadline_days, follow_up_rows

            soon = settings.get(session, settings.DEADLINE_SOON_DAYS)
            today = local_today()
            rows = follow_up_rows(session, today=today, calendar=load_work_calendar(session), soon_days=soon)
            return rows, deadline_days(session), figures(session, today=today, **self._figure_args())

        self._runner.op(work).success(self._show).run()

    def _show(self, result: tuple[list[FollowUpRow], tuple[int, int], Figures]) -> None:
        rows, (revisit, rectify), found = result
        fill_follow_ups(self.table, rows)
        self.follow_summary.setText(
            self.tr("Each 不满意 or 非常不满意 opens a follow-up: call the resident back within %1 working day(s), "
                    "rectify within %2. Yellow: due soon; red: overdue.")
            .replace("%1", str(revisit)).replace("%2", str(rectify)))
        self._show_figures(found)

    def _selected(self) -> Any:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            show_error(self.follow_error, self.tr("Choose a follow-up in the list first."))
            return None
        show_error(self.follow_error, "")
        return item.data(Qt.ItemDataRole.UserRole)

    def _ask_note(self, title: str, prompt: str, then: Any, *, outcomes: bool = False) -> None:
        follow_up_id = self._selected()
        if follow_up_id is None:
            return
        dialog = NoteDialog(title, prompt, outcomes=outcomes, parent=self)
        actor = self._actor

        def accepted() -> None:
            note, outcome = dialog.note.toPlainText(), dialog.outcome.currentData()

            def work(session: Session) -> None:
                then(session, actor, follow_up_id, note, outcome)

            def done(_result: object) -> None:
                dialog.accept()
                self.reload()

            show_error(dialog.error, "")
            self._runner.op(work).success(done).failure(lambda f: show_error(dialog.error, f.message)).run()

        dialog.buttons.accepted.connect(accepted)
        self._dialog = dialog
        dialog.open()

    def _revisit(self) -> None:
        def then(session: Session, actor: Any, follow_up_id: Any, note: str, _o: str) -> None:
            from app.services.ratings import record_revisit

            record_revisit(session, actor, follow_up_id, note)

        self._ask_note(self.tr("Call back"), self.tr("What the resident said"), then)

    def _outcome(self) -> None:
        def then(session: Session, actor: Any, follow_up_id: Any, note: str, outcome: str) -> None:
            from app.services.ratings import record_outcome

            record_outcome(session, actor, follow_up_id, outcome, note)

        self._ask_note(self.tr("Outcome of the follow-up"),
                       self.tr("What was done (for an appeal: why the rating is mistaken or malicious)"), then,
                       outcomes=True)

    def _rectified(self) -> None:
        def then(session: Session, actor: Any, follow_up_id: Any, note: str, _o: str) -> None:
            from app.services.ratings import mark_rectified

            mark_rectified(session, actor, follow_up_id, note)

        self._ask_note(self.tr("Rectification done"), self.tr("What was done"), then)

    def _phone(self) -> None:
        dialog = PhoneRatingDialog(self)
        actor = self._actor
        self._phone_dialog = dialog

        def accepted() -> None:
            number = dialog.case_number.text().strip()
            level = dialog.level.currentData()
            reasons = [r.value for r, box in dialog.reasons.items() if box.isChecked()]
            comment = dialog.comment.toPlainText()
            whole_number = self.tr("Enter the whole case number.")

            def work(session: Session) -> None:
                from app.services.errors import DomainError
                from app.services.ratings import record_phone_rating
                from app.services.search import find_cases

                found = find_cases(session, number).case_ids if number else ()
                if len(found) != 1:
                    raise DomainError(whole_number, field="case_number")
                record_phone_rating(session, actor, case_id=found[0], level=level, reasons=reasons, comment=comment)

            def done(_result: object) -> None:
                dialog.accept()
                self.reload()

            show_error(dialog.error, "")
            self._runner.op(work).success(done).failure(lambda f: show_error(dialog.error, f.message)).run()

        dialog.buttons.accepted.connect(accepted)
        dialog.open()

    # -- figures ------------------------------------------------------------------------------
    def _build_figures(self) -> QWidget:
        from app.services.rating_figures import FORMULAS

        page = QWidget()
        self.group = QComboBox()
        for key, label in (("all", self.tr("Whole center")), ("worker", self.tr("Per worker")),
                           ("item", self.tr("Per item")), ("month", self.tr("Per month"))):
            self.group.addItem(label, key)
        today = local_today()
        self.start = date_edit(today.replace(month=1, day=1))
        self.end = date_edit(today)
        refresh = QPushButton(self.tr("Show"))
        refresh.clicked.connect(self.reload)
        self.group.currentIndexChanged.connect(lambda _i: self.reload())
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Group")))
        controls.addWidget(self.group)
        controls.addWidget(QLabel(self.tr("Rated from")))
        controls.addWidget(self.start)
        controls.addWidget(QLabel(self.tr("to")))
        controls.addWidget(self.end)
        controls.addWidget(refresh)
        controls.addStretch(1)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00000; font-weight: bold; font-size: 14px")
        self.warning.setVisible(False)
        self.figures = QTableWidget(0, 12)
        self.figures.setHorizontalHeaderLabels([
            self.tr("Group"), self.tr("Ratings"), *[str(level.label) for level in RatingLevel], self.tr("Satisfaction"),
            self.tr("80% rule"), self.tr("Rated share"), self.tr("Follow-ups on time"), self.tr("Voided"),
        ])
        self.figures.verticalHeader().setVisible(False)
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        formulas = QLabel("<br>".join(str(FORMULAS[key]) for key in ("satisfaction", "dongguan", "participation",
                                                                       "on_time")))
        formulas.setTextFormat(Qt.TextFormat.RichText)
        formulas.setWordWrap(True)
        formulas.setStyleSheet("color: #333")
        box = QVBoxLayout(page)
        box.addLayout(controls)
        box.addWidget(self.warning)
        box.addWidget(self.figures, 1)
        box.addWidget(QLabel(self.tr("<b>How each figure is counted</b> (ratings voided by the county on appeal "
                                     "count nowhere; “—”: nothing to count)")))
        box.addWidget(formulas)
        return page

    def _figure_args(self) -> dict[str, Any]:
        start: date | None = date_of(self.start)
        end: date | None = date_of(self.end)
        return {"group": self.group.currentData() or "all", "start": start, "end": end}

    def _show_figures(self, found: Figures) -> None:
        rows: list[tuple[str, FigureRow]] = [(self.tr("Whole center"), found.total)]
        rows += [(row.label or "—", row) for row in found.rows]
        self.figures.setRowCount(len(rows))
        for r, (label, row) in enumerate(rows):
            cells = [label, str(row.ratings), *[str(row.counts[level]) for level in RatingLevel],
                     _pct(row.satisfaction),
                     "—" if row.dongguan is None else self.tr("Met") if row.dongguan else self.tr("Not met"),
                     _pct(row.participation), _pct(row.on_time),
                     str(row.voided)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c == 7 and row.below_target:
                    item.setBackground(QColor("#f8d0d0"))
                if r == 0:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.figures.setItem(r, c, item)
        low = found.total.below_target
        self.warning.setVisible(bool(low and self._actor is not None and self._actor.is_head))
        if low:
            self.warning.setText(
                self.tr("Satisfaction is %1, below the 80% the center must reach: find the causes with the staff, "
                        "retrain, or hold to account (群众评议制).").replace("%1", _pct(found.total.satisfaction)))

    def _on_changed(self, tags: frozenset[Change]) -> None:
        from app.services.changes import Change

        if tags & {Change.SERVICES, CHANGED_CASES, CHANGED_SETTINGS}:
            self.reload()
