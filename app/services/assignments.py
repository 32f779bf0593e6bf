"""AB角 settings: the center head names an A and a B for each catalog item and
each of the center's posts (岗位). The rules that use them are in
:mod:`app.services.backup`.

Catalog items are the county's; their assignment is the center's own and is
keyed by the item's code, which outlives catalog versions.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.models import BackupAssignment, CatalogItem, CatalogVersion, Center, Department, Staff
from app.models.outbox import record_change
from app.models.vocabulary import BackupSubject
from app.services import audit
from app.services.context import Actor
from app.services.errors import DomainError, NotFound, PermissionDenied
from app.services.text_input import check_text
from app.text import Text, tr

POST_NAME_MAX = 60
_NAMESPACE = uuid.UUID("6f0b8e1c-5a0e-4f5c-9d55-2b7f1a0c3e41")


def item_assignment_id(center_code: str, item_code: str) -> uuid.UUID:
    """The one id of a center's assignment of an item: every desk of the
    center derives the same from the center's code (each desk's own row of
    the center has its own id), so two desks setting it edit one record."""
    return uuid.uuid5(_NAMESPACE, f"{center_code}/item/{item_code}")


@dataclass(frozen=True)
class AssignmentRow:
    """One line of the AB角 screen."""

    id: uuid.UUID | None  # None: an item nobody has been named for yet
    subject: str
    item_code: str
    name: str  # the item's or the post's
    department: str
    primary_staff_id: uuid.UUID | None
    backup_staff_id: uuid.UUID | None
    primary_name: str
    backup_name: str


def _require_head(actor: Actor) -> None:
    if not actor.is_head:
        raise PermissionDenied(tr("只有中心主任可以设置AB角", "Only the center head can set the A/B backups"),
                               field="role")


def _check_people(session: Session, actor: Actor, primary: uuid.UUID | None, backup: uuid.UUID | None) -> None:
    for staff_id, field in ((primary, "primary"), (backup, "backup")):
        if staff_id is None:
            continue
        staff = session.get(Staff, staff_id)
        if staff is None or staff.center_id != actor.center_id or not staff.active:
            raise DomainError(tr("所选工作人员不在本中心或已停用", "The chosen worker is not an active member of this center"),
                              field=field)
    if primary is not None and primary == backup:
        raise DomainError(tr("B角不能与A角是同一人", "The backup (B) cannot be the same person as the responsible worker (A)"),
                          field="backup")


def assignment_rows(session: Session, center_id: uuid.UUID) -> list[AssignmentRow]:
    """The center's posts, then every item of the current catalog."""
    names = dict(session.execute(select(Staff.id, Staff.display_name).where(Staff.center_id == center_id)).tuples().all())
    stored = {row.item_code: row for row in session.scalars(select(BackupAssignment).where(
        BackupAssignment.center_id == center_id, BackupAssignment.subject == BackupSubject.ITEM))}
    items = session.scalars(select(CatalogItem).join(CatalogVersion).where(CatalogVersion.is_current.is_(True))
                            .order_by(CatalogItem.department_code, CatalogItem.code))

    def row(item_id: uuid.UUID | None, subject: str, code: str, name: str, department: str,
            a: uuid.UUID | None, b: uuid.UUID | None) -> AssignmentRow:
        return AssignmentRow(item_id, subject, code, name, department, a, b,
                             names.get(a, "") if a else "", names.get(b, "") if b else "")

    out = [row(post.id, BackupSubject.POST, "", post.post_name, "", post.primary_staff_id, post.backup_staff_id)
           for post in session.scalars(select(BackupAssignment).where(
               BackupAssignment.center_id == center_id, BackupAssignment.subject == BackupSubject.POST,
               BackupAssignment.retired.is_(False)).order_by(BackupAssignment.post_name))]
    departments = dict(session.execute(select(Department.code, Department.name).join(CatalogVersion).where(
        CatalogVersion.is_current.is_(True))).tuples().all())
    for item in items:
        kept = stored.get(item.code)
        out.append(row(kept.id if kept else None, BackupSubject.ITEM, item.code, item.name,
                       departments.get(item.department_code, item.department_code),
                       kept.primary_staff_id if kept else None, kept.backup_staff_id if kept else None))
    return out


def set_item_pair(session: Session, actor: Actor, item_code: str, *, primary: uuid.UUID | None,
                  backup: uuid.UUID | None) -> uuid.UUID:
    """Name the A and B of a catalog item for this center."""
    _require_head(actor)
    if session.scalar(select(CatalogItem.id).where(CatalogItem.code == item_code).limit(1)) is None:
        raise NotFound(tr("找不到该服务事项", "Service item not found"), field="item")
    _check_people(session, actor, primary, backup)
    center = session.get(Center, actor.center_id)
    assert center is not None  # the actor's own center
    row_id = item_assignment_id(center.code, item_code)
    row = session.get(BackupAssignment, row_id)
    if row is None:
        row = BackupAssignment(id=row_id, center_id=actor.center_id, subject=BackupSubject.ITEM, item_code=item_code)
        session.add(row)
    return _save(session, actor, row, primary, backup, what=item_code)


def set_post(session: Session, actor: Actor, post_id: uuid.UUID | None, name: str, *,
             primary: uuid.UUID | None, backup: uuid.UUID | None) -> uuid.UUID:
    """Add (``post_id`` None) or change one of the center's posts."""
    _require_head(actor)
    clean = check_text(name, field="post_name", label=Text("岗位名称", "The post's name")).strip()
    if not clean:
        raise DomainError(tr("请填写岗位名称", "Enter the post's name"), field="post_name")
    if len(clean) > POST_NAME_MAX:
        raise DomainError(tr(f"岗位名称不能超过 {POST_NAME_MAX} 个字", f"The post's name may be at most {POST_NAME_MAX} characters"),
                          field="post_name")
    _check_people(session, actor, primary, backup)
    twin = session.scalar(select(BackupAssignment.id).where(
        BackupAssignment.center_id == actor.center_id, BackupAssignment.subject == BackupSubject.POST,
        BackupAssignment.retired.is_(False), BackupAssignment.post_name == clean))
    if twin is not None and twin != post_id:
        raise DomainError(tr(f"已有名为「{clean}」的岗位", f"There is already a post named “{clean}”"), field="post_name")
    if post_id is None:
        row = BackupAssignment(center_id=actor.center_id, subject=BackupSubject.POST)
        session.add(row)
    else:
        found = session.get(BackupAssignment, post_id)
        if found is None or found.center_id != actor.center_id or found.subject != BackupSubject.POST:
            raise NotFound(tr("找不到该岗位", "The post was not found"), field="post")
        row = found
    row.post_name = clean
    return _save(session, actor, row, primary, backup, what=clean)


def retire_post(session: Session, actor: Actor, post_id: uuid.UUID) -> None:
    """The center no longer has this post (kept, marked, for the county's history)."""
    _require_head(actor)
    row = session.get(BackupAssignment, post_id)
    if row is None or row.center_id != actor.center_id or row.subject != BackupSubject.POST:
        raise NotFound(tr("找不到该岗位", "The post was not found"), field="post")
    row.retired = True
    _save(session, actor, row, row.primary_staff_id, row.backup_staff_id, what=row.post_name, action="delete")


def _save(session: Session, actor: Actor, row: BackupAssignment, primary: uuid.UUID | None,
          backup: uuid.UUID | None, *, what: str, action: str = "update") -> uuid.UUID:
    now = utcnow()
    row.primary_staff_id = primary
    row.backup_staff_id = backup
    row.updated_at = now
    row.updated_by = actor.staff_id
    session.flush()
    record_change(session, row)
    audit.record(session, actor, action, entity="backup_assignment", entity_id=row.id, now=now,
                 summary=f"AB角设置：{what}"[:300],
                 detail={"primary": str(primary or ""), "backup": str(backup or "")})
    return row.id
