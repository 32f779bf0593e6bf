"""What particular documents say in particular cases."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from app.printing import MaterialLine, render
from tests.printing import samples
from tests.printing.pdftools import RenderedPdf


def read(tmp_path: Path, data, paper: str = "A4") -> RenderedPdf:
    path = tmp_path / "doc.pdf"
    path.write_bytes(render(data, paper))
    return RenderedPdf(path)


def test_a_deferred_receipt_lists_what_is_owed_and_by_when(rendered) -> None:
    pdf = rendered("receipt", "A4", deferred=True)
    flat = pdf.flat
    assert "容缺受理" in flat and "容缺材料3项" in flat
    for name in ("疾病诊断证明", "社会保障卡或本人银行卡（存折）", "授权委托书及受托人居民身份证"):
        assert f"{name}（2026年11月30日前补交）" in flat
    assert "共9项，已收6项，容缺3项" in flat
    assert pdf.pages == 1  # the receipt and its stub on one sheet


def test_a_usual_receipt_and_its_stub_fit_one_a4_sheet(rendered) -> None:
    pdf = rendered("receipt", "A4")
    assert pdf.pages == 1 and "受理回执（存根）" in pdf.flat and "沿此线剪开" in pdf.flat
    assert "容缺" not in pdf.flat


def test_the_notification_marks_only_what_is_still_missing(rendered) -> None:
    flat = rendered("notification", "A4").flat
    assert "★残疾人证" in flat and "★授权委托书及受托人居民身份证" in flat
    assert "★居民身份证" not in flat and "★最低生活保障申请书" not in flat
    assert "标注“★”的4项为尚缺材料" in flat


def test_a_notification_printed_without_a_visit_marks_nothing(rendered) -> None:
    flat = rendered("notification", "A4", visit=False).flat
    assert "★" not in flat and "尚缺" not in flat
    assert "居民身份证" in flat


def test_a_notification_without_a_case_has_no_qr_code(rendered) -> None:
    pdf = rendered("notification", "A5", visit=False)
    assert pdf.qr_payloads() == [] and "办理进度查询" not in pdf.flat


def test_without_a_county_server_the_code_is_still_printed(tmp_path: Path) -> None:
    offline = replace(samples.receipt(), center=replace(samples.CENTER, status_base_url=""))
    pdf = read(tmp_path, offline)
    assert pdf.qr_payloads() == []
    assert samples.CODE in pdf.flat and "扫描二维码" not in pdf.flat


def test_a_denied_completion_says_why_and_how_to_appeal(rendered) -> None:
    flat = rendered("completion_notice", "A4", approved=False).flat
    assert "不予批准" in flat and "不予批准的理由" in flat
    assert "六十日内向示例县人民政府申请行政复议" in flat and "六个月内向示例县人民法院提起行政诉讼" in flat


def test_an_approved_completion_does_not_talk_of_appeals(rendered) -> None:
    assert "行政复议" not in rendered("completion_notice", "A4").flat


def test_a_provisional_due_date_says_so(tmp_path: Path) -> None:
    pdf = read(tmp_path, replace(samples.receipt(), due_provisional=True))
    assert "节假日安排未公布" in pdf.flat


def test_the_ledger_counts_cases_by_status(rendered) -> None:
    flat = rendered("ledger", "A4").flat
    assert "合计：共12件（其中办理中3件，已办结3件，补正暂停2件，已转报2件，已受理2件）" in flat


def test_an_on_the_spot_item_is_promised_on_the_spot(tmp_path: Path) -> None:
    pdf = read(tmp_path, replace(samples.notification(), committed_days=0, statutory_days=0))
    assert "本中心承诺当场办结" in pdf.flat


def test_times_are_printed_in_local_time_and_must_know_their_zone() -> None:
    naive = replace(samples.receipt(), printed_at=datetime(2026, 11, 22, 9, 35))
    with pytest.raises(ValueError):
        render(naive, "A4")


def test_a_notice_never_asks_for_no_copies(rendered) -> None:
    for code in ("supplement_notice", "deferred_notice"):
        assert "0" not in {word.text for word in rendered(code, "A4", long=True).words}


def test_what_is_owed_is_the_shortfall_or_everything_again() -> None:
    line = MaterialLine(name="户口簿", required_count=3, received_count=1)
    assert line.missing and line.owed == 2
    assert replace(line, received_count=3).owed == 3  # handed in, but not acceptable


def test_every_catalog_material_form_has_printed_words() -> None:
    from app.models.catalog import MATERIAL_FORMS
    from app.printing.text import FORM_TEXT

    assert set(FORM_TEXT) == set(MATERIAL_FORMS)
