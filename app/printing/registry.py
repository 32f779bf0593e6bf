"""The documents the desk prints, by stable code, and the one way to render them."""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Flowable

from app.printing import data as d
from app.printing.documents import (
    appointment_slip,
    complaint_receipt,
    completion,
    ledger,
    ledger_sheet,
    month_report,
    notices,
    notification,
    online_guide,
    proxy_forms,
    receipt,
    referral,
    test_page,
    whereabouts_board,
)
from app.printing.fonts import font_chain
from app.printing.glyphs import check_glyphs
from app.printing.layout import build_pdf
from app.printing.sheet import PAPERS, Sheet, sheet
from app.services.errors import DomainError

__all__ = ["DOC_TYPES", "DocType", "UnsupportedPaper", "doc_number_prefix", "doc_type_of", "render"]

PAGE = ("A4", "A5")
PAGE_AND_ROLL = ("A4", "A5", "80mm")
PAPER_NAMES = {"A4": "A4纸", "A5": "A5纸", "80mm": "80毫米卷纸"}


class UnsupportedPaper(DomainError):
    """The document cannot be printed on the chosen paper."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="paper")


@dataclass(frozen=True)
class DocType:
    """A kind of printed document.

    ``prefix`` starts its document numbers (``{prefix}-{case_number}-{n}``);
    ``papers`` are the papers it can be printed on.
    """

    code: str
    title: str
    prefix: str
    data_class: type[d.Document]
    papers: tuple[str, ...]
    story: Callable[[Any, Sheet], list[Flowable]]
    landscape: bool = False


DOC_TYPES: dict[str, DocType] = {
    t.code: t
    for t in (
        DocType("receipt", receipt.TITLE, "HZ", d.ReceiptData, PAGE_AND_ROLL, receipt.story),
        DocType("notification", notification.TITLE, "GZ", d.NotificationData, PAGE, notification.story),
        DocType("supplement_notice", notices.SUPPLEMENT_TITLE, "BZ", d.SupplementNoticeData, PAGE,
                notices.supplement_story),
        DocType("deferred_notice", notices.DEFERRED_TITLE, "RQ", d.DeferredNoticeData, PAGE, notices.deferred_story),
        DocType("rejection_notice", notices.REJECTION_TITLE, "BY", d.RejectionNoticeData, PAGE,
                notices.rejection_story),
        DocType("extension_notice", notices.EXTENSION_TITLE, "YQ", d.ExtensionNoticeData, PAGE,
                notices.extension_story),
        DocType("completion_notice", completion.TITLE, "BJ", d.CompletionNoticeData, PAGE, completion.story),
        DocType("referral_slip", referral.TITLE, "ZB", d.ReferralSlipData, PAGE_AND_ROLL, referral.story),
        DocType("ledger", ledger.TITLE, "TZ", d.LedgerData, PAGE, ledger.story, landscape=True),
        DocType("appointment_slip", appointment_slip.TITLE, "YY", appointment_slip.AppointmentSlipData,
                PAGE_AND_ROLL, appointment_slip.story),
        DocType("complaint_receipt", complaint_receipt.TITLE, "TH", complaint_receipt.ComplaintReceiptData,
                PAGE_AND_ROLL, complaint_receipt.story),
        DocType("whereabouts_board", whereabouts_board.TITLE, "QX", whereabouts_board.WhereaboutsBoardData, PAGE,
                whereabouts_board.story),
        DocType("inquiry_ledger", ledger.INQUIRY_TITLE, "SW", d.InquiryLedgerData, PAGE, ledger.inquiry_story,
                landscape=True),
        DocType("ledger_sheet", ledger_sheet.TITLE, "TB", ledger_sheet.LedgerSheetData, ("A4",), ledger_sheet.story,
                landscape=True),
        DocType("month_report", month_report.TITLE, "YB", month_report.MonthReportData, ("A4",), month_report.story),
        # 代办 (the village proxy's forms, DB14/T 2233-2020)
        DocType("proxy_mandate", proxy_forms.MANDATE_TITLE, "DW", proxy_forms.ProxyMandateData, PAGE,
                proxy_forms.mandate_story),
        DocType("proxy_termination", proxy_forms.TERMINATION_TITLE, "DZ", proxy_forms.ProxyTerminationData, PAGE,
                proxy_forms.termination_story),
        DocType("proxy_renewal", proxy_forms.RENEWAL_TITLE, "XB", proxy_forms.ProxyRenewalData, PAGE,
                proxy_forms.renewal_story),
        DocType("proxy_completion", proxy_forms.COMPLETION_TITLE, "DB", proxy_forms.ProxyCompletionData, PAGE,
                proxy_forms.completion_story),
        DocType("online_guide", online_guide.TITLE, "WB", online_guide.OnlineGuideData, PAGE, online_guide.story),
        DocType("test_page", test_page.TITLE, "CS", test_page.TestPageData, PAGE_AND_ROLL, test_page.story),
    )
}
_BY_CLASS = {t.data_class: t for t in DOC_TYPES.values()}


def doc_type_of(data: d.Document) -> DocType:
    try:
        return _BY_CLASS[type(data)]
    except KeyError:
        raise TypeError(f"not a printable document: {type(data).__name__}") from None


def doc_number_prefix(code: str) -> str:
    """The short code document numbers of this type start with (HZ 回执 …)."""
    return DOC_TYPES[code].prefix


def render(data: d.Document, paper: str = "A4", *, font_path: str | os.PathLike[str] | None = None) -> bytes:
    """The document as PDF bytes, on ``paper`` ("A4", "A5" or "80mm").

    Pure: no Qt, no database, safe on any thread. ``font_path`` is the
    configured font file, if any (see :mod:`app.printing.fonts`); the
    fonts for rare characters found on this machine follow it. Raises
    UnsupportedPaper, FontNotFound or MissingGlyph (a character of the data
    no font has, named with its field) with a message for the worker.
    """
    doc_type = doc_type_of(data)
    if paper not in doc_type.papers:
        names = [PAPER_NAMES[p] for p in doc_type.papers]
        choices = "、".join(names[:-1]) + "或" + names[-1]
        known = PAPER_NAMES.get(paper, f"“{paper}”")
        raise UnsupportedPaper(f"{doc_type.title}不能用{known}打印，请选择{choices}。")
    chain = font_chain(font_path)
    # Before anything is set: a character no font has stops the document here.
    check_glyphs(data, chain)
    page = sheet(chain.name, paper, doc_type.landscape and not PAPERS[paper].roll)
    return build_pdf(doc_type.story(data, page), sheet=page, doc=data, title=doc_type.title)
