"""Enrollment (设备注册): a one-time code from the county admin becomes this
PC's device identity and token (docs/sync-protocol.md §2 ``/enroll``).

The desk proposes the id and number it already uses (its case numbers carry
the number) and the staff accounts it made offline. The county may answer
with another id (a replaced PC re-enrolled under its old number): the desk
then adopts it. The token goes to a file only the desk's user can read.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from app.clock import utcnow
from app.ids import uuid7
from app.models import Case, CaseCounter, Center, Device, OutboxEntry, Staff, SyncCursor, SyncVersion
from app.models.outbox import queue_unsent
from app.models.system import ATTENTION_NOTICE, OUTBOX_OPEN
from app.services import settings
from app.services.errors import CENTER_NOT_SET_UP, DomainError
from app.services.setup import find_this_device
from app.sync import attention
from app.sync.credentials import write_token
from app.sync.link import Backoff, Link
from app.sync.transport import Transport
from app.text import tr

ENROLLMENT_SECRET_FILENAME = "county-enrollment"


@dataclass(frozen=True)
class EnrollResult:
    device_id: uuid.UUID
    device_number: int
    center_code: str
    center_name: str
    reenrolled: bool
    staff_conflicts: tuple[str, ...]
    notices: tuple[str, ...]


def normalize_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url:
        raise DomainError(tr("请填写县级服务器地址", "Enter the county server address"), field="server_url")
    if not url.startswith(("http://", "https://")):
        url = "https://" + url
    return url


def _normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def enrollment_secret(data_dir: Path, code: str) -> tuple[str, bool]:
    """(the secret of this PC's enrollment with ``code``, whether an earlier
    attempt already sent its hash). Kept in a file only the desk's user can
    read until the county's answer has arrived, so that only this PC, even
    after a restart, can recover an answer lost on the link (protocol §2)."""
    path = data_dir / ENROLLMENT_SECRET_FILENAME
    key = hashlib.sha256(_normalize_code(code).encode("utf-8")).hexdigest()
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(saved, dict) and saved.get("code") == key and isinstance(saved.get("secret"), str):
            return saved["secret"], True
    except (FileNotFoundError, ValueError):
        pass
    secret = secrets.token_urlsafe(32)
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, json.dumps({"code": key, "secret": secret}).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    return secret, False


def forget_enrollment_secret(data_dir: Path) -> None:
    (data_dir / ENROLLMENT_SECRET_FILENAME).unlink(missing_ok=True)


def enrollment_request(session: Session, code: str) -> dict[str, Any]:
    device = find_this_device(session)
    if device is None:
        raise DomainError(CENTER_NOT_SET_UP)
    staff = session.scalars(select(Staff).where(Staff.center_id == device.center_id, Staff.password_hash.like("scrypt$%")))
    return {
        "code": code.strip(),
        "device_id": str(device.id),
        "device_number": device.device_number,
        "name": (device.name or socket.gethostname())[:100],
        "window_no": device.window_no[:10],
        "local_staff": [
            {"id": str(s.id), "username": s.username, "display_name": s.display_name, "role": s.role,
             "password_hash": s.password_hash, "phone": s.phone, "active": s.active}
            for s in staff
        ][:200],
    }


def enroll(
    factory: sessionmaker[Session],
    data_dir: Path,
    *,
    server_url: str,
    code: str,
    ca_bundle: str = "",
    transport: Transport | None = None,
    backoff: Backoff | None = None,
) -> EnrollResult:
    """Enroll this PC; raises transport errors with the county's reason.

    A lost answer is safe to retry: the county gives the PC that proves the
    secret of its first request a fresh token, until that token is used."""
    if not code.strip():
        raise DomainError(tr("请输入县级管理员提供的注册码", "Enter the enrollment code from the county administrator"),
                          field="code")
    url = normalize_url(server_url)
    with factory() as session:
        body = enrollment_request(session, code)
    secret, earlier = enrollment_secret(data_dir, code)
    body["secret_hash"] = hashlib.sha256(secret.encode("utf-8")).hexdigest()
    own = transport is None
    transport = transport or Transport(url, ca_bundle=ca_bundle or None)
    tries = 0

    def send() -> Any:
        # Only a resend proves the secret: the county may have answered a
        # request whose answer never arrived.
        nonlocal tries
        tries += 1
        sent = body | {"secret": secret} if earlier or tries > 1 else body
        return link.transport.post("enroll", sent, auth=False, compress=False)

    try:
        link = Link(transport, backoff=backoff or Backoff(attempts=4))
        answer = link.call(send, what="enroll")
    finally:
        if own:
            transport.close()
    write_token(data_dir, str(answer["token"]))
    forget_enrollment_secret(data_dir)
    with factory.begin() as session:
        return adopt(session, answer, server_url=url, ca_bundle=ca_bundle)


def adopt(session: Session, answer: dict[str, Any], *, server_url: str, ca_bundle: str = "") -> EnrollResult:
    """Take the county's answer: identity, center, and a fresh start for the streams."""
    device = find_this_device(session)
    assert device is not None
    problems: list[str] = []  # each goes to the needs-attention list too
    # A PC restored from a backup of this center, enrolled again with the same
    # county server: its cursors still hold, it pulls only what changed since.
    resume = _can_resume(session, device, server_url, answer)
    new_id = uuid.UUID(str(answer["device_id"]))
    number = int(answer["device_number"])
    if new_id != device.id or number != device.device_number:
        problems.extend(_adopt_identity(session, device, new_id, number))
        device = find_this_device(session)
        assert device is not None
    device.server_url = server_url
    device.enrolled_at = utcnow()
    device.revoked_at = None
    center = session.get(Center, device.center_id)
    assert center is not None
    county_center = answer.get("center") or {}
    code = str(county_center.get("code") or center.code)
    if code != center.code:
        old_cases = session.scalar(select(func.count()).select_from(Case).where(Case.case_number.like(f"{center.code}-%"))) or 0
        if old_cases:
            problems.append(tr(
                f"县级登记的中心编码为「{code}」，与本机原编码「{center.code}」不同；本机已有的 {old_cases} 件办件"
                f"编号仍用原编码，县级可能拒收，请联系县级管理员",
                f"The county registered the center code \"{code}\", not this computer's \"{center.code}\"; the "
                f"{old_cases} case(s) already here keep numbers with the old code, which the county may refuse. "
                "Please contact the county administrator"))
        center.code = code
    for key in ("name", "county", "town", "district", "address", "phone", "supervision_phone"):
        value = county_center.get(key)
        if isinstance(value, str) and value:
            setattr(center, key, value)
    conflicts = tuple(str(c.get("username", "")) for c in answer.get("staff_conflicts") or [])
    for clash in answer.get("staff_conflicts") or []:
        problems.append(tr(
            f"本机账号「{clash.get('username')}」未能登记到县级（{clash.get('reason')}）；"
            f"请使用县级为本中心设置的账号，或请县级管理员处理",
            f"The local account \"{clash.get('username')}\" could not be registered at the county "
            f"({clash.get('reason')}); use the account the county set up for this center, or ask the county "
            "administrator"))
    for text in problems:
        attention.note(session, ATTENTION_NOTICE, entity="device", entity_id=device.id, reason=text,
                       reason_code="enrollment")
    notices = list(problems)
    queued = queue_unsent(session)
    if queued:
        notices.append(tr(f"本机注册前的 {queued} 条记录已排队，将在同步时上传到县级",
                          f"{queued} record(s) made before enrollment are queued and go to the county with the "
                          "next sync"))
    if not resume:
        # A new server identity: every stream starts again from a snapshot.
        session.execute(delete(SyncCursor))
        session.execute(delete(SyncVersion).where(SyncVersion.entity.in_(("center", "device", "staff"))))
        settings.put(session, settings.SYNC_BOOTSTRAP, {"done": False})
    settings.put(session, settings.SYNC_CA_BUNDLE, ca_bundle)
    return EnrollResult(
        device_id=device.id, device_number=device.device_number, center_code=center.code, center_name=center.name,
        reenrolled=bool(answer.get("reenrolled")), staff_conflicts=conflicts, notices=tuple(notices),
    )


def _can_resume(session: Session, device: Device, server_url: str, answer: dict[str, Any]) -> bool:
    """Whether this database's cursors still hold after enrolling again: it had
    read the whole snapshot of this very center from this very server (a PC
    restored from a backup, or one whose token was lost). The engine still
    checks the cursors against the county's stream heads at the next sync
    (engine.check_cursors): a county database rebuilt since starts over."""
    if device.enrolled_at is None or not device.server_url:
        return False
    if device.server_url.strip().rstrip("/") != server_url.strip().rstrip("/"):
        return False
    if not dict(settings.get(session, settings.SYNC_BOOTSTRAP)).get("done"):
        return False
    center = session.get(Center, device.center_id)
    code = str((answer.get("center") or {}).get("code") or "")
    return center is not None and bool(code) and code == center.code


def _adopt_identity(session: Session, device: Device, new_id: uuid.UUID, number: int) -> list[str]:
    """This PC is now ``new_id`` / ``number`` (re-enrolled under a known device).

    The old row stays (the audit log names it; it is append-only) as a
    retired device; cases and counters move to the new identity.
    """
    notices: list[str] = []
    old_id, old_number = device.id, device.device_number
    count = session.scalar(select(func.count()).select_from(Case).where(Case.device_id == old_id)) or 0
    if number != old_number and count:
        notices.append(tr(
            f"县级为本机登记的设备编号为 {number:02d}，与本机原编号 {old_number:02d} 不同；"
            f"本机已有的 {count} 件办件编号不变，县级可能拒收，请联系县级管理员",
            f"The county registered this computer as number {number:02d}, not {old_number:02d}; the {count} "
            "case(s) already here keep their numbers, which the county may refuse. Please contact the county "
            "administrator"))
    device.is_this_device = False
    device.revoked_at = utcnow()
    device.device_number = 1000 + old_number  # retired: frees the number for the new identity
    device.name = f"{device.name}（旧标识）"[:100]
    session.flush()
    existing = session.get(Device, new_id)
    if existing is None:
        session.add(Device(
            id=new_id, center_id=device.center_id, device_number=number, window_no=device.window_no,
            name=device.name.removesuffix("（旧标识）"), is_this_device=True,
        ))
    else:
        existing.is_this_device, existing.device_number, existing.revoked_at = True, number, None
    session.flush()
    session.execute(update(Case).where(Case.device_id == old_id).values(device_id=new_id))
    # Changes still waiting name the old identity, which the county would
    # refuse: they go up under the new one, as new operations in their place.
    old_ref = str(old_id)
    for entry in session.scalars(select(OutboxEntry).where(OutboxEntry.status.in_(OUTBOX_OPEN))):
        if entry.payload.get("device_id") == old_ref:
            entry.payload = entry.payload | {"device_id": str(new_id)}
            entry.op_id = uuid7()  # a refused one goes again when the worker says "send again"
    for counter in session.scalars(select(CaseCounter).where(CaseCounter.device_id == old_id)):
        mine = session.get(CaseCounter, (new_id, counter.day))
        if mine is None:
            session.add(CaseCounter(device_id=new_id, day=counter.day, last_seq=counter.last_seq))
        else:
            mine.last_seq = max(mine.last_seq, counter.last_seq)
    session.flush()
    return notices
