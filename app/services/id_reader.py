"""ID card readers (二代证读卡器) that are not keyboards.

Three adapters cover the field (docs/id-card-readers.md):

* **keyboard** — the reader types the number and Enter into the lookup box;
  nothing here is involved (the default).
* **local service** — the reader's vendor runs a small service on this PC
  (``http://127.0.0.1:38088/...`` or ``ws://localhost:1919``); OneWindow
  polls it (HTTP GET) or listens to it (WebSocket) and takes the number from
  its JSON answer. :func:`parse_card` knows the common vendors' field names.
* **DLL helper** — a helper process wraps the vendor's (often 32-bit) DLL and
  speaks the same local protocol (:data:`PROTOCOL`); it is the local-service
  adapter from OneWindow's side.

A read goes into the lookup exactly as typed digits do. The photo on the card
is dropped at once unless the center head turned on keeping it.
"""
from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from app.services import audit, settings
from app.services.context import Actor
from app.services.errors import DomainError, PermissionDenied
from app.text import tr

log = logging.getLogger(__name__)

MODE_KEYBOARD = "keyboard"
MODE_LOCAL_SERVICE = "local_service"
MODES = (MODE_KEYBOARD, MODE_LOCAL_SERVICE)
DEFAULT_URL = "http://127.0.0.1:38088/card=idcard"
DEFAULT_POLL_MS = 800
POLL_RANGE_MS = (200, 10_000)
PHOTO_DIR = "card-photos"

#: The local protocol OneWindow's own DLL helper speaks (and any service may):
#: ``GET <url>`` answers JSON. A card: ``{"status": "ok", "id_number": "…",
#: "name": "…", "photo": "<base64, optional>"}``; no card on the reader:
#: ``{"status": "no_card"}`` (or HTTP 204); a fault: ``{"status": "error",
#: "message": "…"}``. Over WebSocket the same objects arrive as text messages.
PROTOCOL = "onewindow-idcard/1"

#: Vendors' names for the number, the name and the photo (華視/神思/精伦 services and their clones).
_ID_KEYS = ("id_number", "idnumber", "idcardno", "idcard", "idno", "idnum", "certno", "certnumber", "cardno",
            "peopleidcode", "code", "sfzh", "gmsfhm")
_NAME_KEYS = ("name", "partyname", "peoplename", "xm")
_PHOTO_KEYS = ("photo", "photobase64", "base64photo", "picture", "image", "zp")
_CONTAINERS = ("data", "result", "card", "info", "idcardinfo", "retdata")
_ID_SHAPE = re.compile(r"^(\d{17}[\dX]|\d{15})$")


@dataclass(frozen=True)
class ReaderSettings:
    mode: str = MODE_KEYBOARD
    url: str = DEFAULT_URL
    poll_ms: int = DEFAULT_POLL_MS
    keep_photo: bool = False  # off: the card's photo is never stored
    request: str = ""  # a text some WebSocket services want before they answer (e.g. {"cmd":"readcard"})

    @property
    def active(self) -> bool:
        return self.mode == MODE_LOCAL_SERVICE and bool(self.url)


@dataclass(frozen=True)
class CardRead:
    id_number: str
    name: str = ""
    photo: bytes | None = None  # only when keeping photos is on


class ReaderFault(Exception):
    """The service answered with a fault, in words for the worker."""


def read_settings(session: Session) -> ReaderSettings:
    raw = settings.get(session, settings.ID_READER)
    try:
        return ReaderSettings(
            mode=str(raw.get("mode", MODE_KEYBOARD)) if raw.get("mode") in MODES else MODE_KEYBOARD,
            url=str(raw.get("url", DEFAULT_URL)), poll_ms=int(raw.get("poll_ms", DEFAULT_POLL_MS)),
            keep_photo=bool(raw.get("keep_photo", False)), request=str(raw.get("request", "")))
    except (TypeError, ValueError):
        return ReaderSettings()


def check_url(url: str) -> str:
    """Only this PC's own services: the reader's answer is a resident's identity."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "ws") or not parts.hostname:
        raise DomainError(tr("读卡服务地址应以 http:// 或 ws:// 开头，如 http://127.0.0.1:38088/card=idcard",
                             "The card reader service address should start with http:// or ws://, e.g. "
                             "http://127.0.0.1:38088/card=idcard"), field="reader_url")
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise DomainError(tr("读卡服务只能在本机（127.0.0.1 或 localhost）", "The card reader service must be on this "
                             "computer (127.0.0.1 or localhost)"), field="reader_url")
    return url


def save_settings(session: Session, actor: Actor, wanted: ReaderSettings) -> ReaderSettings:
    if not actor.is_head:
        raise PermissionDenied(tr("只有中心主任可以修改读卡器设置", "Only the center head can change the card reader settings"))
    if wanted.mode not in MODES:
        raise DomainError(tr("读卡方式无效", "Unknown card reader mode"), field="reader_mode")
    url = check_url(wanted.url) if wanted.mode == MODE_LOCAL_SERVICE else wanted.url.strip()
    low, high = POLL_RANGE_MS
    if not low <= wanted.poll_ms <= high:
        raise DomainError(tr(f"读卡间隔应在 {low}–{high} 毫秒之间", f"The polling interval should be {low}-{high} ms"),
                          field="reader_poll")
    saved = ReaderSettings(wanted.mode, url, wanted.poll_ms, wanted.keep_photo, wanted.request.strip())
    settings.put(session, settings.ID_READER, {"mode": saved.mode, "url": saved.url, "poll_ms": saved.poll_ms,
                                               "keep_photo": saved.keep_photo, "request": saved.request})
    mode = "本机读卡服务" if saved.mode == MODE_LOCAL_SERVICE else "键盘输入"
    audit.record(session, actor, "update", entity="settings", entity_id="id_reader",
                 summary=f"读卡器：{mode}{'，' + saved.url if saved.mode == MODE_LOCAL_SERVICE else ''}，"
                         f"{'保存' if saved.keep_photo else '不保存'}证件照片")
    return saved


def _find(payload: Any, keys: tuple[str, ...]) -> Any:
    if not isinstance(payload, dict):
        return None
    lowered = {str(key).lower().replace("_", ""): value for key, value in payload.items()}
    for key in keys:
        value = lowered.get(key.replace("_", ""))
        if value not in (None, ""):
            return value
    for container in _CONTAINERS:
        inner = lowered.get(container)
        if isinstance(inner, dict):
            found = _find(inner, keys)
            if found is not None:
                return found
    return None


def parse_card(payload: Any, *, keep_photo: bool) -> CardRead | None:
    """The card in a service's JSON answer; None when no card is on the reader."""
    if isinstance(payload, (bytes, str)):
        try:
            payload = json.loads(payload)
        except (ValueError, UnicodeDecodeError):
            return None
    if not isinstance(payload, dict):
        return None
    status = str(payload.get("status", "")).lower()
    if status in ("error", "fail", "failed"):
        raise ReaderFault(str(payload.get("message") or payload.get("msg") or tr("读卡器报告错误", "The reader reported a fault")))
    raw_id = _find(payload, _ID_KEYS)
    if raw_id is None:
        return None
    number = re.sub(r"\s", "", str(raw_id)).upper()
    if not _ID_SHAPE.match(number):
        log.info("card reader: an answer without a resident ID number shape was ignored")
        return None
    name = _find(payload, _NAME_KEYS)
    photo: bytes | None = None
    if keep_photo:
        encoded = _find(payload, _PHOTO_KEYS)
        if isinstance(encoded, str):
            try:
                photo = base64.b64decode(encoded.split(",", 1)[-1], validate=False) or None
            except (binascii.Error, ValueError):
                photo = None
    return CardRead(number, str(name).strip() if name else "", photo)


class CardWatcher:
    """One read per card placed: a card left on the reader is not read again until lifted."""

    def __init__(self) -> None:
        self._on_reader: str | None = None

    def feed(self, read: CardRead | None) -> CardRead | None:
        if read is None:
            self._on_reader = None
            return None
        if read.id_number == self._on_reader:
            return None
        self._on_reader = read.id_number
        return read


def store_photo(data_dir: Path, read: CardRead) -> Path | None:
    """Only when the setting asks: the photo in the data folder, named by a hash of the number."""
    if not read.photo:
        return None
    folder = data_dir / PHOTO_DIR
    folder.mkdir(parents=True, exist_ok=True)
    kind = ".jpg" if read.photo[:3] == b"\xff\xd8\xff" else (".png" if read.photo[:4] == b"\x89PNG" else ".bmp")
    target = folder / (hashlib.sha256(read.id_number.encode()).hexdigest()[:20] + kind)
    target.write_bytes(read.photo)
    return target


class LocalServiceReader:
    """Asks the reader's local service once per call (HTTP), or waits for one
    message (WebSocket). Used from a worker thread, never the GUI thread."""

    def __init__(self, config: ReaderSettings, *, timeout: float = 2.0) -> None:
        self.config = config
        self.timeout = timeout
        self._ws: Any = None
        self._connection: contextlib.ExitStack | None = None

    def read(self) -> CardRead | None:
        if self.config.url.startswith("ws"):
            return self._read_ws()
        import httpx

        try:
            response = httpx.get(self.config.url, timeout=self.timeout, trust_env=False)
        except httpx.HTTPError as error:
            raise ReaderFault(tr("连不上读卡服务（请确认读卡器的驱动服务已启动）",
                                 "The card reader service does not answer (is the reader's service running?)")) from error
        if response.status_code in (204, 404) or not response.content:
            return None
        if response.status_code >= 400:
            raise ReaderFault(tr(f"读卡服务返回 HTTP {response.status_code}",
                                 f"The card reader service answered HTTP {response.status_code}"))
        return parse_card(response.content, keep_photo=self.config.keep_photo)

    def _read_ws(self) -> CardRead | None:
        from websockets.exceptions import WebSocketException
        from websockets.sync.client import connect

        try:
            if self._ws is None:
                self._connection = contextlib.ExitStack()
                self._ws = self._connection.enter_context(connect(self.config.url, open_timeout=self.timeout,
                                                                  proxy=None))
            if self.config.request:
                self._ws.send(self.config.request)
            try:
                message = self._ws.recv(timeout=max(0.05, self.config.poll_ms / 1000))
            except TimeoutError:
                return None
        except (OSError, WebSocketException) as error:
            self.close()
            raise ReaderFault(tr("连不上读卡服务（请确认读卡器的驱动服务已启动）",
                                 "The card reader service does not answer (is the reader's service running?)")) from error
        return parse_card(message, keep_photo=self.config.keep_photo)

    def close(self) -> None:
        connection, self._connection, self._ws = self._connection, None, None
        if connection is not None:
            connection.close()
