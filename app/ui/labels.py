"""Display labels for domain codes, through Qt translation (zh_CN by default)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def status_labels() -> dict[str, str]:
    return {
        "needs_supplement": QCoreApplication.translate("Labels", "Awaiting materials"),
        "rejected": QCoreApplication.translate("Labels", "Not accepted"),
        "accepted": QCoreApplication.translate("Labels", "Accepted"),
        "in_progress": QCoreApplication.translate("Labels", "In progress"),
        "suspended": QCoreApplication.translate("Labels", "Paused for materials"),
        "forwarded": QCoreApplication.translate("Labels", "Forwarded"),
        "returned": QCoreApplication.translate("Labels", "Returned"),
        "completed": QCoreApplication.translate("Labels", "Completed"),
        "delivered": QCoreApplication.translate("Labels", "Delivered"),
        "withdrawn": QCoreApplication.translate("Labels", "Withdrawn"),
    }


def handling_mode_labels() -> dict[str, str]:
    return {
        "on_the_spot": QCoreApplication.translate("Labels", "On the spot"),
        "committed": QCoreApplication.translate("Labels", "Committed"),
        "forwarded": QCoreApplication.translate("Labels", "Forwarded (proxy)"),
    }


def role_labels() -> dict[str, str]:
    return {"window": QCoreApplication.translate("Labels", "Window staff"), "head": QCoreApplication.translate("Labels", "Center head")}


def form_labels() -> dict[str, str]:
    return {
        "original": QCoreApplication.translate("Labels", "Original"),
        "copy": QCoreApplication.translate("Labels", "Copy"),
        "original_and_copy": QCoreApplication.translate("Labels", "Original and copy"),
        "electronic": QCoreApplication.translate("Labels", "Electronic"),
    }
