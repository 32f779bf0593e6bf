"""Printed documents (文书打印): data in, PDF bytes out. No Qt.

``render(data, paper)`` sets any document of :data:`DOC_TYPES` on A4, A5 or
the 80 mm roll with an embedded Chinese TrueType font; the desk previews and
prints the bytes with a thin Qt layer on top.
"""
from __future__ import annotations

from app.printing.data import (
    AppealRoutes,
    Applicant,
    CaseDocument,
    CenterInfo,
    CompletionNoticeData,
    DeferredNoticeData,
    Document,
    ExtensionNoticeData,
    InquiryLedgerData,
    InquiryLedgerRow,
    LedgerData,
    LedgerRow,
    MaterialLine,
    NotificationData,
    ReceiptData,
    ReferralSlipData,
    RejectionNoticeData,
    SupplementNoticeData,
)
from app.printing.fonts import FontChain, FontNotFound, find_font, font_chain
from app.printing.glyphs import MissingGlyph
from app.printing.registry import DOC_TYPES, DocType, UnsupportedPaper, doc_number_prefix, doc_type_of, render
from app.printing.sheet import PAPERS

__all__ = [
    "DOC_TYPES",
    "PAPERS",
    "AppealRoutes",
    "Applicant",
    "CaseDocument",
    "CenterInfo",
    "CompletionNoticeData",
    "DeferredNoticeData",
    "DocType",
    "Document",
    "ExtensionNoticeData",
    "InquiryLedgerData",
    "InquiryLedgerRow",
    "FontChain",
    "FontNotFound",
    "LedgerData",
    "LedgerRow",
    "MaterialLine",
    "MissingGlyph",
    "NotificationData",
    "ReceiptData",
    "ReferralSlipData",
    "RejectionNoticeData",
    "SupplementNoticeData",
    "UnsupportedPaper",
    "doc_number_prefix",
    "doc_type_of",
    "find_font",
    "font_chain",
    "render",
]
