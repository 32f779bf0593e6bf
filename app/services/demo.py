"""The demo center (示范村党群服务中心): fictional staff, residents and cases.

Everything is made through the same domain services the UI uses; nothing is
inserted with raw SQL. All people and ID numbers are fictional (the numbers
only satisfy the GB 11643 checksum).
"""
from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.models import Case, CatalogItem, CatalogMaterial, Center, Resident, Staff
from app.models.vocabulary import (
    AppointmentChannel,
    AppointmentPlace,
    CaseEventKind,
    CaseResult,
    CaseStatus,
    HandlingMode,
    IntakeOutcome,
)
from app.services import appointments, proxy, settings
from app.services.calendar import WorkCalendar
from app.services.calendar_store import load_work_calendar
from app.services.cases import IntakeRequest, MaterialReceipt, record_event, take_in
from app.services.catalog_import import SAMPLE_CATALOG, import_catalog, load_catalog_file
from app.services.context import Actor
from app.services.identity import RESIDENT_ID, fictional_id_number
from app.services.residents import ResidentInput, register_resident
from app.services.setup import CenterSetup, set_up_center
from app.services.staff import actor_for, add_staff

# A public https address: a phone reaches it (app.services.status_link.public_url_problem).
DEMO_STATUS_URL_BASE = "https://zwfw.shili.gov.cn/onewindow"
DEMO_CENTER = CenterSetup(
    center_name="示范村党群服务中心",
    center_code="DEMO01",
    county="示例县",
    district="",
    town="示例镇",
    address="示例县示例镇示范村村委会一楼",
    opening_hours="工作日 8:30–12:00，14:00–17:30",
    window_no="1",
    device_number=1,
    head_username="zhuren",
    head_display_name="王建国",
    head_password="demo2026",
)
DEMO_PASSWORD = "demo2026"
DEMO_PHONE = "0000-1234567"
DEMO_SUPERVISION_PHONE = "0000-12345"
DEMO_WINDOW_USER = "lina"
DEMO_STAFF = (("lina", "李娜"), ("zhaomin", "赵敏"), ("chenjie", "陈杰"))

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃单仇区"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌飞鹏辉俊宇浩然欣怡子涵梓轩雨桐嘉怡思远晓东海燕春梅秋菊冬生德福贵"
_GROUPS = ("第一村民小组", "第二村民小组", "第三村民小组", "第四村民小组", "第五村民小组", "东片网格", "西片网格")
# Region codes that belong to no real county (4499xx), so a demo ID can never
# be a real person's number.
FICTIONAL_REGIONS = ("449901", "449902", "449903", "449904")
_TAGS = ("低保", "残疾", "高龄", "独居老人", "优抚对象", "脱贫户")


@dataclass(frozen=True)
class DemoSummary:
    residents: int
    cases: int


# A catalog item as the demo draws it: id, handling mode, allows deferred
# materials, high frequency, and its materials as (id, count, key).
_Item = tuple[uuid.UUID, str, bool, bool, list[tuple[uuid.UUID, int, bool]]]


def _local(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(8, 30)).astimezone() + timedelta(minutes=minutes)


def build_demo(
    factory: sessionmaker[Session],
    *,
    residents: int = 200,
    cases: int = 1000,
    days: int = 60,
    seed: int = 20261122,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Create the demo center in an empty database, in a few units of work."""
    rng = random.Random(seed)
    today = today or datetime.now().astimezone().date()
    with factory.begin() as session:
        head = set_up_center(session, DEMO_CENTER, is_demo=True)
        # Numbers no phone can dial (area code 0000), so a demo paper never sends
        # anyone to a real line; set here because the setup rightly refuses them.
        center = session.get(Center, head.center_id)
        assert center is not None
        center.phone, center.supervision_phone = DEMO_PHONE, DEMO_SUPERVISION_PHONE
        # The QR codes point at a county server on this PC (`make county`).
        settings.put(session, settings.STATUS_URL_BASE, DEMO_STATUS_URL_BASE)
        import_catalog(session, load_catalog_file(SAMPLE_CATALOG), actor=head)
        for username, name in DEMO_STAFF:
            add_staff(session, head, username=username, display_name=name, password=DEMO_PASSWORD)

    with factory.begin() as session:
        workers = [actor_for(session, s) for s in session.scalars(select(Staff).order_by(Staff.username))]
        resident_ids: list[uuid.UUID] = []
        for index in range(residents):
            gender = rng.choice(("男", "女"))
            birth = date(rng.randint(1932, 2005), rng.randint(1, 12), rng.randint(1, 28))
            age = (today - birth).days // 365
            tags = [t for t in _TAGS if rng.random() < 0.06]
            if age >= 80 and "高龄" not in tags:
                tags.append("高龄")
            name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
            data = ResidentInput(
                doc_type=RESIDENT_ID,
                id_number=fictional_id_number(
                    region_code=rng.choice(FICTIONAL_REGIONS),
                    birth_date=birth,
                    sequence=index % 100,
                    gender=gender,
                ),
                name=name,
                phone=f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10_000_000, 99_999_999)}",
                address=f"示范村{rng.choice(_GROUPS)}{rng.randint(1, 120)}号",
                village_group=rng.choice(_GROUPS),
                tags=tuple(tags),
            )
            registration = register_resident(session, rng.choice(workers), data)
            if registration.created:  # a repeated fictional number opens the same resident
                resident_ids.append(registration.resident_id)

    with factory() as session:
        item_rows = session.scalars(select(CatalogItem)).all()
        items: list[_Item] = [(i.id, i.handling_mode, i.allows_deferred_materials, i.high_frequency,
                  [(m.id, m.count, m.key) for m in i.materials]) for i in item_rows]
        calendar = load_work_calendar(session)
    weights = [5 if hf else 1 for (_id, _m, _d, hf, _mat) in items]
    working_days = [today - timedelta(days=d) for d in range(days, -1, -1)]
    working_days = [d for d in working_days if calendar.is_working_day(d)] or [today]

    # Visits in the order they happened, so case numbers rise through each day
    # as they do at a real desk.
    real_now = datetime.now().astimezone()
    # 代办 errands, one at each stage, are part of the count (app.services.proxy).
    errands = proxy.DEMO_ERRANDS if cases >= 50 and len(working_days) >= 11 and len(resident_ids) >= 5 else 0
    visits = sorted(
        min(_local(rng.choice(working_days), rng.randint(0, 8 * 60)), real_now - timedelta(minutes=1))
        for _ in range(cases - errands)
    )
    # A few recent visits follow a script, so every status is on show whatever
    # the random draw; the rest take their chances.
    scripted = {len(visits) - 3 * (i + 1): script for i, script in enumerate(SHOWCASE) if 3 * (i + 1) <= len(visits)}
    made = 0
    batch = 100
    while made < cases - errands:
        with factory.begin() as session:
            for visit in visits[made:made + batch]:
                script = scripted.get(made)
                if script is None:
                    _one_case(session, rng, workers, resident_ids, items, weights, visit, calendar, today)
                else:
                    _scripted_case(session, rng, workers, resident_ids, items, visit, calendar, script)
                made += 1
        if progress:
            progress(made, cases)
    with factory.begin() as session:
        _inquiries(session, rng, workers, resident_ids, items, working_days, max(cases // 25, 6), real_now, today)
    with factory.begin() as session:
        _appointments(session, rng, workers, resident_ids, [i[0] for i in items if i[3]], calendar, real_now)
        _complaints(session, workers, working_days, calendar, real_now)
    with factory.begin() as session:
        _ratings(session, rng, head, workers, real_now)
    if errands:
        with factory.begin() as session:
            made += proxy.demo_errands(session, workers, resident_ids, calendar, working_days, real_now)
        if progress:
            progress(made, cases)
    return DemoSummary(residents=len(resident_ids), cases=made)


def _appointments(session: Session, rng: random.Random, workers: list[Actor], resident_ids: list[uuid.UUID],
                  item_ids: list[uuid.UUID], calendar: WorkCalendar, now: datetime) -> None:
    """A few appointments in the coming open days: booked by phone or at the
    window, one a home visit, one cancelled with its reason."""
    if not item_ids or not resident_ids:
        return
    day, booked = now.date(), 0
    for _ in range(14):
        for slot in appointments.free_slots(session, workers[0], day=day, item_id=item_ids[0], calendar=calendar,
                                            now=now)[::2][:3]:
            resident = session.get(Resident, rng.choice(resident_ids))
            assert resident is not None
            home = booked == 2
            row = appointments.book(session, rng.choice(workers), appointments.BookingRequest(
                name=resident.name, item_id=rng.choice(item_ids), staff_id=rng.choice(slot.free).id,
                starts_at=slot.starts_at, resident_id=resident.id,
                channel=rng.choice((AppointmentChannel.PHONE, AppointmentChannel.WINDOW)),
                place=AppointmentPlace.HOME if home else AppointmentPlace.CENTER,
                address=resident.address if home else ""), calendar=calendar, now=now)
            if booked == 4:
                appointments.cancel(session, rng.choice(workers), row.id, "家中有事，改天再约", now=now)
            booked += 1
        if booked >= 8:
            return
        day += timedelta(days=1)


# How the demo's residents rate (好差评): mostly satisfied, a few bad ones to follow up.
_RATING_LEVELS = ("very_satisfied", "satisfied", "fairly_satisfied", "dissatisfied", "very_dissatisfied")
_RATING_WEIGHTS = (52, 28, 12, 5, 3)
_BAD_COMMENTS = ("排队等了很久", "材料说了两次才说清楚", "窗口中午没人", "")


def _ratings(session: Session, rng: random.Random, head: Actor, workers: list[Actor], real_now: datetime) -> None:
    """Residents rate most recently completed cases on the window's rating screen, a
    few minutes after completion, through the same one-time ballot; older bad
    ones have been called back and dealt with by the head."""
    from app.services import ratings

    # The last three weeks only: enough for every figure, and the demo's first start stays quick.
    since = real_now - timedelta(days=21)
    done = session.scalars(select(Case).where(Case.status.in_((CaseStatus.COMPLETED, CaseStatus.DELIVERED)),
                                              Case.completed_at >= since).order_by(Case.completed_at))
    for case in list(done):
        assert case.completed_at is not None
        if rng.random() > 0.7:
            continue  # not every resident rates
        when = min(case.completed_at + timedelta(minutes=rng.randint(1, 4)), real_now)
        level = rng.choices(_RATING_LEVELS, _RATING_WEIGHTS)[0]
        bad = level in ("dissatisfied", "very_dissatisfied")
        worker = next((w for w in workers if w.staff_id == case.handled_by), head)
        ballot = ratings.issue_ballot(session, worker, case_id=case.id, now=when)
        receipt = ratings.cast_ballot(session, ballot.token, level=level, now=when,
                                      reasons=[rng.choice(("attitude", "efficiency", "skill"))] if bad else [],
                                      comment=rng.choice(_BAD_COMMENTS) if bad else "")
        if receipt.follow_up_id is not None and real_now - when > timedelta(days=7):
            called = when + timedelta(hours=20)
            ratings.record_revisit(session, head, receipt.follow_up_id, "已电话回访，了解情况", now=called)
            ratings.record_outcome(session, head, receipt.follow_up_id, rng.choice(("fix_now", "explain")),
                                   "已向群众说明并改进窗口安排", now=called)


_TOPICS = (
    "城乡居民养老金每月几号发放", "医保异地就医备案怎么办", "孩子上学要开居住证明吗", "低保年审需要带什么",
    "残疾人两项补贴的标准", "宅基地建房审批要多久", "新生儿怎么参加医保", "高龄津贴从几岁开始领",
)
_REFERRALS = (
    ("镇司法所", "刘所长", "0760-88881234"), ("镇社会事务办", "陈主任", "0760-88882345"),
    ("县医保局经办大厅", "", "0760-88883456"), ("镇自然资源所", "黄工", "0760-88884567"),
)


def _inquiries(session: Session, rng: random.Random, workers: list[Actor], resident_ids: list[uuid.UUID],
               items: list[_Item], working_days: list[date], count: int, real_now: datetime, today: date) -> None:
    """首问登记 of the demo: answered, referred, awaiting follow-up, and notification-only visits."""
    from app.services.inquiries import InquiryInput, close_inquiry, record_notification, register_inquiry

    for index in range(count):
        worker: Actor = rng.choice(workers)
        day = working_days[-1 - (index * len(working_days)) // count] if working_days else real_now.date()
        now = min(_local(day, rng.randint(0, 8 * 60)), real_now - timedelta(minutes=1))
        kind = index % 6
        if kind == 5:
            item_id, _mode, _d, _hf, materials = rng.choice(items)
            names = [name for name, in session.execute(
                select(CatalogMaterial.name).where(CatalogMaterial.item_id == item_id).order_by(CatalogMaterial.position))]
            record_notification(session, worker, resident_id=rng.choice(resident_ids), item_id=item_id,
                                missing_materials=tuple(names[-1:]), now=now)
            continue
        topic = rng.choice(_TOPICS)
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN)
        if kind in (0, 1, 2):
            register_inquiry(session, worker, InquiryInput(asker_name=name, topic=topic, outcome="answered",
                                                           answer="已当面解答并告知办理渠道"), now=now)
            continue
        due = now.date() + timedelta(days=3)
        if kind == 3:
            place, contact, phone = rng.choice(_REFERRALS)
            data = InquiryInput(asker_name=name, topic=topic, outcome="referred", referred_to=place,
                                referred_contact=contact, referred_phone=phone, follow_up_due=due,
                                answer="该事项由上级部门办理，已开具转办单")
        else:
            data = InquiryInput(asker_name=name, topic=topic, outcome="follow_up", follow_up_due=due,
                                answer="需向镇里核实政策后答复")
        result = register_inquiry(session, worker, data, now=now)
        # Older ones were mostly followed to an end; a few stay open past their date.
        if due < today and rng.random() < 0.6 and index % 12 != 4:
            close_inquiry(session, worker, result.id, "已电话回复来访人", now=min(
                _local(due, 60), real_now - timedelta(seconds=30)))


# 投诉举报 of the demo, one in each state: (working days ago, title, subject, source, what happened to it).
_COMPLAINTS = (
    (9, "窗口人员办理低保年审时态度生硬", "本中心民政窗口", "window", "told"),
    (4, "养老认证排队时间过长", "本中心", "phone", "answered"),
    (8, "宅基地审批久拖不办", "镇自然资源所", "hotline_12345", "registered"),
    (4, "窗口午休时段无人值守", "本中心", "qr", "registered"),
    (1, "代办员收取“跑腿费”", "村代办员", "letter", "escalated"),
    (0, "医保卡激活后无法使用", "本中心医保窗口", "window", "registered"),
)


def _complaints(session: Session, workers: list[Actor], working_days: list[date], calendar: WorkCalendar,
                real_now: datetime) -> None:
    """投诉举报 of the demo: on time, due soon, overdue, answered, told and escalated."""
    from app.models.vocabulary import ComplaintToldBy
    from app.services.complaints import (
        ComplaintInput,
        answer_complaint,
        escalate_complaint,
        record_told,
        register_complaint,
    )

    for index, (ago, title, subject, source, state) in enumerate(_COMPLAINTS):
        worker = workers[index % len(workers)]
        day = working_days[max(len(working_days) - 1 - ago, 0)]
        now = min(_local(day, 60 + 40 * index), real_now - timedelta(minutes=5))
        hotline = source == "hotline_12345"
        done = register_complaint(session, worker, ComplaintInput(
            title=title, subject=subject, source=source, content=f"{title}，希望中心核实处理并给予答复。",
            anonymous=source == "qr", complainant_name="" if source == "qr" else _SURNAMES[index] + "先生",
            complainant_phone=f"1390000{index:04d}", work_order_number=f"GD{day:%Y%m%d}{index:04d}" if hotline else "",
        ), calendar=calendar, now=now)
        later = min(now + timedelta(hours=20), real_now - timedelta(minutes=2))
        if state in ("answered", "told"):
            answer_complaint(session, worker, done.id, "经核实情况属实，已对相关人员批评教育，并调整窗口安排。", now=later)
        if state == "told":
            record_told(session, worker, done.id, told_by=ComplaintToldBy.PHONE, note="投诉人表示认可",
                        now=min(later + timedelta(hours=1), real_now - timedelta(minutes=1)))
        if state == "escalated":
            escalate_complaint(session, worker, done.id, "投诉对象为本中心代办员，由县级核查", now=later)


# (intake outcome, later events): one case ending in each status.
SHOWCASE: tuple[tuple[IntakeOutcome, tuple[CaseEventKind, ...]], ...] = (
    (IntakeOutcome.SUPPLEMENT, ()),
    (IntakeOutcome.REJECT, ()),
    (IntakeOutcome.ACCEPT, ()),
    (IntakeOutcome.ACCEPT, (CaseEventKind.START,)),
    (IntakeOutcome.ACCEPT, (CaseEventKind.START, CaseEventKind.SUSPEND)),
    (IntakeOutcome.FORWARD, ()),
    (IntakeOutcome.FORWARD, (CaseEventKind.RETURN,)),
    (IntakeOutcome.ACCEPT, (CaseEventKind.START, CaseEventKind.COMPLETE)),
    (IntakeOutcome.ACCEPT, (CaseEventKind.START, CaseEventKind.COMPLETE, CaseEventKind.DELIVER)),
    (IntakeOutcome.ACCEPT, (CaseEventKind.WITHDRAW,)),
    (IntakeOutcome.ACCEPT, (CaseEventKind.START, CaseEventKind.EXTEND)),
    (IntakeOutcome.ACCEPT_DEFERRED, ()),
)
_SCRIPT_NOTES = {
    CaseEventKind.SUSPEND: "需补充户籍证明材料",
    CaseEventKind.RETURN: "上级部门审核完毕，结果已返回",
    CaseEventKind.WITHDRAW: "申请人自愿撤回申请",
    CaseEventKind.EXTEND: "需上级部门联合审核",
}
# 延期 needs the approving head (行政许可法 §42) and, past the statutory date, a reason.
_EXTENSION_DETAILS = {"approved_by": "中心主任 周建华", "past_statutory_reason": "需上级部门联合审核，材料须跨部门流转"}


def _request(rng: random.Random, resident_ids: list[uuid.UUID], item_id: uuid.UUID, outcome: str,
             receipts: tuple[MaterialReceipt, ...], *, calendar: WorkCalendar, day: date) -> IntakeRequest:
    """The intake form as the worker fills it for one demo visit."""
    return IntakeRequest(
        resident_id=rng.choice(resident_ids),
        item_id=item_id,
        outcome=outcome,
        materials=receipts,
        reasons="申请人不符合本事项的申请条件（户籍不在本村）" if outcome == IntakeOutcome.REJECT else "",
        forwarded_to="示例镇社会事务办" if outcome == IntakeOutcome.FORWARD else "",
        expected_return=calendar.add_working_days(day, 10) if outcome == IntakeOutcome.FORWARD else None,
    )


def _scripted_case(session: Session, rng: random.Random, workers: list[Actor], resident_ids: list[uuid.UUID],
                   items: list[_Item], now: datetime, calendar: WorkCalendar,
                   script: tuple[IntakeOutcome, tuple[CaseEventKind, ...]]) -> None:
    outcome, events = script
    candidates = [i for i in items if i[1] != HandlingMode.ON_THE_SPOT and len(i[4]) > 1]
    if outcome == IntakeOutcome.ACCEPT_DEFERRED:
        candidates = [i for i in candidates if i[2] and any(not key for _m, _c, key in i[4])]
    item_id, _mode, _deferrable, _hf, materials = rng.choice(candidates)
    receipts = tuple(MaterialReceipt(mid, count) for mid, count, _key in materials)
    if outcome == IntakeOutcome.SUPPLEMENT:
        receipts = receipts[1:]
    if outcome == IntakeOutcome.ACCEPT_DEFERRED:
        receipts = tuple(MaterialReceipt(mid, count if key else 0,
                                         supply_by=None if key else calendar.add_working_days(now.date(), 1))
                         for mid, count, key in materials)
    worker: Actor = rng.choice(workers)
    request = _request(rng, resident_ids, item_id, outcome, receipts, calendar=calendar, day=now.date())
    case = take_in(session, worker, request, calendar=calendar, now=now)
    for minutes, event in enumerate(events, start=1):
        record_event(
            session, worker, case.id, event, calendar=calendar, now=now + timedelta(seconds=20 * minutes),
            note=_SCRIPT_NOTES.get(event, ""),
            result=CaseResult.APPROVED if event == CaseEventKind.COMPLETE else None,
            new_due=calendar.add_working_days(case.committed_due, 5)
            if event == CaseEventKind.EXTEND and case.committed_due else None,
            details=_EXTENSION_DETAILS if event == CaseEventKind.EXTEND else None,
        )


def _one_case(session: Session, rng: random.Random, workers: list[Actor], resident_ids: list[uuid.UUID],
              items: list[_Item], weights: list[int], now: datetime, calendar: WorkCalendar, today: date) -> None:
    item_id, mode, deferrable, _hf, materials = rng.choices(items, weights=weights)[0]
    day = now.date()
    worker: Actor = rng.choice(workers)
    roll = rng.random()
    full = tuple(MaterialReceipt(mid, count) for mid, count, _key in materials)
    if mode == HandlingMode.ON_THE_SPOT and roll >= 0.10:
        outcome, receipts = IntakeOutcome.DONE_ON_THE_SPOT, full
    elif roll < 0.07:
        outcome = IntakeOutcome.SUPPLEMENT
        receipts = full[1:] if len(full) > 1 else ()
    elif roll < 0.10:
        outcome, receipts = IntakeOutcome.REJECT, full
    elif deferrable and roll < 0.18 and any(not key for _m, _c, key in materials):
        outcome = IntakeOutcome.ACCEPT_DEFERRED
        receipts = tuple(
            # The promised supply date: a few working days on, never past the deadline.
            MaterialReceipt(mid, count if key else 0, supply_by=None if key else calendar.add_working_days(day, 2))
            for mid, count, key in materials
        )
    elif mode == HandlingMode.FORWARDED:
        outcome, receipts = IntakeOutcome.FORWARD, full
    else:
        outcome, receipts = IntakeOutcome.ACCEPT, full
    request = _request(rng, resident_ids, item_id, outcome, receipts, calendar=calendar, day=day)
    case = take_in(session, worker, request, calendar=calendar, now=now)
    _advance(session, rng, worker, case, calendar, now, today)


def _advance(session: Session, rng: random.Random, worker: Actor, case: Case, calendar: WorkCalendar,
             start: datetime, today: date) -> None:
    """Walk the case forward through plausible events, never past today."""
    # Never past the demo's "today" (tests pass a fixed day) nor the real now.
    end_of_today = datetime.combine(today + timedelta(days=1), time(0, 0)).astimezone()
    limit = min(datetime.now().astimezone(), end_of_today)
    moment = start

    def step(event: str, **kwargs: Any) -> bool:
        nonlocal moment
        nxt = moment + timedelta(hours=rng.randint(2, 60))
        if nxt >= limit:
            return False
        try:
            record_event(session, worker, case.id, event, calendar=calendar, now=nxt, **kwargs)
        except ValueError:
            return False
        moment = nxt
        return True

    age_days = (today - start.astimezone().date()).days
    # Older cases are mostly finished, as at a real desk; a few stay open late.
    progress = min(1.0, rng.random() * 0.8 + age_days / 25)
    status = case.status
    if status == CaseStatus.NEEDS_SUPPLEMENT:
        if progress > 0.5:
            step(CaseEventKind.SUPPLEMENT_RECEIVED)
        else:
            return
    if case.status == "rejected":
        return
    if case.status == CaseStatus.COMPLETED:
        if progress > 0.4:
            step(CaseEventKind.DELIVER)
        return
    if case.status == "accepted":
        if rng.random() < 0.03:
            step(CaseEventKind.WITHDRAW, note="申请人自愿撤回申请")
            return
        if progress < 0.15 or not step(CaseEventKind.START):
            return
        if rng.random() < 0.08:
            if not step(CaseEventKind.SUSPEND, note="需补充户籍证明材料"):
                return
            if progress < 0.5 or not step(CaseEventKind.RESUME):
                return
        if rng.random() < 0.06 and case.committed_due:
            step(CaseEventKind.EXTEND, note="需上级部门联合审核",
                 new_due=calendar.add_working_days(case.committed_due, 5), details=_EXTENSION_DETAILS)
        if progress < 0.55:
            return
        step(CaseEventKind.COMPLETE, result=CaseResult.APPROVED if rng.random() < 0.9 else CaseResult.DENIED)
        if progress > 0.75:
            step(CaseEventKind.DELIVER)
        return
    if case.status == CaseStatus.FORWARDED:
        if progress < 0.4 or not step(CaseEventKind.RETURN, note="上级部门审核完毕，结果已返回"):
            return
        if progress < 0.6:
            return
        step(CaseEventKind.COMPLETE, result=CaseResult.APPROVED if rng.random() < 0.9 else CaseResult.DENIED)
        if progress > 0.8:
            step(CaseEventKind.DELIVER)
