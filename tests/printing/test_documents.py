"""Every document on every paper it supports, read back from the real PDF:
its key fields are there, the font is embedded, the page is the right size,
no word leaves the page, the QR code scans to the status link."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from app.clock import to_local
from app.printing import DOC_TYPES, PAPERS, CaseDocument
from app.services.identity import mask_id_number, mask_phone
from tests.printing import samples

CASES = [(code, paper) for code, kind in DOC_TYPES.items() for paper in kind.papers]
CASE_DOCUMENTS = [(code, paper) for code, paper in CASES
                  if issubclass(DOC_TYPES[code].data_class, CaseDocument) or code == "notification"]
MM = 72 / 25.4


def day(value: date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def local_minute(value: datetime) -> str:
    local = to_local(value)
    return f"{day(local.date())}{local:%H:%M}"


def key_fields(code: str, paper: str = "A4") -> list[str]:
    """What a person must find on the paper, whatever the layout."""
    data = samples.BUILDERS[code]()
    common = [data.center.name, data.doc_number, data.staff_name, DOC_TYPES[code].title,
              day(to_local(data.printed_at).date())]
    if isinstance(data, CaseDocument):
        common += [data.case_number, data.verification_code, data.applicant.name, data.item_name,
                   mask_id_number(data.applicant.id_number), mask_phone(data.applicant.phone)]
    match code:
        case "receipt":
            return common + [
                "存根", "受理专用章", "序号", "材料名称",
                *(("实交/应交",) if paper == "80mm" else ("应交份数", "实交份数", "备注")), "法定时限", "30个工作日",
                day(data.committed_due), local_minute(data.accepted_at), data.center.address, data.center.phone,
                data.center.supervision_phone, f"{data.window_no}号窗口", *(m.name for m in data.materials),
            ]
        case "notification":
            return common + [
                data.item_name, data.legal_basis, data.conditions, data.fee, data.location,
                data.center.consult_phone, data.center.supervision_phone, "30个工作日", "25个工作日",
                "原件及复印件", "★尚缺", *data.process, *(m.name for m in data.materials),
                *(m.issuer for m in data.materials), *(m.obtain for m in data.materials),
            ]
        case "supplement_notice":
            return common + [day(data.supply_by), "不计入办理时限", *(m.name for m in data.missing)]
        case "deferred_notice":
            return common + [day(data.promise_date), "承诺人（签字）", *(m.name for m in data.deferred)]
        case "rejection_notice":
            return common + [
                *data.reasons, data.appeal.review_body, data.appeal.court, "陈述、申辩", "六十日内", "行政复议",
                "六个月内", "行政诉讼", data.decided_by,
            ]
        case "extension_notice":
            return common + [data.reason, day(data.original_due), day(data.new_due), data.approved_by]
        case "completion_notice":
            return common + ["准予办理", data.result, data.pickup_place, data.pickup_hours,
                             day(data.pickup_deadline), *data.bring, "领取人（签字）"]
        case "referral_slip":
            return common + [data.asker_name, mask_phone(data.asker_phone), data.question, data.referred_to,
                             data.referred_post, data.referred_person, data.referred_phone, data.referred_address,
                             day(data.follow_up_due), local_minute(data.asked_at)]
        case "ledger":
            rows = data.rows
            return common + [
                day(data.date_from), day(data.date_to), f"合计：共 {len(rows)} 件", "审核人",
                *(r.case_number for r in rows), *(r.applicant_name for r in rows),
                *(mask_id_number(r.id_number) for r in rows), *(r.item_name for r in rows),
                "办结日期", "逾期", "部门", "评价", *(r.department for r in rows),
            ]
        case "inquiry_ledger":
            rows = data.rows
            return common + [
                day(data.date_from), day(data.date_to), f"合计：共 {len(rows)} 件", "审核人", "首问责任人",
                *(r.asker_name for r in rows), *(r.question for r in rows), *(r.owner_name for r in rows),
            ]
        case "ledger_sheet":
            return common + [day(data.date_from), day(data.date_to), *(title for title, _w in data.columns),
                             *(row[1] for row in data.rows), *(row[4] for row in data.rows), "合计",
                             f"共 {len(data.rows)} 件", *(f"注：{note}" for note in data.notes), "制表人", "审核人"]
        case "month_report":
            return common + [day(data.date_from), day(data.date_to), *(f.label for f in data.figures),
                             *(f.formula for f in data.figures), "受理量", "办结量", "按期办结率",
                             *(d.department for d in data.departments), *(w.worker for w in data.workers),
                             "25.12", "26.11", "制表人", "审核人"]
        case "appointment_slip":
            return common + [data.resident_name, mask_phone(data.phone), data.item_name, data.worker_name,
                             "星期" + "一二三四五六日"[to_local(data.starts_at).weekday()],
                             f"{to_local(data.starts_at):%H:%M}–{to_local(data.ends_at):%H:%M}", "请携带以下材料", data.center.address, data.center.phone,
                             *(m.name for m in data.materials)]
        case "complaint_receipt":
            return common + [data.complaint_number, data.query_code, data.title, data.complainant_name,
                             mask_phone(data.complainant_phone), local_minute(data.received_at), day(data.answer_due),
                             data.center.phone, data.center.supervision_phone, "不显示投诉内容"]
        case "test_page":
            return common + ["纸张", {"A4": "A4纸", "A5": "A5纸", "80mm": "80毫米卷纸"}[paper], "打印字体",
                             "生僻字补充字体", "边距", "字体检查", "二维码", data.qr_payload]
        case "whereabouts_board":
            lines = data.lines
            return common + [
                *(line.name for line in lines), *(line.post for line in lines), *(line.status for line in lines),
                *(line.where for line in lines if line.away), *(line.phone for line in lines if line.phone),
                *(local_minute(line.expected_back_at) for line in lines if line.away and line.expected_back_at),
                *(number for _label, number in data.phones),
            ]
        case "proxy_mandate" | "proxy_termination" | "proxy_renewal" | "proxy_completion":
            handed = [m.name for m in data.materials]
            if code == "proxy_mandate":
                own = ["移交的申请材料", "双方约定", "委托人（签字）", day(data.send_by), day(data.return_by), "20个工作日"]
            elif code == "proxy_termination":
                own = ["终止原因", data.reason, "返还委托人的材料", "委托人（签收）"]
            elif code == "proxy_renewal":
                own = ["续办原因", data.reason, "委托人（签字）", day(data.send_by)]
            else:
                own = ["准予办理", data.result, *data.handed_back, "申请材料去向", "原件已返还，复印件留存", "委托人（签收）"]
            return common + [data.agent_name, mask_phone(data.agent_phone), data.forwarded_to,
                             day(data.entrusted_on), "代办员（签字）", *handed, *own]
        case "online_guide":
            return common + [data.item_name, data.platform, data.url, data.department, "办理步骤", "安全提示",
                             "短信验证码只能由本人输入", *data.to_prepare]
    raise AssertionError(code)


@pytest.mark.parametrize(("code", "paper"), CASES)
def test_the_key_fields_are_on_the_paper(rendered, code: str, paper: str) -> None:
    pdf = rendered(code, paper)
    missing = [text for text in key_fields(code, paper) if not pdf.shows(text)]
    assert missing == []


@pytest.mark.parametrize(("code", "paper"), CASES)
def test_no_full_id_number_or_phone_is_printed(rendered, code: str, paper: str) -> None:
    flat = rendered(code, paper).flat
    assert samples.ID_NUMBER not in flat
    assert "13812345678" not in flat and "13987654321" not in flat


@pytest.mark.parametrize(("code", "paper"), CASES)
def test_the_only_font_is_an_embedded_subset(rendered, code: str, paper: str) -> None:
    fonts = rendered(code, paper).fonts
    assert fonts
    assert all(f.embedded and f.subset and f.type == "TrueType" for f in fonts), fonts


@pytest.mark.parametrize(("code", "paper"), CASES)
def test_the_page_size_is_the_paper(rendered, code: str, paper: str) -> None:
    pdf = rendered(code, paper)
    width, height = pdf.page_sizes[0]
    if paper == "80mm":
        assert width == pytest.approx(80 * MM, abs=0.1)
        assert height > width
        return
    expected = {"A4": (210, 297), "A5": (148, 210)}[paper]
    if DOC_TYPES[code].landscape:
        expected = expected[::-1]
    assert (width / MM, height / MM) == pytest.approx(expected, abs=0.5)
    assert set(pdf.page_sizes) == {(width, height)}


@pytest.mark.parametrize(("code", "paper"), CASES)
@pytest.mark.parametrize("long", [False, True], ids=["normal", "long"])
def test_every_word_lies_inside_the_margins(rendered, code: str, paper: str, long: bool) -> None:
    pdf = rendered(code, paper, long=long)
    margin = PAPERS[paper].side_margin
    outside = []
    for word in pdf.words:
        width, height = pdf.page_sizes[word.page - 1]
        inside = (margin - 1 <= word.x_min and word.x_max <= width - margin + 1
                  and word.y_min >= 0 and word.y_max <= height)
        ruler = code == "test_page" and word.text.isdigit()  # the test page's rulers are numbered in the margins
        if not inside and not ruler:
            outside.append(word)
    assert outside == []


@pytest.mark.parametrize(("code", "paper"), CASE_DOCUMENTS)
def test_the_qr_code_scans_to_the_status_link(rendered, code: str, paper: str) -> None:
    data = samples.BUILDERS[code]()
    assert rendered(code, paper).qr_payloads() == [data.status_url]
    assert data.status_url == (
        f"{samples.BASE_URL}/status?case={data.case_number}&code={data.verification_code}"
    )


@pytest.mark.parametrize("paper", ["A4", "80mm"])
def test_the_complaint_slip_qr_scans_to_the_complaint_status_link(rendered, paper: str) -> None:
    data = samples.complaint_receipt()
    assert rendered("complaint_receipt", paper).qr_payloads() == [data.status_url]
    assert data.status_url == f"{samples.BASE_URL}/status?complaint={data.complaint_number}&code={data.query_code}"


def test_the_qr_code_of_a_long_case_number_scans_on_the_roll(rendered) -> None:
    data = samples.receipt(long=True)
    assert rendered("receipt", "80mm", long=True).qr_payloads() == [data.status_url]


def test_the_qr_code_is_big_enough_to_scan_from_paper() -> None:
    assert PAPERS["A4"].qr_size >= 22 * MM and PAPERS["A5"].qr_size >= 22 * MM
    assert PAPERS["80mm"].qr_size >= 28 * MM


@pytest.mark.parametrize(("code", "paper"), CASES)
def test_a_reprint_says_so(rendered, code: str, paper: str) -> None:
    assert "补打（第2次）" in rendered(code, paper, reprint=2).flat
    assert "补打" not in rendered(code, paper).flat


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_the_online_guide_qr_scans_to_the_portal(rendered, paper: str) -> None:
    assert rendered("online_guide", paper).qr_payloads() == [samples.online_guide().url]
