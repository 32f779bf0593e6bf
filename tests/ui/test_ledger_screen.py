"""台账统计: the figures with their formulas, the ledgers as tabs, printing and the Excel export."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.clock import local_today
from app.db import DB_FILENAME, Database, create_sqlite_engine, make_session_factory, migrate
from app.models import AuditEntry
from app.services.catalog_import import SAMPLE_CATALOG
from app.services.context import Actor
from app.services.statistics import FIGURES
from app.ui.operations import InlineLanes, OperationRunner

pytestmark = pytest.mark.skipif(not SAMPLE_CATALOG.exists(), reason="the demo needs the sample catalog")


@pytest.fixture(scope="module")
def demo_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    from app.services.demo import build_demo

    path = tmp_path_factory.mktemp("ledger-ui") / DB_FILENAME
    shutil.copy(template_db, path)
    engine = create_sqlite_engine(path)
    database = Database(path=path, engine=engine, session_factory=make_session_factory(engine),
                        migration=migrate(engine, path))
    build_demo(database.session_factory, residents=20, cases=80, today=local_today())
    yield database
    database.dispose()


# The demo spreads its visits over sixty days and its residents rate only the
# last three weeks' completed cases: these weeks have cases and no rating.
_UNRATED = (local_today() - timedelta(days=55), local_today() - timedelta(days=28))


def _actor(db: Database, *, head: bool) -> Actor:
    from app.services.demo import DEMO_CENTER, DEMO_PASSWORD, DEMO_STAFF
    from app.services.staff import check_login

    with db.session_factory.begin() as session:
        actor = check_login(session, DEMO_CENTER.head_username if head else DEMO_STAFF[0][0], DEMO_PASSWORD)
    assert actor is not None and actor.is_head == head
    return actor


@pytest.fixture
def screen(qtbot, demo_db: Database):  # type: ignore[no-untyped-def]
    from app.ui.screens.ledger import LedgerScreen

    runner = OperationRunner(executor=InlineLanes())
    runner.session_factory = demo_db.session_factory
    widget = LedgerScreen(runner)
    qtbot.addWidget(widget)
    widget.set_actor(_actor(demo_db, head=True))
    widget.resize(1280, 800)
    return widget


def test_the_month_by_worker_with_each_formula_on_hover(screen) -> None:  # type: ignore[no-untyped-def]
    screen.reload()
    table = screen.table
    assert table.rowCount() >= 2  # the whole, then one line per worker
    assert table.item(0, 0).text() == "合计"
    for column, spec in enumerate(FIGURES, 1):
        assert table.horizontalHeaderItem(column).toolTip() == spec.formula.zh
        assert table.item(0, column).toolTip() == spec.formula.zh
    accepted = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())].index("受理量")
    assert int(table.item(0, accepted).text()) > 0
    assert "满意率（全国口径）" in screen.formulas.text() and "80% 规则" in screen.formulas.text()
    # Weeks the demo's residents did not rate: its 满意率 says so instead of 0%.
    satisfaction = [spec.key for spec in FIGURES].index("satisfaction") + 1
    screen.set_period("custom", *_UNRATED)
    screen.reload()
    assert int(table.item(0, accepted).text()) > 0
    assert table.item(0, satisfaction).text() == "—"
    # The last three weeks were rated: a share, never the dash.
    screen.set_period("custom", local_today() - timedelta(days=20), local_today())
    screen.reload()
    assert table.item(0, satisfaction).text().endswith("%")
    cases_view, cases_model = screen.ledger_views[0]
    assert cases_model.rowCount() >= 2 and cases_model.index(cases_model.rowCount() - 1, 0).data() == "合计"
    assert "*" in cases_model.index(0, 3).data()  # the ID number masked


def test_a_day_and_a_custom_range(screen) -> None:  # type: ignore[no-untyped-def]

    today = local_today()
    screen.set_period("day", today)
    assert screen.period() == (today, today)
    screen.set_period("custom", today - timedelta(days=40), today)
    assert screen.period() == (today - timedelta(days=40), today)
    screen.set_period("custom", today, today - timedelta(days=1))
    screen.reload()
    assert screen.error.isVisibleTo(screen) and "选择" in screen.error.text()


def test_printing_asks_for_the_documents_ledgers(qtbot, screen) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(screen.print_targets) as asked:
        screen.print_inquiries.click()
    target = asked.args[0][0]
    assert target.doc_type == "inquiry_ledger" and (target.date_from, target.date_to) == screen.period()


def test_the_excel_export_reads_back(screen, demo_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    openpyxl = pytest.importorskip("openpyxl")
    screen.set_period("custom", *_UNRATED)
    screen.reload()
    target = tmp_path / "台账.xlsx"
    screen.export_to(str(target))
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["统计", "办件台账", "首问登记台账", "投诉台账", "评价与差评整改台账", "预约台账",
                               "代办转报台账", "上门巡回台账", "帮办网办台账", "计算公式"]
    stats = book["统计"]
    assert stats.freeze_panes == "A3"
    assert [c.value for c in stats[2]][1:4] == ["受理量", "办结量", "即办件"]
    cases = book["办件台账"]
    assert cases["D2"].value == "证件号码" and cases.freeze_panes == "A3"
    assert cases.page_setup.orientation == "landscape" and str(cases.page_setup.paperSize) == "9"  # A4
    last = cases.max_row
    assert cases.cell(row=last, column=1).value == "合计"
    assert "*" in cases["D3"].value
    formulas = book["计算公式"]
    assert formulas["B3"].value == "受理量" and "受理日期" in formulas["C3"].value
    assert formulas.max_row >= len(FIGURES) + 2
    # A figure with nothing to count (no ratings in these weeks) is written as "—", not 0.
    header = [c.value for c in stats[2]]
    assert stats.cell(row=stats.max_row - 2, column=header.index("满意率（全国口径）") + 1).value == "—"
    with demo_db.session_factory() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "ledger")
                                .order_by(AuditEntry.occurred_at.desc())).first()
    assert entry is not None and entry.detail["masked"] is True and "已脱敏" in entry.summary


def test_only_the_head_exports_full_numbers_and_it_is_audited(screen, demo_db: Database,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    screen.unmasked.setChecked(True)
    target = tmp_path / "full.xlsx"
    screen.export_to(str(target))
    cases = openpyxl.load_workbook(target)["办件台账"]
    assert "*" not in cases["D3"].value and len(cases["D3"].value) == 18
    with demo_db.session_factory() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "ledger")
                                .order_by(AuditEntry.occurred_at.desc())).first()
    assert entry is not None and entry.detail["masked"] is False and "未脱敏" in entry.summary
    screen.set_actor(_actor(demo_db, head=False))
    assert not screen.unmasked.isEnabled() and not screen.unmasked.isChecked()


def test_the_service_refuses_full_numbers_to_a_window_worker(demo_db: Database, tmp_path: Path) -> None:
    from app.services.errors import DomainError
    from app.services.ledger_export import export_workbook

    today = local_today()
    with demo_db.session_factory() as session, pytest.raises(DomainError) as refused:
        export_workbook(session, _actor(demo_db, head=False), tmp_path / "x.xlsx", start=today, end=today,
                        mask=False, today=today)
    assert refused.value.field == "mask"


@pytest.mark.skipif(not os.environ.get("ONEWINDOW_SHOTS"), reason="screenshots on request")
def test_screenshot(qtbot, screen) -> None:  # type: ignore[no-untyped-def]
    folder = Path(os.environ["ONEWINDOW_SHOTS"])
    screen.set_period("month", local_today().replace(day=1) - timedelta(days=1))  # last month: a full one
    screen.reload()
    screen.show()
    screen.grab().save(str(folder / "ledger-stats.png"))
    screen.tabs.setCurrentIndex(screen.first_ledger_tab)
    screen.grab().save(str(folder / "ledger-cases.png"))
    screen.tabs.setCurrentWidget(screen.charts_page)
    qtbot.wait(300)  # the chart views lay out and paint on the event loop
    screen.grab().save(str(folder / "ledger-charts.png"))
    screen.export_to(str(folder / "ledger.xlsx"))


def test_the_charts_load_when_their_tab_opens(screen) -> None:  # type: ignore[no-untyped-def]
    screen.set_period("month", local_today().replace(day=1) - timedelta(days=1))
    screen.reload()
    assert screen.charts is None  # QtCharts is not loaded until the tab is opened
    screen.tabs.setCurrentWidget(screen.charts_page)
    assert screen.charts is not None
    trend, departments, workers = (view.chart() for view in (screen.charts.trend, screen.charts.departments,
                                                              screen.charts.workers))
    assert trend.series() and departments.series() and workers.series()
    names = next(axis for axis in workers.axes() if hasattr(axis, "categories")).categories()
    assert names and all(names)


def test_a_worker_without_a_rate_gets_a_dash_not_a_zero(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.printing.documents.month_report import WorkerLine
    from app.services.ledger_documents import Charts
    from app.services.statistics import NONE_SHOWN
    from app.ui.screens.ledger_charts import ChartsPanel

    panel = ChartsPanel()
    qtbot.addWidget(panel)
    panel.show_charts(Charts((), (), (WorkerLine("陈立", "3", "0", NONE_SHOWN, NONE_SHOWN),)))
    axis = next(a for a in panel.workers.chart().axes() if hasattr(a, "categories"))
    assert NONE_SHOWN in axis.categories()[0]
    assert not panel.workers.chart().series()[0].isLabelsVisible()  # no "0" printed for a missing rate
    assert NONE_SHOWN in panel.trend.chart().title()  # nothing to count: said, not drawn as zeros


def test_every_ledger_and_the_report_can_be_printed(qtbot, screen) -> None:  # type: ignore[no-untyped-def]
    from app.services.ledgers import LEDGER_KEYS, LEDGERS

    assert [a.text() for a in screen.print_menu.actions()] == [str(kind.title) for kind in LEDGERS]
    for n, key in enumerate(LEDGER_KEYS):
        with qtbot.waitSignal(screen.print_targets) as asked:
            screen.print_menu.actions()[n].trigger()
        target = asked.args[0][0]
        assert (target.doc_type, target.ledger) == ("ledger_sheet", key)
    with qtbot.waitSignal(screen.print_targets) as asked:
        screen.print_report.click()
    assert asked.args[0][0].doc_type == "month_report"


def test_the_shown_ledger_alone_exports(screen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    openpyxl = pytest.importorskip("openpyxl")
    screen.reload()
    screen.tabs.setCurrentIndex(screen.first_ledger_tab + 2)  # 投诉台账
    screen.only_shown.setChecked(True)
    target = tmp_path / "投诉.xlsx"
    screen.export_to(str(target))
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["投诉台账", "计算公式"]
    assert not screen.progress.isVisible()


def test_the_screen_does_not_load_qtcharts_until_the_charts_are_shown() -> None:
    import subprocess
    import sys

    code = "import sys, app.ui.screens.ledger; print('PySide6.QtCharts' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "False"
