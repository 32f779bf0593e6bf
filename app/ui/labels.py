"""Display labels for codes, in the language the desk runs in.

The domain's vocabulary (statuses, outcomes, events, results, handling modes)
carries its own labels (``app.models.vocabulary``), shared with the core and
the county; the codes only the interface shows are translated by Qt here.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.models.vocabulary import CaseEventKind, CaseResult, CaseStatus, HandlingMode, IntakeOutcome


def status_labels() -> dict[str, str]:
    return CaseStatus.labels()


def handling_mode_labels() -> dict[str, str]:
    return HandlingMode.labels()


def role_labels() -> dict[str, str]:
    return {"window": QCoreApplication.translate("Labels", "Window staff"), "head": QCoreApplication.translate("Labels", "Center head")}


def form_labels() -> dict[str, str]:
    return {
        "original": QCoreApplication.translate("Labels", "Original"),
        "copy": QCoreApplication.translate("Labels", "Copy"),
        "original_and_copy": QCoreApplication.translate("Labels", "Original and copy"),
        "electronic": QCoreApplication.translate("Labels", "Electronic"),
    }


def outcome_labels() -> dict[str, str]:
    """Intake outcomes, in the order the intake screen offers them."""
    return IntakeOutcome.labels()


def event_labels() -> dict[str, str]:
    return CaseEventKind.labels()


def document_labels() -> dict[str, str]:
    return {
        "receipt": QCoreApplication.translate("Labels", "Acceptance receipt"),
        "notification": QCoreApplication.translate("Labels", "One-time notification slip"),
        "supplement_notice": QCoreApplication.translate("Labels", "Notice to supply materials"),
        "deferred_notice": QCoreApplication.translate("Labels", "Notice of acceptance with materials to follow"),
        "rejection_notice": QCoreApplication.translate("Labels", "Notice of non-acceptance"),
        "extension_notice": QCoreApplication.translate("Labels", "Extension notice"),
        "completion_notice": QCoreApplication.translate("Labels", "Completion notice / pickup slip"),
        "referral_slip": QCoreApplication.translate("Labels", "Referral slip"),
        "ledger": QCoreApplication.translate("Labels", "Ledger"),
    }


def inquiry_outcome_labels() -> dict[str, str]:
    return {
        "answered": QCoreApplication.translate("Labels", "Answered"),
        "referred": QCoreApplication.translate("Labels", "Referred"),
        "open": QCoreApplication.translate("Labels", "To become a case"),
        "converted": QCoreApplication.translate("Labels", "Became a case"),
        "follow_up": QCoreApplication.translate("Labels", "Needs follow-up"),
    }


def result_labels() -> dict[str, str]:
    return CaseResult.labels()


def deadline_labels() -> dict[str, str]:
    return {
        "overdue": QCoreApplication.translate("Labels", "Overdue"),
        "due_soon": QCoreApplication.translate("Labels", "Due soon"),
        "on_time": QCoreApplication.translate("Labels", "On time"),
        "paused": QCoreApplication.translate("Labels", "Paused"),
        "none": "",
    }


def sync_state_labels() -> dict[str, str]:
    """A record's state with the county, as the lists show it."""
    return {
        "synced": QCoreApplication.translate("Labels", "synced"),
        "pending": QCoreApplication.translate("Labels", "waiting"),
        "error": QCoreApplication.translate("Labels", "not accepted"),
    }


def record_field_labels() -> dict[str, str]:
    """Field names of synced records, for the needs-attention comparison."""
    return {
        "doc_type": QCoreApplication.translate("Fields", "Document type"),
        "id_number": QCoreApplication.translate("Fields", "ID number"),
        "name": QCoreApplication.translate("Fields", "Name"),
        "gender": QCoreApplication.translate("Fields", "Gender"),
        "birth_date": QCoreApplication.translate("Fields", "Date of birth"),
        "phone": QCoreApplication.translate("Fields", "Phone"),
        "address": QCoreApplication.translate("Fields", "Address"),
        "village_group": QCoreApplication.translate("Fields", "Village group"),
        "tags": QCoreApplication.translate("Fields", "Household situation"),
        "case_number": QCoreApplication.translate("Fields", "Case number"),
        "item_name": QCoreApplication.translate("Fields", "Item"),
        "item_code": QCoreApplication.translate("Fields", "Item code"),
        "status": QCoreApplication.translate("Fields", "Status"),
        "outcome": QCoreApplication.translate("Fields", "Intake outcome"),
        "result": QCoreApplication.translate("Fields", "Result"),
        "received_at": QCoreApplication.translate("Fields", "Received"),
        "accepted_on": QCoreApplication.translate("Fields", "Accepted on"),
        "committed_due": QCoreApplication.translate("Fields", "Promised by"),
        "statutory_due": QCoreApplication.translate("Fields", "Statutory deadline"),
        "forwarded_to": QCoreApplication.translate("Fields", "Forwarded to"),
        "expected_return": QCoreApplication.translate("Fields", "Expected back"),
        "completed_at": QCoreApplication.translate("Fields", "Completed"),
        "window_no": QCoreApplication.translate("Fields", "Window"),
        "note": QCoreApplication.translate("Fields", "Note"),
        "deferred_materials": QCoreApplication.translate("Fields", "Materials to follow"),
        "kind": QCoreApplication.translate("Fields", "Action"),
        "from_status": QCoreApplication.translate("Fields", "Status before"),
        "to_status": QCoreApplication.translate("Fields", "Status after"),
        "occurred_at": QCoreApplication.translate("Fields", "When"),
        "actor_label": QCoreApplication.translate("Fields", "By"),
        "asker_name": QCoreApplication.translate("Fields", "Asked by"),
        "asker_phone": QCoreApplication.translate("Fields", "Phone"),
        "topic": QCoreApplication.translate("Fields", "Question"),
        "answer": QCoreApplication.translate("Fields", "Answer"),
        "referred_to": QCoreApplication.translate("Fields", "Referred to"),
        "referred_contact": QCoreApplication.translate("Fields", "Contact"),
        "referred_phone": QCoreApplication.translate("Fields", "Contact phone"),
        "follow_up_due": QCoreApplication.translate("Fields", "Follow up by"),
        "missing_materials": QCoreApplication.translate("Fields", "Missing materials"),
        "asked_at": QCoreApplication.translate("Fields", "Asked at"),
        "closed_at": QCoreApplication.translate("Fields", "Closed at"),
        "close_note": QCoreApplication.translate("Fields", "Closing note"),
        "doc_number": QCoreApplication.translate("Fields", "Document number"),
        "printed_at": QCoreApplication.translate("Fields", "Printed at"),
        "paper": QCoreApplication.translate("Fields", "Paper"),
        "copies": QCoreApplication.translate("Fields", "Copies"),
        "reprint_count": QCoreApplication.translate("Fields", "Reprint"),
    }
