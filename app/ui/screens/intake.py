"""接待受理 (F2) — one-window intake, keyboard first.

Resident → item → materials checklist → outcome → documents. Each step keeps
the typing focus where the next key press belongs: Enter moves on, Esc goes
back a step, Up/Down move through a list while the focus stays in its box.
"""
from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.vocabulary import HandlingMode, IntakeOutcome
from app.services import lifecycle
from app.services.lifecycle import OutcomeChoice
from app.ui.labels import document_labels, form_labels, handling_mode_labels, outcome_labels, status_labels
from app.ui.operations import Failure, OperationRunner
from app.ui.widgets import NavLineEdit, date_edit, date_of, error_label, flag_over_limit, set_date, show_error

if TYPE_CHECKING:
    from app.db import Session
    from app.services.case_detail import ItemChoices, ResidentSummary
    from app.services.search import LookupResult

STEP_RESIDENT, STEP_ITEM, STEP_MATERIALS, STEP_OUTCOME, STEP_DONE = range(5)
ROLE = Qt.ItemDataRole.UserRole
# Materials table columns.
COL_RECEIVED, COL_NAME, COL_REQUIRED, COL_COUNT, COL_FORM, COL_NOTE = range(6)
FORMS = ("original", "copy", "original_and_copy", "electronic")
# After the screen is made, the pinyin tables load in the background this much later.
PINYIN_WARM_UP_DELAY_MS = 1500
_pinyin_warm_up = threading.Lock()
_pinyin_started = False


def warm_up_pinyin() -> None:
    """Load the pinyin tables on a background thread, once per process.

    Registering a resident computes the name's pinyin keys; the first time,
    pypinyin loads its dictionaries (about half a second), and the worker
    would wait for it after Enter. Loaded while nobody waits, the
    registration takes milliseconds. Results do not change: the same code
    runs, only earlier.
    """
    global _pinyin_started
    with _pinyin_warm_up:
        if _pinyin_started:
            return
        _pinyin_started = True

    def load() -> None:
        from app.services.pinyin import search_keys

        search_keys("一窗通")

    threading.Thread(target=load, name="pinyin-warm-up", daemon=True).start()


@dataclass(frozen=True)
class IntakeDone:
    """What the intake produced: a case, or (notification only) an inquiry."""

    case_id: uuid.UUID | None
    inquiry_id: uuid.UUID | None
    case_number: str
    status: str
    outcome: str
    committed_due: date | None
    statutory_due: date | None
    documents: tuple[str, ...]
    handler_name: str = ""  # AB角: who handles it when not the worker taking it in
    acting_for_name: str = ""  # the absent A whose item it is


class _FormDelegate(QStyledItemDelegate):
    """收到形式: a combo box of material forms."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        box = QComboBox(parent)
        for code, label in form_labels().items():
            box.addItem(label, code)
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)  # made by createEditor
        found = editor.findData(index.data(ROLE))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)  # made by createEditor
        model.setData(index, editor.currentData(), ROLE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class _MaterialsTable(QTableWidget):
    """Enter (when not editing a cell) moves on; Space ticks the current row."""

    proceed = Signal()

    def cell(self, row: int, column: int) -> QTableWidgetItem:
        """Every cell of a material row is filled when the row is made."""
        item = self.item(row, column)
        assert item is not None, (row, column)
        return item

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != QAbstractItemView.State.EditingState:
            self.proceed.emit()
            return
        if event.key() == Qt.Key.Key_Space and self.currentRow() >= 0:
            item = self.cell(self.currentRow(), COL_RECEIVED)
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            return
        super().keyPressEvent(event)


class _OutcomeList(QListWidget):
    proceed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.proceed.emit()
            return
        super().keyPressEvent(event)


class IntakeScreen(QWidget):
    open_case = Signal(object)  # case id
    open_resident = Signal(object)  # resident id: their page (群众档案)
    print_documents = Signal(object)  # IntakeDone: print what the outcome issued
    finished = Signal(object)  # IntakeDone

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Any = None
        self._resident: Any = None  # ResidentHit / ResidentSummary
        self._choices: Any = None  # ItemChoices
        self._item: Any = None  # ItemChoice
        self._inquiry: Any = None  # InquiryRow being converted
        self._appointment: Any = None  # CheckIn of the appointment being taken in
        self._done: IntakeDone | None = None
        self._search_generation = 0
        self._results_for: str | None = None
        self._items_pending = False  # a resident's items are being read: Enter waits for the list
        #: (id_number, done) -> bool: asks the county while this PC's history is still
        #: arriving (SyncController.ask_county); False when there is no one to ask.
        self.ask_county: Callable[[str, Callable[[Any], None]], bool] | None = None
        self._asked_county: dict[str, Any] = {}  # ID number -> the county's answer (this intake)

        self.trail = QLabel()
        self.trail.setStyleSheet("font-size: 14px; padding: 4px; background: #eef3fb; border-radius: 4px")
        self.trail.setWordWrap(True)
        self.steps = QStackedWidget()
        self.steps.addWidget(self._build_resident_step())
        self.steps.addWidget(self._build_item_step())
        self.steps.addWidget(self._build_materials_step())
        self.steps.addWidget(self._build_outcome_step())
        self.steps.addWidget(self._build_done_step())
        keys = QLabel(self.tr("Keys: Enter = next · Esc = back · ↑/↓ = choose in the list · F2 = next resident"))
        keys.setStyleSheet("color: #555")
        layout = QVBoxLayout(self)
        layout.addWidget(self.trail)
        layout.addWidget(self.steps, 1)
        layout.addWidget(keys)
        back = QShortcut(QKeySequence("Esc"), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(lambda: self._search(choose_single=False))
        QTimer.singleShot(PINYIN_WARM_UP_DELAY_MS, self, warm_up_pinyin)  # after the start-up, not during it
        self._update_trail()

    # -- public -----------------------------------------------------------------
    def set_actor(self, actor: Any) -> None:
        self._actor = actor

    def start(self, *, inquiry: Any = None, resident_id: uuid.UUID | None = None, appointment: Any = None) -> None:
        """A new intake (F2); from a 首问 inquiry or a checked-in appointment, its data carries over."""
        self._resident = self._item = self._choices = self._done = None
        self._inquiry = inquiry
        self._appointment = appointment
        if appointment is not None:
            resident_id = resident_id or appointment.resident_id
        self._items_pending = False
        warm_up_pinyin()  # at once if the desk went to intake before the timer
        self.lookup.clear()
        self.results.clear()
        self.item_list.clear()  # the last resident's items are never what an Enter picks
        self._results_for = None
        self.register_box.setVisible(False)
        self._asked_county.clear()
        show_error(self.resident_error, "")
        self.lookup_hint.setText("")
        self._go(STEP_RESIDENT)
        if inquiry is not None and inquiry.resident_id is not None:
            self._load_resident(inquiry.resident_id)
        elif resident_id is not None:
            self._load_resident(resident_id)
        elif inquiry is not None or appointment is not None:
            self.lookup.setText(inquiry.asker_name if inquiry is not None else appointment.name)
            self._search(choose_single=False)

    def current_step(self) -> int:
        return self.steps.currentIndex()

    def back(self) -> None:
        step = self.current_step()
        if step in (STEP_ITEM, STEP_MATERIALS, STEP_OUTCOME):
            self._go(step - 1)

    # -- step 1: resident ---------------------------------------------------------
    def _build_resident_step(self) -> QWidget:
        page = QWidget()
        self.results = QListWidget()
        self.results.setStyleSheet("QListWidget { font-size: 15px } QListWidget::item { padding: 6px }")
        self.lookup = NavLineEdit(self.results)
        self.lookup.setPlaceholderText(self.tr(
            "Swipe the ID card, or type a name, pinyin initials, phone or its last 4 digits, or a case number; "
            "then Enter"))
        self.lookup.setStyleSheet("font-size: 16px; padding: 6px")
        self.lookup.setClearButtonEnabled(True)
        self.lookup_hint = QLabel()
        self.lookup_hint.setWordWrap(True)
        self.resident_error = error_label()
        self.new_button = QPushButton(self.tr("Register a new resident (Ctrl+N)"))
        self.register_box = self._build_register_box()
        top = QHBoxLayout()
        top.addWidget(self.lookup, 1)
        top.addWidget(self.new_button)
        self.page_button = QPushButton(self.tr("Resident's page"))
        self.page_button.setToolTip(self.tr("Identity, contact, notes and every case of the chosen resident"))
        self.page_button.clicked.connect(self._open_resident_page)
        top.addWidget(self.page_button)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("<b>1. Who is applying?</b>")))
        layout.addLayout(top)
        layout.addWidget(self.lookup_hint)
        layout.addWidget(self.resident_error)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.register_box)
        self.lookup.returnPressed.connect(self._lookup_enter)
        self.lookup.textEdited.connect(self._lookup_edited)
        self.results.itemActivated.connect(self._choose_result)
        self.new_button.clicked.connect(lambda: self._open_register(self.lookup.text()))
        shortcut = QShortcut(QKeySequence("Ctrl+N"), page)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self._open_register(self.lookup.text()))
        return page

    def _build_register_box(self) -> QGroupBox:
        from app.services.identity import DOCUMENT_TYPES
        from app.services.residents import FIELD_LIMITS  # the limits registration itself enforces

        box = QGroupBox(self.tr("Register a new resident"))
        self.reg_doc_type = QComboBox()
        for code, label in DOCUMENT_TYPES.items():
            self.reg_doc_type.addItem(str(label), code)
        self.reg_id = QLineEdit()
        self.reg_name = QLineEdit()
        self.reg_phone = QLineEdit()
        self.reg_address = QLineEdit()
        self.reg_group = QLineEdit()
        for edit, field in ((self.reg_name, "name"), (self.reg_address, "address"), (self.reg_group, "village_group")):
            flag_over_limit(edit, FIELD_LIMITS[field][1])
        self.reg_group.setPlaceholderText(self.tr("e.g. 3rd group / grid 2"))
        self.reg_error = error_label()
        self.reg_button = QPushButton(self.tr("Register and continue (Enter)"))
        form = QFormLayout(box)
        form.addRow(self.tr("Document type"), self.reg_doc_type)
        form.addRow(self.tr("Document number *"), self.reg_id)
        form.addRow(self.tr("Name *"), self.reg_name)
        form.addRow(self.tr("Phone"), self.reg_phone)
        form.addRow(self.tr("Address"), self.reg_address)
        form.addRow(self.tr("Village group"), self.reg_group)
        form.addRow(self.reg_error)
        form.addRow(self.reg_button)
        for edit in (self.reg_id, self.reg_name, self.reg_phone, self.reg_address, self.reg_group):
            edit.returnPressed.connect(self._register)
        self.reg_button.clicked.connect(self._register)
        box.setVisible(False)
        return box

    def fill_from_card(self, id_number: str) -> bool:
        """A card reader's service read the card: the number goes into the lookup and
        Enter follows, exactly as a keyboard reader types it. False past step 1."""
        if self.current_step() != STEP_RESIDENT or self._items_pending:
            return False
        self.lookup.setText(id_number)
        self._lookup_edited(id_number)
        self._lookup_enter()
        return True

    def _lookup_edited(self, text: str) -> None:
        self._results_for = None
        if len(text.strip()) >= 2:
            self._search_timer.start()

    def _lookup_enter(self) -> None:
        text = self.lookup.text().strip()
        if not text or self._items_pending:
            return
        if self._results_for == text and self.results.currentItem() is not None:
            self._choose_result(self.results.currentItem())
        else:
            self._search(choose_single=True)

    def _search(self, *, choose_single: bool) -> None:
        self._search_timer.stop()
        text = self.lookup.text().strip()
        if not text:
            return
        self._search_generation += 1
        generation = self._search_generation

        def work(session: Session) -> LookupResult:
            from app.services.search import lookup

            return lookup(session, text)

        def done(result: LookupResult) -> None:
            if generation == self._search_generation:
                self._show_results(text, result, choose_single=choose_single)

        self._runner.op(work).success(done).failure(lambda f: show_error(self.resident_error, f.message)).run()

    def _show_results(self, text: str, result: Any, *, choose_single: bool) -> None:
        self._results_for = text
        self.results.clear()
        show_error(self.resident_error, "")
        statuses = status_labels()
        for hit in result.residents:
            details = [hit.id_masked, hit.gender or "", f"{hit.birth_date:%Y}" if hit.birth_date else "",
                       hit.phone_masked, hit.village_group]
            line = f"{hit.name}    " + "  ".join(d for d in details if d)
            if hit.open_cases:
                line += "    " + self.tr("%1 open cases").replace("%1", str(hit.open_cases))
            item = QListWidgetItem(line)
            item.setData(ROLE, ("resident", hit))
            self.results.addItem(item)
        for case in result.cases:
            line = self.tr("Case %1 · %2 · %3 · %4").replace("%1", case.case_number).replace("%2", case.resident_name) \
                .replace("%3", case.item_name).replace("%4", statuses.get(case.status, case.status))
            item = QListWidgetItem(line)
            item.setData(ROLE, ("case", case))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        hint = result.hint
        if not hint and not self.results.count():
            hint = self.tr("Nobody found. Check the spelling, or register the resident (Ctrl+N).")
        elif not hint:
            hint = self.tr("%1 found. ↑/↓ to choose, Enter to continue.").replace("%1", str(self.results.count()))
            if result.more:
                hint += " " + self.tr("Only the first ones are shown; type more to narrow.")
        if result.kind == "id_number" and not result.residents and not result.cases \
                and self._ask_county_first(text, result, choose_single=choose_single):
            return
        self.lookup_hint.setText(hint)
        if not choose_single:
            return
        if result.kind == "case" and len(result.cases) == 1:
            self.open_case.emit(result.cases[0].id)  # a typed case number or a scanned receipt
        elif len(result.residents) == 1 and not result.cases:
            self._choose_resident(result.residents[0])
        elif result.kind == "id_number" and not result.residents:
            self._open_register(result.query, doc_type=result.doc_type)

    def _ask_county_first(self, text: str, result: Any, *, choose_single: bool) -> bool:
        """Nobody here has this ID number, but this PC's history is still arriving:
        the county is asked before a second registration is offered. True while
        the question is out (the answer shows the resident, or the way to register)."""
        asked = self._asked_county.get(result.query)
        if asked is not None:
            if asked.message:
                self.lookup_hint.setText(asked.message)
            if choose_single and not asked.found:
                self._open_register(result.query, doc_type=result.doc_type)
            return bool(asked.message)
        if self.ask_county is None:
            return False
        generation = self._search_generation

        def answered(answer: Any) -> None:
            from app.sync.remote_lookup import OFFLINE, RemoteLookup

            answer = answer or RemoteLookup(OFFLINE, message=self.tr(
                "The county could not be asked whether this person is registered; register them only if sure."))
            self._asked_county[result.query] = answer
            if generation != self._search_generation or self.lookup.text().strip() != text:
                return  # the worker has moved on
            if answer.found:
                self._search(choose_single=True)  # the county's record is here now
                self.lookup_hint.setText(answer.message)
                return
            if answer.message:
                self.lookup_hint.setText(answer.message)
            if choose_single:
                self._open_register(result.query, doc_type=result.doc_type)

        self.lookup_hint.setText(self.tr("Not on this PC yet (its history is still arriving): asking the county…"))
        return self.ask_county(result.query, answered)  # False: nobody to ask, the caller's hint replaces this

    def _choose_result(self, item: QListWidgetItem) -> None:
        kind, hit = item.data(ROLE)
        if kind == "case":
            self.open_case.emit(hit.id)
        else:
            self._choose_resident(hit)

    def _open_resident_page(self) -> None:
        item = self.results.currentItem()
        chosen = item.data(ROLE) if item is not None else None
        resident = chosen[1] if chosen and chosen[0] == "resident" else self._resident
        if resident is not None:
            self.open_resident.emit(resident.id)

    def _open_register(self, text: str, *, doc_type: str | None = None) -> None:
        text = text.strip()
        self.register_box.setVisible(True)
        show_error(self.reg_error, "")
        looks_like_number = any(ch.isdigit() for ch in text)
        self.reg_id.setText(text if looks_like_number else "")
        self.reg_name.setText("" if looks_like_number else text)
        if doc_type:
            self.reg_doc_type.setCurrentIndex(max(self.reg_doc_type.findData(doc_type), 0))
        for edit in (self.reg_phone, self.reg_address, self.reg_group):
            edit.clear()
        (self.reg_name if looks_like_number else self.reg_id).setFocus()

    def _register(self) -> None:
        from app.services.residents import ResidentInput

        data = ResidentInput(
            doc_type=self.reg_doc_type.currentData(), id_number=self.reg_id.text(), name=self.reg_name.text(),
            phone=self.reg_phone.text(), address=self.reg_address.text(), village_group=self.reg_group.text(),
        )
        actor = self._actor

        def work(session: Session) -> tuple[bool, ResidentSummary | None]:
            from app.services.lookups import find_resident
            from app.services.residents import register_resident

            registration = register_resident(session, actor, data)
            return registration.created, find_resident(session, registration.resident_id)

        def done(result: tuple[bool, ResidentSummary | None]) -> None:
            created, resident = result
            assert resident is not None  # registered in the same unit of work
            self.register_box.setVisible(False)
            if not created:
                self.lookup_hint.setText(self.tr("This document number is already registered: %1's record is opened.")
                                         .replace("%1", resident.name))
            self._choose_resident(resident)

        def failed(failure: Failure) -> None:
            show_error(self.reg_error, failure.message)
            widget = {"id_number": self.reg_id, "name": self.reg_name, "phone": self.reg_phone}.get(failure.field)
            (widget or self.reg_id).setFocus()

        self._runner.op(work).success(done).failure(failed).run()

    def _load_resident(self, resident_id: uuid.UUID) -> None:
        def work(session: Session) -> ResidentSummary | None:
            from app.services.lookups import find_resident

            return find_resident(session, resident_id)

        self._runner.op(work).success(lambda r: self._choose_resident(r) if r else None).run()

    def _choose_resident(self, resident: Any) -> None:
        self._resident = resident
        self.register_box.setVisible(False)
        resident_id = resident.id
        # The list of the previous resident must never be what an Enter picks.
        self._choices = None
        self.item_list.clear()
        self._items_pending = True

        def work(session: Session) -> ItemChoices:
            from app.services.case_detail import item_choices

            return item_choices(session, resident_id=resident_id)

        def failed(failure: Failure) -> None:
            self._items_pending = False
            show_error(self.resident_error, failure.message)

        self._runner.op(work).success(self._show_items).failure(failed).run()

    # -- step 2: item ---------------------------------------------------------------
    def _build_item_step(self) -> QWidget:
        page = QWidget()
        self.item_list = QListWidget()
        self.item_list.setStyleSheet("QListWidget { font-size: 15px } QListWidget::item { padding: 5px }")
        self.item_filter = NavLineEdit(self.item_list)
        self.item_filter.setPlaceholderText(self.tr("Type part of the item's name, its pinyin initials or its code"))
        self.item_filter.setStyleSheet("font-size: 16px; padding: 6px")
        self.item_filter.setClearButtonEnabled(True)
        self.item_info = QLabel()
        self.item_info.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("<b>2. Which service item?</b> Their earlier items and the center's "
                                        "frequent items come first.")))
        layout.addWidget(self.item_filter)
        layout.addWidget(self.item_list, 1)
        layout.addWidget(self.item_info)
        self.item_filter.textChanged.connect(self._fill_items)
        self.item_filter.returnPressed.connect(self._item_enter)
        self.item_list.itemActivated.connect(lambda item: self._choose_item(item.data(ROLE)))
        self.item_list.currentItemChanged.connect(self._describe_item)
        return page

    def _show_items(self, choices: Any) -> None:
        self._items_pending = False
        self._choices = choices
        self.item_filter.clear()
        self._fill_items("")
        self._go(STEP_ITEM)
        wanted = next((source.item_id for source in (self._inquiry, self._appointment)
                       if source is not None and source.item_id is not None), None)
        if wanted is not None:
            chosen = next((i for i in choices.items if i.id == wanted), None)
            if chosen is not None:
                self._choose_item(chosen)
                return
        if not choices.items:
            self.item_info.setText(self.tr("No service catalog has been imported. The center head imports it on "
                                           "the Catalog screen."))

    def _fill_items(self, text: str) -> None:
        self.item_list.clear()
        if self._choices is None:
            return
        by_id = {item.id: item for item in self._choices.items}
        text = text.strip()
        sections: list[tuple[str, list[Any]]] = []
        if text:
            sections.append((self.tr("Matching items"), [i for i in self._choices.items if i.matches(text)]))
        else:
            # In the domain's order (suggestions.rank_own_items): the first line is
            # what this resident most likely came for, and the first Enter takes it.
            # Items settled for now (being handled, or done within their period)
            # come after the frequent ones: Enter never files them again.
            settled = {own.code for own in self._choices.resident_items if own.settled}
            mine_all = [by_id[i] for i in self._choices.resident_recent if i in by_id]
            mine = [i for i in mine_all if i.code not in settled]
            done = [i for i in mine_all if i.code in settled]
            taken = {i.id for i in mine_all}
            frequent = [by_id[i] for i in self._choices.desk_recent if i in by_id and i not in taken]
            frequent += [i for i in self._choices.items if i.high_frequency and i.id not in taken and i not in frequent]
            taken.update(i.id for i in frequent)
            sections.append((self.tr("This resident's earlier items (most likely first)"), mine))
            sections.append((self.tr("Frequent items"), frequent))
            sections.append((self.tr("Done or in progress for this resident (not due now)"), done))
            sections.append((self.tr("All items"), [i for i in self._choices.items if i.id not in taken]))
        why = {own.code: own for own in self._choices.resident_items} if not text else {}
        modes = handling_mode_labels()
        for title, items in sections:
            if not items:
                continue
            header = QListWidgetItem(title)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setForeground(Qt.GlobalColor.darkBlue)
            self.item_list.addItem(header)
            for item in items:
                mode = modes.get(item.handling_mode, item.handling_mode)
                if item.handling_mode != HandlingMode.ON_THE_SPOT:
                    mode += " · " + self.tr("%1 working days").replace("%1", str(item.committed_days))
                line = f"   {item.name}    [{item.code}]  {item.department} · {mode}"
                own = why.get(item.code)
                if own is not None:
                    line += "    — " + self._own_reason(own)
                row = QListWidgetItem(line)
                row.setData(ROLE, item)
                if own is not None and own.is_due:
                    row.setForeground(Qt.GlobalColor.darkGreen)
                self.item_list.addItem(row)
        self._select_first_item()
        if not text:
            self.item_filter.setFocus()

    def _own_reason(self, own: Any) -> str:
        """Why one of the resident's own items stands where it does."""
        last = f"{own.last:%Y-%m-%d}"
        if own.open_case:
            return self.tr("a case of it is still open (last %1): see 办件").replace("%1", last)
        if own.is_due:
            return self.tr("due again (every %1 months; last %2)").replace("%1", str(own.recurrence_months)) \
                .replace("%2", last)
        if own.due_on is not None:
            return self.tr("done %1; next due %2").replace("%1", last).replace("%2", f"{own.due_on:%Y-%m-%d}")
        return self.tr("%1 time(s), last %2").replace("%1", str(own.times)).replace("%2", last)

    def _select_first_item(self) -> None:
        """The first item line becomes current, and the list shows it from the top:
        what Enter takes is the first line the worker sees."""
        self.item_list.scrollToTop()
        for index in range(self.item_list.count()):
            if self.item_list.item(index).data(ROLE) is not None:
                self.item_list.setCurrentRow(index)
                return

    def _describe_item(self, current: QListWidgetItem | None, _previous: Any = None) -> None:
        item = current.data(ROLE) if current is not None else None
        if item is None:
            self.item_info.setText("")
            return
        self.item_info.setText(
            self.tr("Materials: %1 · statutory limit %2 working days, committed %3 · fee: %4")
            .replace("%1", "、".join(m.name for m in item.materials) or "—")
            .replace("%2", str(item.statutory_days)).replace("%3", str(item.committed_days)).replace("%4", item.fee))

    def _item_enter(self) -> None:
        if self._items_pending or self._choices is None:
            return  # the list is not there yet; nothing is picked blind
        current = self.item_list.currentItem()
        if current is None or current.data(ROLE) is None:
            self._select_first_item()
            current = self.item_list.currentItem()
        if current is not None and current.data(ROLE) is not None:
            self.item_list.scrollToItem(current)
            self._choose_item(current.data(ROLE))

    def _choose_item(self, item: Any) -> None:
        if item is None:
            return
        self._item = item
        self._fill_materials()
        self._go(STEP_MATERIALS)

    # -- step 3: materials ------------------------------------------------------------
    def _build_materials_step(self) -> QWidget:
        page = QWidget()
        self.materials = _MaterialsTable(0, 6)
        self.materials.setHorizontalHeaderLabels([
            self.tr("Have it"), self.tr("Material"), self.tr("Required"), self.tr("Count"), self.tr("Received as"),
            self.tr("Note"),
        ])
        self.materials.verticalHeader().setVisible(False)
        self.materials.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.materials.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                       | QAbstractItemView.EditTrigger.EditKeyPressed
                                       | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.materials.setItemDelegateForColumn(COL_FORM, _FormDelegate(self.materials))
        header = self.materials.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        self.materials_summary = QLabel()
        self.materials_summary.setWordWrap(True)
        next_button = QPushButton(self.tr("Next: outcome (Enter)"))
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr(
            "<b>3. Materials.</b> All are ticked as received; press Space to untick one that is missing. "
            "←/→ move to the count, form or note; type to change it.")))
        layout.addWidget(self.materials, 1)
        layout.addWidget(self.materials_summary)
        layout.addWidget(next_button)
        self.materials.proceed.connect(self._materials_done)
        self.materials.itemChanged.connect(lambda _item: self._summarise_materials())
        next_button.clicked.connect(self._materials_done)
        return page

    def _fill_materials(self) -> None:
        forms = form_labels()
        table = self.materials
        table.blockSignals(True)
        table.setRowCount(len(self._item.materials))
        for row, material in enumerate(self._item.materials):
            received = QTableWidgetItem()
            received.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            received.setCheckState(Qt.CheckState.Checked)
            received.setData(ROLE, material)
            name = QTableWidgetItem(material.name + ("" if material.key else self.tr(" (not key)")))
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            if material.notes:
                name.setToolTip(material.notes)
            required = QTableWidgetItem(f"{forms.get(material.form, material.form)} × {material.count}")
            required.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            count = QTableWidgetItem()
            count.setData(Qt.ItemDataRole.EditRole, material.count)
            form = QTableWidgetItem(forms.get(material.form, material.form))
            form.setData(ROLE, material.form)
            for column, cell in enumerate((received, name, required, count, form, QTableWidgetItem(""))):
                table.setItem(row, column, cell)
        table.blockSignals(False)
        if table.rowCount():
            table.setCurrentCell(0, COL_RECEIVED)
        self._summarise_materials()

    def _material_rows(self) -> list[tuple[Any, int, str | None, str]]:
        """(material, received count, received form, note) for each row."""
        rows = []
        for row in range(self.materials.rowCount()):
            tick = self.materials.cell(row, COL_RECEIVED)
            material = tick.data(ROLE)
            count = 0
            if tick.checkState() == Qt.CheckState.Checked:
                try:
                    count = max(0, int(self.materials.cell(row, COL_COUNT).data(Qt.ItemDataRole.EditRole)))
                except (TypeError, ValueError):
                    count = material.count
            form = self.materials.cell(row, COL_FORM).data(ROLE) if count else None
            rows.append((material, count, form, self.materials.cell(row, COL_NOTE).text().strip()))
        return rows

    def _missing(self) -> tuple[list[Any], list[Any]]:
        key: list[Any] = []
        other: list[Any] = []
        for material, count, _form, _note in self._material_rows():
            if count < material.count:
                (key if material.key else other).append(material)
        return key, other

    def _summarise_materials(self) -> None:
        self.materials.blockSignals(True)
        for row in range(self.materials.rowCount()):
            have = self.materials.cell(row, COL_RECEIVED).checkState() == Qt.CheckState.Checked
            for column in range(1, self.materials.columnCount()):
                cell = self.materials.item(row, column)
                if cell is not None:
                    cell.setForeground(self.palette().text().color() if have else Qt.GlobalColor.gray)
        self.materials.blockSignals(False)
        key, other = self._missing()
        if not key and not other:
            text = self.tr("All materials received.")
        else:
            text = self.tr("Missing: %1").replace("%1", "、".join(m.name for m in key + other))
        self.materials_summary.setText(text)

    def _materials_done(self) -> None:
        if self._item is not None:
            self._fill_outcomes()
            self._go(STEP_OUTCOME)

    # -- step 4: outcome ---------------------------------------------------------------
    def _build_outcome_step(self) -> QWidget:
        page = QWidget()
        self.outcomes = _OutcomeList()
        self.outcomes.setStyleSheet("QListWidget { font-size: 15px } QListWidget::item { padding: 6px }")
        self.outcome_hint = QLabel()
        self.outcome_hint.setWordWrap(True)
        self.fields = QGroupBox(self.tr("Details"))
        self.reasons = QPlainTextEdit()
        self.reasons.setPlaceholderText(self.tr("Why it cannot be accepted (printed on the notice)"))
        self.reasons.setMaximumHeight(80)
        self.supply_by = date_edit()
        self.supplement_by_on = QCheckBox(self.tr("Ask for them by"))
        self.supplement_by = date_edit()
        self.forwarded_to = QLineEdit()
        self.forwarded_to.setPlaceholderText(self.tr("e.g. town civil affairs office"))
        self.expected_return_on = QCheckBox(self.tr("Expected back by"))
        self.expected_return = date_edit()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Optional note"))
        # 外出服务: where the case is taken in (the field laptop offers its trip's mode and the visit's place).
        self.field_mode = QComboBox()
        self.field_mode.addItem(self.tr("At the center"), "")
        self.field_mode.addItem(self.tr("Home visit (上门)"), "home")
        self.field_mode.addItem(self.tr("Mobile service (巡回)"), "tour")
        self.field_place = QLineEdit()
        self.field_place.setPlaceholderText(self.tr("Village group and address, e.g. 三组 和平村三组12号"))
        flag_over_limit(self.field_place, 200)
        form = QFormLayout(self.fields)
        self._field_rows: dict[str, list[QWidget]] = {}

        def row(key: str, label: str, widget: QWidget) -> None:
            caption = QLabel(label)
            form.addRow(caption, widget)
            self._field_rows.setdefault(key, []).extend([caption, widget])

        row(IntakeOutcome.REJECT, self.tr("Reasons *"), self.reasons)
        row(IntakeOutcome.ACCEPT_DEFERRED, self.tr("Materials promised by *"), self.supply_by)
        row(IntakeOutcome.SUPPLEMENT, "", self.supplement_by_on)
        row(IntakeOutcome.SUPPLEMENT, "", self.supplement_by)
        row(IntakeOutcome.FORWARD, self.tr("Forward to *"), self.forwarded_to)
        row(IntakeOutcome.FORWARD, "", self.expected_return_on)
        row(IntakeOutcome.FORWARD, "", self.expected_return)
        form.addRow(self.tr("Note"), self.note)
        # Where, and for 上门/巡回 the place, on one line: the step must fit a 768-pixel screen.
        self.field_place_caption = QLabel(self.tr("Place *"))
        taken_in = QHBoxLayout()
        taken_in.addWidget(self.field_mode)
        taken_in.addWidget(self.field_place_caption)
        taken_in.addWidget(self.field_place, 1)
        form.addRow(self.tr("Taken in"), taken_in)
        self.field_mode.currentIndexChanged.connect(lambda _i: self._show_field_place())
        # 代办: a village proxy carries the case up (app.services.proxy); the 代办委托书 is printed too.
        self.proxy_agent = QLineEdit()
        self.proxy_agent.setPlaceholderText(self.tr("Only when a village proxy carries it: the proxy's name"))
        form.addRow(self.tr("Proxy (代办员)"), self.proxy_agent)
        self.outcome_error = error_label()
        self.confirm = QPushButton(self.tr("Confirm (Ctrl+Enter)"))
        self.confirm.setDefault(True)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("<b>4. Outcome.</b> The suggested one is selected; Enter confirms it.")))
        layout.addWidget(self.outcomes)
        layout.addWidget(self.outcome_hint)
        # The details scroll when the screen is short (768 pixels, or 150% scaling): the step grew with
        # each outcome's fields, and 确认 below them must stay on screen.
        details = QScrollArea()
        details.setWidgetResizable(True)
        details.setFrameShape(QFrame.Shape.NoFrame)
        details.setWidget(self.fields)
        details.setMinimumHeight(120)
        layout.addWidget(details, 1)
        layout.addWidget(self.outcome_error)
        layout.addWidget(self.confirm)
        self.outcomes.proceed.connect(self._outcome_enter)
        self.outcomes.itemActivated.connect(lambda _item: self._outcome_enter())
        self.outcomes.currentItemChanged.connect(lambda *_: self._show_fields())
        self.confirm.clicked.connect(self._submit)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), page)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._submit)
        for edit in (self.forwarded_to, self.note, self.field_place):
            edit.returnPressed.connect(self._submit)
        return page

    def _show_field_place(self) -> None:
        away = bool(self.field_mode.currentData())
        self.field_place_caption.setVisible(away)
        self.field_place.setVisible(away)

    def _load_field_marking(self, resident_id: Any) -> None:
        """On a field laptop out on 外出服务, the case is marked 上门 / 巡回 with
        the visit's place unless the worker changes it; at the center, nothing."""
        from app.services.field_service import intake_marking

        def shown(marking: tuple[str, str]) -> None:
            if self._resident is None or self._resident.id != resident_id:
                return
            mode, place = marking
            self.field_mode.setCurrentIndex(max(self.field_mode.findData(mode), 0))
            self.field_place.setText(place)
            self._show_field_place()

        self._runner.op(lambda session: intake_marking(session, resident_id)).success(shown).run()

    def _available_outcomes(self) -> OutcomeChoice:
        """What the domain allows for this item and these materials, and what it suggests."""
        key, other = self._missing()
        return lifecycle.outcome_options(
            handling_mode=self._item.handling_mode, allows_deferred=self._item.allows_deferred,
            missing_key=[m.name for m in key], missing_other=[m.name for m in other],
        )

    def _load_supplement_due(self, item_id: Any, today: date) -> None:
        """补正: the item's deadline in working days is the default date, and the
        box says so; ticking it lets the worker set another date."""
        from app.services.lookups import supplement_due

        def shown(found: Any) -> None:
            if self._item is None or self._item.id != item_id or self.supplement_by_on.isChecked():
                return
            set_date(self.supplement_by, found.due)
            self.supplement_by_on.setText(self.tr("Another date than the item's %1 working days (%2)")
                                          .replace("%1", str(found.days)).replace("%2", f"{found.due:%Y-%m-%d}"))

        self._runner.op(lambda session: supplement_due(session, item_id, today)).success(shown).run()

    def _fill_outcomes(self) -> None:
        choice = self._available_outcomes()
        self.outcomes.clear()
        for option in choice.options:
            label = str(option.outcome.label)
            entry = QListWidgetItem(label)
            entry.setData(ROLE, option.outcome.value)
            if option.reason is not None:
                reason = str(option.reason)
                entry.setFlags(Qt.ItemFlag.NoItemFlags)
                entry.setToolTip(reason)
                entry.setText(f"{label}  —  {reason}")
            self.outcomes.addItem(entry)
            if option.outcome == choice.suggested:
                self.outcomes.setCurrentItem(entry)
        # Every outcome visible at once, never behind a scroll bar.
        rows = sum(self.outcomes.sizeHintForRow(i) for i in range(self.outcomes.count()))
        self.outcomes.setFixedHeight(rows + 2 * self.outcomes.frameWidth() + 4)
        for edit in (self.reasons, self.note, self.forwarded_to, self.proxy_agent):
            edit.clear()
        self.forwarded_to.setText(self._item.department)
        today = date.today()
        set_date(self.supply_by, today + timedelta(days=3))
        set_date(self.supplement_by, today + timedelta(days=7))  # until the item's own deadline arrives
        self._load_supplement_due(self._item.id, today)
        set_date(self.expected_return, today + timedelta(days=max(self._item.committed_days, 1)))
        self.supplement_by_on.setChecked(False)
        self.expected_return_on.setChecked(False)
        self.field_mode.setCurrentIndex(0)
        self.field_place.clear()
        self._show_field_place()
        if self._resident is not None:
            self._load_field_marking(self._resident.id)
        show_error(self.outcome_error, "")
        self._show_fields()
        self.outcomes.setFocus()

    def _outcome(self) -> IntakeOutcome | None:
        current = self.outcomes.currentItem()
        if current is None or not current.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return IntakeOutcome(current.data(ROLE))

    def _show_fields(self) -> None:
        outcome = self._outcome()
        for key, widgets in self._field_rows.items():
            for widget in widgets:
                widget.setVisible(key == outcome)
        hints = {
            IntakeOutcome.DONE_ON_THE_SPOT: self.tr("Completed now; a completion slip is printed."),
            IntakeOutcome.ACCEPT: self.tr("Accepted; the committed date is counted in working days and printed on the receipt."),
            IntakeOutcome.ACCEPT_DEFERRED: self.tr("Accepted now; the resident promises the missing materials by the date below."),
            IntakeOutcome.SUPPLEMENT: self.tr("Nothing is accepted and no clock starts; the notice lists exactly what is "
                                          "missing."),
            IntakeOutcome.REJECT: self.tr("The notice gives the reasons and how to appeal."),
            IntakeOutcome.FORWARD: self.tr("Taken to the town or county department on the resident's behalf."),
            IntakeOutcome.NOTIFY_ONLY: self.tr("No case: the resident gets the one-time notification slip, recorded as an "
                                   "inquiry."),
        }
        self.outcome_hint.setText(hints[outcome] if outcome is not None else "")

    def _outcome_enter(self) -> None:
        outcome = self._outcome()
        if outcome is None:
            return
        focus = {IntakeOutcome.REJECT: self.reasons, IntakeOutcome.ACCEPT_DEFERRED: self.supply_by,
                 IntakeOutcome.FORWARD: self.forwarded_to}
        if outcome in focus and self.outcomes.hasFocus():
            focus[outcome].setFocus()
            return
        self._submit()

    def _submit(self) -> None:
        outcome = self._outcome()
        if outcome is None or self._resident is None or self._item is None:
            return
        from app.services.cases import IntakeRequest, MaterialReceipt

        rows = self._material_rows()
        actor, resident_id, item_id = self._actor, self._resident.id, self._item.id
        inquiry_id = self._inquiry.id if self._inquiry is not None and self._inquiry.is_open else None
        supply_by = date_of(self.supply_by) if outcome == IntakeOutcome.ACCEPT_DEFERRED else None
        receipts = tuple(
            MaterialReceipt(material.id, count, received_form=form, note=note,
                            supply_by=supply_by if count < material.count and not material.key else None)
            for material, count, form, note in rows
        )
        request = IntakeRequest(
            resident_id=resident_id, item_id=item_id, outcome=outcome, materials=receipts,
            note=self.note.text().strip(), reasons=self.reasons.toPlainText().strip() if outcome == IntakeOutcome.REJECT else "",
            forwarded_to=self.forwarded_to.text().strip() if outcome == IntakeOutcome.FORWARD else "",
            expected_return=date_of(self.expected_return)
            if outcome == IntakeOutcome.FORWARD and self.expected_return_on.isChecked() else None,
            supplement_by=date_of(self.supplement_by)
            if outcome == IntakeOutcome.SUPPLEMENT and self.supplement_by_on.isChecked() else None,
            inquiry_id=inquiry_id,
            field_mode=self.field_mode.currentData() or "",
            field_place=self.field_place.text().strip() if self.field_mode.currentData() else "",
        )
        proxy_name = self.proxy_agent.text().strip()
        missing = tuple(material.name for material, count, _f, _n in rows if count < material.count)
        # The appointment links to the case only if it is the booked person's (the worker may have chosen another).
        appointment = self._appointment
        appointment_id = appointment.appointment_id if appointment is not None and appointment.resident_id in (
            None, resident_id) else None

        def work(session: Session) -> IntakeDone:
            from app.services.calendar_store import load_work_calendar
            from app.services.cases import take_in
            from app.services.inquiries import record_notification

            if outcome == IntakeOutcome.NOTIFY_ONLY:
                result = record_notification(session, actor, resident_id=resident_id, item_id=item_id,
                                             missing_materials=missing, note=request.note)
                return IntakeDone(None, result.id, "", "", outcome, None, None, result.documents)
            if proxy_name:  # 代办: the intake with the 代办委托书
                from app.services.proxy import ProxyAgent, entrust

                case = entrust(session, actor, request, ProxyAgent(proxy_name), calendar=load_work_calendar(session))
            else:
                case = take_in(session, actor, request, calendar=load_work_calendar(session))
            if appointment_id is not None:  # the appointment links to the case it became
                from app.services.appointments import link_case

                link_case(session, actor, appointment_id, case.id)
            from app.services.backup import handed_over

            handler, acting_for = handed_over(session, case.id, taken_by=actor.staff_id)
            return IntakeDone(case.id, None, case.case_number, case.status, outcome, case.committed_due,
                              case.statutory_due, tuple(case.events[-1].data.get("documents", ())),
                              handler_name=handler, acting_for_name=acting_for)

        def failed(failure: Failure) -> None:
            show_error(self.outcome_error, failure.message)
            widget = {"reasons": self.reasons, "supply_by": self.supply_by, "forwarded_to": self.forwarded_to,
                      "agent_name": self.proxy_agent, "agent_phone": self.proxy_agent,
                      "expected_return": self.expected_return, "supplement_by": self.supplement_by,
                      "materials": self.materials, "field_mode": self.field_mode,
                      "field_place": self.field_place}.get(failure.field)
            if widget is self.materials:
                self._go(STEP_MATERIALS)
                show_error(self.outcome_error, "")
                self.materials_summary.setText(failure.message)
            elif widget is not None:
                widget.setFocus()

        self.confirm.setEnabled(False)

        def finish(result: IntakeDone) -> None:
            self.confirm.setEnabled(True)
            self._show_done(result)

        def fail(failure: Failure) -> None:
            self.confirm.setEnabled(True)
            failed(failure)

        self._runner.op(work).success(finish).failure(fail).run()

    # -- step 5: done -------------------------------------------------------------------
    def _build_done_step(self) -> QWidget:
        page = QWidget()
        self.done_title = QLabel()
        self.done_title.setStyleSheet("font-size: 18px; font-weight: bold; color: #1d5c1d")
        self.done_title.setWordWrap(True)
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        self.done_text.setStyleSheet("font-size: 15px")
        self.print_button = QPushButton(self.tr("Print (Enter)"))
        self.print_button.setDefault(True)
        self.print_button.setAutoDefault(True)
        self.case_button = QPushButton(self.tr("Open the case"))
        self.next_button = QPushButton(self.tr("Next resident (F2)"))
        buttons = QHBoxLayout()
        for button in (self.print_button, self.case_button, self.next_button):
            button.setAutoDefault(True)  # Enter presses the focused button
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_text)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.print_button.clicked.connect(self._print_done)
        self.case_button.clicked.connect(self._open_done_case)
        self.next_button.clicked.connect(lambda: self.start())
        return page

    def _print_done(self) -> None:
        if self._done is not None:
            self.print_documents.emit(self._done)

    def mark_printed(self, numbers: list[str]) -> None:
        """The slips went to the printer: say so, and let Enter go to the next
        resident (another Enter on 打印 would make a 补打 with a new number)."""
        if self._done is None or self.steps.currentIndex() != STEP_DONE:
            return
        self.done_text.setText(self.done_text.text() + "\n" + self.tr("✓ Printed: %1").replace("%1", "、".join(numbers)))
        self.print_button.setText(self.tr("Print again (reprint)"))
        self.print_button.setDefault(False)
        self.next_button.setDefault(True)
        self.next_button.setText(self.tr("Next resident (Enter / F2)"))
        self.next_button.setFocus()

    def _open_done_case(self) -> None:
        if self._done is not None and self._done.case_id:
            self.open_case.emit(self._done.case_id)

    def _show_done(self, result: IntakeDone) -> None:
        self._done = result
        outcome = outcome_labels().get(result.outcome, result.outcome)
        if result.case_id is None:
            self.done_title.setText(self.tr("Recorded: %1").replace("%1", outcome))
        else:
            self.done_title.setText(self.tr("%1 — case %2").replace("%1", outcome).replace("%2", result.case_number))
        lines = [self.tr("Applicant: %1 · Item: %2").replace("%1", self._resident.name).replace("%2", self._item.name)]
        if result.committed_due is not None and result.outcome != IntakeOutcome.DONE_ON_THE_SPOT:
            lines.append(self.tr("Committed completion date: %1 (statutory limit: %2)")
                         .replace("%1", f"{result.committed_due:%Y-%m-%d}")
                         .replace("%2", f"{result.statutory_due:%Y-%m-%d}" if result.statutory_due else "—"))
        if result.handler_name:
            lines.append(self.tr("%1 is away: this case goes to %2, who acts for them (A/B backup).")
                         .replace("%1", result.acting_for_name or self.tr("The item's responsible worker"))
                         .replace("%2", result.handler_name))
        docs = document_labels()
        if result.documents:
            lines.append(self.tr("To print: %1").replace("%1", "、".join(docs.get(d, d) for d in result.documents)))
        self.done_text.setText("\n".join(lines))
        self.print_button.setVisible(bool(result.documents))
        self.print_button.setText(self.tr("Print (Enter)"))
        self.print_button.setDefault(True)
        self.next_button.setDefault(False)
        self.next_button.setText(self.tr("Next resident (F2)"))
        self.case_button.setVisible(result.case_id is not None)
        self._go(STEP_DONE)
        self.finished.emit(result)

    # -- navigation ---------------------------------------------------------------------
    def _go(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self._update_trail()
        focus = {
            STEP_RESIDENT: self.lookup,
            STEP_ITEM: self.item_filter,
            STEP_MATERIALS: self.materials,
            STEP_OUTCOME: self.outcomes,
            STEP_DONE: self.print_button if self._done and self._done.documents else self.next_button,
        }[step]
        focus.setFocus()

    def _update_trail(self) -> None:
        names = [self.tr("1 Resident"), self.tr("2 Item"), self.tr("3 Materials"), self.tr("4 Outcome"),
                 self.tr("5 Print")]
        step = self.steps.currentIndex()
        parts = [f"<b>{name}</b>" if i == step else name for i, name in enumerate(names)]
        text = " → ".join(parts)
        if self._resident is not None:
            text += "&nbsp;&nbsp;|&nbsp;&nbsp;" + self.tr("Applicant: %1 (%2)").replace("%1", self._resident.name) \
                .replace("%2", self._resident.id_masked)
        if self._item is not None and step > STEP_ITEM:
            text += "&nbsp;&nbsp;|&nbsp;&nbsp;" + self.tr("Item: %1").replace("%1", self._item.name)
        if self._inquiry is not None:
            text += "&nbsp;&nbsp;|&nbsp;&nbsp;" + self.tr("From inquiry: %1").replace("%1", self._inquiry.topic)
        if self._appointment is not None:
            text += "&nbsp;&nbsp;|&nbsp;&nbsp;" + self.tr("Appointment: %1").replace("%1", self._appointment.slot)
        self.trail.setText(text)
