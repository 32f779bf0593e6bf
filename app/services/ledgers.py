"""台账 — the center's ledgers of a period, as plain tables.

办件, 首问登记, 投诉, 评价与差评整改, 预约 and 上门/巡回, each with the columns a town or
county expects (Chinese headings; the ledgers are Chinese documents), read
only. ID numbers and phones are masked unless the caller asks otherwise (the
Excel export lets the head choose, and audits the choice).
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType

from sqlalchemy import ColumnElement, Select, String, select, type_coerce
from sqlalchemy.orm import Session

from app.clock import local_today, to_local
from app.models import (
    Appointment,
    Case,
    CatalogItem,
    Complaint,
    Department,
    Inquiry,
    Rating,
    RatingFollowUp,
    Resident,
    Staff,
)
from app.models.case import CLOSED_STATUSES
from app.models.vocabulary import (
    AppointmentChannel,
    AppointmentPlace,
    AppointmentStatus,
    CaseStatus,
    ComplaintSource,
    ComplaintStatus,
    FieldMode,
    RatingChannel,
    RatingReason,
)
from app.services import complaints
from app.services.identity import mask_id_number, mask_phone
from app.services.ratings import is_voided
from app.services.statistics import field_visit_key
from app.text import Text


@dataclass(frozen=True)
class Column:
    title: str  # Chinese heading
    width: int = 12  # characters, for Excel and paper


@dataclass(frozen=True)
class Ledger:
    """One ledger: headings, rows of text, and the 合计 line."""

    key: str
    title: Text
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...]


# isoformat rather than strftime: a year's ledger formats some 70,000 dates.
def _day(moment: datetime | None) -> str:
    return to_local(moment).date().isoformat() if moment is not None else ""


def _time(moment: datetime | None) -> str:
    return to_local(moment).isoformat(" ", "minutes")[:16] if moment is not None else ""


def _date(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    from app.services.queries import local_day_start

    return local_day_start(start), local_day_start(date.fromordinal(end.toordinal() + 1))


def _total(columns: Sequence[Column], count: int, unit: str, extra: dict[int, str] | None = None) -> tuple[str, ...]:
    cells = ["合计", f"共 {count} {unit}"] + [""] * (len(columns) - 2)
    for index, text in (extra or {}).items():
        cells[index] = text
    return tuple(cells)


def _columns(*spec: tuple[str, int]) -> tuple[Column, ...]:
    return tuple(Column(title, width) for title, width in spec)


def _masker(mask: bool) -> tuple[Callable[[str], str], Callable[[str], str]]:
    if mask:
        return mask_id_number, mask_phone
    return (lambda s: s), (lambda s: s)


CASE_COLUMNS = _columns(("序号", 6), ("办件编号", 22), ("申请人", 10), ("证件号码", 20), ("联系电话", 14),
                        ("事项名称", 24), ("部门", 12), ("受理人", 10), ("收件日期", 12), ("受理日期", 12),
                        ("承诺办结日期", 14), ("办结日期", 12), ("状态", 10), ("是否超期", 10), ("评价", 10))


def case_ledger(session: Session, *, start: date, end: date, mask: bool = True,
                today: date | None = None) -> Ledger:
    """办件台账: the cases received in the period."""
    today = today or local_today()
    lo, hi = _bounds(start, end)
    id_of, phone_of = _masker(mask)
    in_period = (Case.received_at >= lo) & (Case.received_at < hi)
    # Columns, not ORM objects: a year's ledger has tens of thousands of lines.
    rows = session.execute(
        select(Case.case_number, Case.received_at, Case.accepted_on, Case.committed_due, Case.completed_at,
               Case.status, Resident.name, Resident.id_number, Resident.phone, CatalogItem.name, Department.name,
               CatalogItem.department_code, Staff.display_name)
        .join(Resident, Resident.id == Case.resident_id)
        .join(CatalogItem, CatalogItem.id == Case.item_id)
        .join(Staff, Staff.id == Case.handled_by)
        .outerjoin(Department, (Department.catalog_version_id == CatalogItem.catalog_version_id)
                   & (Department.code == CatalogItem.department_code))
        .where(in_period)
        .order_by(Case.received_at, Case.case_number)
    ).all()
    rated = _latest_ratings_by_number(session, select(Case.id).where(in_period))
    out: list[tuple[str, ...]] = []
    overdue_count = 0
    statuses = {status.value: status.label.zh for status in CaseStatus}
    for n, (number, received_at, accepted_on, committed_due, completed_at, status, name, id_number, phone,
            item, department, department_code, worker) in enumerate(rows, 1):
        completed = to_local(completed_at).date() if completed_at is not None else None
        overdue = is_overdue(status, committed_due, completed, today)
        overdue_count += overdue
        out.append((str(n), number, name, id_of(id_number), phone_of(phone), item,
                    department or department_code, worker, _day(received_at), _date(accepted_on),
                    _date(committed_due), _date(completed), statuses.get(status, status),
                    "超期" if overdue else "", rated.get(number, "")))
    total = _total(CASE_COLUMNS, len(out), "件", {13: f"超期 {overdue_count} 件"})
    return Ledger("cases", Text("办件台账", "Cases"), CASE_COLUMNS, tuple(out), total)


def is_overdue(status: str, committed_due: date | None, completed: date | None, today: date) -> bool:
    """Overdue: done after the committed date, or still open past it (the printed ledger's rule too)."""
    if committed_due is None:
        return False
    if completed is not None:
        return completed > committed_due
    return status not in CLOSED_STATUSES and today > committed_due


def latest_ratings(session: Session, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The resident's latest rating of each case, as its label; a rating the county voided is left out."""
    if not case_ids:
        return {}
    return _latest_ratings(session, Rating.case_id.in_(case_ids), RatingFollowUp.case_id.in_(case_ids))


def _latest_ratings(session: Session, of_cases: ColumnElement[bool],
                    follow_ups_of_cases: ColumnElement[bool]) -> dict[uuid.UUID, str]:
    voided = {f.rating_id for f in session.scalars(select(RatingFollowUp).where(
        follow_ups_of_cases, RatingFollowUp.appeal_decision.is_not(None))) if is_voided(f)}
    latest: dict[uuid.UUID, str] = {}
    for case_id, rating_id, label in session.execute(
            select(Rating.case_id, Rating.id, Rating.level_label).where(of_cases)
            .order_by(Rating.round, Rating.rated_at)):
        if case_id is not None and rating_id not in voided:
            latest[case_id] = label
    return latest


def _latest_ratings_by_number(session: Session, case_ids: Select[tuple[uuid.UUID]]) -> dict[str, str]:
    """``latest_ratings`` keyed by case number, for a year's ledger: ids compared as stored text, so
    tens of thousands of them are not parsed into UUID objects."""
    voided = {f.rating_id.hex for f in session.scalars(select(RatingFollowUp).where(
        RatingFollowUp.case_id.in_(case_ids), RatingFollowUp.appeal_decision.is_not(None))) if is_voided(f)}
    latest: dict[str, str] = {}
    for number, rating_id, label in session.execute(
            select(Rating.case_number, type_coerce(Rating.id, String), Rating.level_label)
            .where(Rating.case_id.in_(case_ids)).order_by(Rating.round, Rating.rated_at)):
        if number and rating_id not in voided:
            latest[number] = label
    return latest


#: The inquiry outcomes (app.models.service.INQUIRY_OUTCOMES) as the ledgers print them.
INQUIRY_OUTCOME_TEXT = MappingProxyType({
    "open": "待处理", "answered": "已答复", "referred": "已转办", "converted": "已转办件", "follow_up": "跟进中",
})


def inquiry_status(inquiry: Inquiry) -> str:
    text = INQUIRY_OUTCOME_TEXT.get(inquiry.outcome, inquiry.outcome)
    return f"{text}（已办结）" if inquiry.closed_at is not None and inquiry.outcome != "open" else text


INQUIRY_COLUMNS = _columns(("序号", 6), ("登记时间", 17), ("来询人", 10), ("联系电话", 14), ("咨询事项", 30),
                           ("首问人", 10), ("答复内容", 30), ("转办单位", 16), ("跟进期限", 12), ("办理情况", 14))


def inquiry_ledger(session: Session, *, start: date, end: date, mask: bool = True) -> Ledger:
    """首问登记台账."""
    lo, hi = _bounds(start, end)
    _id, phone_of = _masker(mask)
    rows = session.execute(
        select(Inquiry, Staff.display_name).join(Staff, Staff.id == Inquiry.owner_id)
        .where(Inquiry.asked_at >= lo, Inquiry.asked_at < hi).order_by(Inquiry.asked_at)).all()
    out = []
    for n, (inquiry, owner) in enumerate(rows, 1):
        status = inquiry_status(inquiry)
        out.append((str(n), _time(inquiry.asked_at), inquiry.asker_name, phone_of(inquiry.asker_phone),
                    inquiry.topic, owner, inquiry.answer, inquiry.referred_to, _date(inquiry.follow_up_due), status))
    return Ledger("inquiries", Text("首问登记台账", "Inquiries"), INQUIRY_COLUMNS, tuple(out),
                  _total(INQUIRY_COLUMNS, len(out), "件"))


COMPLAINT_COLUMNS = _columns(("序号", 6), ("投诉编号", 20), ("登记时间", 17), ("来源", 10), ("投诉人", 10),
                             ("联系电话", 14), ("投诉事由", 24), ("被投诉对象", 14), ("承办人", 10),
                             ("承诺答复日期", 14), ("答复日期", 12), ("是否按期", 10), ("状态", 12))


def complaint_ledger(session: Session, *, start: date, end: date, mask: bool = True,
                     today: date | None = None) -> Ledger:
    """投诉台账."""
    today = today or local_today()
    lo, hi = _bounds(start, end)
    _id, phone_of = _masker(mask)
    names = {s.id: s.display_name for s in session.scalars(select(Staff))}
    out = []
    late = 0
    for n, c in enumerate(session.scalars(select(Complaint).where(Complaint.received_at >= lo, Complaint.received_at
                                                                  < hi).order_by(Complaint.received_at)), 1):
        answered = complaints.answered_on(c.answered_at, c.county_answered_at)
        if answered is not None:
            timely = "按期" if answered <= c.answer_due else "超期"
        else:
            timely = "超期未答复" if today > c.answer_due else ""
        late += timely.startswith("超期")
        out.append((str(n), c.complaint_number, _time(c.received_at), ComplaintSource.text_of(c.source).zh,
                    "匿名" if c.anonymous else c.complainant_name, "" if c.anonymous else phone_of(c.complainant_phone),
                    c.title, c.subject, names.get(c.handler_id or c.received_by, ""), _date(c.answer_due),
                    _date(answered), timely, ComplaintStatus.text_of(c.status).zh))
    return Ledger("complaints", Text("投诉台账", "Complaints"), COMPLAINT_COLUMNS, tuple(out),
                  _total(COMPLAINT_COLUMNS, len(out), "件", {11: f"超期 {late} 件"}))


RATING_COLUMNS = _columns(("序号", 6), ("评价时间", 17), ("办件编号", 22), ("事项名称", 22), ("被评价人", 10),
                          ("评价等级", 10), ("评价渠道", 10), ("差评原因", 20), ("评价内容", 24), ("整改期限", 12),
                          ("整改完成", 12), ("整改情况", 14))


def rating_ledger(session: Session, *, start: date, end: date) -> Ledger:
    """评价与差评整改台账: every rating of the period, and its follow-up where it was bad."""
    lo, hi = _bounds(start, end)
    names = {s.id: s.display_name for s in session.scalars(select(Staff))}
    follow_ups = {f.rating_id: f for f in session.scalars(select(RatingFollowUp))}
    out = []
    for n, r in enumerate(session.scalars(select(Rating).where(Rating.rated_at >= lo, Rating.rated_at < hi)
                                          .order_by(Rating.rated_at)), 1):
        follow_up = follow_ups.get(r.id)
        if follow_up is None:
            state = ""
        elif is_voided(follow_up):
            state = "县级复核作废"
        elif follow_up.closed_at is not None:
            state = "已整改" if to_local(follow_up.closed_at).date() <= follow_up.rectify_due else "逾期整改"
        else:
            state = "整改中"
        reasons = "、".join(RatingReason.text_of(reason).zh for reason in r.reasons)
        out.append((str(n), _time(r.rated_at), r.case_number, r.item_name,
                    names.get(r.staff_id, "") if r.staff_id else "", r.level_label,
                    RatingChannel.text_of(r.channel).zh, reasons, r.comment,
                    _date(follow_up.rectify_due) if follow_up else "",
                    _day(follow_up.closed_at) if follow_up else "", state))
    bad = sum(1 for row in out if row[9])
    return Ledger("ratings", Text("评价与差评整改台账", "Ratings and follow-ups"), RATING_COLUMNS, tuple(out),
                  _total(RATING_COLUMNS, len(out), "条", {9: f"差评整改 {bad} 件"}))


APPOINTMENT_COLUMNS = _columns(("序号", 6), ("预约时间", 17), ("姓名", 10), ("联系电话", 14), ("事项名称", 22),
                               ("接待人", 10), ("预约方式", 10), ("地点", 8), ("状态", 10), ("备注", 20))


def appointment_ledger(session: Session, *, start: date, end: date, mask: bool = True) -> Ledger:
    """预约台账."""
    lo, hi = _bounds(start, end)
    _id, phone_of = _masker(mask)
    names = {s.id: s.display_name for s in session.scalars(select(Staff))}
    items = {i.id: i.name for i in session.scalars(select(CatalogItem))}
    out = []
    kept = missed = 0
    for n, a in enumerate(session.scalars(select(Appointment).where(
            Appointment.scheduled_at >= lo, Appointment.scheduled_at < hi).order_by(Appointment.scheduled_at)), 1):
        kept += a.status in (AppointmentStatus.CHECKED_IN, AppointmentStatus.DONE)
        missed += a.status == AppointmentStatus.NO_SHOW
        out.append((str(n), _time(a.scheduled_at), a.name, phone_of(a.phone), items.get(a.item_id, "") if a.item_id
                    else "", names.get(a.staff_id, "") if a.staff_id else "", AppointmentChannel.text_of(a.channel).zh,
                    AppointmentPlace.text_of(a.place).zh, AppointmentStatus.text_of(a.status).zh,
                    a.cancel_reason or a.note))
    return Ledger("appointments", Text("预约台账", "Appointments"), APPOINTMENT_COLUMNS, tuple(out),
                  _total(APPOINTMENT_COLUMNS, len(out), "个", {8: f"履约 {kept}，爽约 {missed}"}))


FIELD_COLUMNS = _columns(("序号", 6), ("日期", 12), ("方式", 8), ("地点", 24), ("办件编号", 22), ("申请人", 10),
                         ("证件号码", 20), ("事项名称", 22), ("工作人员", 10), ("状态", 10))


def field_ledger(session: Session, *, start: date, end: date, mask: bool = True) -> Ledger:
    """上门巡回台账 (a sheet name holds no "/"): the cases taken in away from the center, with the visits they make."""
    lo, hi = _bounds(start, end)
    id_of, _phone = _masker(mask)
    rows = session.execute(
        select(Case.received_at, Case.field_mode, Case.field_place, Case.case_number, Case.status, Case.handled_by,
               Case.resident_id, Resident.name, Resident.id_number, CatalogItem.name, Staff.display_name)
        .join(Resident, Resident.id == Case.resident_id)
        .join(CatalogItem, CatalogItem.id == Case.item_id)
        .join(Staff, Staff.id == Case.handled_by)
        .where(Case.received_at >= lo, Case.received_at < hi, Case.field_mode != "")
        .order_by(Case.received_at, Case.case_number)).all()
    statuses = {status.value: status.label.zh for status in CaseStatus}
    out = []
    cases = {mode.value: 0 for mode in FieldMode}
    visits: dict[str, set[tuple[str, ...]]] = {mode.value: set() for mode in FieldMode}
    for n, (received_at, mode, place, number, status, worker_id, resident_id, name, id_number, item,
            worker) in enumerate(rows, 1):
        day = _day(received_at)
        if mode in cases:
            cases[mode] += 1
            visits[mode].add(field_visit_key(mode, day, worker_id, resident_id, place))
        out.append((str(n), day, FieldMode.text_of(mode).zh, place, number, name, id_of(id_number), item, worker,
                    statuses.get(status, status)))
    home, tour = FieldMode.HOME.value, FieldMode.TOUR.value
    summary = (f"上门 {len(visits[home])} 户次 {cases[home]} 件；"
               f"巡回 {len(visits[tour])} 场次 {cases[tour]} 件")
    return Ledger("field", Text("上门巡回台账", "Home and mobile service"), FIELD_COLUMNS, tuple(out),
                  _total(FIELD_COLUMNS, len(out), "件", {3: summary}))


PROXY_COLUMNS = _columns(("序号", 6), ("办件编号", 22), ("委托人", 10), ("证件号码", 20), ("事项名称", 22),
                         ("代办员", 10), ("承办单位", 18), ("委托日期", 12), ("应送出日期", 12), ("送出日期", 12),
                         ("应返回日期", 12), ("进度", 14), ("是否逾期", 10))


def proxy_ledger(session: Session, *, start: date, end: date, mask: bool = True,
                 today: date | None = None) -> Ledger:
    """代办转报台账: the errands village proxies were entrusted with in the period (app.services.proxy)."""
    from app.services import proxy

    today = today or local_today()
    lo, hi = _bounds(start, end)
    id_of, _phone = _masker(mask)
    rows = session.execute(
        select(Case.id, Case.case_number, Resident.name, Resident.id_number, CatalogItem.name)
        .join(Resident, Resident.id == Case.resident_id).join(CatalogItem, CatalogItem.id == Case.item_id)
        .where(Case.received_at >= lo, Case.received_at < hi).order_by(Case.received_at, Case.case_number)
    ).all()
    errands = proxy.errands_of(session, [r[0] for r in rows])
    out: list[tuple[str, ...]] = []
    late = 0
    for case_id, number, name, id_number, item in rows:
        errand = errands.get(case_id)
        if errand is None:
            continue
        overdue = errand.overdue(today) is not None
        late += overdue
        out.append((str(len(out) + 1), number, name, id_of(id_number), item, errand.agent_name, errand.forwarded_to,
                    _date(errand.entrusted_on), _date(errand.send_by), _date(errand.sent_on), _date(errand.return_by),
                    proxy.STAGE_LABELS[errand.stage].zh if not errand.terminated_on else "已终止",
                    "是" if overdue else ""))
    return Ledger("proxy", Text("代办转报台账", "Proxy errands"), PROXY_COLUMNS, tuple(out),
                  _total(PROXY_COLUMNS, len(out), "件", {12: f"逾期 {late}"}))


ONLINE_COLUMNS = _columns(("序号", 6), ("帮办时间", 17), ("群众姓名", 10), ("办理平台", 14), ("事项名称", 22),
                          ("申办流水号", 22), ("办理结果", 12), ("跟进日期", 12), ("帮办人", 10), ("备注", 20))


def online_assist_ledger(session: Session, *, start: date, end: date) -> Ledger:
    """帮办网办台账: the online applications staff helped residents make (no ID or phone is kept)."""
    from app.models.vocabulary import OnlineAssistOutcome
    from app.services import online_assist

    lo, hi = _bounds(start, end)
    out = []
    done = 0
    for n, row in enumerate(reversed(online_assist.assist_rows(session, start=lo, end=hi, limit=100_000)), 1):
        done += row.outcome == OnlineAssistOutcome.APPROVED
        out.append((str(n), _time(row.helped_at), row.resident_name, row.platform, row.item_name, row.application_no,
                    OnlineAssistOutcome.text_of(row.outcome).zh,
                    "" if row.followed_up_at else _date(row.follow_up_on), row.staff_name, row.note))
    return Ledger("online_assists", Text("帮办网办台账", "Helped online applications"), ONLINE_COLUMNS, tuple(out),
                  _total(ONLINE_COLUMNS, len(out), "件", {6: f"已办结 {done}"}))


@dataclass(frozen=True)
class LedgerKind:
    """One kind of ledger: its key, its title, and how a period's ledger is built.

    ``build(session, start, end, mask, today)``; a builder that shows no ID
    numbers or phones ignores ``mask``.
    """

    key: str
    title: Text
    build: Callable[[Session, date, date, bool, date], Ledger]
    notes: tuple[str, ...] = ()  # how each figure of the 合计 line is counted, printed under the ledger


#: The ledgers, in the order the screen, the workbook and the print buttons show them.
#: A new ledger is one entry here (its builder above or in its own module).
LEDGERS: tuple[LedgerKind, ...] = (
    LedgerKind("cases", Text("办件台账", "Cases"),
               lambda s, start, end, mask, today: case_ledger(s, start=start, end=end, mask=mask, today=today),
               ("共 N 件 = 收件日期在统计期内的办件数（含补正待受理、不予受理）",
                "超期 = 其中晚于承诺办结日期办结的件数 ＋ 至今未办结且已过承诺办结日期的件数")),
    LedgerKind("inquiries", Text("首问登记台账", "Inquiries"),
               lambda s, start, end, mask, today: inquiry_ledger(s, start=start, end=end, mask=mask),
               ("共 N 件 = 登记时间在统计期内的首问登记数",)),
    LedgerKind("complaints", Text("投诉台账", "Complaints"),
               lambda s, start, end, mask, today: complaint_ledger(s, start=start, end=end, mask=mask, today=today),
               ("共 N 件 = 登记时间在统计期内的投诉数",
                "超期 = 其中晚于承诺答复日期（含延期后日期）答复的件数 ＋ 至今未答复且已过承诺答复日期的件数")),
    LedgerKind("ratings", Text("评价与差评整改台账", "Ratings and follow-ups"),
               lambda s, start, end, mask, today: rating_ledger(s, start=start, end=end),
               ("共 N 条 = 评价时间在统计期内的评价数（含县级申诉复核作废的，整改情况栏注明）",
                "差评整改 = 其中有整改期限的差评件数（不满意、非常不满意）")),
    LedgerKind("appointments", Text("预约台账", "Appointments"),
               lambda s, start, end, mask, today: appointment_ledger(s, start=start, end=end, mask=mask),
               ("共 N 个 = 预约时间在统计期内的预约数（含已取消）",
                "履约 = 已签到或已办理的预约数；爽约 = 登记为爽约的预约数")),
    LedgerKind("proxy", Text("代办转报台账", "Proxy errands"),
               lambda s, start, end, mask, today: proxy_ledger(s, start=start, end=end, mask=mask, today=today),
               ("共 N 件 = 收件日期在统计期内、由代办员受托的代办件数",
                "逾期 = 其中超过应送出日期未送出或超过应返回日期未返回的件数")),
    LedgerKind("field", Text("上门巡回台账", "Home and mobile service"),
               lambda s, start, end, mask, today: field_ledger(s, start=start, end=end, mask=mask),
               ("共 N 件 = 收件日期在统计期内、在上门或巡回时受理的办件数",
                "户次 = 同一工作人员同一天到同一户（群众）的上门次数；场次 = 同一工作人员同一天到同一地点的巡回次数")),
    LedgerKind("online_assists", Text("帮办网办台账", "Helped online applications"),
               lambda s, start, end, mask, today: online_assist_ledger(s, start=start, end=end),
               ("共 N 件 = 帮办时间在统计期内的帮办网办登记数",
                "已办结 = 其中办理结果为已办结（通过）的件数")),
)
LEDGER_KEYS: tuple[str, ...] = tuple(kind.key for kind in LEDGERS)
LEDGER_KINDS = MappingProxyType({kind.key: kind for kind in LEDGERS})


def all_ledgers(session: Session, *, start: date, end: date, mask: bool = True, today: date | None = None,
                keys: Sequence[str] | None = None) -> tuple[Ledger, ...]:
    """The period's ledgers (those named by ``keys``, else all), in the order of ``LEDGERS``."""
    if end < start:
        from app.services.errors import DomainError
        from app.text import tr

        raise DomainError(tr("台账的结束日期不能早于开始日期", "The ledger cannot end before it starts"), field="date_to")
    today = today or local_today()
    wanted = set(keys) if keys is not None else set(LEDGER_KEYS)
    return tuple(kind.build(session, start, end, mask, today) for kind in LEDGERS if kind.key in wanted)
