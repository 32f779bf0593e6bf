"""Key presses for the commonest visit: a returning resident's 养老认证.

From F2 to the printed completion slip, driven through the real main window
with Qt's test events; every key event the script sends is counted, and each
goes to whatever widget has the focus at that moment, as a keyboard would.
Target: at most 10 key presses. The last line is JSON.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/intake_keys.py
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

TARGET = 10
ITEM_CODE = "RS-002"  # 城乡居民基本养老保险待遇领取资格认证（养老认证）


def main() -> int:
    app = QApplication.instance() or QApplication([])
    from app.config import StartOptions
    from app.db import open_database
    from app.models import Case, CatalogItem, PrintedDocument, Resident
    from app.models.vocabulary import IntakeOutcome
    from app.services.calendar_store import load_work_calendar
    from app.services.cases import IntakeRequest, MaterialReceipt, take_in
    from app.services.demo import DEMO_PASSWORD, DEMO_WINDOW_USER, build_demo
    from app.services.staff import check_login
    from app.ui.application import OpenedStore
    from app.ui.i18n import install_translations
    from app.ui.main_window import MainWindow
    from app.ui.operations import InlineLanes, OperationRunner
    from app.ui.screens.intake import STEP_DONE

    install_translations(app, "zh_CN")
    folder = Path(tempfile.mkdtemp(prefix="onewindow-keys-"))
    database = open_database(folder)
    build_demo(database.session_factory, residents=80, cases=150)

    # The returning resident: someone with a name whose pinyin initials are
    # unique at this center, who did last year's 养老认证 here.
    with database.session_factory.begin() as session:
        initials = session.scalar(
            select(Resident.name_initials).group_by(Resident.name_initials)
            .having(func.count() == 1).where(func.length(Resident.name_initials) == 2)
            .order_by(Resident.name_initials).limit(1)
        )
        resident = session.scalar(select(Resident).where(Resident.name_initials == initials))
        item = session.scalar(select(CatalogItem).where(CatalogItem.code == ITEM_CODE))
        worker = check_login(session, DEMO_WINDOW_USER, DEMO_PASSWORD)
        last_year = session.scalar(select(func.min(Case.received_at))) - timedelta(days=300)
        take_in(session, worker, IntakeRequest(
            resident_id=resident.id, item_id=item.id, outcome=IntakeOutcome.DONE_ON_THE_SPOT,
            materials=tuple(MaterialReceipt(m.id, m.count) for m in item.materials)),
            calendar=load_work_calendar(session), now=last_year)
        name = resident.name

    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = database.session_factory
    window = MainWindow(runner, options=StartOptions(data_dir=folder, demo=True, lang="zh_CN", screenshot=None))
    window.show()
    window.activateWindow()
    window.store_opened(OpenedStore(database.path, is_set_up=True, is_demo=True, backup=None))
    app.processEvents()
    window.go("cases")  # the desk as it stands between visits

    pressed: list[str] = []

    def press(key: Qt.Key, label: str) -> None:
        target = QApplication.focusWidget() or QApplication.activeModalWidget() or window
        QTest.keyClick(target, key)
        pressed.append(label)
        for _ in range(3):
            app.processEvents()

    press(Qt.Key.Key_F2, "F2")
    for letter in initials:
        press(getattr(Qt.Key, f"Key_{letter.upper()}"), letter)
    press(Qt.Key.Key_Return, "Enter: the one resident")
    press(Qt.Key.Key_Return, "Enter: last year's item, first in the list")
    press(Qt.Key.Key_Return, "Enter: materials as ticked")
    press(Qt.Key.Key_Return, "Enter: the suggested outcome (done on the spot)")
    press(Qt.Key.Key_Return, "Enter: print")
    press(Qt.Key.Key_Return, "Enter: print all in the preview")
    dialog = window._print_dialog
    if dialog is not None:
        dialog.wait_for_prints(60_000)
    for _ in range(20):
        app.processEvents()

    intake = window.screens["intake"]
    done = intake._done
    with database.session_factory() as session:
        printed = session.scalars(
            select(PrintedDocument).where(PrintedDocument.case_id == (done.case_id if done else None))
        ).all()
        case = session.get(Case, done.case_id) if done else None
    ok_flow = (
        intake.current_step() == STEP_DONE and case is not None and case.status == "completed"
        and case.resident_id == resident.id and [p.doc_type for p in printed] == ["completion_notice"]
        and (folder / printed[0].file_path).exists()
    )
    for number, label in enumerate(pressed, start=1):
        print(f"{number:2d}. {label}")
    print(f"Resident {name} ({initials}), item {ITEM_CODE}: case {case.case_number if case else '—'}, "
          f"slip {printed[0].doc_number if printed else 'NOT PRINTED'}")
    print(f"key presses: {len(pressed)} (target ≤ {TARGET}); flow complete: {ok_flow}")
    result = {"bench": "intake_keys", "key_presses": len(pressed), "target": TARGET,
              "flow_complete": ok_flow, "ok": ok_flow and len(pressed) <= TARGET}
    print(json.dumps(result))
    window.close()
    database.dispose()
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
