"""事项目录 — the current service catalog, its materials, and importing a new one."""
from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.ui.labels import form_labels, handling_mode_labels
from app.ui.operations import CHANGED_CATALOG, Failure, OperationRunner
from app.ui.widgets import EmptyHint

if TYPE_CHECKING:
    from app.db import Session
    from app.services.context import Actor
    from app.services.lookups import CatalogItemDetail
    from app.services.queries import CatalogRow


class CatalogScreen(QWidget):
    print_targets = Signal(list)  # [PrintTarget]: the 网上办理指引 of an online item

    def __init__(self, runner: OperationRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._actor: Actor | None = None
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import catalog file…"))
        self.import_button.setToolTip(self.tr("Import the catalog published by the county (JSON). Old versions are kept."))
        top = QHBoxLayout()
        top.addWidget(self.banner, 1)
        top.addWidget(self.import_button)
        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Service item"), self.tr("Department"), self.tr("Handling"),
            self.tr("Statutory (working days)"), self.tr("Committed (working days)"), self.tr("Materials"),
            self.tr("Online"),
        ])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.empty_hint = EmptyHint(self.table)
        self.detail = QTextBrowser()
        self.guide_button = QPushButton(self.tr("Print the online guide (QR)…"))
        self.guide_button.setToolTip(self.tr("A slip for the resident: the platform's address as a QR code, the steps "
                                             "and the materials to have ready"))
        self.guide_button.setVisible(False)
        self._item_id: Any = None
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.detail, 1)
        below_layout.addWidget(self.guide_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(below)
        splitter.setSizes([400, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.import_button.clicked.connect(self._choose_file)
        self.guide_button.clicked.connect(self._print_guide)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_item(row))
        runner.changed.connect(lambda tags: self.reload() if CHANGED_CATALOG in tags else None)
        self._rows: list[CatalogRow] = []

    def set_actor(self, actor: Actor | None) -> None:
        from app.services.catalog_import import SAMPLE_CATALOG

        self._actor = actor
        enrolled = self.tr("Once this computer is enrolled with the county server, the county's catalog "
                           "arrives by itself with the next sync.")
        if actor is not None and actor.is_head:
            self.empty_hint.set_text(self.tr(
                "No catalog yet. Click “Import catalog file…” and choose the catalog the county published. "
                "To try OneWindow first, import the sample catalog (for trial only):\n%1")
                .replace("%1", str(SAMPLE_CATALOG)) + "\n\n" + enrolled)
        else:
            self.empty_hint.set_text(self.tr("No catalog yet. Ask the center head to import the county's "
                                             "catalog file.") + "\n\n" + enrolled)
        self.import_button.setEnabled(actor is not None and actor.is_head)
        if actor is not None and not actor.is_head:
            self.import_button.setText(self.tr("Import catalog (center head only)"))
            self.import_button.setToolTip(self.tr("Only the center head can import a catalog."))

    def show_on_entry(self) -> None:
        """Load once; later imports refresh through the change announcement."""
        if not self._rows:
            self.reload()

    def reload(self) -> None:
        def load(session: Session) -> tuple[tuple[str, bool, str, str] | None, list[CatalogRow]]:
            from app.services.queries import catalog_rows

            version, rows = catalog_rows(session)
            info = None if version is None else (version.version, version.is_sample, version.notice, version.region)
            return info, rows

        self._runner.op(load).success(self._show).run()

    def _show(self, result: tuple[tuple[str, bool, str, str] | None, list[CatalogRow]]) -> None:
        info, rows = result
        self._rows = rows
        if info is None:
            self.banner.setText(self.tr("No catalog has been imported yet."))
        else:
            version, is_sample, notice, region = info
            text = self.tr("Catalog version %1 (%2), %3 items.").replace("%1", version).replace("%2", region).replace("%3", str(len(rows)))
            if is_sample:
                text = "<b style='color:#b00000'>" + self.tr("SAMPLE CATALOG") + "</b> " + text + "<br>" + notice
            self.banner.setText(text)
        modes = handling_mode_labels()
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            values = [row.code, ("★ " if row.high_frequency else "") + row.name, row.department,
                      modes.get(row.handling_mode, row.handling_mode), str(row.statutory_days),
                      str(row.committed_days), str(row.materials), self.tr("Yes") if row.online else ""]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        if rows:
            self.table.selectRow(0)

    def _show_item(self, row: int) -> None:
        if not 0 <= row < len(self._rows):
            self.detail.clear()
            return
        item_id = self._rows[row].id

        def load(session: Session) -> CatalogItemDetail | None:
            from app.services.lookups import catalog_item_detail

            return catalog_item_detail(session, item_id)

        self._runner.op(load).success(self._render_item).run()

    def _render_item(self, item: CatalogItemDetail | None) -> None:
        self.guide_button.setVisible(item is not None and item.online)
        self._item_id = item.id if item is not None else None
        if item is None:  # gone meanwhile (a newer catalog was imported)
            self.detail.clear()
            return
        forms = form_labels()
        # Labels are fetched outside the f-strings: lupdate cannot see a tr()
        # call inside an f-string, and the string would stay untranslated.
        may_defer = self.tr("(may be supplied later)")
        labels = {
            "conditions": self.tr("Conditions"), "basis": self.tr("Legal basis"), "fee": self.tr("Fee"),
            "where": self.tr("Where"), "process": self.tr("Process"), "material": self.tr("Material"),
            "form": self.tr("Form"), "copies": self.tr("Copies"), "issuer": self.tr("Issued by"),
            "obtain": self.tr("How to obtain"), "online": self.tr("Can be done online: print the online guide "
                                                                   "for the resident, or help them apply (帮办网办)."),
        }
        e = html.escape
        rows = "".join(
            f"<tr><td>{i}</td><td>{e(m.name)}{'' if m.key else ' ' + may_defer}</td>"
            f"<td>{forms.get(m.form, m.form)}</td><td>{m.count}</td><td>{e(m.issuer)}</td><td>{e(m.obtain)}</td></tr>"
            for i, m in enumerate(item.materials, start=1)
        )
        self.detail.setHtml(
            f"<h3>{e(item.name)}</h3>"
            + (f"<p style='color:#1b5e20'><b>{labels['online']}</b></p>" if item.online else "") +
            f"<p><b>{labels['conditions']}:</b> {e(item.conditions)}</p>"
            f"<p><b>{labels['basis']}:</b> {e(item.legal_basis)}</p>"
            f"<p><b>{labels['fee']}:</b> {e(item.fee)} &nbsp; <b>{labels['where']}:</b> {e(item.location)}</p>"
            f"<p><b>{labels['process']}:</b> {e(' → '.join(item.process))}</p>"
            f"<table border='1' cellspacing='0' cellpadding='3'><tr><th>#</th><th>{labels['material']}</th>"
            f"<th>{labels['form']}</th><th>{labels['copies']}</th><th>{labels['issuer']}</th>"
            f"<th>{labels['obtain']}</th></tr>{rows}</table>"
        )

    def _print_guide(self) -> None:
        from app.services.documents import PrintTarget
        from app.services.online_assist import DOC_ONLINE_GUIDE

        if self._item_id is not None:
            self.print_targets.emit([PrintTarget(DOC_ONLINE_GUIDE, item_id=self._item_id)])

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import catalog"), "", self.tr("Catalog files (*.json)"))
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        actor = self._actor

        def work(session: Session) -> tuple[str, int]:
            from app.services.catalog_import import import_catalog, load_catalog_file

            catalog = load_catalog_file(path)
            import_catalog(session, catalog, actor=actor)
            return catalog.version, len(catalog.items)

        def done(result: tuple[str, int]) -> None:
            QMessageBox.information(
                self, self.tr("Catalog imported"),
                self.tr("Catalog version %1 with %2 items is now in use.").replace("%1", result[0]).replace("%2", str(result[1])),
            )

        def failed(failure: Failure) -> None:
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Catalog not imported"), failure.message, parent=self)
            box.setDetailedText(failure.details)
            box.exec()

        self._runner.op(work).success(done).failure(failed).run()
