"""One sync run with the county: meta (clock), push, bootstrap when new,
pull; with cancel, progress and a time bound. Qt-free: the UI schedules it
on a thread of its own (app/ui/sync.py), a test or a script can drive it.

Thread and transaction rules: a run opens short sessions from the shared
factory (one batch or one page each), never holds one across a network call,
and never runs on the GUI thread or the UI's writer thread. Everything it
has done survives an interruption at any point: the next run goes on from
the outbox statuses, the saved cursors and the bootstrap page token.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from app.clock import utcnow
from app.ids import uuid7
from app.models import SyncCursor, SyncRun
from app.services import settings
from app.services.queries import pending_sync_count
from app.services.setup import find_this_device
from app.sync import attention
from app.sync.credentials import read_token
from app.sync.link import Backoff, Cancelled, Link
from app.sync.pull import COUNTY_OWNED, bootstrap, pull_streams
from app.sync.push import DEFAULT_BATCH, pending_count, push_outbox
from app.sync.transport import DeviceRevoked, LinkDown, NeedsEnrollment, Refused, SyncError, Transport
from app.text import tr

log = logging.getLogger(__name__)

#: A PC clock further off than this is flagged (never a reason to stop).
SKEW_WARNING_S = 300
RUN_LOG_KEPT = timedelta(days=90)

ST_OK = "ok"
ST_OFFLINE = "offline"
ST_NOT_ENROLLED = "not_enrolled"
ST_REVOKED = "revoked"
ST_REFUSED = "refused"
ST_CANCELLED = "cancelled"
ST_ERROR = "error"


@dataclass(frozen=True)
class SyncReport:
    """What a run did, in plain data for the status bar and the worker."""

    state: str
    message: str = ""  # in words for the worker (Chinese), empty when all went well
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0  # new items in "needs attention"
    pending: int = 0  # records still waiting for the county (a case with its events counts once)
    attention: int = 0  # open items in "needs attention"
    clock_skew_s: int | None = None
    bytes_sent: int = 0
    bytes_received: int = 0
    finished_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.state == ST_OK

    @property
    def skew_warning(self) -> bool:
        return self.clock_skew_s is not None and abs(self.clock_skew_s) > SKEW_WARNING_S


@dataclass(frozen=True)
class Progress:
    stage: str  # push / bootstrap / pull:<stream>
    done: int
    total: int


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    message: str
    server_version: str = ""
    clock_skew_s: int | None = None


class SyncEngine:
    """Runs syncs for one desk database. One run at a time (a lock guards it)."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        data_dir: Path,
        *,
        transport_factory: Callable[..., Transport] | None = None,
        backoff: Backoff | None = None,
        batch_size: int = DEFAULT_BATCH,
        page_size: int = 200,
    ) -> None:
        self.factory = factory
        self.data_dir = data_dir
        self.transport_factory = transport_factory or Transport
        self.backoff = backoff
        self.batch_size = batch_size
        self.page_size = page_size
        self._lock = threading.Lock()
        self.last_wire: tuple[int, int, int] = (0, 0, 0)

    # -- configuration -----------------------------------------------------------------

    def configuration(self) -> tuple[str, str, str | None]:
        """(server URL, CA bundle, token); URL empty when never configured."""
        with self.factory() as session:
            device = find_this_device(session)
            url = (device.server_url or "") if device is not None else ""
            ca = settings.get(session, settings.SYNC_CA_BUNDLE)
        return url, ca, read_token(self.data_dir)

    def _transport(self, url: str, ca: str, token: str | None) -> Transport:
        return self.transport_factory(url, token=token, ca_bundle=ca or None)

    def check_connection(self, server_url: str | None = None, ca_bundle: str | None = None, *,
                         timeout: float = 15.0) -> ConnectionCheck:
        """测试连接: can this PC reach the server, is the certificate good, is the token valid?"""
        url, ca, token = self.configuration()
        url = (server_url or url).strip().rstrip("/")
        ca = ca if ca_bundle is None else ca_bundle
        if not url:
            return ConnectionCheck(False, tr("尚未填写县级服务器地址", "The county server address is not filled in yet"))
        try:
            with self.transport_factory(url, token=token, ca_bundle=ca or None, connect_timeout=timeout,
                                        read_timeout=timeout) as transport:
                health = transport.get("/healthz", auth=False)
                version = str(health.get("version", ""))
                if not token:
                    return ConnectionCheck(True, tr("已连通县级服务器；本机尚未注册，请输入注册码",
                                                    "Connected to the county server; this computer is not enrolled "
                                                    "yet, enter the enrollment code"), version)
                meta = transport.get("meta")
                skew = _skew(meta.get("server_time"))
                text = tr("已连通县级服务器，本机已注册", "Connected to the county server; this computer is enrolled")
                if skew is not None and abs(skew) > SKEW_WARNING_S:
                    text += tr(f"；注意：本机时钟与县级相差约 {abs(skew) // 60} 分钟，请校准时间",
                               f"; note: this computer's clock is about {abs(skew) // 60} minutes off the "
                               "county's, please set it right")
                return ConnectionCheck(True, text, version, skew)
        except NeedsEnrollment:
            return ConnectionCheck(True, tr("已连通县级服务器，但本机的注册已失效，请重新输入注册码",
                                            "Connected to the county server, but this computer's enrollment is no "
                                            "longer valid; enter an enrollment code again"))
        except DeviceRevoked as error:
            return ConnectionCheck(False, error.reason)
        except SyncError as error:
            return ConnectionCheck(False, error.reason)

    # -- a run ---------------------------------------------------------------------------

    def run(
        self,
        *,
        trigger: str = "manual",
        cancel: threading.Event | None = None,
        deadline: float | None = None,
        progress: Callable[[Progress], None] | None = None,
        push_only: bool = False,
    ) -> SyncReport:
        """Push, then bootstrap (once) and pull. Never raises for the link or the
        county's answers: the report says what happened, in words."""
        if not self._lock.acquire(blocking=False):
            return SyncReport(ST_CANCELLED, tr("已有一次同步正在进行", "A sync is already running"))
        try:
            return self._run(trigger=trigger, cancel=cancel, deadline=deadline, progress=progress, push_only=push_only)
        finally:
            self._lock.release()

    def _run(self, *, trigger: str, cancel: threading.Event | None, deadline: float | None,
             progress: Callable[[Progress], None] | None, push_only: bool) -> SyncReport:
        url, ca, token = self.configuration()
        if not url or not token:
            return self._finish(None, SyncReport(ST_NOT_ENROLLED, tr(
                "本机尚未在县级服务器注册（设置 → 县级同步）",
                "This computer is not enrolled at the county server (Settings → County sync)")))
        run_id = uuid7()
        with self.factory.begin() as session:
            session.add(SyncRun(id=run_id, started_at=utcnow(), trigger=trigger))
            opened = attention.open_count(session)
        report = SyncReport(ST_OK)
        try:
            transport = self._transport(url, ca, token)
        except SyncError as error:  # the CA file went missing or bad since it was saved
            return self._finish(run_id, SyncReport(ST_ERROR, error.reason))
        link = Link(transport, backoff=self.backoff, cancel=cancel, deadline=deadline)
        pushed = pulled = 0
        skew: int | None = None
        try:
            meta = link.call(lambda: transport.get("meta", timeout=link.timeout(30)), what="meta")
            transport.adopt(meta)
            skew = _skew(meta.get("server_time"))
            check_cursors(self.factory, meta.get("streams"))
            limit = int((meta.get("limits") or {}).get("max_batch_ops") or self.batch_size)
            stats = push_outbox(
                self.factory, link, batch_size=min(self.batch_size, limit),
                progress=(lambda done, total: progress(Progress("push", done, total))) if progress else None,
            )
            pushed = stats.applied + stats.duplicates
            skew = stats.clock_skew_s if stats.clock_skew_s is not None else skew
            if not push_only:
                on_page = (lambda stage, done, total: progress(Progress(stage, done, total))) if progress else None
                with self.factory() as session:
                    snapshot_done = bool(settings.get(session, settings.SYNC_BOOTSTRAP).get("done"))
                if not snapshot_done:
                    # Who and what first (accounts, catalog, calendar), so the snapshot's
                    # records find the staff and catalog items they name. Once the
                    # snapshot is here the pulls below take them first anyway: asking
                    # twice cost every run four round trips (1-2 s each on 2G).
                    pulled += pull_streams(self.factory, link, streams=COUNTY_OWNED, page_size=self.page_size,
                                           progress=on_page).applied
                def send_meanwhile() -> None:
                    """Intakes made while the history arrives go up between its pages."""
                    nonlocal pushed
                    with self.factory() as session:
                        waiting = pending_count(session, fresh_only=True)
                    if waiting:
                        sent = push_outbox(self.factory, link, batch_size=min(self.batch_size, limit))
                        pushed += sent.applied + sent.duplicates

                pulled += bootstrap(self.factory, link, page_size=self.page_size, progress=on_page,
                                    between_pages=send_meanwhile).applied
                pulled += pull_streams(self.factory, link, page_size=self.page_size, progress=on_page).applied
                with self.factory() as session:
                    again = pending_count(session, fresh_only=True)
                if again:  # merges made while pulling re-queued records: send them now
                    more = push_outbox(self.factory, link, batch_size=min(self.batch_size, limit))
                    pushed += more.applied + more.duplicates
        except Cancelled as error:
            report = SyncReport(ST_CANCELLED, error.reason)
        except LinkDown as error:
            report = SyncReport(ST_OFFLINE, tr(f"{error.reason}。数据都已保存在本机，联网后会自动同步",
                                               f"{error.reason}. Everything is saved on this computer and syncs "
                                               "by itself once online"))
        except NeedsEnrollment as error:
            report = SyncReport(ST_NOT_ENROLLED, tr(f"县级服务器不认识本机的令牌，请重新注册本机。（{error.reason}）",
                                                    "The county server does not know this computer's token; enroll "
                                                    f"it again. ({error.reason})"))
        except DeviceRevoked as error:
            report = SyncReport(ST_REVOKED, tr(f"本机已被县级管理员停用，同步已停止。（{error.reason}）",
                                               "The county administrator has disabled this computer; sync has "
                                               f"stopped. ({error.reason})"))
        except Refused as error:
            report = SyncReport(ST_REFUSED, tr(f"县级服务器拒绝了请求：{error.reason}",
                                               f"The county server refused the request: {error.reason}"))
        except SyncError as error:
            report = SyncReport(ST_ERROR, error.reason)
        except Exception as error:
            log.exception("sync run failed")
            report = SyncReport(ST_ERROR, tr(
                f"同步时本机程序出错，已记入日志，数据仍在本机；请把日志交给县级技术人员（{type(error).__name__}）",
                "The program failed while syncing; it is in the log and the data is still on this computer. "
                f"Please give the log to the county's IT staff ({type(error).__name__})"))
        finally:
            transport.close()
            self.last_wire = (transport.count.sent, transport.count.received, transport.count.requests)
        with self.factory() as session:
            now_open = attention.open_count(session)
        report = replace(report, pushed=pushed, pulled=pulled, clock_skew_s=skew,
                         conflicts=max(0, now_open - opened), bytes_sent=transport.count.sent,
                         bytes_received=transport.count.received)
        return self._finish(run_id, report)

    def _finish(self, run_id: Any, report: SyncReport) -> SyncReport:
        now = utcnow()
        with self.factory.begin() as session:
            if run_id is not None:
                run = session.get(SyncRun, run_id)
                if run is not None:
                    run.finished_at, run.ok, run.pushed, run.pulled = now, report.ok, report.pushed, report.pulled
                    run.error, run.clock_skew_s, run.conflicts = report.message, report.clock_skew_s, report.conflicts
            # The run log is for the status bar and IT: three months are plenty.
            session.execute(delete(SyncRun).where(SyncRun.started_at < now - RUN_LOG_KEPT))
            pending = pending_sync_count(session)
            open_items = attention.open_count(session)
        if report.skew_warning and report.ok:
            minutes = abs(report.clock_skew_s or 0) // 60
            report = replace(report, message=tr(
                f"本机时钟与县级服务器相差约 {minutes} 分钟，请校准电脑时间（同步不受影响）",
                f"This computer's clock is about {minutes} minutes off the county server's; please set it right "
                "(sync is not affected)"))
        if report.state != ST_OK:
            log.warning("sync %s: %s", report.state, report.message)
        return replace(report, pending=pending, attention=open_items, finished_at=now)


def check_cursors(factory: sessionmaker[Session], heads: Any) -> bool:
    """A saved cursor past the county's head means the county's change log is
    not the one this database read (its database was rebuilt, or this desk was
    restored and enrolled against another server): start again from a
    snapshot. True when that happened."""
    if not isinstance(heads, dict):
        return False
    with factory.begin() as session:
        ahead = [c.stream for c in session.scalars(select(SyncCursor))
                 if c.stream in heads and isinstance(heads[c.stream], int) and c.cursor > heads[c.stream]]
        if not ahead:
            return False
        log.warning("saved cursors ahead of the county's streams (%s): bootstrapping again", ", ".join(ahead))
        session.execute(delete(SyncCursor))
        settings.put(session, settings.SYNC_BOOTSTRAP, {"done": False})
    return True


def _skew(server_time: Any) -> int | None:
    if not isinstance(server_time, str):
        return None
    try:
        moment = datetime.fromisoformat(server_time)
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return int((utcnow() - moment).total_seconds())


def last_successful_sync(session: Session) -> datetime | None:
    from sqlalchemy import func

    return session.scalar(select(func.max(SyncRun.finished_at)).where(SyncRun.ok.is_(True)))


__all__ = ["ConnectionCheck", "Progress", "SyncEngine", "SyncReport"]
