"""A small county of generated records, written straight into the county's
tables: cases of every shape (on the spot, committed, late, open, refused,
accepted the month before), ratings with follow-ups and a voided one,
complaints, inquiries and appointments, home visits and mobile service stops,
proxy errands and helped online applications, over several centers and towns."""
from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from app.ids import uuid7
from app.models.vocabulary import (
    AppealDecision,
    AppointmentStatus,
    CaseEventKind,
    CaseStatus,
    EntityKind,
    FieldMode,
    HandlingMode,
    IntakeOutcome,
    OnlineAssistOutcome,
)
from app.services import proxy
from county_server.models import Case as CountyCase
from county_server.models import (
    CaseEvent,
    CatalogVersion,
    Center,
    CenterRecord,
    Complaint,
    Device,
    OnlineAssist,
    Rating,
    RatingFollowUp,
    Resident,
    Staff,
)

ZONE = ZoneInfo("Asia/Shanghai")
ITEMS = (("MZ-001", "最低生活保障申请", "MZ", HandlingMode.COMMITTED),
         ("MZ-002", "高龄津贴申领", "MZ", HandlingMode.ON_THE_SPOT),
         ("RS-001", "退休待遇申领", "RS", HandlingMode.FORWARDED))


def catalog(session: Session) -> list[dict[str, Any]]:
    items = [{"id": str(uuid7()), "code": code, "name": name, "department_code": dept, "handling_mode": mode.value}
             for code, name, dept, mode in ITEMS]
    rows = {"departments": [{"id": str(uuid7()), "code": "MZ", "name": "民政"},
                            {"id": str(uuid7()), "code": "RS", "name": "人社"}], "items": items}
    session.add(CatalogVersion(version="stats-test", checksum="0" * 64, item_count=len(items), document={}, rows=rows))
    return items


def moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), ZONE).astimezone(UTC)


def populate(session: Session, *, centers: int = 4, cases: int = 60, seed: int = 7,
             start: date = date(2026, 3, 1)) -> list[uuid.UUID]:
    rng = random.Random(seed)
    items = catalog(session)
    made = []
    for n in range(centers):
        center = Center(code=f"ST{n:02d}", name=f"第{n + 1}村党群服务中心", town=("东镇", "西镇", "")[n % 3])
        session.add(center)
        session.flush()
        made.append(center.id)
        if n == centers - 1:
            continue  # a center with nothing pushed: "—", ranked last
        device = Device(center_id=center.id, device_number=1)
        staff = [Staff(center_id=center.id, username=f"w{k}", display_name=f"工作人员{n}{k}", password_hash="x")
                 for k in range(2)]
        session.add_all([device, *staff])
        resident = Resident(id=uuid7(), center_id=center.id, doc_type="resident_id", id_number=f"44{n:016d}",
                            name="张三", data={})
        session.add(resident)
        session.flush()
        for k in range(cases):
            _case(session, rng, center, device, resident, staff, items, start, n, k)
        for k in range(cases // 4):
            _other(session, rng, center, staff, items, start, k)
        _away_from_the_desk(session, center, device, resident, staff, items, start, n)
    session.flush()
    return made


def _case(session: Session, rng: random.Random, center: Center, device: Device, resident: Resident,
          staff: list[Staff], items: list[dict[str, Any]], start: date, n: int, k: int) -> None:
    item = rng.choice(items)
    received = start + timedelta(days=rng.randint(-20, 40))
    hour = rng.choice((1, 9, 15, 23))  # early and late hours: local days differ from UTC days
    shape = rng.choice(("spot", "done", "late", "open", "refused", "supplement", "withdrawn", "delivered"))
    accepted: date | None = received
    outcome, status, done, due = IntakeOutcome.ACCEPT, CaseStatus.IN_PROGRESS, None, received + timedelta(days=7)
    if shape == "spot":
        outcome, status, done, due = IntakeOutcome.DONE_ON_THE_SPOT, CaseStatus.COMPLETED, moment(received, hour), None
    elif shape in ("done", "delivered"):
        status = CaseStatus.COMPLETED if shape == "done" else CaseStatus.DELIVERED
        done = moment(received + timedelta(days=rng.randint(0, 12)), hour)
    elif shape == "late":
        status, done = CaseStatus.COMPLETED, moment(received + timedelta(days=rng.randint(8, 30)), hour)
    elif shape == "refused":
        outcome, status, accepted, due = IntakeOutcome.REJECT, CaseStatus.REJECTED, None, None
    elif shape == "supplement":
        outcome, status, accepted, due = IntakeOutcome.SUPPLEMENT, CaseStatus.NEEDS_SUPPLEMENT, None, None
    elif shape == "withdrawn":
        status = CaseStatus.WITHDRAWN
    case = CountyCase(
        id=uuid7(), center_id=center.id, device_id=device.id, case_number=f"{center.code}-01-{n}-{k:05d}",
        verification_code="ABC123", resident_id=resident.id, item_id=uuid.UUID(item["id"]),
        item_code=item["code"], item_name=item["name"], catalog_version="stats-test", status=status,
        received_at=moment(received, hour), accepted_on=accepted, committed_due=due, completed_at=done,
        data={"outcome": outcome.value, "handled_by": str(rng.choice(staff).id)},
        result="approved" if done is not None else None)
    session.add(case)
    if done is not None and rng.random() < 0.6:
        _rating(session, rng, center, staff, item, case.id, done + timedelta(hours=rng.randint(0, 60)))


def _rating(session: Session, rng: random.Random, center: Center, staff: list[Staff], item: dict[str, Any],
            case_id: uuid.UUID | None, at: datetime) -> None:
    level = rng.choice((5, 5, 4, 3, 2, 1))
    rating = Rating(id=uuid7(), center_id=center.id, case_id=case_id, level=level, rated_at=at,
                    channel=rng.choice(("window", "qr", "phone")),
                    data={"item_code": item["code"], "item_name": item["name"], "case_number": "",
                          "reasons": ["attitude"] if level <= 2 else [], "comment": "",
                          "staff_id": str(rng.choice(staff).id)})
    session.add(rating)
    if level <= 2:
        session.flush()
        day = at.astimezone(ZONE).date()
        closed = moment(day + timedelta(days=rng.randint(1, 25)), 10) if rng.random() < 0.7 else None
        session.add(RatingFollowUp(
            id=uuid7(), center_id=center.id, rating_id=rating.id, revisit_due=day + timedelta(days=1),
            rectify_due=day + timedelta(days=15), closed_at=closed, data={},
            appeal_decision=AppealDecision.VOIDED.value if rng.random() < 0.2 else None))


def _other(session: Session, rng: random.Random, center: Center, staff: list[Staff], items: list[dict[str, Any]],
           start: date, k: int) -> None:
    item = rng.choice(items)
    day = start + timedelta(days=rng.randint(-5, 35))
    session.add(CenterRecord(id=uuid7(), entity=EntityKind.INQUIRY.value, center_id=center.id, data={
        "asked_at": moment(day, 10).isoformat(), "item_id": item["id"], "owner_id": str(rng.choice(staff).id),
        "outcome": rng.choice(("open", "answered", "referred", "converted"))}))
    session.add(CenterRecord(id=uuid7(), entity=EntityKind.APPOINTMENT.value, center_id=center.id, data={
        "scheduled_at": moment(day, 9).isoformat(), "item_id": item["id"], "staff_id": str(rng.choice(staff).id),
        "status": rng.choice(list(AppointmentStatus)).value}))
    answered = moment(day + timedelta(days=rng.randint(0, 9)), 16) if rng.random() < 0.7 else None
    session.add(Complaint(
        id=uuid7(), center_id=center.id, complaint_number=f"TS-{center.code}-01-{k:05d}", query_code="QC1234",
        status="answered" if answered else "registered", received_at=moment(day, 11),
        answer_due=day + timedelta(days=5), answered_at=answered,
        data={"handler_id": str(rng.choice(staff).id), "received_by": str(staff[0].id), "title": "窗口等候时间长",
              "content": "上午排队一个小时。", "subject": "窗口", "source": rng.choice(("window", "phone")),
              "complainant_name": rng.choice(("赵六", "")), "anonymous": False, "answer": "已增开窗口。" if answered
              else ""}))
    if rng.random() < 0.3:  # a rating of an inquiry, no case
        _rating(session, rng, center, staff, item, None, moment(day, 14))


def _away_from_the_desk(session: Session, center: Center, device: Device, resident: Resident, staff: list[Staff],
                        items: list[dict[str, Any]], start: date, n: int) -> None:
    """上门 and 巡回 cases (several on one visit, local days apart from UTC days, one before the period),
    proxy errands (one accepted before the period, one event of a proxy without a mandate) and helped
    online applications of every outcome."""
    neighbour = Resident(id=uuid7(), center_id=center.id, doc_type="resident_id", id_number=f"45{n:016d}",
                         name="李四", data={})
    session.add(neighbour)
    session.flush()
    worker, other = (str(s.id) for s in staff)
    item = items[0]
    number = iter(range(1000))

    def taken(whom: Resident, at: datetime, by: str, mode: str = "", place: str = "",
              outcome: IntakeOutcome = IntakeOutcome.ACCEPT) -> uuid.UUID:
        case = CountyCase(
            id=uuid7(), center_id=center.id, device_id=device.id,
            case_number=f"{center.code}-01-{n}-F{next(number):03d}", verification_code="ABC123",
            resident_id=whom.id, item_id=uuid.UUID(item["id"]), item_code=item["code"], item_name=item["name"],
            catalog_version="stats-test", status=CaseStatus.IN_PROGRESS, received_at=at,
            accepted_on=at.astimezone(ZONE).date(), committed_due=at.astimezone(ZONE).date() + timedelta(days=7),
            data={"outcome": outcome.value, "handled_by": by, "field_mode": mode, "field_place": place})
        session.add(case)
        return case.id

    day = start + timedelta(days=4 + n)
    home, tour = FieldMode.HOME.value, FieldMode.TOUR.value
    # One home visit of three cases: 01:00 local is the day before in UTC, still the same visit.
    for hour in (1, 10, 15):
        taken(resident, moment(day, hour), worker, home, "三组 和平村三组12号")
    taken(neighbour, moment(day, 16), worker, home, "三组 和平村三组20号")  # the next home
    taken(resident, moment(day, 11), other, home, "三组 和平村三组12号")  # a colleague's own visit
    taken(resident, moment(day + timedelta(days=1), 9), worker, home, "三组 和平村三组12号")  # the next day
    taken(resident, moment(start - timedelta(days=2), 10), worker, home, "三组 和平村三组12号")  # before the period
    for hour, whom in ((9, resident), (10, neighbour), (23, resident)):  # one stop, 23:00 local the same day
        taken(whom, moment(day + timedelta(days=2), hour), other, tour, "五组 村委会")
    taken(neighbour, moment(day + timedelta(days=2), 15), other, tour, "六组 文化室")  # the next stop
    # 代办: a mandate on the intake (forwarded or accepted), a second event of the errand, one from before.
    for at, outcome in ((moment(day, 9), IntakeOutcome.FORWARD), (moment(day + timedelta(days=3), 1),
                                                                  IntakeOutcome.ACCEPT),
                        (moment(start - timedelta(days=3), 9), IntakeOutcome.ACCEPT)):
        case_id = taken(neighbour, at, worker, outcome=outcome)
        session.add(CaseEvent(id=uuid7(), case_id=case_id, center_id=center.id, position=1,
                              kind=outcome.value, to_status=CaseStatus.IN_PROGRESS, occurred_at=at,
                              data={proxy.PROXY: {"action": proxy.ACT_ENTRUST, "agent": "王代办"}}))
        session.add(CaseEvent(id=uuid7(), case_id=case_id, center_id=center.id, position=2,
                              kind=CaseEventKind.FORWARD.value, to_status=CaseStatus.IN_PROGRESS,
                              occurred_at=at + timedelta(hours=2), data={proxy.PROXY: {"action": proxy.ACT_SEND}}))
    not_entrusted = taken(resident, moment(day, 14), other)
    session.add(CaseEvent(id=uuid7(), case_id=not_entrusted, center_id=center.id, position=1,
                          kind=CaseEventKind.FORWARD.value, to_status=CaseStatus.IN_PROGRESS,
                          occurred_at=moment(day, 15), data={proxy.PROXY: {"action": proxy.ACT_SEND}}))
    # 帮办网办: every outcome in the period, an approved one just before it (23:00 local, the last day before).
    helped = [(moment(day, 10), outcome) for outcome in OnlineAssistOutcome]
    helped += [(moment(day + timedelta(days=5), 1), OnlineAssistOutcome.APPROVED),
               (moment(start - timedelta(days=1), 23), OnlineAssistOutcome.APPROVED)]
    for at, outcome in helped:
        session.add(OnlineAssist(
            id=uuid7(), center_id=center.id, platform="浙里办", outcome=outcome.value, helped_at=at,
            data={"staff_id": worker, "resident_name": "张三", "platform": "浙里办", "item_code": item["code"],
                  "item_name": item["name"], "outcome": outcome.value, "helped_at": at.isoformat()}))
