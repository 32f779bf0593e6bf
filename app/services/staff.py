"""Staff accounts and login (登录)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import Staff
from app.models.center import ROLES
from app.services import audit
from app.services.context import Actor
from app.services.errors import NAME_REQUIRED, USERNAME_RULE, DomainError, PermissionDenied
from app.services.passwords import hash_password, password_problem, verify_password
from app.services.setup import USERNAME_PATTERN, this_device
from app.text import Text, tr

ROLE_LABELS = {"window": Text("窗口人员", "Window worker"), "head": Text("中心主任", "Center head")}


@dataclass(frozen=True)
class StaffSummary:
    id: object
    username: str
    display_name: str
    role: str
    active: bool


def list_staff(session: Session, *, active_only: bool = True) -> list[StaffSummary]:
    device = this_device(session)
    query = select(Staff).where(Staff.center_id == device.center_id).order_by(Staff.display_name)
    if active_only:
        query = query.where(Staff.active.is_(True))
    return [StaffSummary(s.id, s.username, s.display_name, s.role, s.active) for s in session.scalars(query)]


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


# Never says which part was wrong.
LOGIN_FAILED = Text("登录名或密码不正确，请重新输入", "Wrong login name or password; please try again")


def check_login(session: Session, username: str, password: str) -> Actor | None:
    """Check a login: the Actor, or None when it fails.

    Both outcomes are audited in the caller's unit of work. A failure is
    returned rather than raised so that the caller's transaction commits and
    the failed attempt stays on record (services never open sessions).
    """
    device = this_device(session)
    staff = session.scalar(
        select(Staff).where(Staff.center_id == device.center_id, Staff.username == username.strip())
    )
    if staff is None or not staff.active or not verify_password(password, staff.password_hash):
        audit.record(
            session,
            None,
            "login_failed",
            entity="staff",
            entity_id=staff.id if staff else "",
            summary=f"登录失败：{username.strip()[:30]}",
            staff_id=staff.id if staff else None,
        )
        return None
    staff.last_login_at = utcnow()
    actor = actor_for(session, staff)
    audit.record(session, actor, "login", entity="staff", entity_id=staff.id, summary="登录")
    return actor


def add_staff(
    session: Session,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    password: str,
    role: str = "window",
) -> Staff:
    """Only a center head adds accounts."""
    if not actor.is_head:
        raise PermissionDenied(tr("只有中心主任可以添加工作人员账号", "Only the center head can add staff accounts"))
    if not USERNAME_PATTERN.match(username.strip()):
        raise DomainError(USERNAME_RULE, field="username")
    if role not in ROLES:
        raise DomainError(tr(f"未知角色：{role}", f"Unknown role: {role}"), field="role")
    if not display_name.strip():
        raise DomainError(NAME_REQUIRED, field="display_name")
    weak = password_problem(password)
    if weak:
        raise DomainError(weak, field="password")
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
        role=role,
        password_hash=hash_password(password),
    )
    session.add(staff)
    session.flush()
    audit.record(
        session, actor, "create", entity="staff", entity_id=staff.id,
        summary=f"添加{ROLE_LABELS[role].zh}：{staff.display_name}",  # the audit log is a record: Chinese
    )
    return staff
