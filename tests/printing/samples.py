"""Realistic documents to print, normal and long, built from the sample catalog.

Nothing here is a mock: every sample is what the desk would pass to
``app.printing.render``.
"""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from app.printing import (
    AppealRoutes,
    Applicant,
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
from app.printing.documents.appointment_slip import AppointmentSlipData
from app.printing.documents.complaint_receipt import ComplaintReceiptData
from app.printing.documents.ledger_sheet import LedgerSheetData
from app.printing.documents.month_report import (
    DepartmentCount,
    MonthPoint,
    MonthReportData,
    ReportFigure,
    WorkerLine,
)
from app.printing.documents.online_guide import OnlineGuideData
from app.printing.documents.proxy_forms import (
    ProxyCompletionData,
    ProxyMandateData,
    ProxyRenewalData,
    ProxyTerminationData,
)
from app.printing.documents.test_page import TestPageData
from app.printing.documents.whereabouts_board import BoardLine, WhereaboutsBoardData
from app.services.identity import fictional_id_number, mask_phone

CATALOG = Path(__file__).resolve().parents[2] / "resources" / "catalog" / "sample_catalog.json"
BEIJING = timezone(timedelta(hours=8))
BASE_URL = "https://zwfw.shili.gov.cn/onewindow"
CASE_NUMBER = "SLX0102-01-20261122-0007"
CODE = "7K3Q9P"
LONG_CASE_NUMBER = "SLXHEPINGCUN01-123-20261122-123456"
PRINTED_AT = datetime(2026, 11, 22, 9, 35, tzinfo=BEIJING)
ID_NUMBER = fictional_id_number(region_code="110101", birth_date=date(1956, 3, 7), sequence=12, gender="男")
LONG_NAME = "买买提·艾力·阿不都热合曼·吐尔逊·艾合买提江·阿不力孜"  # 30 characters
LONG_ADDRESS = (
    "新疆维吾尔自治区和田地区墨玉县喀尔赛乡阿亚格喀尔赛村三组幸福路与团结巷交叉口东侧"
    "第二排自建房（村委会向东约三百米，门口有一棵大核桃树）"
)
LONG_CENTER = "示例县和平镇和平村党群服务中心暨村（社区）综合服务管理中心便民服务站"


def _catalog_item(code: str) -> dict:
    items = json.loads(CATALOG.read_text(encoding="utf-8"))["items"]
    return next(item for item in items if item["code"] == code)


LOW_INCOME = _catalog_item("MZ-001")

CENTER = CenterInfo(
    name="示例县和平镇和平村党群服务中心",
    address="示例县和平镇和平村村委会一楼便民服务大厅",
    phone="0903-1234567",
    supervision_phone="0903-12345",
    consult_phone="0903-7654321",
    county="示例县",
    town="和平镇",
    status_base_url=BASE_URL,
)
LONG_CENTER_INFO = replace(CENTER, name=LONG_CENTER, address=LONG_ADDRESS)
APPLICANT = Applicant(name="王建国", id_number=ID_NUMBER, phone="13812345678")
LONG_APPLICANT = Applicant(name=LONG_NAME, id_number=ID_NUMBER, phone="13812345678", address=LONG_ADDRESS)


def catalog_materials(received: int | None = None) -> tuple[MaterialLine, ...]:
    """The low-income item's materials; the first ``received`` are handed in."""
    lines = []
    for n, m in enumerate(LOW_INCOME["materials"]):
        got = m["count"] if received is None or n < received else 0
        lines.append(MaterialLine(
            name=m["name"], form=m["form"], required_count=m["count"], received_count=got,
            note=m["notes"], key=m["key"], format=m["format"], issuer=m["issuer"], obtain=m["obtain"],
        ))
    return tuple(lines)


def thirty_materials() -> tuple[MaterialLine, ...]:
    """30 materials with long names: flows over several pages."""
    return tuple(
        MaterialLine(
            name=f"第{n}号证明材料：{'共同生活家庭成员' if n % 2 else '申请人本人'}"
                 f"{'在外地务工期间由用工单位出具的' if n % 3 else ''}收入情况证明（{n:02d}）",
            form="original_and_copy" if n % 2 else "copy",
            required_count=1 + n % 3,
            received_count=(1 + n % 3) if n % 4 else 0,
            note="须加盖出具单位公章，复印件注明“与原件一致”并签名" if n % 5 == 0 else "",
            issuer="户籍所在地村（居）民委员会或用工单位",
            obtain="到出具单位开具，或登录政务服务网下载后签字",
            supply_by=date(2026, 12, 1) + timedelta(days=n % 7),
        )
        for n in range(1, 31)
    )


def _header(*, long: bool = False, reprint: int = 0, prefix: str = "HZ") -> dict:
    return {
        "doc_number": f"{prefix}-{LONG_CASE_NUMBER if long else CASE_NUMBER}-{reprint + 1}",
        "center": LONG_CENTER_INFO if long else CENTER,
        "staff_name": "欧阳晓梅" if not long else "热依拉·买买提明·阿卜杜拉",
        "printed_at": PRINTED_AT,
        "window_no": "2",
        "reprint_count": reprint,
    }


def _case(*, long: bool = False) -> dict:
    return {
        "case_number": LONG_CASE_NUMBER if long else CASE_NUMBER,
        "verification_code": CODE,
        "applicant": LONG_APPLICANT if long else APPLICANT,
        "item_name": ("城乡居民基本养老保险待遇领取资格认证暨最低生活保障、特困人员救助供养、临时救助联合申请"
                   if long else LOW_INCOME["name"]),
    }


def receipt(*, long: bool = False, reprint: int = 0, deferred: bool = False) -> ReceiptData:
    """受理回执; case material notes are the worker's, so most are empty."""
    materials = thirty_materials() if long else tuple(
        replace(m, note="") for m in catalog_materials(received=6 if deferred else None)
    )
    if not long:
        materials = (replace(materials[0], note="现场指导填写"), *materials[1:])
    if deferred and not long:
        materials = tuple(
            replace(m, supply_by=date(2026, 11, 30)) if m.missing else m for m in materials
        )
    return ReceiptData(
        **_header(long=long, reprint=reprint, prefix="HZ"),
        **_case(long=long),
        accepted_at=PRINTED_AT - timedelta(minutes=20),
        materials=materials,
        department="民政",
        committed_due=date(2026, 12, 29),
        committed_days=25,
        statutory_days=30,
        deferred=deferred,
    )


LONG_REASON = (
    "经入户调查和家庭经济状况信息核对，申请人共同生活家庭成员中有一人在外省务工，"
    "其工资性收入经用工单位证明及社保缴费记录核实，家庭月人均收入高于本县现行城乡最低生活保障标准；"
    "同时家庭名下登记有机动车一辆（非生活必需的营运车辆），不符合《最低生活保障审核确认办法》"
    "关于家庭财产状况的规定。申请人对上述核对结果有异议的，可提供新的证明材料申请复核。"
)


def notification(*, long: bool = False, reprint: int = 0, visit: bool = True) -> NotificationData:
    materials = thirty_materials() if long else catalog_materials(received=5)
    return NotificationData(
        **_header(long=long, reprint=reprint, prefix="GZ"),
        item_name=_case(long=long)["item_name"],
        materials=materials,
        department="民政",
        legal_basis=LOW_INCOME["legal_basis"] * (3 if long else 1),
        conditions=LOW_INCOME["conditions"] + (LONG_REASON if long else ""),
        process=tuple(LOW_INCOME["process"]) * (3 if long else 1),
        statutory_days=LOW_INCOME["statutory_days"],
        committed_days=LOW_INCOME["committed_days"],
        fee=LOW_INCOME["fee"],
        location=LOW_INCOME["location"],
        applicant=(LONG_APPLICANT if long else APPLICANT) if visit else None,
        mark_missing=visit,
        case_number=_case(long=long)["case_number"] if visit else "",
        verification_code=CODE if visit else "",
    )


def supplement_notice(*, long: bool = False, reprint: int = 0) -> SupplementNoticeData:
    missing = thirty_materials() if long else catalog_materials(received=5)[5:]
    return SupplementNoticeData(
        **_header(long=long, reprint=reprint, prefix="BZ"),
        **_case(long=long),
        applied_at=PRINTED_AT - timedelta(hours=1),
        missing=missing,
        supply_by=date(2026, 12, 7),
        note=LONG_REASON if long else "",
    )


def deferred_notice(*, long: bool = False, reprint: int = 0) -> DeferredNoticeData:
    deferred = thirty_materials() if long else tuple(
        replace(m, supply_by=date(2026, 11, 30)) for m in catalog_materials(received=6)[6:]
    )
    return DeferredNoticeData(
        **_header(long=long, reprint=reprint, prefix="RQ"),
        **_case(long=long),
        accepted_at=PRINTED_AT - timedelta(minutes=30),
        deferred=deferred,
        promise_date=date(2026, 11, 30),
        promise=LONG_REASON if long else "",
    )


def rejection_notice(*, long: bool = False, reprint: int = 0) -> RejectionNoticeData:
    reasons = (
        "申请人户籍不在本村（社区），不属于本中心受理范围，请向户籍所在地村（社区）提出申请。",
        "申请人家庭月人均收入高于本县现行最低生活保障标准。",
    )
    return RejectionNoticeData(
        **_header(long=long, reprint=reprint, prefix="BY"),
        **_case(long=long),
        applied_at=PRINTED_AT - timedelta(hours=2),
        reasons=reasons + ((LONG_REASON,) * 8 if long else ()),
        appeal=AppealRoutes(review_body="示例县人民政府", court="示例县人民法院"),
        legal_basis="《社会救助暂行办法》第九条",
        decided_by="和平镇人民政府社会事务办公室",
    )


def extension_notice(*, long: bool = False, reprint: int = 0) -> ExtensionNoticeData:
    return ExtensionNoticeData(
        **_header(long=long, reprint=reprint, prefix="YQ"),
        **_case(long=long),
        applied_at=PRINTED_AT - timedelta(days=30),
        reason=(LONG_REASON * 6) if long else "需县级民政部门对申请人家庭经济状况进行跨省信息核对，核对结果尚未反馈",
        original_due=date(2026, 12, 29),
        new_due=date(2027, 1, 19),
        approved_by="中心主任 周建华",
        statutory_days=30,
        statutory_due=date(2027, 1, 22),
        days_added=14,
    )


def completion_notice(*, long: bool = False, reprint: int = 0, approved: bool = True) -> CompletionNoticeData:
    return CompletionNoticeData(
        **_header(long=long, reprint=reprint, prefix="BJ"),
        **_case(long=long),
        approved=approved,
        completed_on=date(2026, 12, 20),
        result=(LONG_REASON * 5 if long else
                "准予享受最低生活保障，自2027年1月起按月发放低保金。" if approved else LONG_REASON),
        pickup_place="和平村党群服务中心一楼2号窗口" if not long else LONG_ADDRESS,
        pickup_hours="工作日 上午9:00—12:00，下午14:30—17:30",
        pickup_deadline=date(2027, 1, 20),
        bring=("本通知或受理回执", "申请人居民身份证原件", "代领的，代领人身份证原件及授权委托书")
        * (4 if long else 1),
        appeal=AppealRoutes(review_body="示例县人民政府", court="示例县人民法院"),
    )


def referral_slip(*, long: bool = False, reprint: int = 0) -> ReferralSlipData:
    return ReferralSlipData(
        **_header(long=long, reprint=reprint, prefix="ZB"),
        asker_name=LONG_NAME if long else "李秀英",
        asker_phone="13987654321",
        question=(LONG_REASON * 3 if long else "咨询宅基地上新建住房的审批手续和需要准备的材料"),
        asked_at=PRINTED_AT - timedelta(minutes=5),
        answer="宅基地和农村村民住房建设审批需由镇政府受理，已告知基本条件。",
        referred_to="和平镇人民政府农业农村办公室（宅基地审批）" if not long else LONG_CENTER,
        referred_post="宅基地审批岗",
        referred_person="张国华",
        referred_phone="0903-1234888",
        referred_address="和平镇人民政府一楼便民服务中心3号窗口" if not long else LONG_ADDRESS,
        referred_hours="工作日 8:30—12:00，14:30—17:30",
        follow_up_due=date(2026, 11, 27),
    )


STATUSES = ("已受理", "办理中", "已办结", "补正暂停", "已转报")


def ledger(*, long: bool = False, reprint: int = 0) -> LedgerData:
    count = 80 if long else 12
    rows = tuple(
        LedgerRow(
            case_number=f"SLX0102-01-202611{1 + n % 28:02d}-{n:04d}",
            applicant_name=LONG_NAME if long and n % 7 == 0 else ("王建国", "李秀英", "欧阳娜娜", "张伟")[n % 4],
            id_number=fictional_id_number(region_code="110101", birth_date=date(1950 + n % 50, 1 + n % 12, 1 + n % 28),
                                          sequence=n % 100, gender="男" if n % 2 else "女"),
            item_name=(LOW_INCOME["name"], "高龄津贴申报", "城乡居民基本养老保险待遇领取资格认证（养老认证）")[n % 3],
            status=STATUSES[n % len(STATUSES)],
            staff_name=("欧阳晓梅", "陈立")[n % 2],
            accepted_on=date(2026, 11, 1 + n % 28),
            committed_due=date(2026, 12, 1 + n % 28),
            received_on=date(2026, 11, 1 + n % 28),
            completed_on=date(2026, 12, n % 28 + 1) if STATUSES[n % len(STATUSES)] == "已办结" else None,
            department=("民政", "卫生健康", "人力资源和社会保障")[n % 3],
            overdue=n % 9 == 0,
            rating=("非常满意", "满意", "")[n % 3],
        )
        for n in range(1, count + 1)
    )
    return LedgerData(
        **_header(long=long, reprint=reprint, prefix="TZ"),
        date_from=date(2026, 11, 1),
        date_to=date(2026, 11, 30),
        rows=rows,
        title="办件台账",
    )


def appointment_slip(*, long: bool = False, reprint: int = 0) -> AppointmentSlipData:
    """预约凭证: a home visit when long (its address printed), at the center otherwise."""
    return AppointmentSlipData(
        **_header(long=long, reprint=reprint, prefix="YY"),
        resident_name=LONG_NAME if long else "李秀英",
        phone="13987654321",
        item_name=LOW_INCOME["name"],
        starts_at=PRINTED_AT + timedelta(days=2, hours=1),
        ends_at=PRINTED_AT + timedelta(days=2, hours=2),
        worker_name="欧阳晓梅",
        place="上门" if long else "中心",
        address=LONG_ADDRESS if long else "",
        channel="电话",
        materials=thirty_materials() if long else catalog_materials(),
    )


def complaint_receipt(*, long: bool = False, reprint: int = 0) -> ComplaintReceiptData:
    number = "TS-SLXHEPINGCUN01-123-20261122-123456" if long else "TS-SLX0102-01-20261122-0003"
    return ComplaintReceiptData(
        **(_header(long=long, reprint=reprint, prefix="TH") | {"doc_number": f"TH-{number}-{reprint + 1:02d}"}),
        complaint_number=number,
        query_code="Q8M4TZ",
        title=LONG_REASON if long else "窗口人员办理低保申请时态度生硬",
        source="12345热线" if long else "窗口",
        work_order_number="GD2026112200123456" if long else "",
        received_at=PRINTED_AT - timedelta(minutes=10),
        answer_due=date(2026, 11, 27),
        answer_days=5,
        due_provisional=long,
        complainant_name=LONG_NAME if long else "李秀英",
        complainant_phone="13987654321",
    )


def whereabouts_board(*, long: bool = False, reprint: int = 0) -> WhereaboutsBoardData:
    people = [("王建国", "中心主任", "0903-1234567", "在岗", False, "", None, ""),
              ("欧阳晓梅", "民政岗", "0903-1234501", "开会", True, "镇政府三楼会议室", PRINTED_AT + timedelta(hours=2), "陈立"),
              ("陈立", "社保医保岗", "15000001111", "在岗", False, "", None, ""),
              ("李秀英", "综合岗", "", "下村/上门", True, "三组张家上门办理高龄津贴认证", PRINTED_AT + timedelta(hours=3),
               "王建国")]
    if long:
        people += [(LONG_NAME, "残联、退役军人事务、农业农村综合服务岗", "0903-7654321", "出差", True, LONG_ADDRESS,
                    PRINTED_AT + timedelta(days=2), "欧阳晓梅")] * 6
    return WhereaboutsBoardData(
        **_header(long=long, reprint=reprint, prefix="QX"),
        lines=tuple(BoardLine(name=n, post=p, phone=ph, status=st, away=a, where=w, expected_back_at=b, acting_name=c)
                    for n, p, ph, st, a, w, b, c in people),
        phones=(("中心电话", CENTER.phone), ("监督电话", CENTER.supervision_phone)),
    )


def inquiry_ledger(*, long: bool = False, reprint: int = 0) -> InquiryLedgerData:
    count = 60 if long else 8
    rows = tuple(
        InquiryLedgerRow(
            asked_at=PRINTED_AT - timedelta(days=n % 20, minutes=7 * n),
            asker_name=LONG_NAME if long and n % 5 == 0 else ("李秀英", "赵大勇", "孙丽")[n % 3],
            question=LONG_REASON if long and n % 4 == 0 else "咨询宅基地上新建住房的审批手续",
            answer="已告知基本条件和所需材料" if n % 2 else "",
            referred_to="和平镇人民政府农业农村办公室" if n % 3 == 0 else "",
            follow_up_due=date(2026, 11, 27) if n % 3 == 0 else None,
            status=("已答复", "已转办", "跟进中")[n % 3],
            owner_name=("欧阳晓梅", "陈立")[n % 2],
        )
        for n in range(1, count + 1)
    )
    return InquiryLedgerData(
        **_header(long=long, reprint=reprint, prefix="SW"),
        date_from=date(2026, 11, 1),
        date_to=date(2026, 11, 30),
        rows=rows,
    )


def ledger_sheet(*, long: bool = False, reprint: int = 0) -> LedgerSheetData:
    """A 投诉台账 as app.services.ledgers builds it (phones masked)."""
    from app.services.ledgers import COMPLAINT_COLUMNS, LEDGER_KINDS

    count = 60 if long else 9
    rows = tuple(
        (str(n), f"TS-SLX0102-2026{n:04d}", f"2026-11-{1 + n % 28:02d} 09:{n % 60:02d}", ("窗口", "12345热线")[n % 2],
         LONG_NAME if long and n % 7 == 0 else ("王建国", "匿名", "李秀英")[n % 3],
         "" if n % 3 == 1 else mask_phone("13812345678"),
         LONG_REASON if long and n % 5 == 0 else "办理低保时窗口人员态度生硬", "综合窗口", ("欧阳晓梅", "陈立")[n % 2],
         f"2026-11-{2 + n % 27:02d}", f"2026-11-{3 + n % 26:02d}" if n % 4 else "", ("按期", "超期", "")[n % 3],
         ("已答复", "办理中")[n % 2])
        for n in range(1, count + 1))
    return LedgerSheetData(
        **_header(long=long, reprint=reprint, prefix="TB-complaints"), title="投诉台账",
        date_from=date(2026, 11, 1), date_to=date(2026, 11, 30),
        columns=tuple((c.title, c.width) for c in COMPLAINT_COLUMNS), rows=rows,
        total=("合计", f"共 {count} 件", *[""] * 9, f"超期 {count // 3} 件", ""), notes=LEDGER_KINDS["complaints"].notes)


def month_report(*, long: bool = False, reprint: int = 0) -> MonthReportData:
    """A month's report: every figure with its formula, the three charts; a worker with no rating (—)."""
    from app.services.statistics import FIGURES

    shown = {"count": "128", "rate": "92.50%", "days": "3.4", "met": "达标"}
    figures = tuple(ReportFigure(spec.label.zh, "—" if spec.key == "complaint_on_time" else shown[spec.kind.value],
                                 spec.formula.zh) for spec in FIGURES)
    trend = tuple(MonthPoint(f"{2025 + (m + 11) // 12}-{(m + 11) % 12 + 1:02d}", 90 + 7 * m, 80 + 6 * m)
                  for m in range(12))
    departments = tuple(DepartmentCount(name, 40 - 3 * n, 35 - 3 * n) for n, name in enumerate(
        ("民政", "人力资源和社会保障", "卫生健康", "医疗保障", "农业农村", "退役军人事务")))
    workers = [WorkerLine("欧阳晓梅", "64", "60", "96.67%", "93.10%", 0.9667, 0.931),
               WorkerLine("陈立", "52", "50", "92.00%", "—", 0.92, None),
               WorkerLine("王建国", "3", "0", "—", "—", None, None)]
    if long:
        workers += [WorkerLine(f"工作人员{n}", "10", "9", "88.89%", "80.00%", 0.8889, 0.8) for n in range(6)]
    return MonthReportData(**_header(long=long, reprint=reprint, prefix="YB"), date_from=date(2026, 11, 1),
                           date_to=date(2026, 11, 30), figures=figures, trend=trend, departments=departments,
                           workers=tuple(workers))


def _proxy(*, long: bool, reprint: int, prefix: str) -> dict:
    """What every 代办 form of the sample errand says."""
    return {
        **_header(long=long, reprint=reprint, prefix=prefix), **_case(long=long),
        "agent_name": LONG_NAME if long else "张秀兰", "agent_phone": "13987654321",
        "forwarded_to": LONG_CENTER if long else "和平镇便民服务中心民政窗口",
        "entrusted_on": date(2026, 11, 20),
        "materials": tuple(m for m in (thirty_materials() if long else catalog_materials(received=5))
                           if m.received_count > 0),
        "send_by": date(2026, 11, 25), "return_by": date(2026, 12, 18), "committed_days": 20,
    }


def proxy_mandate(*, long: bool = False, reprint: int = 0) -> ProxyMandateData:
    return ProxyMandateData(**_proxy(long=long, reprint=reprint, prefix="DW"))


def proxy_termination(*, long: bool = False, reprint: int = 0) -> ProxyTerminationData:
    return ProxyTerminationData(
        **_proxy(long=long, reprint=reprint, prefix="DZ"), terminated_on=date(2026, 11, 22),
        reason=LONG_REASON * 3 if long else "委托人家中有事，决定暂不申请，要求终止代办并取回材料",
    )


def proxy_renewal(*, long: bool = False, reprint: int = 0) -> ProxyRenewalData:
    return ProxyRenewalData(
        **_proxy(long=long, reprint=reprint, prefix="XB"), renewed_on=date(2026, 11, 22),
        reason=LONG_REASON * 3 if long else "镇民政窗口退回，需补充共同生活家庭成员收入证明，已补齐",
    )


def proxy_completion(*, long: bool = False, reprint: int = 0) -> ProxyCompletionData:
    return ProxyCompletionData(
        **_proxy(long=long, reprint=reprint, prefix="DB"), completed_on=date(2026, 11, 21),
        result=LONG_REASON * 3 if long else "经县民政局审批，自2026年12月起按月发放最低生活保障金",
        handed_back=("最低生活保障证", "最低生活保障审批决定书") * (6 if long else 1),
    )


def online_guide(*, long: bool = False, reprint: int = 0) -> OnlineGuideData:
    return OnlineGuideData(
        **_header(long=long, reprint=reprint, prefix="WB"),
        item_name=_case(long=long)["item_name"], platform="浙里办", url="https://www.zjzwfw.gov.cn/",
        department="民政", to_prepare=tuple(m.name for m in (thirty_materials() if long else catalog_materials())),
    )


def test_page(*, long: bool = False, reprint: int = 0) -> TestPageData:
    """打印机测试页: the header only (a long center name and worker for the long one)."""
    header = _header(long=long, reprint=reprint, prefix="CS")
    return TestPageData(**{**header, "doc_number": f"CS-QS01-20261122-{reprint + 1:02d}"})


BUILDERS = {
    "receipt": receipt,
    "notification": notification,
    "supplement_notice": supplement_notice,
    "deferred_notice": deferred_notice,
    "rejection_notice": rejection_notice,
    "extension_notice": extension_notice,
    "completion_notice": completion_notice,
    "referral_slip": referral_slip,
    "ledger": ledger,
    "appointment_slip": appointment_slip,
    "complaint_receipt": complaint_receipt,
    "whereabouts_board": whereabouts_board,
    "inquiry_ledger": inquiry_ledger,
    "ledger_sheet": ledger_sheet,
    "month_report": month_report,
    "proxy_mandate": proxy_mandate,
    "proxy_termination": proxy_termination,
    "proxy_renewal": proxy_renewal,
    "proxy_completion": proxy_completion,
    "online_guide": online_guide,
    "test_page": test_page,
}


def look_cases() -> list[tuple[str, Document]]:
    """(name, data) for looking at every document, normal, reprinted and long."""
    cases: list[tuple[str, Document]] = []
    for code, build in BUILDERS.items():
        cases += [(code, build()), (f"{code}-reprint", build(reprint=2)), (f"{code}-long", build(long=True))]
    cases += [("receipt-deferred", receipt(deferred=True)), ("completion-denied", completion_notice(approved=False)),
              ("notification-blank", notification(visit=False))]
    return cases


# -- extreme data: what an inspector's review threw at the documents ---------------

RARE_NAME = "王𠈌䶮"  # CJK Ext B and Ext A
RARE_NAMES = ("王𠈌䶮", "欧阳𪚥", "𫚉𬺰丽", "龚𰻝")
ITEM_40 = "城乡居民基本养老保险待遇领取资格认证暨最低生活保障特困人员救助供养联合申请（𠈌）"
REASON_800 = (LONG_REASON * 5)[:795] + "（𠈌䶮）。"


def extreme(code: str) -> Document:
    """The normal sample of ``code`` with a 40-character item name, 25
    materials, an 800-character reason and names with rare characters."""
    data = BUILDERS[code]()
    materials = tuple(replace(m, name=m.name + ("（𪚥）" if n % 6 == 0 else "")) for n, m in
                      enumerate(thirty_materials()[:25]))
    changes: dict[str, object] = {"staff_name": "欧阳𪚥"}
    if hasattr(data, "applicant") and data.applicant is not None:
        changes["applicant"] = replace(data.applicant, name=RARE_NAME)
    if hasattr(data, "item_name"):
        changes["item_name"] = ITEM_40
    for name in ("materials", "missing", "deferred"):
        if isinstance(getattr(data, name, None), tuple):  # ReceiptData.deferred is a flag
            changes[name] = materials
    for name in ("reason", "result", "conditions", "question", "note", "promise", "past_statutory_reason"):
        if isinstance(getattr(data, name, None), str):
            changes[name] = REASON_800
    if hasattr(data, "reasons"):
        changes["reasons"] = (REASON_800, "申请人家庭月人均收入高于本县现行最低生活保障标准。")
    if hasattr(data, "asker_name"):
        changes["asker_name"] = RARE_NAME
    if isinstance(data, ExtensionNoticeData):  # past the statutory date: the reason is printed
        changes["statutory_due"] = date(2027, 1, 10)
    if isinstance(data, LedgerData):
        changes["rows"] = tuple(replace(r, applicant_name=RARE_NAMES[n % 4], item_name=ITEM_40)
                                for n, r in enumerate(ledger(long=True).rows[:40]))
    if isinstance(data, InquiryLedgerData):
        changes["rows"] = tuple(replace(r, asker_name=RARE_NAMES[n % 4], question=REASON_800 if n == 3 else r.question)
                                for n, r in enumerate(inquiry_ledger(long=True).rows[:30]))
    return replace(data, **changes)
