"""Local settings kept in the database (``settings`` table), with types and defaults."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.models import Setting
from app.services.errors import DomainError
from app.text import tr


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    kind: type

    def check(self, value: Any) -> Any:
        if self.kind is int and (not isinstance(value, int) or isinstance(value, bool)):
            raise DomainError(tr(f"设置项 {self.key} 须为整数", f"The setting {self.key} must be a whole number"),
                              field=self.key)
        if self.kind is str and not isinstance(value, str):
            raise DomainError(tr(f"设置项 {self.key} 须为文字", f"The setting {self.key} must be text"), field=self.key)
        if self.kind is dict and not isinstance(value, dict):
            raise DomainError(tr(f"设置项 {self.key} 格式不正确", f"The setting {self.key} has the wrong format"),
                              field=self.key)
        return value


# 时限预警: "due soon" means within this many working days.
DEADLINE_SOON_DAYS = SettingSpec("deadline_soon_days", 1, int)
# The county server's public address; the QR codes on case documents point there.
STATUS_URL_BASE = SettingSpec("status_url_base", "", str)
# A TrueType font file for printed documents; empty = the installed default.
PRINT_FONT = SettingSpec("print_font", "", str)
# Printer, paper and copies remembered per document type.
PRINT_PREFERENCES = SettingSpec("print_preferences", {}, dict)
# Sync with the county server (the server's address is on this device's row).
# A PEM file of certificate authorities to trust besides the system's; empty = system only.
SYNC_CA_BUNDLE = SettingSpec("sync_ca_bundle", "", str)
# Minutes between automatic syncs; 0 = only when asked.
SYNC_INTERVAL_MINUTES = SettingSpec("sync_interval_minutes", 5, int)
# 投诉电话: the center's complaints line, shown on the whereabouts board; empty = not shown.
COMPLAINT_PHONE = SettingSpec("complaint_phone", "", str)
# Where a bootstrap snapshot stands: {"done": bool, "page_token": str, "cursors": {...}}.
SYNC_BOOTSTRAP = SettingSpec("sync_bootstrap", {}, dict)
# 外出服务 on this PC (a field laptop): the trip under way, {} when at the center (app.services.field_service).
FIELD_TRIP = SettingSpec("field_trip", {}, dict)
# The database's recovery key, printed once for the center head: {"printed_at": ISO time, "by": staff id}.
RECOVERY_KEY_PRINTED = SettingSpec("recovery_key_printed", {}, dict)
# This PC's ID card reader (app/services/id_reader.py): {"mode", "url", "poll_ms", "keep_photo", "request"}.
ID_READER = SettingSpec("id_reader", {}, dict)


def get(session: Session, spec: SettingSpec) -> Any:
    row = session.get(Setting, spec.key)
    if row is None:
        return spec.default
    try:
        return spec.check(json.loads(row.value))
    except (ValueError, DomainError):
        return spec.default  # a damaged value falls back; the next save repairs it


def put(session: Session, spec: SettingSpec, value: Any) -> None:
    spec.check(value)
    text = json.dumps(value, ensure_ascii=False)
    row = session.get(Setting, spec.key)
    if row is None:
        session.add(Setting(key=spec.key, value=text))
    else:
        row.value = text


def set_deadline_soon_days(session: Session, days: int) -> None:
    if not 0 <= days <= 10:
        raise DomainError(tr("预警天数应在 0 到 10 个工作日之间", "The warning window should be 0 to 10 working days"),
                          field="deadline_soon_days")
    put(session, DEADLINE_SOON_DAYS, days)


# -- 差评整改 deadlines (working days) -------------------------------------------------
# Set by the county (published with the center's record, see app.sync.apply);
# these defaults apply until a county value arrives. Provinces differ (1/15, 15, 5).
RATING_REVISIT_DAYS = SettingSpec("rating_revisit_days", 1, int)
RATING_RECTIFY_DAYS = SettingSpec("rating_rectify_days", 15, int)
#: Where the two values came from: "" (this desk's default) or "county".
RATING_DEADLINES_SOURCE = SettingSpec("rating_deadlines_source", "", str)
