"""审计日志查询 — the center head reads the audit log, by staff member or resident, and exports it.

Who revealed a full ID number or opened a resident's record, who changed
what, and when: the head answers a resident's or the county's question
from here. Reading and exporting it are head-only, and the export is itself
audited. The export is CSV in UTF-8 with a byte-order mark, which Excel
(WPS too) opens with the Chinese intact.
"""
from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.clock import format_local
from app.models import AuditEntry, Case, Inquiry, Staff
from app.services import audit
from app.services.context import Actor
from app.services.errors import PermissionDenied
from app.services.search import lookup
from app.text import Text, tr

ACTION_LABELS: dict[str, Text] = {
    "create": Text("新建", "Created"),
    "update": Text("修改", "Changed"),
    "correct": Text("更正", "Corrected"),
    "reveal": Text("查看完整号码", "Revealed in full"),
    "view": Text("查看群众档案", "Opened the record"),
    "print": Text("打印", "Printed"),
    "import": Text("导入", "Imported"),
    "export": Text("导出", "Exported"),
    "alarm": Text("告警", "Alarm"),
    "merge": Text("合并", "Merged"),
}
MAX_ROWS = 5000


@dataclass(frozen=True)
class AuditRow:
    """One entry as the screen and the export show it (plain data)."""

    occurred_at: datetime
    staff_name: str
    action: str
    action_label: str
    entity: str
    summary: str


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    residents: tuple[str, ...]  # the residents the resident filter matched, by name
    truncated: bool  # more than MAX_ROWS matched: narrow the dates


@dataclass(frozen=True)
class StaffChoice:
    id: uuid.UUID
    name: str


def _require_head(actor: Actor) -> None:
    if not actor.is_head:
        raise PermissionDenied(tr("只有中心主任可以查看审计日志", "Only the center head can read the audit log"))


def staff_choices(session: Session, actor: Actor) -> tuple[StaffChoice, ...]:
    """Every account of the center, active or not, for the staff filter."""
    _require_head(actor)
    return tuple(StaffChoice(s.id, f"{s.display_name}（{s.username}）")
                 for s in session.scalars(select(Staff).order_by(Staff.display_name)))


def audit_rows(session: Session, actor: Actor, *, staff_id: uuid.UUID | None = None, resident_query: str = "",
               date_from: date | None = None, date_to: date | None = None, limit: int = MAX_ROWS) -> AuditPage:
    """The entries matching every filter given, newest first.

    ``resident_query`` is what the one search box takes (name, ID number,
    phone): the entries about the residents it finds, their cases and their
    inquiries.
    """
    _require_head(actor)
    query = select(AuditEntry)
    if staff_id is not None:
        query = query.where(AuditEntry.staff_id == staff_id)
    if date_from is not None:
        query = query.where(AuditEntry.occurred_at >= day_bounds(date_from)[0])
    if date_to is not None:
        query = query.where(AuditEntry.occurred_at < day_bounds(date_to)[1])
    names: tuple[str, ...] = ()
    if resident_query.strip():
        found = lookup(session, resident_query.strip(), limit=20)
        residents = [hit.id for hit in found.residents] or list({hit.resident_id for hit in found.cases})
        names = tuple(hit.name for hit in found.residents)
        if not residents:
            return AuditPage((), (), False)
        cases = [str(c) for c in session.scalars(select(Case.id).where(Case.resident_id.in_(residents)))]
        inquiries = [str(i) for i in session.scalars(select(Inquiry.id).where(Inquiry.resident_id.in_(residents)))]
        query = query.where(or_(
            and_(AuditEntry.entity == "resident", AuditEntry.entity_id.in_([str(r) for r in residents])),
            and_(AuditEntry.entity == "case", AuditEntry.entity_id.in_(cases)),
            and_(AuditEntry.entity == "inquiry", AuditEntry.entity_id.in_(inquiries)),
        ))
    entries = session.scalars(query.order_by(AuditEntry.occurred_at.desc()).limit(limit + 1)).all()
    staff = {s.id: s.display_name for s in session.scalars(select(Staff))}
    rows = tuple(
        AuditRow(e.occurred_at, staff.get(e.staff_id, "") if e.staff_id else tr("系统", "System"), e.action,
                 str(ACTION_LABELS.get(e.action, e.action)), e.entity, e.summary)
        for e in entries[:limit]
    )
    return AuditPage(rows, names, len(entries) > limit)


CSV_HEADERS = ("时间", "工作人员", "操作", "对象", "内容")


def export_audit_csv(session: Session, actor: Actor, page: AuditPage, *, described_as: str = "") -> bytes:
    """The rows as CSV (UTF-8 with BOM, Excel-ready); the export is audited."""
    _require_head(actor)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADERS)
    for row in page.rows:
        writer.writerow([format_local(row.occurred_at), row.staff_name, row.action_label, row.entity, row.summary])
    audit.record(session, actor, "export", entity="audit_log",
                 summary=f"导出审计日志 {len(page.rows)} 条" + (f"（{described_as}）" if described_as else ""))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The local day as two instants in UTC, as the log stores them."""
    start = datetime.combine(day, time.min).astimezone().astimezone(timezone.utc)
    return start, start + timedelta(days=1)


__all__ = ["ACTION_LABELS", "AuditPage", "AuditRow", "StaffChoice", "audit_rows", "export_audit_csv", "staff_choices"]
