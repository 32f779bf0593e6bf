"""需要处理 — the needs-attention list: conflicts and refusals from the county,
each with the desk's version beside the county's, and the choices it allows."""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.operations import Failure, OperationRunner
from app.ui.widgets import EmptyHint

if TYPE_CHECKING:
    from app.db import Session
    from app.sync.attention import AttentionRow


class AttentionDialog(QDialog):
    def __init__(self, runner: OperationRunner, *, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor = actor
        self.items: list[Any] = []
        self.setWindowTitle(self.tr("Needs attention"))
        self.resize(900, 560)
        self.list = QListWidget()
        self.empty_hint = EmptyHint(self.list, self.tr(
            "Nothing needs your attention: the county took everything this desk sent. You may close this window."))
        self.detail = QTextBrowser()
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        splitter.setSizes([320, 580])
        self.keep_button = QPushButton(self.tr("Keep this desk's version and send it again"))
        self.county_button = QPushButton(self.tr("Use the county's version"))
        self.ack_button = QPushButton(self.tr("Seen"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #c00000")
        row = QHBoxLayout()
        for button in (self.keep_button, self.county_button, self.ack_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "The county could not take these changes as they are. Nothing is lost: check each one and choose.")))
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.keep_button.clicked.connect(lambda: self.resolve("keep_mine"))
        self.county_button.clicked.connect(lambda: self.resolve("use_county"))
        self.ack_button.clicked.connect(lambda: self.resolve("acknowledge"))
        self.reload()

    def reload(self) -> None:
        def work(session: Session) -> list[AttentionRow]:
            from app.sync.attention import open_items

            return open_items(session)

        self._runner.op(work).success(self._fill).run()

    def _fill(self, items: list[Any]) -> None:
        from app.clock import format_local

        self.items = items
        self.list.clear()
        for item in items:
            QListWidgetItem(f"{format_local(item.created_at)}　{item.kind_label} · {item.entity_label}", self.list)
        if items:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)
        self.empty_hint.refresh()  # clear() resets the list without a row signal

    def _show(self, row: int) -> None:
        item = self.items[row] if 0 <= row < len(self.items) else None
        for button, choice in ((self.keep_button, "keep_mine"), (self.county_button, "use_county"),
                               (self.ack_button, "acknowledge")):
            button.setVisible(item is not None and choice in item.choices)
        self.error.clear()
        if item is None:
            self.detail.setHtml(self.tr("Nothing needs attention."))
            return
        parts = [f"<p><b>{html.escape(item.kind_label)} · {html.escape(item.entity_label)}</b></p>",
                 "<p>" + html.escape(item.reason).replace("\n", "<br>") + "</p>"]
        county = item.server.get("current") or item.server.get("case") or item.server.get("data") or (
            item.server if item.kind == "merged" else {})
        if item.local or county:
            parts.append(_compare(item.local, county, self.tr("This desk"), self.tr("County")))
        self.detail.setHtml("".join(parts))

    def resolve(self, choice: str) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        item_id, staff_id = self.items[row].id, getattr(self._actor, "staff_id", None)

        def work(session: Session) -> None:
            from app.sync.resolution import resolve

            resolve(session, item_id, choice, staff_id=staff_id)

        def failed(failure: Failure) -> None:
            self.error.setText(failure.message)

        self._runner.op(work).success(lambda _r: self.reload()).failure(failed).run()


def _text(key: str, value: Any, codes: dict[str, dict[str, str]]) -> str:
    """A value as the worker reads it: local times, labels for codes, ID numbers masked."""
    from datetime import datetime

    from app.clock import format_local
    from app.services.identity import mask_id_number

    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("Fields", "yes") if value else QCoreApplication.translate("Fields", "no")
    if key in codes and isinstance(value, str):
        return codes[key].get(value, value)
    if key == "id_number" and isinstance(value, str):
        return mask_id_number(value)
    if isinstance(value, str) and len(value) > 10 and value[4:5] == "-" and "T" in value:
        try:
            return format_local(datetime.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, list):
        return "、".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value)[:300]
    if isinstance(value, dict):
        return "；".join(f"{k}：{v}" for k, v in value.items())[:300]
    return str(value)


def _compare(mine: dict[str, Any], county: dict[str, Any], left: str, right: str) -> str:
    """The fields a worker can judge, side by side; differences highlighted.
    Internal ids and bookkeeping are left out."""
    from app.services.identity import DOCUMENT_TYPES
    from app.ui import labels

    names = labels.record_field_labels()
    status = labels.status_labels()
    codes = {"status": status, "from_status": status, "to_status": status, "outcome": labels.outcome_labels(),
             "kind": labels.event_labels(), "result": labels.result_labels(),
             "doc_type": {**{code: str(label) for code, label in DOCUMENT_TYPES.items()}, **labels.document_labels()}}  # a resident's ID document, a printed one
    rows = []
    for key in names:
        if key not in mine and key not in county:
            continue
        a, b = _text(key, mine.get(key), codes), _text(key, county.get(key), codes)
        if not a and not b:
            continue
        style = " style='background:#fff3cd'" if a != b else ""
        rows.append(f"<tr{style}><td>{html.escape(names[key])}</td><td>{html.escape(a)}</td>"
                    f"<td>{html.escape(b)}</td></tr>")
    return (f"<table border='1' cellspacing='0' cellpadding='3'><tr><th></th><th>{html.escape(left)}</th>"
            f"<th>{html.escape(right)}</th></tr>{''.join(rows)}</table>")
