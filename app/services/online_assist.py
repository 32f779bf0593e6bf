"""帮办网办 — the register of online applications a worker helped a resident make.

Staff walk residents through a provincial portal or app and follow the
application. The register keeps the platform (an editable list), the item,
the platform's application number (申办流水号), the outcome and a follow-up
date; an entry shows on the board (今日) until it is followed up.

Never the resident's password or a verification code. The form says so, and
:func:`secret_problem` refuses, in any field, text that looks like one:

- a word for a secret (验证码, 校验码, 动态码, 短信码, 密码, 口令, password,
  passcode, PIN, OTP) followed within a few characters by four or more
  letters or digits (``验证码 583920``, ``密码:abc12345``);
- a number of exactly 4 to 6 digits standing alone in the note (the shape of
  an SMS code; dates, amounts, counts and phone numbers carry 年/月/日/元/份,
  a hyphen or more digits, and pass);
- an application number that is only 4 to 6 digits (a platform's number is
  longer; an SMS code is not).
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import CatalogItem, CatalogVersion, OnlineAssist, Resident, Staff
from app.models.outbox import record_change
from app.models.vocabulary import OnlineAssistOutcome
from app.printing.documents.online_guide import OnlineGuideData as OnlineGuide
from app.services import audit, settings
from app.services.context import Actor
from app.services.errors import DomainError, NotFound
from app.services.resident_merge import current_resident_id
from app.services.text_input import check_text
from app.text import Text, tr


@dataclass(frozen=True)
class Platform:
    """An online platform: its name and the portal address printed as a QR ('' if none)."""

    name: str
    url: str = ""


#: The seed list (editable in 设置): the national platform, provincial apps, two national apps.
DEFAULT_PLATFORMS: tuple[Platform, ...] = (
    Platform("国家政务服务平台", "https://www.gjzwfw.gov.cn/"),
    Platform("粤省事", "https://www.gdzwfw.gov.cn/"),
    Platform("浙里办", "https://www.zjzwfw.gov.cn/"),
    Platform("随申办", "https://zwdt.sh.gov.cn/"),
    Platform("皖事通", "https://www.ahzwfw.gov.cn/"),
    Platform("闽政通", "https://zwfw.fujian.gov.cn/"),
    Platform("鄂汇办", "https://zwfw.hubei.gov.cn/"),
    Platform("电子社保卡", "https://si.12333.gov.cn/"),
    Platform("个人所得税 App", "https://etax.chinatax.gov.cn/"),
)
PLATFORMS = settings.SettingSpec("online_platforms", {"platforms": [
    {"name": p.name, "url": p.url} for p in DEFAULT_PLATFORMS]}, dict)
#: The platform the catalog's QR codes point at (the province's portal); '' = the first of the list with an address.
PORTAL = settings.SettingSpec("online_portal", "", str)

NOTICE = Text("本登记不记录群众的账号密码、短信验证码等任何凭证；请让群众本人输入。",
              "This register never keeps the resident's passwords or verification codes: let the resident type them.")

LABELS: dict[str, Text] = {
    "resident_name": Text("群众姓名", "The resident's name"),
    "platform": Text("办理平台", "The platform"),
    "item_name": Text("办理事项", "The item"),
    "application_no": Text("申办流水号", "The application number"),
    "note": Text("备注", "The note"),
}

_SECRET_WORDS = r"(验证码|校验码|动态码|短信码|密码|口令|password|passcode|pin|otp)"
_SECRET_NEAR = re.compile(_SECRET_WORDS + r"[^A-Za-z0-9]{0,6}[A-Za-z0-9]{4,}", re.IGNORECASE)
_LONE_CODE = re.compile(r"(?<![0-9A-Za-z./:：-])[0-9]{4,6}(?![0-9A-Za-z./:：\-年月日号元份户人岁点时分秒个次位件张])")
_CODE_ONLY = re.compile(r"[0-9]{4,6}")


def secret_problem(field: str, value: str) -> Text | None:
    """Why ``value`` (of ``field``) looks like a password or a verification code, or None."""
    label = LABELS.get(field, Text(field, field))
    found = _SECRET_NEAR.search(value)
    if found is None and field == "note":
        found = _LONE_CODE.search(value)
    if found is None and field == "application_no" and _CODE_ONLY.fullmatch(value.strip()):
        found = _CODE_ONLY.match(value.strip())
    if found is None:
        return None
    return Text(f"{label.zh}中的「{found.group(0)}」像是密码或验证码：帮办网办不记录群众的密码和验证码，请删去后再保存",
                f"“{found.group(0)}” in {label.en.lower()} looks like a password or a verification code: the "
                "register never keeps them; delete it and save again")


def _checked(field: str, value: str, *, required: bool = False, limit: int) -> str:
    label = LABELS[field]
    value = check_text(value, field=field, label=label).strip()
    if required and not value:
        raise DomainError(tr(f"请填写{label.zh}", f"Enter {label.en.lower()}"), field=field)
    if len(value) > limit:
        raise DomainError(tr(f"{label.zh}不能超过{limit}个字", f"{label.en} is at most {limit} characters"), field=field)
    problem = secret_problem(field, value)
    if problem is not None:
        raise DomainError(str(problem), field=field)
    return value


# -- the platforms -------------------------------------------------------------------------


def platforms(session: Session) -> list[Platform]:
    stored = settings.get(session, PLATFORMS).get("platforms")
    if not isinstance(stored, list):
        return list(DEFAULT_PLATFORMS)
    return [Platform(str(p.get("name") or ""), str(p.get("url") or "")) for p in stored
            if isinstance(p, dict) and p.get("name")]


def set_platforms(session: Session, actor: Actor, entries: list[Platform], *, portal: str | None = None) -> None:
    """The center's list of platforms (names unique; an address, when given, is http(s))."""
    cleaned: list[Platform] = []
    for entry in entries:
        name = _checked("platform", entry.name, limit=50)
        url = check_text(entry.url, field="url", label=Text("平台网址", "The platform's address")).strip()
        if not name:
            continue
        if url and not re.fullmatch(r"https?://[^\s]{3,200}", url):
            raise DomainError(tr(f"「{name}」的网址须以 https:// 或 http:// 开头",
                                 f"The address of “{name}” must start with https:// or http://"), field="url")
        if any(p.name == name for p in cleaned):
            raise DomainError(tr(f"平台「{name}」重复", f"The platform “{name}” is listed twice"), field="platform")
        cleaned.append(Platform(name, url))
    if not cleaned:
        raise DomainError(tr("平台列表不能为空", "The list of platforms cannot be empty"), field="platform")
    settings.put(session, PLATFORMS, {"platforms": [{"name": p.name, "url": p.url} for p in cleaned]})
    if portal is not None:
        if portal and portal not in {p.name for p in cleaned}:
            raise DomainError(tr("网办指引所用平台须在列表中", "The portal must be one of the platforms"), field="portal")
        settings.put(session, PORTAL, portal)
    audit.record(session, actor, "update", entity="settings", entity_id=PLATFORMS.key,
                 summary=f"帮办网办平台列表：{'、'.join(p.name for p in cleaned)}")


def portal(session: Session) -> Platform | None:
    """The platform the catalog's 网办指引 points residents at."""
    listed = platforms(session)
    chosen = settings.get(session, PORTAL)
    fallback = next((p for p in listed if p.url), listed[0] if listed else None)
    return next((p for p in listed if p.name == chosen), fallback)


# -- the register --------------------------------------------------------------------------


@dataclass(frozen=True)
class AssistInput:
    resident_name: str
    platform: str
    item_name: str
    outcome: str = OnlineAssistOutcome.SUBMITTED
    application_no: str = ""
    follow_up_on: date | None = None
    resident_id: uuid.UUID | None = None
    item_code: str = ""
    note: str = ""


@dataclass(frozen=True)
class AssistRow:
    id: uuid.UUID
    resident_name: str
    platform: str
    item_name: str
    application_no: str
    outcome: str
    helped_at: datetime
    follow_up_on: date | None
    followed_up_at: datetime | None
    staff_id: uuid.UUID
    staff_name: str
    note: str
    sync_state: str

    @property
    def awaiting_follow_up(self) -> bool:
        return self.follow_up_on is not None and self.followed_up_at is None


def _outcome(value: str) -> OnlineAssistOutcome:
    try:
        return OnlineAssistOutcome(value)
    except ValueError:
        raise DomainError(tr(f"未知的办理结果：{value}", f"Unknown outcome: {value}"), field="outcome") from None


def _follow_up(outcome: OnlineAssistOutcome, follow_up_on: date | None, today: date) -> date | None:
    if follow_up_on is not None and follow_up_on < today:
        raise DomainError(tr("跟进日期不能早于今天", "The follow-up date cannot be before today"), field="follow_up_on")
    if outcome.open and follow_up_on is None:
        raise DomainError(tr("尚未办结的网办须填写跟进日期", "An application not yet decided needs a follow-up date"),
                          field="follow_up_on")
    return follow_up_on


def register(session: Session, actor: Actor, form: AssistInput, *, now: datetime | None = None) -> AssistRow:
    """Record one helped online application."""
    now = now or utcnow()
    outcome = _outcome(form.outcome)
    names = {p.name for p in platforms(session)}
    platform = _checked("platform", form.platform, required=True, limit=50)
    if platform not in names:
        raise DomainError(tr(f"「{platform}」不在平台列表中，请先在设置中添加", f"“{platform}” is not in the list of "
                             "platforms: add it in Settings first"), field="platform")
    resident_id = current_resident_id(session, form.resident_id) if form.resident_id else None
    resident = session.get(Resident, resident_id) if resident_id else None
    if form.resident_id is not None and resident is None:
        raise NotFound(tr("找不到该群众的登记信息", "The resident's record was not found"), field="resident")
    row = OnlineAssist(
        center_id=actor.center_id, staff_id=actor.staff_id, resident_id=resident_id,
        resident_name=resident.name if resident else _checked("resident_name", form.resident_name, required=True,
                                                              limit=50),
        platform=platform, item_code=form.item_code.strip()[:30],
        item_name=_checked("item_name", form.item_name, required=True, limit=100),
        application_no=_checked("application_no", form.application_no, limit=60),
        outcome=outcome, helped_at=now,
        follow_up_on=_follow_up(outcome, form.follow_up_on, now.astimezone().date()),
        note=_checked("note", form.note, limit=300), created_at=now, updated_at=now,
    )
    session.add(row)
    record_change(session, row)
    audit.record(session, actor, "create", entity="online_assist", entity_id=row.id, now=now,
                 summary=f"帮办网办：{row.resident_name} {row.item_name}（{row.platform}）")
    return _row(session, row)


def follow_up(
    session: Session, actor: Actor, assist_id: uuid.UUID, *, outcome: str, next_follow_up: date | None = None,
    application_no: str | None = None, note: str | None = None, now: datetime | None = None,
) -> AssistRow:
    """跟进: the outcome as the platform now shows it. Still undecided, the
    entry waits for ``next_follow_up``; decided, it leaves the board."""
    now = now or utcnow()
    row = session.get(OnlineAssist, assist_id)
    if row is None:
        raise NotFound(tr("找不到该帮办网办登记", "The helped online application was not found"), field="assist")
    chosen = _outcome(outcome)
    row.follow_up_on = _follow_up(chosen, next_follow_up, now.astimezone().date()) if chosen.open else row.follow_up_on
    row.followed_up_at = None if chosen.open else now
    row.outcome = chosen
    if application_no is not None:
        row.application_no = _checked("application_no", application_no, limit=60)
    if note is not None:
        row.note = _checked("note", note, limit=300)
    row.updated_at = now
    row.sync_state = "pending"
    record_change(session, row)
    audit.record(session, actor, "update", entity="online_assist", entity_id=row.id, now=now,
                 summary=f"帮办网办跟进：{row.resident_name} {row.item_name} → {chosen.label.zh}")
    return _row(session, row)


def _row(session: Session, row: OnlineAssist, staff_name: str | None = None) -> AssistRow:
    if staff_name is None:
        staff = session.get(Staff, row.staff_id)
        staff_name = staff.display_name if staff else ""
    return AssistRow(
        id=row.id, resident_name=row.resident_name, platform=row.platform, item_name=row.item_name,
        application_no=row.application_no, outcome=row.outcome, helped_at=row.helped_at,
        follow_up_on=row.follow_up_on, followed_up_at=row.followed_up_at, staff_id=row.staff_id,
        staff_name=staff_name, note=row.note, sync_state=row.sync_state,
    )


def assist_rows(session: Session, *, start: datetime | None = None, end: datetime | None = None,
                awaiting_only: bool = False, limit: int = 500) -> list[AssistRow]:
    """The register, newest first (``start`` ≤ helped_at < ``end``)."""
    query = select(OnlineAssist, Staff.display_name).join(Staff, Staff.id == OnlineAssist.staff_id)
    if start is not None:
        query = query.where(OnlineAssist.helped_at >= start)
    if end is not None:
        query = query.where(OnlineAssist.helped_at < end)
    if awaiting_only:
        query = query.where(OnlineAssist.follow_up_on.is_not(None), OnlineAssist.followed_up_at.is_(None))
    query = query.order_by(OnlineAssist.helped_at.desc()).limit(limit)
    return [_row(session, row, name) for row, name in session.execute(query)]


def awaiting_follow_up(session: Session) -> list[AssistRow]:
    """Every entry still to follow up, the earliest date first (the board)."""
    rows = assist_rows(session, awaiting_only=True, limit=1000)
    return sorted(rows, key=lambda r: (r.follow_up_on or date.max, r.helped_at))


# -- the catalog: which items can be done online ----------------------------------------------


@dataclass(frozen=True)
class OnlineItem:
    id: uuid.UUID
    code: str
    name: str
    department_code: str


def online_items(session: Session) -> list[OnlineItem]:
    """The current catalog's items that can be done online (网上可办)."""
    rows = session.execute(
        select(CatalogItem.id, CatalogItem.code, CatalogItem.name, CatalogItem.department_code)
        .join(CatalogVersion, CatalogVersion.id == CatalogItem.catalog_version_id)
        .where(CatalogVersion.is_current.is_(True), CatalogItem.online.is_(True))
        .order_by(CatalogItem.code)
    ).all()
    return [OnlineItem(*r) for r in rows]



DOC_ONLINE_GUIDE = "online_guide"  # 网上办理指引


def guide_data(session: Session, item_id: uuid.UUID | None, header: dict[str, Any]) -> OnlineGuide:
    """网上办理指引 of a catalog item: the center's portal as a QR code."""
    from app.models import Department

    item = session.get(CatalogItem, item_id) if item_id is not None else None
    if item is None:
        raise NotFound(tr("找不到该服务事项", "The service item was not found"), field="item")
    if not item.online:
        raise DomainError(tr(f"「{item.name}」在目录中未标注可网上办理", f"“{item.name}” cannot be done online by the "
                             "catalog"), field="item")
    chosen = portal(session)
    if chosen is None or not chosen.url:
        raise DomainError(tr("请先在设置的“帮办网办平台”中填写办理平台的网址", "Enter the platform's address in "
                             "Settings (online platforms) first"), field="url")
    department = session.scalar(select(Department.name).where(
        Department.catalog_version_id == item.catalog_version_id, Department.code == item.department_code))
    return OnlineGuide(**header, item_name=item.name, platform=chosen.name, url=chosen.url,
                       department=department or item.department_code,
                       to_prepare=tuple(m.name for m in item.materials))


def guide_stem(session: Session, item_id: uuid.UUID, *, prefix: str, center_code: str) -> tuple[str, str, str]:
    """(number stem, subject, archive folder) of an item's 网上办理指引."""
    item = session.get(CatalogItem, item_id)
    if item is None:
        raise NotFound(tr("找不到该服务事项", "The service item was not found"), field="item")
    return f"{prefix}-{center_code}-{item.code}-", item.name, "guides"


def guide_items(session: Session, doc_numbers: list[str], *, prefix: str,
                center_code: str) -> dict[str, tuple[uuid.UUID, str]]:
    """The current catalog's item (id, name) each printed 网上办理指引 was of, by its number.

    A guide's number carries the item's catalog code (``guide_stem``): the code
    stays when the county publishes a new catalog version, the item's id does
    not, so a 补打 finds the item by it. A guide whose code is no longer in the
    current catalog is left out."""
    head = f"{prefix}-{center_code}-"
    codes = {n: n[len(head):].rpartition("-")[0] for n in doc_numbers if n.startswith(head)}
    wanted = {c for c in codes.values() if c}
    if not wanted:
        return {}
    items = {code: (item_id, name) for item_id, code, name in session.execute(
        select(CatalogItem.id, CatalogItem.code, CatalogItem.name)
        .join(CatalogVersion, CatalogVersion.id == CatalogItem.catalog_version_id)
        .where(CatalogVersion.is_current.is_(True), CatalogItem.code.in_(wanted)))}
    return {n: items[c] for n, c in codes.items() if c in items}
