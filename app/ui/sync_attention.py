"""需要处理 — the needs-attention list: conflicts and refusals from the county,
each with the desk's version beside the county's, and the choices it allows."""
from __future__ import annotations

import html
import json
from typing import Any

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

from app.ui.operations import CHANGED_CASES, CHANGED_INQUIRIES, CHANGED_RESIDENTS, Failure, OperationRunner

# Fields worth showing side by side; the rest is shown only when it differs.
_SKIP = {"id", "center_id", "created_at", "updated_at", "materials", "sync_state", "sync_error", "synced_at"}


class AttentionDialog(QDialog):
    def __init__(self, runner: OperationRunner, *, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor = actor
        self.items: list[Any] = []
        self.setWindowTitle(self.tr("Needs attention"))
        self.resize(900, 560)
        self.list = QListWidget()
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
        def work(session):  # noqa: ANN001, ANN202
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
                 f"<p>{html.escape(item.reason)}</p>"]
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

        def work(session):  # noqa: ANN001, ANN202
            from app.sync.attention import resolve

            resolve(session, item_id, choice, staff_id=staff_id)

        def failed(failure: Failure) -> None:
            self.error.setText(failure.message)

        self._runner.op(work).success(lambda _r: self.reload()).failure(failed) \
            .changes(CHANGED_CASES, CHANGED_INQUIRIES, CHANGED_RESIDENTS).run()


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[:300]
    return "" if value is None else str(value)


def _compare(mine: dict[str, Any], county: dict[str, Any], left: str, right: str) -> str:
    keys = [k for k in dict.fromkeys([*mine, *county]) if k not in _SKIP]
    rows = []
    for key in keys:
        a, b = _text(mine.get(key)), _text(county.get(key))
        if not a and not b:
            continue
        style = " style='background:#fff3cd'" if a != b else ""
        rows.append(f"<tr{style}><td>{html.escape(key)}</td><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>")
    return (f"<table border='1' cellspacing='0' cellpadding='3'><tr><th></th><th>{html.escape(left)}</th>"
            f"<th>{html.escape(right)}</th></tr>{''.join(rows)}</table>")
