"""GB/T 39046-2020 export: a period's cases (办件), ratings (评价) and
complaints (投诉) in the standard's data items, for loading into the
provincial platform instead of typing them again.

The field lists are data, here and only here (``TABLES``): the export writes
them and the tests validate against them. Codes are mapped at export:
办件类型 1 即办 / 2 承诺 (the item's handling mode; 代办转报 is a committed
item); a rating's level and channel through ``app.services.rating_export``'s
GB/T 39046 scheme (1 = 非常满意 … 5 = 非常不满意), never a second copy.

Personal data: the applicant's and the complainant's names are masked to the
surname (the platform identifies the case by its number); anonymous
complaints say 匿名. No ID number or phone is exported.
"""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.vocabulary import (
    AppealDecision,
    CaseEventKind,
    CaseResult,
    ComplaintSource,
    EntityKind,
    HandlingMode,
    RatingLevel,
    RatingReason,
)
from app.services import complaints
from app.services.lifecycle import DOC_RECEIPT
from app.services.rating_export import GBT_39046
from county_server.models import Case, CaseEvent, Center, CenterRecord, Complaint, Rating, RatingFollowUp, Resident
from county_server.services.county_stats import Lookups, lookups, period_bounds, work_calendar
from county_server.services.status_lookup import mask_name


@dataclass(frozen=True)
class Item:
    """One data item of a table: its name, the longest value, whether it must be filled, its codes."""

    name: str
    max_length: int
    required: bool = False
    codes: frozenset[str] | None = None  # the values allowed, when the item is coded


_CASE_TYPES = frozenset({"1", "2"})
_LEVEL_CODES = frozenset(GBT_39046.levels.values())
_CHANNEL_CODES = frozenset(GBT_39046.channels.values())

#: GB/T 39046-2020 tables 5–8 (办件), 9 (评价) and 10 (投诉): the items exported, in order.
TABLES: Mapping[str, tuple[Item, ...]] = {
    "办件": (
        Item("办件编号", 40, True), Item("事项编码", 30, True), Item("事项名称", 100, True),
        Item("办件类型", 1, True, _CASE_TYPES), Item("申请人", 60, True), Item("受理单位", 100, True),
        Item("受理人员", 50, True), Item("受理时间", 19, True), Item("受理文书编号", 50),
        Item("承诺办结时间", 10), Item("办理人", 50), Item("办结时间", 19), Item("结果", 10),
        Item("行政区划", 100),
    ),
    "评价": (
        Item("办件编号", 40), Item("评价渠道", 2, True, _CHANNEL_CODES), Item("评价人", 60),
        Item("评价时间", 19, True), Item("评价次数", 1, True, frozenset({"1", "2"})),
        Item("满意度代码", 1, True, _LEVEL_CODES), Item("满意度", 10, True), Item("文字评价", 500),
        Item("差评原因", 100), Item("经办人", 50), Item("事项编码", 30), Item("事项名称", 100), Item("行政区划", 100),
    ),
    "投诉": (
        Item("投诉编号", 40, True), Item("投诉标题", 100, True), Item("投诉人", 60, True),
        Item("被投诉单位/人", 100), Item("投诉内容", 1000, True), Item("投诉来源", 20, True),
        Item("投诉时间", 19, True), Item("承办单位", 100, True), Item("承办人", 50), Item("承办时间", 19),
        Item("反馈信息", 500), Item("反馈时间", 19), Item("承诺时限", 10, True), Item("延期时限", 10),
        Item("延期原因", 500), Item("超期天数", 5, True), Item("行政区划", 100),
    ),
}
_LEVEL_LABELS = {level.label.zh for level in RatingLevel}
_SOURCES = frozenset(source.label.zh for source in ComplaintSource)


@dataclass(frozen=True)
class Export:
    start: date
    end: date
    tables: Mapping[str, tuple[dict[str, str], ...]]


def problems(export: Export) -> list[str]:
    """Every way the export breaks the field lists (empty when it follows them)."""
    found: list[str] = []
    for table, items in TABLES.items():
        names = [item.name for item in items]
        for n, row in enumerate(export.tables.get(table, ()), 1):
            if list(row) != names:
                found.append(f"{table} 第 {n} 行：数据项与标准不一致")
                continue
            for item in items:
                value = row[item.name]
                if item.required and not value:
                    found.append(f"{table} 第 {n} 行「{item.name}」必填")
                if len(value) > item.max_length:
                    found.append(f"{table} 第 {n} 行「{item.name}」超过 {item.max_length} 字")
                if value and item.codes is not None and value not in item.codes:
                    found.append(f"{table} 第 {n} 行「{item.name}」代码 {value} 不在标准代码中")
    return found


def _time(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") if moment is not None else ""


def _day(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _region(center: Center) -> str:
    return "".join(part for part in (center.county, center.district, center.town) if part)


def export(session: Session, *, start: date, end: date, zone: ZoneInfo, today: date) -> Export:
    """The period's records (received, rated or registered in it), coded for GB/T 39046-2020."""
    lo, hi = period_bounds(start, end, zone)
    names = lookups(session)
    centers = {c.id: c for c in session.scalars(select(Center))}
    return Export(start, end, {
        "办件": tuple(_cases(session, lo, hi, zone, names, centers)),
        "评价": tuple(_ratings(session, lo, hi, zone, names, centers)),
        "投诉": tuple(_complaints(session, lo, hi, zone, names, centers, today)),
    })


def _cases(session: Session, lo: datetime, hi: datetime, zone: ZoneInfo, names: Lookups,
           centers: Mapping[uuid.UUID, Center]) -> list[dict[str, str]]:
    rows = list(session.execute(select(Case, Resident.name).join(Resident, Resident.id == Case.resident_id)
                                .where(Case.received_at >= lo, Case.received_at < hi, Case.accepted_on.is_not(None))
                                .order_by(Case.received_at, Case.case_number)))
    ids = [case.id for case, _ in rows]
    completed_by: dict[uuid.UUID, uuid.UUID | None] = {}
    accepted_at: dict[uuid.UUID, datetime] = {}  # accepted after 补正: when the materials came (as the 受理回执)
    for case_id, kind, staff_id, occurred_at in session.execute(
            select(CaseEvent.case_id, CaseEvent.kind, CaseEvent.staff_id, CaseEvent.occurred_at).where(
                CaseEvent.case_id.in_(ids), CaseEvent.kind.in_((CaseEventKind.COMPLETE.value,
                                                                CaseEventKind.SUPPLEMENT_RECEIVED.value)))
            .order_by(CaseEvent.position)):
        if kind == CaseEventKind.COMPLETE:
            completed_by[case_id] = staff_id
        else:
            accepted_at[case_id] = occurred_at
    receipts: dict[str, str] = {}
    for (data,) in session.execute(select(CenterRecord.data).where(
            CenterRecord.entity == EntityKind.PRINTED_DOCUMENT.value,
            CenterRecord.center_id.in_({case.center_id for case, _ in rows}))):
        if data.get("doc_type") == DOC_RECEIPT and data.get("case_id") and not data.get("reprint_of"):
            receipts.setdefault(str(data["case_id"]), str(data.get("doc_number", "")))
    out = []
    for case, applicant in rows:
        _, _, mode = names.item(case.item_id)
        center = centers[case.center_id]
        handler = completed_by.get(case.id) or case.data.get("handled_by")
        out.append({
            "办件编号": case.case_number, "事项编码": case.item_code, "事项名称": case.item_name,
            "办件类型": "1" if mode == HandlingMode.ON_THE_SPOT else "2", "申请人": mask_name(applicant),
            "受理单位": center.name, "受理人员": names.name(case.data.get("handled_by")),
            "受理时间": _time(accepted_at.get(case.id, case.received_at), zone),
            "受理文书编号": receipts.get(str(case.id), ""), "承诺办结时间": _day(case.committed_due),
            "办理人": names.name(handler) if case.completed_at else "", "办结时间": _time(case.completed_at, zone),
            "结果": CaseResult(case.result).label.zh if case.result in CaseResult._value2member_map_ else "",
            "行政区划": _region(center),
        })
    return out


def _ratings(session: Session, lo: datetime, hi: datetime, zone: ZoneInfo, names: Lookups,
             centers: Mapping[uuid.UUID, Center]) -> list[dict[str, str]]:
    voided = select(RatingFollowUp.rating_id).where(RatingFollowUp.appeal_decision == AppealDecision.VOIDED.value)
    out = []
    for rating in session.scalars(select(Rating).where(Rating.rated_at >= lo, Rating.rated_at < hi,
                                                       Rating.id.not_in(voided)).order_by(Rating.rated_at)):
        level = RatingLevel.of_order(rating.level)
        data = rating.data
        reasons = [str(r) for r in data.get("reasons") or () if r in RatingReason._value2member_map_]
        out.append({
            "办件编号": str(data.get("case_number") or ""), "评价渠道": GBT_39046.channel_code(rating.channel),
            "评价人": "", "评价时间": _time(rating.rated_at, zone), "评价次数": str(rating.round),
            "满意度代码": GBT_39046.level_code(level), "满意度": level.label.zh,
            "文字评价": str(data.get("comment") or ""),
            "差评原因": "、".join(RatingReason(r).label.zh for r in reasons),
            "经办人": names.name(data.get("staff_id")), "事项编码": str(data.get("item_code") or ""),
            "事项名称": str(data.get("item_name") or ""), "行政区划": _region(centers[rating.center_id]),
        })
    return out


def _complaints(session: Session, lo: datetime, hi: datetime, zone: ZoneInfo, names: Lookups,
                centers: Mapping[uuid.UUID, Center], today: date) -> list[dict[str, str]]:
    calendar = work_calendar(session)
    out = []
    for complaint in session.scalars(select(Complaint).where(Complaint.received_at >= lo, Complaint.received_at < hi)
                                     .order_by(Complaint.received_at)):
        data = complaint.data
        center = centers[complaint.center_id]
        answered = complaints.answered_on(complaint.answered_at, complaint.county_answered_at, zone)
        source = str(data.get("source") or "")
        extended = data.get("extended_from")
        out.append({
            "投诉编号": complaint.complaint_number, "投诉标题": str(data.get("title") or ""),
            "投诉人": "匿名" if data.get("anonymous") or not data.get("complainant_name")
            else mask_name(str(data["complainant_name"])),
            "被投诉单位/人": str(data.get("subject") or ""), "投诉内容": str(data.get("content") or ""),
            "投诉来源": ComplaintSource(source).label.zh if source in ComplaintSource._value2member_map_ else source,
            "投诉时间": _time(complaint.received_at, zone),
            "承办单位": complaint.county_officer if complaint.county_answered_at else center.name,
            "承办人": names.name(data.get("handler_id") or data.get("received_by")),
            "承办时间": _time(complaint.received_at, zone),
            "反馈信息": complaint.county_answer or str(data.get("answer") or ""),
            "反馈时间": _time(complaint.answered_at or complaint.county_answered_at, zone),
            "承诺时限": _day(complaint.answer_due), "延期时限": _day(complaint.answer_due) if extended else "",
            "延期原因": str(data.get("extension_reason") or "") if extended else "",
            "超期天数": str(complaints.days_overdue(complaint.answer_due, answered, today, calendar=calendar)),
            "行政区划": _region(center),
        })
    return out


def workbook(data: Export) -> bytes:
    """The export as .xlsx: one sheet per table, the standard's item names as the header."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)  # streamed: a county's month is tens of thousands of rows
    for table, items in TABLES.items():
        sheet = book.create_sheet(table)
        sheet.freeze_panes = "A2"
        header = []
        for item in items:
            cell = WriteOnlyCell(sheet, value=item.name)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in data.tables[table]:
            sheet.append([row[item.name] for item in items])
    note = book.create_sheet("说明")
    for line in (
        f"统计期：{data.start:%Y-%m-%d} 至 {data.end:%Y-%m-%d}（按受理、评价、投诉登记时间）",
        "数据项：GB/T 39046-2020 表 5–10 的办件、评价、投诉数据项",
        "办件类型：1 即办件，2 承诺件（代办转报按承诺件）",
        "满意度代码：1 非常满意，2 满意，3 基本满意，4 不满意，5 非常不满意（GB/T 39046 附录 A.8）",
        "评价渠道：3 二维码，4 政务大厅平板电脑（窗口评价器），6 电话回访",
        "个人信息：申请人、投诉人只保留姓氏；不导出证件号码和电话；经申诉复核作废的评价不导出。",
    ):
        note.append([line])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
