"""Key presses for the commonest visits, from F2 to the printed slip.

Driven through the real main window with Qt's test events; every key event
the script sends is counted, and each goes to whatever widget has the focus
at that moment, as a keyboard would. Two returning residents:

1. someone who did last year's 养老认证 here, and nothing since;
2. someone with six earlier items: 社保卡申领 two weeks ago, four others of
   various ages, and 养老认证 (yearly) a year ago — due again, so the first
   Enter on the item list must take it, not the newest item.

The flow counts only if the case is the right one (resident, item, completed)
and its slip was really printed — to the printer, or without one to a PDF in
print-output/ — and archived. Target: at most 10 key presses each. The last
line is JSON.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/intake_keys.py [--screenshot DIR]
"""
from __future__ import annotations

import argparse
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
ITEM_CODE = "RS-002"  # 城乡居民基本养老保险待遇领取资格认证（养老认证）, yearly
# The six-item resident's history: (item code, days before the demo's first case).
SIX_EARLIER = (("RS-008", -45), ("YB-003", -10), ("MZ-004", 30), ("SF-003", 120), ("GA-002", 400),
               ("RS-002", 300), ("RS-002", 665))
# Compound surnames give three-letter initials that begin no demo resident's initials.
SIX_ITEM_NAMES = ("诸葛兰", "司马娟", "上官敏", "欧阳雪", "端木青", "东方霞")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", type=Path, help="save the item step of each case as a PNG in this folder")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from app.config import StartOptions
    from app.db import open_database
    from app.models import Case, CatalogItem, PrintedDocument, Resident
    from app.models.vocabulary import CaseStatus, IntakeOutcome
    from app.services import lifecycle
    from app.services.calendar_store import load_work_calendar
    from app.services.cases import IntakeRequest, MaterialReceipt, take_in
    from app.services.demo import DEMO_PASSWORD, DEMO_WINDOW_USER, build_demo
    from app.services.identity import RESIDENT_ID, fictional_id_number
    from app.services.pinyin import name_initials
    from app.services.residents import ResidentInput, register_resident
    from app.services.staff import check_login
    from app.ui.application import OpenedStore
    from app.ui.i18n import install_translations
    from app.ui.main_window import MainWindow
    from app.ui.operations import InlineLanes, OperationRunner
    from app.ui.printing import available_printers
    from app.ui.screens.intake import STEP_DONE, STEP_ITEM

    install_translations(app, "zh_CN")
    folder = Path(tempfile.mkdtemp(prefix="onewindow-keys-"))
    database = open_database(folder)
    build_demo(database.session_factory, residents=80, cases=150)

    def earlier_case(session, worker, resident_id, item, when) -> None:  # type: ignore[no-untyped-def]
        outcome = lifecycle.outcome_options(handling_mode=item.handling_mode, allows_deferred=False,
                                            missing_key=[], missing_other=[]).suggested
        take_in(session, worker, IntakeRequest(
            resident_id=resident_id, item_id=item.id, outcome=outcome,
            materials=tuple(MaterialReceipt(m.id, m.count) for m in item.materials),
            forwarded_to="镇便民服务中心" if outcome == IntakeOutcome.FORWARD else ""),
            calendar=load_work_calendar(session), now=when)

    cases: list[tuple[str, str, object]] = []  # (label, typed initials, resident id)
    with database.session_factory.begin() as session:
        worker = check_login(session, DEMO_WINDOW_USER, DEMO_PASSWORD)
        items = {i.code: i for i in session.scalars(select(CatalogItem).where(
            CatalogItem.catalog_version.has(is_current=True)))}
        first_case = session.scalar(select(func.min(Case.received_at)))
        # 1. A name whose pinyin initials are unique at this center, with last year's 养老认证.
        initials = session.scalar(
            select(Resident.name_initials).group_by(Resident.name_initials)
            .having(func.count() == 1).where(func.length(Resident.name_initials) == 2)
            .order_by(Resident.name_initials).limit(1)
        )
        resident = session.scalar(select(Resident).where(Resident.name_initials == initials))
        earlier_case(session, worker, resident.id, items[ITEM_CODE], first_case - timedelta(days=300))
        cases.append((f"{resident.name}, last year's 养老认证", initials, resident.id))
        # 2. A new record with six earlier items.
        taken = set(session.scalars(select(Resident.name_initials)))
        name = next(n for n in SIX_ITEM_NAMES if not any(t.startswith(name_initials(n)) for t in taken))
        number = fictional_id_number(region_code="449901", birth_date=first_case.date().replace(year=1950),
                                     sequence=77, gender="女")
        six = register_resident(session, worker, ResidentInput(doc_type=RESIDENT_ID, id_number=number, name=name))
        for code, days in SIX_EARLIER:
            earlier_case(session, worker, six.resident_id, items[code], first_case - timedelta(days=days))
        cases.append((f"{name}, six earlier items, 养老认证 due again", name_initials(name), six.resident_id))

    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = database.session_factory
    window = MainWindow(runner, options=StartOptions(data_dir=folder, demo=True, lang="zh_CN", screenshot=None))
    window.show()
    window.activateWindow()
    window.store_opened(OpenedStore(database.path, is_set_up=True, is_demo=True, backup=None))
    app.processEvents()
    intake = window.screens["intake"]
    no_printer = not available_printers()

    results = []
    for number, (label, typed, resident_id) in enumerate(cases, start=1):
        window.go("cases")  # the desk as it stands between visits
        # A window manager gives the focus back to the main window when the
        # print preview closes; the offscreen platform has none, so do it here.
        window.activateWindow()
        app.processEvents()
        pressed: list[str] = []

        def press(key: Qt.Key, what: str, pressed: list[str] = pressed) -> None:
            target = QApplication.focusWidget() or QApplication.activeModalWidget() or window
            QTest.keyClick(target, key)
            pressed.append(what)
            for _ in range(3):
                app.processEvents()

        print(f"Case {number}: {label}")
        press(Qt.Key.Key_F2, "F2")
        for letter in typed:
            press(getattr(Qt.Key, f"Key_{letter.upper()}"), letter)
        press(Qt.Key.Key_Return, "Enter: the one resident")
        first_line = intake.item_list.currentItem().text().strip() if intake.current_step() == STEP_ITEM else "—"
        if args.screenshot is not None and intake.current_step() == STEP_ITEM:
            args.screenshot.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(args.screenshot / f"intake-keys-case{number}-items.png"))
        press(Qt.Key.Key_Return, "Enter: the first line of the item list")
        press(Qt.Key.Key_Return, "Enter: materials as ticked")
        press(Qt.Key.Key_Return, "Enter: the suggested outcome (done on the spot)")
        press(Qt.Key.Key_Return, "Enter: print")
        press(Qt.Key.Key_Return, "Enter: print all in the preview")
        dialog = window._print_dialog
        if dialog is not None:
            dialog.wait_for_prints(60_000)
        for _ in range(20):
            app.processEvents()
        if dialog is not None:
            dialog.deleteLater()  # one preview per visit, gone before the next
            window._print_dialog = None

        done = intake._done
        with database.session_factory() as session:
            case = session.get(Case, done.case_id) if done and done.case_id else None
            item_code = session.scalar(select(CatalogItem.code).where(CatalogItem.id == case.item_id)) if case else "—"
            printed = session.scalars(select(PrintedDocument).where(
                PrintedDocument.case_id == (case.id if case else None))).all()
        archived = bool(printed) and (folder / printed[0].file_path).exists()
        on_paper = bool(printed) and (not no_printer or (folder / "print-output" / f"{printed[0].doc_number}.pdf").exists())
        ok_flow = (
            intake.current_step() == STEP_DONE and case is not None and case.status == CaseStatus.COMPLETED
            and case.resident_id == resident_id and item_code == ITEM_CODE
            and [p.doc_type for p in printed] == [lifecycle.DOC_COMPLETION] and archived and on_paper
        )
        for step, what in enumerate(pressed, start=1):
            print(f"  {step:2d}. {what}")
        print(f"  first line of the item list: {first_line}")
        print(f"  case {case.case_number if case else '—'} ({item_code}), slip "
              f"{printed[0].doc_number if printed else 'NOT PRINTED'}"
              + (f", archived as {printed[0].file_path}" if archived else ", NOT ARCHIVED")
              + (" and printed to print-output/ (no printer)" if no_printer and on_paper else ""))
        print(f"  key presses: {len(pressed)} (target ≤ {TARGET}); flow complete: {ok_flow}")
        results.append({"case": number, "key_presses": len(pressed), "flow_complete": ok_flow,
                        "ok": ok_flow and len(pressed) <= TARGET})

    result = {"bench": "intake_keys", "target": TARGET, "cases": results,
              "key_presses": max(r["key_presses"] for r in results),
              "flow_complete": all(r["flow_complete"] for r in results), "ok": all(r["ok"] for r in results)}
    print(json.dumps(result))
    window.close()
    app.processEvents()
    database.dispose()
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
