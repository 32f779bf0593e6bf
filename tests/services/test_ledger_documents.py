"""The ledgers and the month's report on paper: every ledger of the registry prints, a reprint
knows its ledger, and the report says "—" (no bar) where nothing was counted."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.clock import utcnow
from app.db import Database
from app.printing import CenterInfo
from app.services import documents
from app.services.documents import PrintTarget, prepare, record_print
from app.services.errors import DomainError
from app.services.ledger_documents import report_data
from app.services.ledgers import LEDGER_KEYS, LEDGER_KINDS
from app.services.statistics import FIGURES, Group, Statistics, StatRow
from tests.services.test_documents import TODAY, _actor, _text, demo, demo_path  # noqa: F401 - fixtures

START, END = date(2026, 11, 1), TODAY


@pytest.mark.parametrize("key", LEDGER_KEYS)
def test_every_ledger_prints_with_its_notes_and_signatures(demo: Database, tmp_path: Path, key: str) -> None:  # noqa: F811
    actor = _actor(demo)
    with demo.session_factory() as session:
        prepared = prepare(session, actor, PrintTarget("ledger_sheet", date_from=START, date_to=END, ledger=key))
    text = _text(prepared.pdf, tmp_path)
    kind = LEDGER_KINDS[key]
    assert kind.title.zh in text
    assert "制表人" in text and "审核人" in text and "合计" in text
    for note in kind.notes:
        assert "".join(note.split()) in text
    assert prepared.doc_number.startswith(f"TB-{key}-")


def test_a_reprinted_ledger_is_the_same_ledger(demo: Database, tmp_path: Path) -> None:  # noqa: F811
    actor = _actor(demo)
    target = PrintTarget("ledger_sheet", date_from=START, date_to=END, ledger="appointments")
    with demo.session_factory.begin() as session:
        prepared = prepare(session, actor, target)
        record_print(session, actor, prepared, data_dir=tmp_path)
    with demo.session_factory() as session:
        record = next(r for r in documents.print_records(session) if r.doc_type == "ledger_sheet")
        assert documents.target_of(record) == target


def test_an_unknown_ledger_is_refused(demo: Database) -> None:  # noqa: F811
    with demo.session_factory() as session, pytest.raises(DomainError) as refused:
        prepare(session, _actor(demo), PrintTarget("ledger_sheet", date_from=START, date_to=END, ledger="nope"))
    assert refused.value.field == "ledger"


def test_the_month_report_prints_every_figure_with_its_formula(demo: Database, tmp_path: Path) -> None:  # noqa: F811
    with demo.session_factory() as session:
        prepared = prepare(session, _actor(demo), PrintTarget("month_report", date_from=START, date_to=END))
    text = _text(prepared.pdf, tmp_path)
    for spec in FIGURES:
        assert "".join(spec.label.zh.split()) in text
    assert "计算公式" in text and "制表人" in text and "审核人" in text
    assert "受理量与办结量月度趋势" in text and "各部门办件量" in text and "按期办结率与满意率" in text


def _stats(group: Group, rows: tuple[StatRow, ...]) -> Statistics:
    return Statistics(group, START, END, rows, StatRow("合计", {}))


def test_nothing_counted_is_a_dash_and_no_bar() -> None:
    from decimal import Decimal

    worker = StatRow("陈立", {"accepted": 3, "completed": 0, "on_time_rate": None, "satisfaction": None})
    rated = StatRow("欧阳晓梅", {"accepted": 5, "completed": 4, "on_time_rate": Decimal("0.75"),
                                "satisfaction": Decimal("1")})
    header = {"doc_number": "YB-1", "center": CenterInfo(name="中心"), "staff_name": "李娜", "printed_at": utcnow()}
    data = report_data(_stats(Group.WORKER, (worker, rated)), _stats(Group.DEPARTMENT, ()),
                       _stats(Group.MONTH, ()), header=header)
    idle = data.workers[0]
    assert (idle.on_time, idle.satisfaction, idle.on_time_share, idle.satisfaction_share) == ("—", "—", None, None)
    assert data.workers[1].on_time_share == 0.75 and data.workers[1].satisfaction == "100.00%"
    # No cases at all: no trend, no departments (not twelve months of zeros), every rate "—".
    assert data.trend == () and data.departments == ()
    assert {f.value for f in data.figures if f.label in ("满意率（全国口径）", "按期办结率")} == {"—"}
