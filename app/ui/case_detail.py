"""办件详情 — one case: resident, item, materials, deadline, timeline, printed
documents, and exactly the actions its current state allows."""
from __future__ import annotations

import html
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import format_local
from app.models.vocabulary import CaseResult
from app.ui.labels import (
    deadline_labels,
    document_labels,
    event_labels,
    form_labels,
    outcome_labels,
    result_labels,
    status_labels,
)
from app.ui.operations import Failure, OperationRunner
from app.ui.widgets import date_edit, date_of, error_label, read_only_table, show_error

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLayout

    from app.db import Session
    from app.services.case_detail import CaseDetail

DEADLINE_STYLE = {
    "overdue": "background:#f8d0d0; color:#800000",
    "due_soon": "background:#fdebc0; color:#704000",
    "on_time": "background:#d9f2d9; color:#1d5c1d",
    "paused": "background:#e3e3e3; color:#333",
}


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeRowsToContents()


class CaseDetailDialog(QDialog):
    print_requested = Signal(object, object)  # case id, tuple of document types
    resident_requested = Signal(object)  # resident id: their page
    completed = Signal(object)  # case id: done at the window, the resident may rate it

    def __init__(self, runner: OperationRunner, case_id: uuid.UUID, *, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._case_id = case_id
        self._actor = actor
        self.detail: Any = None
        self.setWindowTitle(self.tr("Case"))
        self.resize(980, 720)

        self.title = QLabel(self.tr("Loading…"))
        self.title.setStyleSheet("font-size: 17px; font-weight: bold")
        self.deadline = QLabel()
        self.deadline.setStyleSheet("padding: 4px 8px; border-radius: 4px")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.deadline)

        self.info = QGridLayout()
        self.info.setColumnStretch(1, 1)
        self.info.setColumnStretch(3, 1)
        info_box = QGroupBox(self.tr("Case"))
        info_box.setLayout(self.info)

        self.materials = read_only_table([self.tr("Material"), self.tr("Required"), self.tr("Handed in"), self.tr("Note")])
        self.events = read_only_table([self.tr("Time"), self.tr("Action"), self.tr("Status"), self.tr("By"), self.tr("Note")])
        self.printed = read_only_table([self.tr("Document"), self.tr("Number"), self.tr("Printed"), self.tr("By")])
        for table, height in ((self.materials, 150), (self.printed, 110)):
            table.setMaximumHeight(height)

        self.actions_box = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_menu = QMenu(self)
        self.print_button.setMenu(self.print_menu)
        self.due_label = QLabel()
        self.due_label.setStyleSheet("color: #a06000")
        self.error = error_label()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(info_box)
        layout.addWidget(QLabel(self.tr("<b>Materials</b>")))
        layout.addWidget(self.materials)
        layout.addWidget(QLabel(self.tr("<b>History</b>")))
        layout.addWidget(self.events, 1)
        printed_row = QHBoxLayout()
        printed_row.addWidget(QLabel(self.tr("<b>Printed documents</b>")))
        printed_row.addWidget(self.due_label, 1)
        printed_row.addWidget(self.print_button)
        resident_button = QPushButton(self.tr("Resident's page"))
        resident_button.setAutoDefault(False)
        resident_button.clicked.connect(lambda: self.detail and self.resident_requested.emit(self.detail.resident.id))
        top.addWidget(resident_button)
        layout.addLayout(printed_row)
        layout.addWidget(self.printed)
        layout.addWidget(self.error)
        actions_row = QHBoxLayout()
        actions_row.addWidget(QLabel(self.tr("Actions:")))
        actions_row.addLayout(self.actions_box, 1)
        actions_row.addWidget(close)
        layout.addLayout(actions_row)
        self.reload()

    def reload(self) -> None:
        case_id, actor = self._case_id, self._actor

        def work(session: Session) -> CaseDetail:
            from app.clock import local_today
            from app.services import settings
            from app.services.calendar_store import load_work_calendar
            from app.services.case_detail import case_detail

            return case_detail(session, case_id, actor=actor, today=local_today(),
                               calendar=load_work_calendar(session),
                               soon_days=settings.get(session, settings.DEADLINE_SOON_DAYS))

        self._runner.op(work).success(self._show).failure(lambda f: show_error(self.error, f.message)).run()

    def _show(self, detail: Any) -> None:
        self.detail = detail
        statuses, results = status_labels(), result_labels()
        status = statuses.get(detail.status, detail.status)
        if detail.result:
            status += f"（{results.get(detail.result, detail.result)}）"
        self.setWindowTitle(self.tr("Case %1").replace("%1", detail.case_number))
        self.title.setText(f"{detail.case_number}　{html.escape(detail.item_name)}　·　{status}")
        state = deadline_labels().get(detail.deadline, "")
        if detail.working_days_left is not None:
            if detail.working_days_left >= 0:
                state += " · " + self.tr("%1 working days left").replace("%1", str(detail.working_days_left))
            else:
                state += " · " + self.tr("%1 working days overdue").replace("%1", str(-detail.working_days_left))
        self.deadline.setText(state)
        self.deadline.setStyleSheet("padding: 4px 8px; border-radius: 4px;" + DEADLINE_STYLE.get(detail.deadline, ""))
        self.deadline.setVisible(bool(state))

        _clear(self.info)
        r = detail.resident
        due = ""
        if detail.committed_due:
            due = f"{detail.committed_due:%Y-%m-%d}"
            if detail.due_provisional:
                due += self.tr(" (provisional: this year's holiday schedule is missing)")
        fields = [
            (self.tr("Applicant"), f"{r.name}　{r.id_masked}　{r.phone_masked}"),
            (self.tr("Item"), f"{detail.item_name}（{detail.department}）"),
            (self.tr("Received"), f"{format_local(detail.received_at)} · {detail.handled_by} · "
                                  + self.tr("window %1").replace("%1", detail.window_no)),
            (self.tr("Intake outcome"), outcome_labels().get(detail.outcome, detail.outcome)),
            (self.tr("Committed date"), due or "—"),
            (self.tr("Statutory date"), f"{detail.statutory_due:%Y-%m-%d}" if detail.statutory_due else "—"),
        ]
        if detail.paused_working_days:
            fields.append((self.tr("Paused"), self.tr("%1 working days waiting for materials")
                           .replace("%1", str(detail.paused_working_days))))
        if detail.forwarded_to:
            back = " · " + self.tr("expected back %1").replace("%1", f"{detail.expected_return:%Y-%m-%d}") \
                if detail.expected_return else ""
            fields.append((self.tr("Forwarded to"), detail.forwarded_to + back))
        if detail.note:
            fields.append((self.tr("Note"), detail.note))
        sync = {"synced": self.tr("at the county"), "error": self.tr("not accepted by the county")}.get(
            detail.sync_state, self.tr("waiting to sync"))
        if detail.sync_error:
            sync += "：" + detail.sync_error
        fields.append((self.tr("County sync"), sync))
        for index, (label, value) in enumerate(fields):
            row, col = divmod(index, 2)
            caption = QLabel(label + "：")
            caption.setStyleSheet("color: #555")
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info.addWidget(caption, row, col * 2)
            self.info.addWidget(text, row, col * 2 + 1)

        forms = form_labels()
        _fill(self.materials, [
            [m.name + ("" if m.key else self.tr(" (not key)")), f"{forms.get(m.form, m.form)} × {m.required_count}",
             (self.tr("missing") if m.received_count == 0 else str(m.received_count))
             + (self.tr(", promised by %1").replace("%1", f"{m.supply_by:%Y-%m-%d}") if m.supply_by else ""),
             m.note]
            for m in detail.materials
        ])
        events = event_labels() | outcome_labels()
        _fill(self.events, [
            [format_local(e.occurred_at), events.get(e.kind, e.kind), statuses.get(e.to_status, e.to_status),
             e.staff_name, self._event_note(e)]
            for e in detail.events
        ])
        docs = document_labels()
        _fill(self.printed, [
            [docs.get(p.doc_type, p.doc_type) + (self.tr(" (reprint %1)").replace("%1", str(p.reprint_count))
                                                 if p.reprint_count else ""),
             p.doc_number, format_local(p.printed_at), p.staff_name]
            for p in detail.printed
        ])
        self.due_label.setText(self.tr("Not printed yet: %1").replace("%1", "、".join(docs.get(d, d) for d in detail.documents_due))
                               if detail.documents_due else "")
        self.print_menu.clear()
        for doc in detail.documents:
            action = self.print_menu.addAction(docs.get(doc, doc))
            action.triggered.connect(lambda _=False, d=doc: self.print_requested.emit(self._case_id, (d,)))
        self._show_actions(detail)

    def _event_note(self, event: Any) -> str:
        parts = [event.note] if event.note else []
        if event.refused:
            parts.insert(0, self.tr("[not accepted by the county, does not count: %1]").replace("%1", event.refused))
        data = event.data
        county = {"received": self.tr("received by the county"), "returned": self.tr("returned by the county"),
                  "completed": self.tr("completed by the county")}.get(data.get("county_action", ""))
        if county:
            parts.insert(0, county)
        if "old_due" in data:
            parts.append(self.tr("deadline %1 → %2").replace("%1", data["old_due"]).replace("%2", data["new_due"]))
        if "forwarded_to" in data and event.kind != "note":
            parts.append(self.tr("to %1").replace("%1", data["forwarded_to"]))
        if data.get("paused_working_days"):
            parts.append(self.tr("paused %1 working days").replace("%1", str(data["paused_working_days"])))
        if data.get("missing"):
            parts.append(self.tr("missing: %1").replace("%1", "、".join(data["missing"])))
        return "；".join(parts)

    def _show_actions(self, detail: Any) -> None:
        _clear(self.actions_box)
        labels = event_labels()
        for event in detail.actions:
            button = QPushButton(labels.get(event, event))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, e=event: self.ask(e))
            self.actions_box.addWidget(button)
        self.actions_box.addStretch(1)

    def ask(self, event: str) -> None:
        """Open the small form an action needs, then record it."""
        dialog = ActionDialog(self._runner, self.detail, event, actor=self._actor, parent=self)
        dialog.recorded.connect(self._recorded)
        dialog.open()

    def _recorded(self, event: str, documents: tuple[str, ...]) -> None:
        self.reload()
        if event in ("complete", "deliver"):
            self.completed.emit(self._case_id)
        if documents:
            self.print_requested.emit(self._case_id, documents)


class ActionDialog(QDialog):
    """The fields one lifecycle action needs: a reason, a result, a date, a department."""

    recorded = Signal(str, object)  # event, documents it issued

    def __init__(self, runner: OperationRunner, detail: Any, event: str, *, actor: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.services.lifecycle import REASON_REQUIRED

        self._runner, self._detail, self._event, self._actor = runner, detail, event, actor
        self.setWindowTitle(event_labels().get(event, event))
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{html.escape(detail.case_number)}</b>　{html.escape(detail.item_name)}"))
        self.result_group = QButtonGroup(self)
        self.approved = QRadioButton(result_labels()[CaseResult.APPROVED])
        self.denied = QRadioButton(result_labels()[CaseResult.DENIED])
        if event == "complete":
            self.approved.setChecked(True)
            self.result_group.addButton(self.approved)
            self.result_group.addButton(self.denied)
            row = QHBoxLayout()
            row.addWidget(self.approved)
            row.addWidget(self.denied)
            form.addRow(self.tr("Result *"), row)
        self.new_due = date_edit((detail.committed_due or detail.received_at.date()) + timedelta(days=7))
        self.approved_by = QLineEdit()
        self.legal_basis = QLineEdit()
        self.past_statutory_reason = QLineEdit()
        if event == "extend":
            form.addRow(self.tr("Original date"), QLabel(f"{detail.committed_due:%Y-%m-%d}" if detail.committed_due else "—"))
            form.addRow(self.tr("New date *"), self.new_due)
            # 行政许可法 §42: the organ's head approves an extension; both go on the notice.
            self.approved_by.setPlaceholderText(self.tr("Name of the head who approved it"))
            form.addRow(self.tr("Approved by *"), self.approved_by)
            self.legal_basis.setPlaceholderText(self.tr("Leave empty for the basis the county set"))
            form.addRow(self.tr("Legal basis"), self.legal_basis)
            if detail.statutory_due is not None:
                self.past_statutory_reason.setPlaceholderText(
                    self.tr("Required if the new date is after the statutory date %1")
                    .replace("%1", f"{detail.statutory_due:%Y-%m-%d}"))
                form.addRow(self.tr("Past the statutory date because"), self.past_statutory_reason)
                self.statutory_warning = QLabel()
                self.statutory_warning.setStyleSheet("color: #b00000")
                self.statutory_warning.setWordWrap(True)
                form.addRow(self.statutory_warning)
                self.new_due.dateChanged.connect(self._warn_statutory)
                self._warn_statutory()
        self.material_boxes: list[QCheckBox] = []
        self.supply_by = date_edit(detail.received_at.date() + timedelta(days=7))
        self.supply_by_on = QCheckBox(self.tr("Bring them by"))
        if event == "suspend":
            # A mid-case 补正 notice lists exactly the materials chosen here.
            materials = QVBoxLayout()
            for line in detail.materials:
                box = QCheckBox(line.name)
                box.setChecked(line.received_count < line.required_count)
                self.material_boxes.append(box)
                materials.addWidget(box)
            form.addRow(self.tr("Materials to supply *"), materials)
            self.supply_by_on.setToolTip(self.tr("Unticked: the item's period to supply materials (working days)"))
            row = QHBoxLayout()
            row.addWidget(self.supply_by_on)
            row.addWidget(self.supply_by)
            form.addRow(self.tr("Deadline"), row)
        self.forwarded_to = QLineEdit(detail.forwarded_to or detail.department)
        self.expected_return = date_edit(detail.committed_due or detail.received_at.date())
        if event == "forward":
            form.addRow(self.tr("Forward to *"), self.forwarded_to)
            form.addRow(self.tr("Expected back by"), self.expected_return)
        self.note = QPlainTextEdit()
        self.note.setMaximumHeight(90)
        required = event in REASON_REQUIRED
        self.note.setPlaceholderText(self.tr("Reason (required; printed on the notice where there is one)")
                                     if required else self.tr("Note (optional)"))
        form.addRow(self.tr("Reason *") if required else self.tr("Note"), self.note)
        self.error = error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Confirm"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _warn_statutory(self) -> None:
        statutory = self._detail.statutory_due
        past = statutory is not None and date_of(self.new_due) > statutory
        self.statutory_warning.setText(
            self.tr("The new date is after the statutory date %1: give the reason, it is printed on the notice.")
            .replace("%1", f"{statutory:%Y-%m-%d}") if past else "")

    def submit(self) -> None:
        from app.services import lifecycle

        event, actor, case_id = self._event, self._actor, self._detail.id
        kwargs: dict[str, Any] = {"note": self.note.toPlainText()}
        if event == "complete":
            kwargs["result"] = CaseResult.APPROVED if self.approved.isChecked() else CaseResult.DENIED
        if event == "extend":
            kwargs["new_due"] = date_of(self.new_due)
            kwargs["details"] = {"approved_by": self.approved_by.text(), "legal_basis": self.legal_basis.text(),
                                 "past_statutory_reason": self.past_statutory_reason.text()}
        if event == "suspend":
            chosen = [box.text() for box in self.material_boxes if box.isChecked()]
            if self.material_boxes and not chosen:
                show_error(self.error, self.tr("Choose the materials the applicant must supply"))
                return
            kwargs["details"] = {"materials": chosen}
            if self.supply_by_on.isChecked():
                kwargs["details"]["supply_by"] = date_of(self.supply_by)
        if event == "forward":
            kwargs["forwarded_to"] = self.forwarded_to.text()
            kwargs["expected_return"] = date_of(self.expected_return)

        def work(session: Session) -> tuple[str, ...]:
            from app.services.calendar_store import load_work_calendar
            from app.services.cases import record_event

            record_event(session, actor, case_id, event, calendar=load_work_calendar(session), **kwargs)
            return lifecycle.EVENT_DOCUMENTS.get(event, ())

        def done(documents: tuple[str, ...]) -> None:
            self.accept()
            self.recorded.emit(event, tuple(documents))

        def failed(failure: Failure) -> None:
            show_error(self.error, failure.message)

        self._runner.op(work).success(done).failure(failed).run()


def _clear(layout: QLayout) -> None:
    """Remove and delete a layout's widgets (before showing fresh data)."""
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
