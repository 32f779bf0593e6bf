"""AB角设置 — the head names an A (responsible) and a B (backup) for each
catalog item and each of the center's posts."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
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

from app.ui.operations import CHANGED_CATALOG, CHANGED_SERVICES, CHANGED_STAFF, CHANGED_SYNC, Failure, OperationRunner
from app.ui.widgets import error_label, read_only_table, show_error

if TYPE_CHECKING:
    import uuid

    from app.db import Session
    from app.services.assignments import AssignmentRow
    from app.services.context import Actor


def _staff_id(data: object) -> uuid.UUID | None:
    import uuid

    return uuid.UUID(data) if isinstance(data, str) and data else None


class AssignmentsPanel(QWidget):
    """The table of items and posts with their A and B, and an editor for the chosen line."""

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Actor | None = None
        self._rows: list[AssignmentRow] = []
        self._people: list[tuple[uuid.UUID, str]] = []
        intro = QLabel(self.tr(
            "Each service item and each post has a responsible worker (A) and a backup (B). While A is away, "
            "B sees A's work under “Held for absent colleagues”, new cases of A's items go to B, and what B does "
            "is recorded as done for A. If B is away too, B's own backup acts; if nobody is left, the center head. "
            "A and B should not be away at the same time."))
        intro.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by item, post or worker"))
        self.filter.setClearButtonEnabled(True)
        self.table = read_only_table([self.tr("Kind"), self.tr("Item or post"), self.tr("Department"),
                                      self.tr("A (responsible)"), self.tr("B (backup)")])
        self.primary = QComboBox()
        self.backup = QComboBox()
        self.save_button = QPushButton(self.tr("Save A/B"))
        self.add_post_button = QPushButton(self.tr("Add post…"))
        self.retire_button = QPushButton(self.tr("Remove post"))
        self.error = error_label()
        self.chosen = QLabel()
        self.chosen.setStyleSheet("font-weight: bold")
        editor = QHBoxLayout()
        editor.addWidget(self.chosen)
        editor.addWidget(QLabel(self.tr("A:")))
        editor.addWidget(self.primary, 1)
        editor.addWidget(QLabel(self.tr("B:")))
        editor.addWidget(self.backup, 1)
        editor.addWidget(self.save_button)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.add_post_button)
        top.addWidget(self.retire_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(editor)
        layout.addWidget(self.error)
        self.table.itemSelectionChanged.connect(self._chosen_changed)
        self.filter.textChanged.connect(lambda _t: self._show(self._rows))
        self.save_button.clicked.connect(self.save)
        self.add_post_button.clicked.connect(self.add_post)
        self.retire_button.clicked.connect(self.retire)
        runner.changed.connect(self._on_changed)
        self._chosen_changed()

    def set_actor(self, actor: Actor | None) -> None:
        self._actor = actor
        self.reload()

    def _on_changed(self, tags: frozenset[str]) -> None:
        if tags & {CHANGED_STAFF, CHANGED_CATALOG, CHANGED_SYNC, CHANGED_SERVICES}:
            self.reload()

    def reload(self) -> None:
        actor = self._actor
        if actor is None:
            return

        def work(session: Session) -> tuple[list[AssignmentRow], list[tuple[uuid.UUID, str]]]:
            from app.services.assignments import assignment_rows
            from app.services.staff import list_staff

            people = [(s.id, s.display_name) for s in list_staff(session)]
            return assignment_rows(session, actor.center_id), people

        def done(result: tuple[list[AssignmentRow], list[tuple[uuid.UUID, str]]]) -> None:
            rows, people = result
            self._people = people
            for combo in (self.primary, self.backup):
                combo.clear()
                combo.addItem(self.tr("(nobody)"), None)
                for staff_id, name in people:
                    combo.addItem(name, str(staff_id))  # text: findData cannot match a Python object
            self._show(rows)

        self._runner.op(work).success(done).run()

    def selected(self) -> AssignmentRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        index = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return self._rows[index] if isinstance(index, int) and index < len(self._rows) else None

    def _show(self, rows: list[AssignmentRow]) -> None:
        chosen = self.selected()
        self._rows = rows
        needle = self.filter.text().strip().lower()
        kinds = {"item": self.tr("Item"), "post": self.tr("Post")}
        shown = [(i, r) for i, r in enumerate(rows)
                 if not needle or any(needle in text.lower() for text in (r.name, r.item_code, r.primary_name, r.backup_name))]
        self.table.setRowCount(len(shown))
        for line, (index, row) in enumerate(shown):
            cells = (kinds.get(row.subject, row.subject), row.name, row.department, row.primary_name or "—",
                     row.backup_name or "—")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, index)
                self.table.setItem(line, column, item)
            if chosen is not None and (row.subject, row.item_code, row.id) == (chosen.subject, chosen.item_code, chosen.id):
                self.table.selectRow(line)
        self._chosen_changed()

    def _chosen_changed(self) -> None:
        row = self.selected()
        head = self._actor is not None and self._actor.is_head
        for widget in (self.primary, self.backup, self.save_button):
            widget.setEnabled(head and row is not None)
        self.add_post_button.setEnabled(head)
        self.retire_button.setEnabled(head and row is not None and row.subject == "post")
        if row is None:
            self.chosen.setText(self.tr("Choose an item or a post above"))
            return
        self.chosen.setText(row.name)
        self.primary.setCurrentIndex(max(0, self.primary.findData(str(row.primary_staff_id))))
        self.backup.setCurrentIndex(max(0, self.backup.findData(str(row.backup_staff_id))))

    def save(self) -> None:
        row, actor = self.selected(), self._actor
        if row is None or actor is None:
            return
        primary, backup = _staff_id(self.primary.currentData()), _staff_id(self.backup.currentData())

        def work(session: Session) -> object:
            from app.services import assignments

            if row.subject == "item":
                return assignments.set_item_pair(session, actor, row.item_code, primary=primary, backup=backup)
            return assignments.set_post(session, actor, row.id, row.name, primary=primary, backup=backup)

        self._run(work)

    def add_post(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Add post"), self.tr("Name of the post (e.g. 民政岗, 社保医保岗):"))
        if ok:
            self.create_post(name)

    def create_post(self, name: str) -> None:
        actor = self._actor
        assert actor is not None

        def work(session: Session) -> object:
            from app.services.assignments import set_post

            return set_post(session, actor, None, name, primary=None, backup=None)

        self._run(work)

    def retire(self) -> None:
        row, actor = self.selected(), self._actor
        if row is None or actor is None or row.id is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove post"), self.tr(
            "Remove the post %1? Its A/B pair no longer applies.").replace("%1", row.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        post_id = row.id

        def work(session: Session) -> object:
            from app.services.assignments import retire_post

            retire_post(session, actor, post_id)
            return None

        self._run(work)

    def _run(self, work: object) -> None:
        def failed(failure: Failure) -> None:
            show_error(self.error, failure.message)

        self._runner.op(work).success(lambda _r: show_error(self.error, "")).failure(failed).run()  # type: ignore[arg-type]
