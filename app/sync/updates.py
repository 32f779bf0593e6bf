"""Desk releases through the county link (or a USB file), signed with TUF.

The county keeps a tufup repository (``county_server/services/updates.py``)
and serves its metadata and archives under ``/api/v1/updates/``. Here the
desk, after a sync that left nothing waiting:

1. refreshes the signed metadata with tufup's client (python-tuf checks the
   signatures, versions and expiry: nothing here signs or verifies by hand);
2. downloads the newest archive in slices, resuming with HTTP ``Range`` from
   its ``.part`` file across cuts and restarts, at a bounded rate, stopping
   whenever the records' sync wants the link;
3. lets python-tuf check the finished file against the signed length and
   hashes (``find_cached_target``); a file that does not match is deleted
   and refused;
4. stages it for :mod:`app.launcher`, which installs it on the next start.

The USB path (设置 → 导入更新包) takes a file made on the county
(``python -m county_server updates-export``): the same signed metadata and
archive, verified against this desk's trusted root in the same way.

Trust: the root of trust is ``metadata/root.json``. An installer may ship it;
otherwise the desk takes ``1.root.json`` from its county over the
authenticated TLS link the first time (the same trust it gives the county for
its records), and from then on every new root must be signed by the old one.
"""
from __future__ import annotations

import json
import logging
import shutil
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from app import __version__, launcher

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.context import Actor
    from app.sync.engine import SyncEngine
from app.clock import utcnow
from app.sync.transport import PROTOCOL, tls_context
from app.text import tr

log = logging.getLogger(__name__)

APP_NAME = "onewindow"
UPDATES_API = "/api/v1/updates"
STATE_FILE = "state.json"
#: Default download rate: a village link is often 2G/3G shared by the whole center.
DEFAULT_RATE_BPS = 64 * 1024
CHUNK = 16 * 1024
#: The longest one download slice holds the network lane.
SLICE_SECONDS = 120.0
USB_SUFFIX = ".owupdate"

PH_NONE = "none"  # nothing newer offered
PH_NOT_CONFIGURED = "not_configured"
PH_DOWNLOADING = "downloading"
PH_READY = "ready"  # verified and staged: installs on the next start
PH_REFUSED = "refused"  # signatures or hashes did not match
PH_ERROR = "error"


class UpdateRefused(Exception):
    """A release or its metadata failed TUF verification; ``reason`` is in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class UpdateState:
    """What the About dialog and the status bar show about updates (plain data)."""

    running: str  # this program's version
    phase: str = PH_NONE
    available: str = ""  # the newest version the county offers, when newer
    downloaded: int = 0  # bytes of it on this PC
    total: int = 0
    ready: str = ""  # verified and waiting for the next start
    last_checked: datetime | None = None
    message: str = ""  # in words for the worker
    last_start: str = ""  # what the last start did (installed, rolled back)
    installable: bool = False  # started by the launcher: a staged release installs by itself


def updates_dir(data_dir: Path, root: Path | None = None) -> Path:
    """Per installation when there is one (all data folders share its releases)."""
    root = root if root is not None else launcher.install_root()
    return (root / launcher.UPDATES_DIR) if root is not None else (data_dir / "updates")


def update_state(data_dir: Path, root: Path | None = None) -> UpdateState:
    root = root if root is not None else launcher.install_root()
    folder = updates_dir(data_dir, root)
    saved = _read_saved(folder)
    state = UpdateState(running=__version__, installable=root is not None)
    if saved:
        checked = saved.get("last_checked")
        state = replace(state, phase=str(saved.get("phase", PH_NONE)), available=str(saved.get("available", "")),
                        total=int(saved.get("total", 0)), message=str(saved.get("message", "")),
                        last_checked=datetime.fromisoformat(checked) if isinstance(checked, str) else None)
    if state.available:
        part = _part_path(folder, state.available)
        whole = folder / "targets" / _archive_name(state.available)
        state = replace(state, downloaded=whole.stat().st_size if whole.exists() else
                        (part.stat().st_size if part.exists() else 0))
    if root is not None:
        ready = launcher.staged_version(root)
        state = replace(state, ready=ready, last_start=launcher.read_state(root).last_event,
                        phase=PH_READY if ready else state.phase)
    return state


def _read_saved(folder: Path) -> dict[str, Any]:
    try:
        raw = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def _save(folder: Path, **values: Any) -> None:
    saved = _read_saved(folder)
    saved.update({key: (value.isoformat() if isinstance(value, datetime) else value) for key, value in values.items()})
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / (STATE_FILE + ".tmp")
    temporary.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
    temporary.replace(folder / STATE_FILE)


def _archive_name(version: str) -> str:
    return f"{APP_NAME}-{version}.tar.gz"


def _part_path(folder: Path, version: str) -> Path:
    return folder / "targets" / (_archive_name(version) + ".part")


# -- TUF through tufup ------------------------------------------------------------------------


def _make_fetcher(fetch: Callable[[str], Iterator[bytes]]) -> Any:
    """A python-tuf fetcher over our own link (httpx with the county's CA and
    the device token, or the files of a USB update)."""
    from tuf.api.exceptions import DownloadHTTPError
    from tuf.ngclient.fetcher import FetcherInterface

    class Fetcher(FetcherInterface):  # type: ignore[misc,unused-ignore]
        def _fetch(self, url: str) -> Iterator[bytes]:
            try:
                return fetch(url)
            except _NotFound as error:
                raise DownloadHTTPError(str(error), 404) from error

    return Fetcher()


class _NotFound(Exception):
    pass


def _tuf_client(folder: Path, metadata_url: str, targets_url: str, fetcher: Any) -> Any:
    from tufup.client import Client

    client = Client(app_name=APP_NAME, app_install_dir=folder / "unused", current_version=__version__,
                    metadata_dir=folder / "metadata", metadata_base_url=metadata_url,
                    target_dir=folder / "targets", target_base_url=targets_url)
    # tufup builds a requests-based fetcher; the desk speaks to the county through
    # its own TLS settings and token instead (python-tuf's documented plug-in point).
    client._fetcher = fetcher
    return client


def _refresh(client: Any) -> None:
    """Signed metadata, refreshed and verified; any failure of trust is a refusal."""
    from tuf.api import exceptions

    try:
        client.refresh()
    except exceptions.DownloadError:
        raise
    except (exceptions.RepositoryError, ValueError) as error:
        raise UpdateRefused(tr(f"更新的签名信息校验未通过，已拒绝（{type(error).__name__}）",
                               f"The update's signed metadata failed verification and was refused "
                               f"({type(error).__name__})")) from error


def _newest_archive(client: Any, current: str) -> tuple[str, Any] | None:
    """(version, TUF target info) of the newest final release above ``current``."""
    from packaging.version import InvalidVersion, Version

    best: tuple[Version, Any] | None = None
    for meta in client.trusted_target_metas:
        if meta.name != APP_NAME or not meta.is_archive or meta.version.pre or meta.version.dev:
            continue
        try:
            if meta.version <= Version(current):
                continue
        except InvalidVersion:
            continue
        if best is None or meta.version > best[0]:
            best = (meta.version, meta)
    if best is None:
        return None
    return str(best[0]), client.get_targetinfo(best[1])


def _verified(client: Any, info: Any, path: Path) -> bool:
    """python-tuf compares the file with the signed length and hashes."""
    return client.find_cached_target(info, filepath=str(path)) is not None


# -- through the county link ----------------------------------------------------------------


@dataclass(frozen=True)
class StepResult:
    state: UpdateState
    finished: bool  # nothing left to do now (up to date, ready, refused or stopped by an error)


class CountyUpdates:
    """Checks and downloads from one county server. One instance per job (one thread)."""

    def __init__(self, data_dir: Path, base_url: str, token: str | None, *, ca_bundle: str | None = None,
                 root: Path | None = None, rate_bps: int = DEFAULT_RATE_BPS,
                 client: httpx.Client | None = None) -> None:
        self.data_dir = data_dir
        self.root = root if root is not None else launcher.install_root()
        self.folder = updates_dir(data_dir, self.root)
        self.base_url = base_url.rstrip("/")
        self.rate_bps = rate_bps
        headers = {"User-Agent": f"OneWindow-desk/{__version__}", "OneWindow-Protocol": str(PROTOCOL),
                   "OneWindow-Version": __version__}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = client or httpx.Client(
            base_url=self.base_url, verify=tls_context(ca_bundle), headers=headers, follow_redirects=False,
            timeout=httpx.Timeout(connect=15.0, read=60.0, write=60.0, pool=15.0))

    def close(self) -> None:
        self._http.close()

    def _fetch(self, url: str) -> Iterator[bytes]:
        response = self._http.get(url)
        if response.status_code == 404:
            raise _NotFound(url)
        response.raise_for_status()
        return iter([response.content])

    def _ensure_root(self) -> None:
        """Trust on first use, over the authenticated link, unless an installer shipped one."""
        root_file = self.folder / "metadata" / "root.json"
        if root_file.exists():
            return
        shipped = Path(__file__).resolve().parents[2] / "resources" / "update-root.json"
        root_file.parent.mkdir(parents=True, exist_ok=True)
        if shipped.is_file():
            shutil.copyfile(shipped, root_file)
            return
        response = self._http.get(f"{UPDATES_API}/metadata/1.root.json")
        if response.status_code == 404:
            raise _NotFound("root")
        response.raise_for_status()
        root_file.write_bytes(response.content)

    def step(self, *, stop: Callable[[], bool] | None = None, slice_seconds: float = SLICE_SECONDS,
             sleep: Callable[[float], None] = time.sleep) -> StepResult:
        """One check and at most one download slice. Never raises for the link."""
        now = utcnow()
        try:
            self._ensure_root()
            client = _tuf_client(self.folder, f"{self.base_url}{UPDATES_API}/metadata/",
                                 f"{self.base_url}{UPDATES_API}/targets/", _make_fetcher(self._fetch))
            _refresh(client)
            newest = _newest_archive(client, __version__)
            if newest is None:
                _save(self.folder, phase=PH_NONE, available="", total=0, last_checked=now, message="")
                return StepResult(update_state(self.data_dir, self.root), True)
            version, info = newest
            if self.root is not None and launcher.staged_version(self.root) == version:
                return StepResult(update_state(self.data_dir, self.root), True)
            saved = _read_saved(self.folder)
            if self.root is None and saved.get("phase") == PH_READY and saved.get("available") == version:
                return StepResult(update_state(self.data_dir, self.root), True)  # verified once; IT installs it
            if self.root is not None and version in launcher.read_state(self.root).failed:
                _save(self.folder, phase=PH_NONE, available=version, total=info.length, last_checked=now,
                      message=tr(f"版本 {version} 曾启动失败并已退回，不再自动安装",
                                 f"Version {version} failed to start once and was rolled back; it is not "
                                 "installed again by itself"))
                return StepResult(update_state(self.data_dir, self.root), True)
            _save(self.folder, phase=PH_DOWNLOADING, available=version, total=info.length, last_checked=now,
                  message="")
            done = self._download(version, info, stop=stop, slice_seconds=slice_seconds, sleep=sleep)
            if not done:
                return StepResult(update_state(self.data_dir, self.root), False)
            whole = self.folder / "targets" / _archive_name(version)
            if not _verified(client, info, whole):
                whole.unlink(missing_ok=True)
                raise UpdateRefused(tr(f"下载的更新包 {version} 与签名不符，已删除并拒绝安装",
                                       f"The downloaded update {version} does not match its signature; it was "
                                       "deleted and not installed"))
            return StepResult(_stage(self.data_dir, self.root, self.folder, version, whole), True)
        except UpdateRefused as error:
            log.warning("update refused: %s", error.reason)
            _save(self.folder, phase=PH_REFUSED, last_checked=now, message=error.reason)
        except _NotFound:
            _save(self.folder, phase=PH_NOT_CONFIGURED, last_checked=now,
                  message=tr("县级服务器尚未发布更新", "The county server publishes no updates yet"))
        except (httpx.HTTPError, OSError) as error:
            log.info("update check: link trouble: %s", error)
            _save(self.folder, last_checked=now, message=tr("检查更新时与县级服务器的连接中断，下次同步后继续",
                                                            "The link broke while checking for updates; it goes "
                                                            "on after the next sync"))
            return StepResult(update_state(self.data_dir, self.root), False)
        except Exception as error:  # a DownloadError of python-tuf (the link), or a bug: logged, retried later
            from tuf.api.exceptions import DownloadError

            if not isinstance(error, DownloadError):
                log.exception("update check failed")
            _save(self.folder, phase=PH_ERROR, last_checked=now,
                  message=tr(f"检查更新未完成（{type(error).__name__}），下次同步后再试",
                             f"Checking for updates did not finish ({type(error).__name__}); trying again after "
                             "the next sync"))
        return StepResult(update_state(self.data_dir, self.root), True)

    def _download(self, version: str, info: Any, *, stop: Callable[[], bool] | None, slice_seconds: float,
                  sleep: Callable[[float], None]) -> bool:
        """Resume the archive's ``.part`` with HTTP Range; True once it is whole."""
        part = _part_path(self.folder, version)
        whole = self.folder / "targets" / _archive_name(version)
        if whole.exists():
            return True
        part.parent.mkdir(parents=True, exist_ok=True)
        have = part.stat().st_size if part.exists() else 0
        if have > info.length:
            part.unlink()
            have = 0
        started = time.monotonic()
        sent_in_slice = 0
        if have < info.length:
            headers = {"Accept-Encoding": "identity"} | ({"Range": f"bytes={have}-"} if have else {})
            with self._http.stream("GET", f"{UPDATES_API}/targets/{info.path}", headers=headers) as response:
                if response.status_code == 404:
                    raise _NotFound(info.path)
                response.raise_for_status()
                mode = "ab" if response.status_code == 206 else "wb"  # 200: the server ignored Range
                with part.open(mode) as handle:
                    for chunk in response.iter_bytes(CHUNK):
                        handle.write(chunk)
                        sent_in_slice += len(chunk)
                        if handle.tell() > info.length:
                            break
                        elapsed = time.monotonic() - started
                        if self.rate_bps > 0:
                            ahead = sent_in_slice / self.rate_bps - elapsed
                            if ahead > 0:
                                sleep(ahead)
                        if (stop is not None and stop()) or time.monotonic() - started > slice_seconds:
                            return False
        if part.stat().st_size != info.length:
            if part.stat().st_size > info.length:
                part.unlink()  # longer than signed: never kept
            return False
        part.replace(whole)
        return True


def _stage(data_dir: Path, root: Path | None, folder: Path, version: str, archive: Path) -> UpdateState:
    """A verified archive goes where the launcher installs it at the next start."""
    _save(folder, phase=PH_READY, available=version, message=tr(
        f"新版本 {version} 已下载并通过签名校验，下次启动时安装",
        f"Version {version} is downloaded and its signatures check out; it installs at the next start")
        if root is not None else tr(
        f"新版本 {version} 已下载并通过签名校验；本机不是用安装包安装的，请由技术人员更新",
        f"Version {version} is downloaded and its signatures check out; this desk was not set up from the "
        "installer, so IT staff update it"))
    if root is not None:
        launcher.stage_release(root, version, archive)
        archive.unlink(missing_ok=True)
    log.info("update %s verified%s", version, " and staged" if root is not None else "")
    return update_state(data_dir, root)


def update_step(engine: SyncEngine, data_dir: Path, *, stop: threading.Event | None = None,
                rate_bps: int = DEFAULT_RATE_BPS) -> StepResult | None:
    """After a sync: check, and download one slice, only while nothing waits for
    the county; the slice ends as soon as records wait or a sync is asked for.
    None when there is nothing to do now (not enrolled, records waiting)."""
    from app.services.queries import pending_sync_count

    url, ca, token = engine.configuration()
    if not url or not token:
        return None

    def records_waiting() -> bool:
        with engine.factory() as session:
            return pending_sync_count(session) > 0

    if records_waiting():
        return None
    last = [time.monotonic()]

    def should_stop() -> bool:
        if stop is not None and stop.is_set():
            return True
        if time.monotonic() - last[0] < 2.0:
            return False
        last[0] = time.monotonic()
        return records_waiting()

    updater = CountyUpdates(data_dir, url, token, ca_bundle=ca or None, rate_bps=rate_bps)
    try:
        return updater.step(stop=should_stop)
    finally:
        updater.close()


def import_update_file_as(session: Session, actor: Actor, data_dir: Path, path: Path) -> UpdateState:
    """设置 → 导入更新包: the center head only; recorded in the audit log."""
    from app.services import audit
    from app.services.errors import DomainError, PermissionDenied

    if not actor.is_head:
        raise PermissionDenied(tr("只有中心主任可以导入更新包", "Only the center head can import an update file"))
    try:
        state = import_update_file(data_dir, path)
    except UpdateRefused as error:
        raise DomainError(error.reason, field="update_file") from error
    audit.record(session, actor, "update", entity="settings", entity_id="program_update",
                 summary=f"导入更新包 {path.name}：版本 {state.available or state.ready}，已通过签名校验")
    return state


# -- a USB update file ----------------------------------------------------------------------


def import_update_file(data_dir: Path, path: Path, *, root: Path | None = None) -> UpdateState:
    """Verify an update file (signed metadata + archive) against this desk's trust
    root, and stage its newest release. Raises :class:`UpdateRefused` in words."""
    root = root if root is not None else launcher.install_root()
    folder = updates_dir(data_dir, root)
    if not (folder / "metadata" / "root.json").exists():
        raise UpdateRefused(tr("本机还没有县级更新的签名根文件（首次与县级同步时自动获得，或随安装包提供），无法校验此更新包",
                               "This desk has no root of trust for the county's updates yet (it comes with the "
                               "first sync with the county, or with the installer); the file cannot be checked"))
    with tempfile.TemporaryDirectory(prefix="ow-update-") as unpacked:
        base = Path(unpacked)
        try:
            with tarfile.open(path) as bundle:
                for member in bundle.getmembers():
                    parts = Path(member.name).parts
                    if not member.isfile() or len(parts) != 2 or parts[0] not in ("metadata", "targets"):
                        raise UpdateRefused(tr(f"更新包里有不该有的内容：{member.name}",
                                               f"The update file holds something it should not: {member.name}"))
                    extracted = bundle.extractfile(member)
                    assert extracted is not None
                    (base / parts[0]).mkdir(exist_ok=True)
                    (base / parts[0] / parts[1]).write_bytes(extracted.read())
        except (tarfile.TarError, OSError) as error:
            raise UpdateRefused(tr(f"无法读取更新包：{path.name}（{error}）",
                                   f"The update file cannot be read: {path.name} ({error})")) from error

        def fetch(url: str) -> Iterator[bytes]:
            kind, _, name = url.removeprefix("usb:///").partition("/")
            source = base / kind / name
            if kind not in ("metadata", "targets") or "/" in name or not source.is_file():
                raise _NotFound(url)
            return iter([source.read_bytes()])

        client = _tuf_client(folder, "usb:///metadata/", "usb:///targets/", _make_fetcher(fetch))
        try:
            _refresh(client)
        except UpdateRefused:
            raise
        except Exception as error:
            raise UpdateRefused(tr(f"更新包的签名信息不完整，已拒绝（{type(error).__name__}）",
                                   f"The update file's signed metadata is incomplete; refused "
                                   f"({type(error).__name__})")) from error
        newest = _newest_archive(client, __version__)
        if newest is None:
            raise UpdateRefused(tr(f"更新包里没有比本机（{__version__}）更新的版本",
                                   f"The update file holds no version newer than this desk's ({__version__})"))
        version, info = newest
        source = base / "targets" / info.path
        whole = folder / "targets" / _archive_name(version)
        whole.parent.mkdir(parents=True, exist_ok=True)
        if not source.is_file():
            raise UpdateRefused(tr(f"更新包里缺少版本 {version} 的程序文件", f"The update file lacks version {version}'s archive"))
        shutil.copyfile(source, whole)
        if not _verified(client, info, whole):
            whole.unlink(missing_ok=True)
            raise UpdateRefused(tr(f"更新包里的版本 {version} 与签名不符，已拒绝",
                                   f"Version {version} in the update file does not match its signature; refused"))
    _save(folder, available=version, total=info.length, last_checked=utcnow())
    return _stage(data_dir, root, folder, version, whole)


__all__ = ["CountyUpdates", "StepResult", "UpdateRefused", "UpdateState", "import_update_file",
           "import_update_file_as", "update_state", "update_step", "updates_dir"]
