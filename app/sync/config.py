"""The sync settings a center head sets at the desk (设置 → 县级同步), read
and saved in the caller's unit of work."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from app.services import audit, settings
from app.services.context import Actor
from app.services.errors import DomainError, PermissionDenied
from app.services.setup import this_device
from app.sync.enroll import normalize_url
from app.sync.transport import SyncError, tls_context
from app.text import tr

MAX_INTERVAL_MINUTES = 240


@dataclass(frozen=True)
class SyncSettings:
    server_url: str
    ca_bundle: str
    interval_minutes: int
    enrolled_at: datetime | None
    device_number: int


def read_settings(session: Session) -> SyncSettings:
    device = this_device(session)
    return SyncSettings(
        server_url=device.server_url or "", ca_bundle=settings.get(session, settings.SYNC_CA_BUNDLE),
        interval_minutes=settings.get(session, settings.SYNC_INTERVAL_MINUTES), enrolled_at=device.enrolled_at,
        device_number=device.device_number,
    )


def check_ca_bundle(path: str) -> str:
    """The file must exist and hold certificates Python's TLS can load."""
    path = path.strip()
    if path and not Path(path).is_file():
        raise DomainError(tr(f"找不到 CA 证书文件：{path}", f"The CA certificate file is missing: {path}"), field="ca_bundle")
    if path:
        try:
            tls_context(path)
        except SyncError as error:
            raise DomainError(error.reason, field="ca_bundle") from error
    return path


def save_settings(session: Session, actor: Actor, *, server_url: str, ca_bundle: str, interval_minutes: int) -> SyncSettings:
    """Only a center head changes where and how often the desk syncs."""
    if not actor.is_head:
        raise PermissionDenied(tr("只有中心主任可以修改县级同步设置", "Only the center head can change the county sync settings"))
    if not 0 <= interval_minutes <= MAX_INTERVAL_MINUTES:
        raise DomainError(tr(f"自动同步间隔应在 0–{MAX_INTERVAL_MINUTES} 分钟之间（0 表示只手动同步）",
                             f"The sync interval should be 0-{MAX_INTERVAL_MINUTES} minutes (0: sync only by hand)"),
                          field="interval")
    device = this_device(session)
    device.server_url = normalize_url(server_url) if server_url.strip() else None
    settings.put(session, settings.SYNC_CA_BUNDLE, check_ca_bundle(ca_bundle))
    settings.put(session, settings.SYNC_INTERVAL_MINUTES, interval_minutes)
    audit.record(session, actor, "update", entity="settings", entity_id="sync",
                 summary=f"县级同步设置：{device.server_url or '（未设置）'}，每 {interval_minutes} 分钟")
    return read_settings(session)
