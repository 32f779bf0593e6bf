"""Long content flows onto more pages, numbered 第 N 页 共 M 页, and nothing
is lost: thirty materials, 30-character names, long addresses and reasons."""
from __future__ import annotations

import pytest

from app.printing import DOC_TYPES
from tests.printing import samples
from tests.printing.pdftools import squash

PAGED = [(code, paper) for code, kind in DOC_TYPES.items() for paper in kind.papers if paper != "80mm"]
ROLLED = [code for code, kind in DOC_TYPES.items() if "80mm" in kind.papers]


def long_texts(code: str) -> list[str]:
    """Everything long in the long sample, which must all be printed."""
    data = samples.BUILDERS[code](long=True)
    texts = [data.center.name, data.staff_name]
    if code == "referral_slip":
        return texts + [data.asker_name, data.question, data.referred_to, data.referred_address]
    if code == "appointment_slip":
        return texts + [data.resident_name, data.address, *(m.name for m in data.materials)]
    if code == "ledger":
        return texts + [row.case_number for row in data.rows] + [samples.LONG_NAME, f"合计：共 {len(data.rows)} 件"]
    if code == "complaint_receipt":
        return texts + [data.complainant_name, data.complaint_number, data.title, data.work_order_number]
    if code == "whereabouts_board":
        return texts + [samples.LONG_NAME, samples.LONG_ADDRESS, *(line.post for line in data.lines)]
    if code == "ledger_sheet":
        return texts + [row[1] for row in data.rows] + [samples.LONG_NAME, f"共 {len(data.rows)} 件"]
    if code == "test_page":  # the same one page: only the header can be long
        return texts
    if code == "month_report":
        return texts + [f.formula for f in data.figures] + [w.worker for w in data.workers]
    if code == "online_guide":
        return texts + [data.item_name, data.platform, data.url, *data.to_prepare]
    if code == "inquiry_ledger":
        return texts + [row.question for row in data.rows] + [samples.LONG_NAME, f"合计：共 {len(data.rows)} 件"]
    texts += [data.applicant.name, data.case_number, data.item_name]
    match code:
        case "receipt":
            texts += [samples.LONG_ADDRESS, *(m.name for m in data.materials)]
        case "notification":
            texts += [data.conditions, *(m.name for m in data.materials), *data.process]
        case "supplement_notice":
            texts += [data.note, *(m.name for m in data.missing)]
        case "deferred_notice":
            texts += [data.promise, *(m.name for m in data.deferred)]
        case "rejection_notice":
            texts += list(data.reasons)
        case "extension_notice":
            texts += [data.reason.rstrip("。")]  # the notice continues the sentence
        case "completion_notice":
            texts += [data.result, data.pickup_place, *data.bring]
    return texts


@pytest.mark.parametrize(("code", "paper"), PAGED)
def test_long_content_is_all_there(rendered, code: str, paper: str) -> None:
    pdf = rendered(code, paper, long=True)
    lost = [text for text in long_texts(code) if not pdf.shows(text)]
    assert lost == []


@pytest.mark.parametrize(("code", "paper"), PAGED)
def test_every_page_says_which_of_how_many(rendered, code: str, paper: str) -> None:
    pdf = rendered(code, paper, long=True)
    # These slips, and the printer test page, stay on one page even when long.
    if code not in ("referral_slip", "complaint_receipt", "test_page"):
        assert pdf.pages >= 2
    for number, text in enumerate(pdf.page_texts, start=1):
        assert f"第{number}页共{pdf.pages}页" in squash(text)


@pytest.mark.parametrize("code", ROLLED)
def test_the_roll_grows_with_its_content(rendered, code: str) -> None:
    short, long = rendered(code, "80mm"), rendered(code, "80mm", long=True)
    assert short.pages == long.pages == 1
    assert long.page_sizes[0][1] > short.page_sizes[0][1]
    lost = [text for text in long_texts(code) if not long.shows(text)]
    assert lost == []


def test_the_roll_is_not_much_longer_than_what_is_printed_on_it(rendered) -> None:
    pdf = rendered("receipt", "80mm", long=True)
    height = pdf.page_sizes[0][1]
    lowest = max(word.y_max for word in pdf.words)
    assert height - lowest < 20 * 72 / 25.4  # bottom margin, footer and a little slack


def test_thirty_materials_each_keep_their_row(rendered) -> None:
    pdf = rendered("receipt", "A4", long=True)
    for number, material in enumerate(samples.thirty_materials(), start=1):
        assert pdf.shows(material.name), number
    assert "尚缺" in pdf.flat
