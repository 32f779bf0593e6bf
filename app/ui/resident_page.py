"""群众档案 — a resident as a whole: identity (masked until 显示, the reveal
audited), contact, household notes, every case, inquiry and printed document
of theirs; correction with a reason, and merging two records of one person."""
from __future__ import annotations

import html
import uuid
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
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.clock import format_local
from app.ui.labels import document_labels, inquiry_outcome_labels, status_labels
from app.ui.operations import OperationRunner
from app.ui.widgets import error_label, flag_over_limit, read_only_table, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.resident_page import ResidentPage

SCREEN = "群众档案"  # named in the audit log of a reveal
SENSITIVE_STYLE = "background:#fff7e0; border:1px solid #e8d49a; padding:6px"
ROLE = Qt.ItemDataRole.UserRole


def _fill(table: QTableWidget, rows: list[tuple[Any, list[str]]]) -> None:
    table.setRowCount(len(rows))
    for r, (key, row) in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setData(ROLE, key)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


class ResidentPageDialog(QDialog):
    """One resident's page. Opening a case, or another resident (the record
    kept by a merge), is asked of the main window by signal."""

    open_case = Signal(object)  # case id
    open_resident = Signal(object)  # resident id

    def __init__(self, runner: OperationRunner, resident_id: uuid.UUID, *, actor: Any, opened_from: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner, self._resident_id, self._actor = runner, resident_id, actor
        # The first load is audited (who opened the record, from where); refreshes are not.
        self._audit_screen: str | None = f"{SCREEN}（{opened_from}）" if opened_from else SCREEN
        self.page: ResidentPage | None = None
        self._child: QDialog | None = None
        self.revealed: dict[str, str] = {}
        self.setWindowTitle(self.tr("Resident"))
        self.resize(940, 700)

        self.title = QLabel(self.tr("Loading…"))
        self.title.setStyleSheet("font-size: 17px; font-weight: bold")
        self.merged_banner = QLabel()
        self.merged_banner.setWordWrap(True)
        self.merged_banner.setStyleSheet("background:#fdebc0; color:#704000; padding:6px")
        self.open_kept = QPushButton(self.tr("Open the kept record"))
        self.open_kept.clicked.connect(lambda: self.page and self.open_resident.emit(self.page.merged_into))
        banner = QHBoxLayout()
        banner.addWidget(self.merged_banner, 1)
        banner.addWidget(self.open_kept)

        self.identity = QGridLayout()
        self.identity.setColumnStretch(1, 1)
        self.identity.setColumnStretch(3, 1)
        self.id_value, self.phone_value = QLabel(), QLabel()
        for label in (self.id_value, self.phone_value):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_id = QPushButton(self.tr("Show"))
        self.show_phone = QPushButton(self.tr("Show"))
        for button, what in ((self.show_id, "id_number"), (self.show_phone, "phone")):
            button.setToolTip(self.tr("Shows the full number; this is recorded in the audit log"))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, w=what: self.reveal(w))
        self._build_identity()
        info_box = QGroupBox(self.tr("Identity and contact"))
        info_box.setLayout(self.identity)

        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(SENSITIVE_STYLE)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        notes_box = QGroupBox(self.tr("Household notes (sensitive: shown only on this page)"))
        QVBoxLayout(notes_box).addWidget(self.notes)

        self.merges_box = QGroupBox(self.tr("Merge requests"))
        self.merges = QVBoxLayout(self.merges_box)

        self.cases = read_only_table([self.tr("Case number"), self.tr("Item"), self.tr("Status"),
                                      self.tr("Received"), self.tr("Committed date")])
        self.inquiries = read_only_table([self.tr("Asked"), self.tr("Topic"), self.tr("Outcome")])
        self.printed = read_only_table([self.tr("Document"), self.tr("Number"), self.tr("Printed"), self.tr("Case")])
        self.cases.itemActivated.connect(self._case_activated)
        self.inquiries.itemActivated.connect(self._inquiry_activated)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.cases, self.tr("Cases"))
        self.tabs.addTab(self.inquiries, self.tr("Inquiries"))
        self.tabs.addTab(self.printed, self.tr("Printed documents"))

        self.error = error_label()
        self.edit_button = QPushButton(self.tr("Correct details…"))
        self.merge_button = QPushButton(self.tr("Merge a duplicate record…"))
        self.home_service = QCheckBox(self.tr("Needs home service (cannot come to the center)"))
        self.edit_button.clicked.connect(self.edit)
        self.merge_button.clicked.connect(self.merge)
        self.home_service.clicked.connect(self._set_home_service)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.home_service)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(banner)
        layout.addWidget(info_box)
        layout.addWidget(notes_box)
        layout.addWidget(self.merges_box)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._runner.changed.connect(self._on_changed)
        self.reload()

    # -- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        resident_id, screen = self._resident_id, self._audit_screen
        viewer = self._actor if screen is not None else None
        self._audit_screen = None

        def work(session: Session) -> ResidentPage:
            from app.services.resident_page import resident_page

            return resident_page(session, resident_id, viewer=viewer, screen=screen or "")

        self._runner.op(work).success(self._show).failure(lambda f: show_error(self.error, f.message)).run()

    def _on_changed(self, tags: frozenset[Any]) -> None:
        from app.services.changes import Change

        if tags & {Change.RESIDENTS, Change.CASES, Change.INQUIRIES, Change.PRINTS}:
            self.reload()

    def _show(self, page: ResidentPage) -> None:
        self.page = page
        self.setWindowTitle(self.tr("Resident %1").replace("%1", page.name))
        self.title.setText(html.escape(page.name) + (f"　<span style='color:#555'>{'、'.join(page.tags)}</span>"
                                                     if page.tags else ""))
        merged = page.merged_into is not None
        self.merged_banner.setText(self.tr("This record was merged into \u201c%1\u201d: its cases are there now. "
                                           "It is kept only as a pointer.").replace("%1", page.merged_into_name))
        self.merged_banner.setVisible(merged)
        self.open_kept.setVisible(merged)
        self.edit_button.setEnabled(not merged)
        self.merge_button.setEnabled(not merged)
        self.home_service.setChecked(page.home_service)
        self.home_service.setEnabled(not merged)
        self._show_identity(page)
        hint = "—" if merged else self.tr("No notes. Use \u201cCorrect details\u201d to add them.")
        self.notes.setText(html.escape(page.household_notes) if page.household_notes
                           else f"<span style='color:#777'>{hint}</span>")
        self._show_merges(page)
        statuses, outcomes, docs = status_labels(), inquiry_outcome_labels(), document_labels()
        _fill(self.cases, [(c.id, [c.case_number, c.item_name, statuses.get(c.status, c.status),
                                   format_local(c.received_at),
                                   f"{c.committed_due:%Y-%m-%d}" if c.committed_due else "—"]) for c in page.cases])
        _fill(self.inquiries, [(i.case_id, [format_local(i.asked_at), i.topic, outcomes.get(i.outcome, i.outcome)])
                               for i in page.inquiries])
        _fill(self.printed, [(None, [docs.get(d.doc_type, d.doc_type)
                                     + (self.tr(" (reprint %1)").replace("%1", str(d.reprint_count))
                                        if d.reprint_count else ""),
                                     d.doc_number, format_local(d.printed_at), d.case_number]) for d in page.printed])
        for index, (label, count) in enumerate(((self.tr("Cases"), len(page.cases)),
                                                (self.tr("Inquiries"), len(page.inquiries)),
                                                (self.tr("Printed documents"), len(page.printed)))):
            self.tabs.setTabText(index, f"{label} ({count})")
        if not page.cases and page.inquiries:
            self.tabs.setCurrentIndex(1)

    def _build_identity(self) -> None:
        """The fields, laid out once; ``_show_identity`` fills them."""
        self.fields: dict[str, QLabel] = {}
        rows = [("name", self.tr("Name")), ("doc_type", self.tr("Type of ID")), ("id_number", self.tr("ID number")),
                ("gender", self.tr("Gender")), ("birth_date", self.tr("Date of birth")), ("phone", self.tr("Phone")),
                ("address", self.tr("Address")), ("village_group", self.tr("Village group"))]
        buttons = {"id_number": self.show_id, "phone": self.show_phone}
        for index, (key, label) in enumerate(rows):
            row, col = divmod(index, 2)
            caption = QLabel(label + "：")
            caption.setStyleSheet("color: #555")
            value = {"id_number": self.id_value, "phone": self.phone_value}.get(key) or QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            self.identity.addWidget(caption, row, col * 2)
            if key in buttons:
                holder = QWidget()
                box = QHBoxLayout(holder)
                box.setContentsMargins(0, 0, 0, 0)
                box.addWidget(value)
                box.addWidget(buttons[key])
                box.addStretch(1)
                self.identity.addWidget(holder, row, col * 2 + 1)
            else:
                self.identity.addWidget(value, row, col * 2 + 1)

    def _show_identity(self, page: ResidentPage) -> None:
        self.id_value.setText(self.revealed.get("id_number", page.id_masked))
        self.phone_value.setText(self.revealed.get("phone", page.phone_masked) or "—")
        self.show_id.setVisible("id_number" not in self.revealed)
        self.show_phone.setVisible(page.has_phone and "phone" not in self.revealed)
        self.fields["name"].setText(page.name)
        self.fields["doc_type"].setText(page.doc_type_label)
        self.fields["gender"].setText(page.gender or "—")
        self.fields["birth_date"].setText(f"{page.birth_date:%Y-%m-%d}" if page.birth_date else "—")
        self.fields["address"].setText(page.address or "—")
        self.fields["village_group"].setText(page.village_group or "—")

    def _show_merges(self, page: ResidentPage) -> None:
        while self.merges.count():
            item = self.merges.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        waiting = [m for m in page.merges if m.status == "proposed"]
        self.merges_box.setVisible(bool(waiting))
        for merge in waiting:
            holder = QWidget()
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            text = QLabel(self.tr("\u201c%1\u201d (%2) is to be merged into \u201c%3\u201d (%4). Reason: %5")
                          .replace("%1", merge.merged_name).replace("%2", merge.merged_id_masked)
                          .replace("%3", merge.kept_name).replace("%4", merge.kept_id_masked)
                          .replace("%5", merge.reason))
            text.setWordWrap(True)
            row.addWidget(text, 1)
            if getattr(self._actor, "is_head", False):
                confirm = QPushButton(self.tr("Confirm merge"))
                confirm.clicked.connect(lambda _=False, m=merge.id: self._decide(m, confirm=True))
                row.addWidget(confirm)
            else:
                row.addWidget(QLabel(self.tr("Waiting for the center head")))
            decline = QPushButton(self.tr("Decline") if getattr(self._actor, "is_head", False) else self.tr("Withdraw"))
            decline.clicked.connect(lambda _=False, m=merge.id: self._decide(m, confirm=False))
            row.addWidget(decline)
            self.merges.addWidget(holder)

    # -- actions ---------------------------------------------------------------------------

    def reveal(self, what: str) -> None:
        actor, resident_id = self._actor, self._resident_id

        def work(session: Session) -> str:
            from app.services.resident_page import reveal

            return reveal(session, actor, resident_id, what, screen=SCREEN)

        def done(value: str) -> None:
            self.revealed[what] = value
            if self.page is not None:
                self._show_identity(self.page)

        self._runner.op(work).success(done).failure(lambda f: show_error(self.error, f.message)).run()

    def _case_activated(self, item: QTableWidgetItem) -> None:
        case_id = item.data(ROLE)
        if case_id is not None:
            self.open_case.emit(case_id)

    def _inquiry_activated(self, item: QTableWidgetItem) -> None:
        case_id = item.data(ROLE)  # an inquiry that became a case opens it
        if case_id is not None:
            self.open_case.emit(case_id)

    def _set_home_service(self, needed: bool) -> None:
        """需上门服务: the resident is offered on 外出服务's list (synced to the other PCs)."""
        actor, resident_id = self._actor, self.page.id if self.page is not None else None
        if resident_id is None:
            return

        def work(session: Session) -> None:
            from app.services.field_service import set_home_service

            set_home_service(session, actor, resident_id, needed)

        self._runner.op(work).failure(lambda failure: show_error(self.error, failure.message)).run()

    def edit(self) -> None:
        if self.page is None:
            return
        dialog = CorrectionDialog(self._runner, self.page, actor=self._actor, parent=self)
        self._child = dialog
        dialog.open()

    def merge(self) -> None:
        if self.page is None:
            return
        dialog = MergeDialog(self._runner, self.page, actor=self._actor, parent=self)
        self._child = dialog
        dialog.open()

    def _decide(self, merge_id: uuid.UUID, *, confirm: bool) -> None:
        if not confirm:
            self._carry_out(merge_id, confirm=False)
            return
        # A merge cannot be undone: one more question, with No as the default.
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Confirm merge"),
                          self.tr("The merged record's cases, inquiries and prints move to the kept record, "
                                  "and a merge cannot be undone. Merge the two records?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda answer: self._carry_out(merge_id, confirm=True)
                             if answer == QMessageBox.StandardButton.Yes else None)
        self.confirm_box = box
        box.open()

    def _carry_out(self, merge_id: uuid.UUID, *, confirm: bool) -> None:
        actor = self._actor

        def work(session: Session) -> None:
            from app.services.resident_merge import confirm_merge, decline_merge

            if confirm:
                confirm_merge(session, actor, merge_id)
            else:
                decline_merge(session, actor, merge_id)

        self._runner.op(work).failure(lambda f: show_error(self.error, f.message)).run()


class CorrectionDialog(QDialog):
    """更正群众信息: every field the worker can correct, and why. The limits
    are the domain's (what the column holds and the documents print)."""

    def __init__(self, runner: OperationRunner, page: ResidentPage, *, actor: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from app.services.residents import CORRECTION_REASON_MAX, FIELD_LIMITS

        self._runner, self._page, self._actor = runner, page, actor
        self._limits = {key: limit for key, (_label, limit) in FIELD_LIMITS.items()}
        self.setWindowTitle(self.tr("Correct %1's details").replace("%1", page.name))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        self.name = QLineEdit(page.name)
        flag_over_limit(self.name, self._limits["name"])
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("Now %1; leave empty to keep it").replace("%1", page.phone_masked)
                                      if page.has_phone else self.tr("Mobile or landline with area code"))
        self.phone.setMaxLength(30)
        self.clear_phone = QCheckBox(self.tr("Remove the phone number"))
        self.clear_phone.setVisible(page.has_phone)
        self.address = QLineEdit(page.address)
        flag_over_limit(self.address, self._limits["address"])
        self.village_group = QLineEdit(page.village_group)
        flag_over_limit(self.village_group, self._limits["village_group"])
        self.notes = QPlainTextEdit(page.household_notes)
        self.notes.setMaximumHeight(90)
        self.notes_count = QLabel()
        self.notes_count.setStyleSheet("color:#666")
        self.notes.textChanged.connect(self._count_notes)
        self.fix_id = QCheckBox(self.tr("The ID number was mistyped"))
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(40)
        self.id_number.setPlaceholderText(self.tr("The whole correct number (checked with its check digit)"))
        self.id_number.setVisible(False)
        self.fix_id.toggled.connect(self.id_number.setVisible)
        self.reason = QLineEdit()
        self.reason.setMaxLength(CORRECTION_REASON_MAX)
        self.reason.setPlaceholderText(self.tr("Why: e.g. the resident's own request, a typo at registration"))
        form.addRow(self.tr("Name *"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow("", self.clear_phone)
        form.addRow(self.tr("Address (up to %1 characters)").replace("%1", str(self._limits["address"])), self.address)
        form.addRow(self.tr("Village group"), self.village_group)
        form.addRow(self.tr("Household notes"), self.notes)
        form.addRow("", self.notes_count)
        form.addRow(self.tr("ID number"), self.fix_id)
        form.addRow("", self.id_number)
        form.addRow(self.tr("Reason *"), self.reason)
        self.error = error_label()
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._count_notes()

    def _count_notes(self) -> None:
        count, limit = len(self.notes.toPlainText()), self._limits["household_notes"]
        self.notes_count.setText(self.tr("%1 / %2 characters").replace("%1", str(count)).replace("%2", str(limit)))
        self.notes_count.setStyleSheet("color:#b00000" if count > limit else "color:#666")

    def submit(self) -> None:
        from app.services.residents import ResidentCorrection

        page, actor = self._page, self._actor
        phone = self.phone.text().strip()
        keep_phone = not phone and not self.clear_phone.isChecked()  # the form never holds the full number
        change = ResidentCorrection(
            name=self.name.text(), phone=None if keep_phone else phone, address=self.address.text(), village_group=self.village_group.text(),
            household_notes=self.notes.toPlainText(), reason=self.reason.text(),
            id_number=self.id_number.text() if self.fix_id.isChecked() else None,
        )

        def work(session: Session) -> tuple[str, ...]:
            from app.services.residents import correct_resident

            return correct_resident(session, actor, page.id, change)

        self._runner.op(work).success(lambda _changed: self.accept()) \
            .failure(lambda f: show_error(self.error, f.message)).run()


class MergeDialog(QDialog):
    """合并重复登记: find the other record of this person, choose the one to
    keep, say why. A worker's request waits for the head; the head's is done."""

    def __init__(self, runner: OperationRunner, page: ResidentPage, *, actor: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner, self._page, self._actor = runner, page, actor
        self.setWindowTitle(self.tr("Merge a duplicate record of %1").replace("%1", page.name))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("This record: <b>%1</b>　%2").replace("%1", html.escape(page.name))
                                .replace("%2", page.id_masked)))
        self.lookup = QLineEdit()
        self.lookup.setPlaceholderText(self.tr("Find the other record: name, ID number, phone; then Enter"))
        self.lookup.returnPressed.connect(self.search)
        self.results = QListWidget()
        self.results.setMaximumHeight(160)
        layout.addWidget(self.lookup)
        layout.addWidget(self.results)
        self.keep_this = QRadioButton(self.tr("Keep this record; the other one is merged into it"))
        self.keep_other = QRadioButton(self.tr("Keep the other record; this one is merged into it"))
        self.keep_this.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.keep_this)
        group.addButton(self.keep_other)
        layout.addWidget(self.keep_this)
        layout.addWidget(self.keep_other)
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("Reason (required), e.g. the same person registered twice"))
        layout.addWidget(self.reason)
        head = getattr(actor, "is_head", False)
        layout.addWidget(QLabel(self.tr("As center head, the merge is carried out at once.") if head
                                else self.tr("The center head confirms the merge before anything moves.")))
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Merge") if head else self.tr("Ask the head"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def search(self) -> None:
        text, own = self.lookup.text(), self._page.id

        def work(session: Session) -> Any:
            from app.services.search import lookup

            return lookup(session, text)

        def done(result: Any) -> None:
            self.results.clear()
            for hit in result.residents:
                if hit.id == own:
                    continue
                details = [hit.id_masked, hit.gender or "", f"{hit.birth_date:%Y-%m-%d}" if hit.birth_date else "",
                           hit.phone_masked, hit.address]
                item = QListWidgetItem(f"{hit.name}    " + "  ".join(d for d in details if d))
                item.setData(ROLE, hit.id)
                self.results.addItem(item)
            if self.results.count():
                self.results.setCurrentRow(0)
            else:
                show_error(self.error, self.tr("No other record found."))

        show_error(self.error, "")
        self._runner.op(work).success(done).failure(lambda f: show_error(self.error, f.message)).run()

    def submit(self) -> None:
        item = self.results.currentItem()
        if item is None:
            show_error(self.error, self.tr("Find and choose the other record first."))
            return
        other, own, actor, reason = item.data(ROLE), self._page.id, self._actor, self.reason.text()
        kept, merged = (own, other) if self.keep_this.isChecked() else (other, own)

        def work(session: Session) -> uuid.UUID:
            from app.services.resident_merge import propose_merge

            return propose_merge(session, actor, kept_id=kept, merged_id=merged, reason=reason)

        self._runner.op(work).success(lambda _id: self.accept()) \
            .failure(lambda f: show_error(self.error, f.message)).run()
