"""Staff accounts and login (登录); 人员管理 — the center head manages them at the desk.

Every change here is one unit of work in the caller's session: the account,
its audit entry (who did what, to whom; never a password) and its outbox
operation for the county commit together, so an account made on a desk that
has never seen the county goes up with the first sync.
"""
from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import Inquiry, Staff
from app.models.outbox import record_change
from app.models.vocabulary import StaffRole
from app.services import audit, backup, whereabouts
from app.services.context import Actor
from app.services.errors import NAME_REQUIRED, USERNAME_RULE, DomainError, NotFound, PermissionDenied
from app.services.passwords import hash_password, password_problem, verify_password
from app.services.setup import USERNAME_PATTERN, this_device
from app.services.text_input import check_text
from app.text import Text, tr

# A placeholder for an account another desk made that has not arrived yet (app.sync.apply).
_PLACEHOLDER_HASH = Staff.PLACEHOLDER_HASH
# Reset passwords: no 0/O, 1/l/I, so they can be read aloud and typed without doubt.
_RESET_LETTERS = "abcdefghjkmnpqrstuvwxyz"
_RESET_DIGITS = "23456789"


@dataclass(frozen=True)
class StaffSummary:
    id: uuid.UUID
    username: str
    display_name: str
    role: str
    active: bool
    phone: str = ""
    must_change_password: bool = False
    role_pending: str = ""  # the county has not yet approved this role (a head made at a desk)
    sync_state: str = ""
    sync_error: str = ""
    last_login_at: datetime | None = None

    @property
    def role_label(self) -> str:
        return str(StaffRole.text_of(self.role))


def _summary(staff: Staff) -> StaffSummary:
    return StaffSummary(
        staff.id, staff.username, staff.display_name, staff.role, staff.active, staff.phone,
        staff.must_change_password, staff.role_pending, staff.sync_state, staff.sync_error or "", staff.last_login_at,
    )


def list_staff(session: Session, *, active_only: bool = True) -> list[StaffSummary]:
    device = this_device(session)
    query = (select(Staff).where(Staff.center_id == device.center_id, Staff.is_person())
             .order_by(Staff.display_name))
    if active_only:
        query = query.where(Staff.active.is_(True))
    return [_summary(s) for s in session.scalars(query)]


def actor_for(session: Session, staff: Staff) -> Actor:
    device = this_device(session)
    return Actor(
        staff_id=staff.id,
        center_id=staff.center_id,
        device_id=device.id,
        username=staff.username,
        display_name=staff.display_name,
        role=staff.role,
        window_no=device.window_no,
    )


# -- login ------------------------------------------------------------------------------

# Never says which part was wrong.
LOGIN_FAILED = Text("登录名或密码不正确，请重新输入", "Wrong login name or password; please try again")
# Said only to someone who knows the password: it reveals nothing to a guesser.
ACCOUNT_DISABLED = Text("该账号已停用，不能登录；如需恢复，请联系中心主任",
                        "This account has been deactivated and cannot log in; ask the center head to restore it")


@dataclass(frozen=True)
class LoginResult:
    """What a login attempt came to: the Actor, or the sentence to show."""

    actor: Actor | None
    refusal: str = ""
    must_change_password: bool = False
    returned_note_id: uuid.UUID | None = None  # the 去向留言 this login cleared: show its hand-back


def login(session: Session, username: str, password: str) -> LoginResult:
    """Check a login. Both outcomes are audited in the caller's unit of work;
    a refusal is returned, not raised, so that the record of it commits."""
    device = this_device(session)
    name = username.strip()
    staff = session.scalar(select(Staff).where(Staff.center_id == device.center_id, Staff.username == name))
    password_ok = staff is not None and verify_password(password, staff.password_hash)
    if staff is None or not staff.active or not password_ok:
        disabled = staff is not None and password_ok and not staff.active
        audit.record(
            session, None, "login_failed", entity="staff", entity_id=staff.id if staff else "",
            summary=f"登录失败{'（账号已停用）' if disabled else ''}：{name[:30]}",
            staff_id=staff.id if staff else None,
        )
        return LoginResult(None, str(ACCOUNT_DISABLED if disabled else LOGIN_FAILED))
    staff.last_login_at = utcnow()
    actor = actor_for(session, staff)
    audit.record(session, actor, "login", entity="staff", entity_id=staff.id, summary="登录")
    returned = whereabouts.clear_on_login(session, actor)  # logging in means being back at the desk
    return LoginResult(actor, must_change_password=staff.must_change_password, returned_note_id=returned)


def check_login(session: Session, username: str, password: str) -> Actor | None:
    """The Actor, or None when the login fails (see :func:`login`)."""
    return login(session, username, password).actor


# -- the head manages accounts ----------------------------------------------------------


def _require_head(actor: Actor, what: Text) -> None:
    if not actor.is_head:
        raise PermissionDenied(what)


def _role(role: str) -> StaffRole:
    try:
        return StaffRole(role)
    except ValueError:
        raise DomainError(tr(f"未知角色：{role}", f"Unknown role: {role}"), field="role") from None


def _account(session: Session, actor: Actor, staff_id: uuid.UUID) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None or staff.center_id != actor.center_id or staff.password_hash == _PLACEHOLDER_HASH:
        raise NotFound(tr("找不到该工作人员账号", "This staff account was not found"))
    return staff


def has_another_active_head(session: Session, staff: Staff) -> bool:
    """Whether the center keeps an active head without ``staff``: the rule
    that a center never loses its last head, at the desk and in sync."""
    return session.scalar(select(Staff.id).where(
        Staff.center_id == staff.center_id, Staff.role == StaffRole.HEAD, Staff.active.is_(True), Staff.id != staff.id,
    ).limit(1)) is not None


def _check_password(password: str, *, field: str = "password") -> None:
    weak = password_problem(password)
    if weak:
        raise DomainError(weak, field=field)


def add_staff(
    session: Session,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    password: str,
    role: str = StaffRole.WINDOW,
    phone: str = "",
    must_change_password: bool = False,
) -> Staff:
    """Only a center head adds accounts; the account goes up to the county
    with the next sync (a head role there waits for the county's approval)."""
    _require_head(actor, Text("只有中心主任可以添加工作人员账号", "Only the center head can add staff accounts"))
    check_text(username, field="username", label=Text("登录名", "The login name"))
    check_text(display_name, field="display_name", label=Text("姓名", "The name"))
    check_text(phone, field="phone", label=Text("电话", "The phone"))
    if not USERNAME_PATTERN.match(username.strip()):
        raise DomainError(USERNAME_RULE, field="username")
    checked_role = _role(role)
    if not display_name.strip():
        raise DomainError(NAME_REQUIRED, field="display_name")
    if len(display_name.strip()) > 50:
        raise DomainError(tr("姓名最多 50 个字", "The name can have at most 50 characters"), field="display_name")
    if len(phone.strip()) > 30:
        raise DomainError(tr("电话最多 30 位", "The phone number can have at most 30 characters"), field="phone")
    _check_password(password)
    exists = session.scalar(
        select(Staff.id).where(Staff.center_id == actor.center_id, Staff.username == username.strip())
    )
    if exists is not None:
        raise DomainError(tr(f"登录名「{username.strip()}」已被使用", f"The login name \"{username.strip()}\" is already taken"),
                          field="username")
    staff = Staff(
        center_id=actor.center_id,
        username=username.strip(),
        display_name=display_name.strip(),
        role=checked_role.value,
        phone=phone.strip(),
        password_hash=hash_password(password),
        must_change_password=must_change_password,
    )
    session.add(staff)
    session.flush()
    audit.record(
        session, actor, "create", entity="staff", entity_id=staff.id,
        summary=f"添加{checked_role.label.zh}：{staff.display_name}",  # the audit log is a record: Chinese
    )
    record_change(session, staff)
    return staff


def change_role(session: Session, actor: Actor, staff_id: uuid.UUID, role: str) -> StaffSummary:
    """Give an account another role. The center always keeps an active head."""
    _require_head(actor, Text("只有中心主任可以更改角色", "Only the center head can change roles"))
    staff = _account(session, actor, staff_id)
    new = _role(role)
    if staff.role == new:
        return _summary(staff)
    if staff.id == actor.staff_id:
        raise DomainError(tr("不能更改自己的角色；请由另一位中心主任操作",
                             "You cannot change your own role; ask another center head"), field="role")
    if staff.role == StaffRole.HEAD and staff.active and not has_another_active_head(session, staff):
        raise DomainError(tr("这是本中心唯一在用的中心主任账号，不能改为其他角色",
                             "This is the center's only active head account; its role cannot be changed"), field="role")
    old = StaffRole.text_of(staff.role)
    staff.role = new.value
    if new != StaffRole.HEAD:
        staff.role_pending = ""
    audit.record(session, actor, "change_role", entity="staff", entity_id=staff.id,
                 summary=f"更改角色：{staff.display_name}，{old.zh} → {new.label.zh}",
                 detail={"from": str(old.zh), "to": new.label.zh})
    record_change(session, staff)
    return _summary(staff)


@dataclass(frozen=True)
class OpenWork:
    """What a worker still holds, asked before deactivating them, with the
    backup (AB角) the head is offered to hand it to."""

    open_cases: int
    open_inquiries: int
    backup_id: uuid.UUID | None
    backup_name: str

    @property
    def any(self) -> bool:
        return bool(self.open_cases or self.open_inquiries)


def _open_inquiries(session: Session, staff_id: uuid.UUID) -> list[Inquiry]:
    return list(session.scalars(select(Inquiry).where(Inquiry.owner_id == staff_id, Inquiry.closed_at.is_(None))))


def open_work(session: Session, actor: Actor, staff_id: uuid.UUID) -> OpenWork:
    staff = _account(session, actor, staff_id)
    cases = len(backup.open_cases_of(session, staff.id))
    inquiries = len(_open_inquiries(session, staff.id))
    deputy = backup.Assignments(session, staff.center_id).personal_backup(staff.id)
    deputy_row = session.get(Staff, deputy) if deputy else None
    if deputy_row is None or not deputy_row.active:
        return OpenWork(cases, inquiries, None, "")
    return OpenWork(cases, inquiries, deputy_row.id, deputy_row.display_name)


def _hand_over(session: Session, actor: Actor, staff: Staff, to: uuid.UUID) -> int:
    """Give a leaving worker's open cases and inquiries to ``to``; each one audited and queued."""
    heir = session.get(Staff, to)
    if heir is None or heir.center_id != staff.center_id or not heir.active or heir.id == staff.id:
        raise DomainError(tr("接手人须是本中心另一位在用的工作人员",
                             "The worker taking over must be another active member of this center"), field="hand_over_to")
    now = utcnow()
    moved = 0
    for case, _code, _name in backup.open_cases_of(session, staff.id):
        case.handled_by = heir.id
        case.updated_at = now
        record_change(session, case)
        audit.record(session, actor, "update", entity="case", entity_id=case.id, now=now,
                     summary=f"停用账号移交办件：{case.case_number} {staff.display_name} → {heir.display_name}",
                     detail={"from": str(staff.id), "to": str(heir.id)})
        moved += 1
    for inquiry in _open_inquiries(session, staff.id):
        inquiry.owner_id = heir.id
        inquiry.updated_at = now
        record_change(session, inquiry)
        audit.record(session, actor, "update", entity="inquiry", entity_id=inquiry.id, now=now,
                     summary=f"停用账号移交首问登记：{staff.display_name} → {heir.display_name}",
                     detail={"from": str(staff.id), "to": str(heir.id)})
        moved += 1
    return moved


def set_active(session: Session, actor: Actor, staff_id: uuid.UUID, active: bool, *,
               hand_over_to: uuid.UUID | None = None) -> StaffSummary:
    """Deactivate (停用) or reactivate (启用) an account. A deactivated account
    cannot log in; its records keep naming it. ``hand_over_to`` gives its
    open cases and inquiries to another worker (offered: its backup)."""
    _require_head(actor, Text("只有中心主任可以停用或启用账号", "Only the center head can deactivate or reactivate accounts"))
    staff = _account(session, actor, staff_id)
    if staff.active == active:
        return _summary(staff)
    if not active:
        if staff.id == actor.staff_id:
            raise DomainError(tr("不能停用自己正在使用的账号", "You cannot deactivate the account you are using"),
                              field="active")
        if staff.role == StaffRole.HEAD and not has_another_active_head(session, staff):
            raise DomainError(tr("这是本中心唯一在用的中心主任账号，不能停用",
                                 "This is the center's only active head account; it cannot be deactivated"),
                              field="active")
    if not active and hand_over_to is not None:
        _hand_over(session, actor, staff, hand_over_to)
    staff.active = active
    audit.record(session, actor, "activate" if active else "deactivate", entity="staff", entity_id=staff.id,
                 summary=f"{'启用' if active else '停用'}账号：{staff.display_name}")
    record_change(session, staff)
    return _summary(staff)


def new_temporary_password() -> str:
    """Eight characters, letters and digits, nothing that reads two ways."""
    while True:
        letters = "".join(secrets.choice(_RESET_LETTERS) for _ in range(4))
        digits = "".join(secrets.choice(_RESET_DIGITS) for _ in range(4))
        candidate = letters + digits
        if password_problem(candidate) is None:
            return candidate


def reset_password(session: Session, actor: Actor, staff_id: uuid.UUID) -> str:
    """Give an account a new temporary password, returned once to be shown
    once; it must be changed at the next login. Only its hash is kept."""
    _require_head(actor, Text("只有中心主任可以重置密码", "Only the center head can reset passwords"))
    staff = _account(session, actor, staff_id)
    password = new_temporary_password()
    staff.password_hash = hash_password(password)
    staff.must_change_password = True
    audit.record(session, actor, "reset_password", entity="staff", entity_id=staff.id,
                 summary=f"重置密码：{staff.display_name}")
    record_change(session, staff)
    return password


def change_own_password(session: Session, actor: Actor, *, old_password: str, new_password: str) -> None:
    """Anyone changes their own password, knowing the current one."""
    staff = session.get(Staff, actor.staff_id)
    if staff is None or not staff.active:
        raise NotFound(tr("找不到当前登录的账号", "The account you are logged in with was not found"))
    if not verify_password(old_password, staff.password_hash):
        raise DomainError(tr("原密码不正确", "The current password is wrong"), field="old_password")
    if new_password == old_password:
        raise DomainError(tr("新密码不能与原密码相同", "The new password must differ from the current one"),
                          field="new_password")
    _check_password(new_password, field="new_password")
    staff.password_hash = hash_password(new_password)
    staff.must_change_password = False
    audit.record(session, actor, "change_password", entity="staff", entity_id=staff.id, summary="修改本人密码")
    record_change(session, staff)


def needs_password_change(session: Session, staff_id: uuid.UUID) -> bool:
    staff = session.get(Staff, staff_id)
    return bool(staff and staff.must_change_password)
