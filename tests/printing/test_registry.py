"""The document types: stable codes, titles, papers, number prefixes, and a
refusal in Chinese for a paper a document cannot be printed on."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.printing import DOC_TYPES, UnsupportedPaper, doc_number_prefix, doc_type_of, render
from app.services.errors import DomainError
from tests.printing import samples

ROOT = Path(__file__).resolve().parents[2]


def test_the_codes_are_the_agreed_ones() -> None:
    assert list(DOC_TYPES) == [
        "receipt", "notification", "supplement_notice", "deferred_notice", "rejection_notice",
        "extension_notice", "completion_notice", "referral_slip", "ledger", "appointment_slip",
        "complaint_receipt", "whereabouts_board", "inquiry_ledger", "ledger_sheet", "month_report",
        "proxy_mandate", "proxy_termination", "proxy_renewal", "proxy_completion", "online_guide",
        "test_page",
    ]
    assert {code: kind.title for code, kind in DOC_TYPES.items()} == {
        "receipt": "受理回执",
        "notification": "一次性告知书",
        "supplement_notice": "补正材料通知书",
        "deferred_notice": "容缺受理通知书",
        "rejection_notice": "不予受理通知书",
        "extension_notice": "延期办结告知书",
        "completion_notice": "办结通知（取件单）",
        "referral_slip": "首问转办单",
        "ledger": "台账",
        "appointment_slip": "预约凭证",
        "complaint_receipt": "投诉受理回执",
        "whereabouts_board": "工作人员去向公示",
        "inquiry_ledger": "首问登记台账",
        "ledger_sheet": "台账",
        "month_report": "月度统计报表",
        "proxy_mandate": "代办委托书",
        "proxy_termination": "代办终止单",
        "proxy_renewal": "续办委托书",
        "proxy_completion": "代办办结单",
        "online_guide": "网上办理指引",
        "test_page": "打印机测试页",
    }


def test_only_the_receipts_and_the_slips_go_on_the_roll() -> None:
    rolled = {code for code, kind in DOC_TYPES.items() if "80mm" in kind.papers}
    # The printer test page comes on every paper the desk prints on.
    assert rolled == {"receipt", "referral_slip", "appointment_slip", "complaint_receipt", "test_page"}
    # The ledgers of the 台账统计 screen and the month's report are A4 only: fifteen columns or three charts.
    a4_only = {"ledger_sheet", "month_report"}
    assert all(kind.papers[:2] == ("A4", "A5") for code, kind in DOC_TYPES.items() if code not in a4_only)
    assert all(DOC_TYPES[code].papers == ("A4",) for code in a4_only)


def test_each_type_has_its_own_number_prefix() -> None:
    prefixes = {code: doc_number_prefix(code) for code in DOC_TYPES}
    assert prefixes == {
        "receipt": "HZ", "notification": "GZ", "supplement_notice": "BZ", "deferred_notice": "RQ",
        "rejection_notice": "BY", "extension_notice": "YQ", "completion_notice": "BJ",
        "referral_slip": "ZB", "ledger": "TZ", "appointment_slip": "YY",
        "complaint_receipt": "TH", "whereabouts_board": "QX", "inquiry_ledger": "SW", "ledger_sheet": "TB",
        "month_report": "YB", "test_page": "CS",
        "proxy_mandate": "DW", "proxy_termination": "DZ", "proxy_renewal": "XB", "proxy_completion": "DB",
        "online_guide": "WB",
    }


@pytest.mark.parametrize("code", list(DOC_TYPES))
def test_the_data_class_picks_the_document(code: str) -> None:
    assert doc_type_of(samples.BUILDERS[code]()).code == code


def test_a_paper_the_document_does_not_support_is_refused_in_chinese() -> None:
    with pytest.raises(UnsupportedPaper) as raised:
        render(samples.ledger(), "80mm")
    assert isinstance(raised.value, DomainError) and raised.value.field == "paper"
    assert str(raised.value) == "台账不能用80毫米卷纸打印，请选择A4纸或A5纸。"
    with pytest.raises(UnsupportedPaper, match="“Letter”"):
        render(samples.receipt(), "Letter")


def test_anything_else_is_not_a_document() -> None:
    with pytest.raises(TypeError):
        doc_type_of(samples.CENTER)  # type: ignore[arg-type]


def test_render_returns_pdf_bytes() -> None:
    pdf = render(samples.receipt(), "A4")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


def test_importing_the_printing_package_loads_no_qt() -> None:
    script = (
        "import sys, app.printing\n"
        "from app.printing import render\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))\n"
        "assert not qt, qt\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
