"""HTTP to the county server (docs/sync-protocol.md §1), with errors sorted
by what the engine should do about them.

* :class:`LinkDown` — network trouble, timeouts, a cut or garbled answer,
  5xx: resend the same request later (always safe: pushes are idempotent).
* :class:`RateLimited` — wait ``retry_after`` seconds.
* :class:`TooLarge` — split the batch.
* :class:`NeedsEnrollment` (401), :class:`DeviceRevoked` (403) — stop syncing.
* :class:`Refused` — any other 4xx: a bug or bad input; do not resend unchanged.

TLS certificates are always verified, against the system's authorities or a
custom CA bundle (a county with its own certificate authority).
"""
from __future__ import annotations

import gzip
import json
import logging
import ssl
import threading
from dataclasses import dataclass
from typing import Any

import httpx

from app import __version__, wire
from app.text import tr

log = logging.getLogger(__name__)

#: The newest sync protocol this desk speaks. A transport speaks 1 (which
#: every county server knows) until ``meta`` says the server speaks more.
PROTOCOL = 2
API = "/api/v1"


class SyncError(Exception):
    """Base: ``reason`` is in words for the worker."""

    def __init__(self, reason: str, *, code: str = "", status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.status = status


class LinkDown(SyncError):
    """The request may or may not have reached the server; resending is safe."""

    def __init__(self, reason: str, *, timeout: bool = False, **kwargs: Any) -> None:
        super().__init__(reason, **kwargs)
        self.timeout = timeout


class RateLimited(SyncError):
    def __init__(self, reason: str, *, retry_after: float, **kwargs: Any) -> None:
        super().__init__(reason, **kwargs)
        self.retry_after = retry_after


class TooLarge(SyncError):
    pass


class NeedsEnrollment(SyncError):
    pass


class DeviceRevoked(SyncError):
    pass


class BadCertificateFile(SyncError):
    """The county CA bundle set at this desk cannot be used."""


class Refused(SyncError):
    def __init__(self, reason: str, *, detail: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(reason, **kwargs)
        self.detail = detail or {}


@dataclass
class WireCount:
    """Bytes that crossed the link (bodies as sent, plus header lines)."""

    sent: int = 0
    received: int = 0
    requests: int = 0


def tls_context(ca_bundle: str | None = None) -> ssl.SSLContext:
    """Certificates are always verified: against the PC's own store (Windows'
    or the system's), plus the county's CA bundle when it has its own."""
    context = ssl.create_default_context()
    if ca_bundle:
        try:
            context.load_verify_locations(cafile=ca_bundle)
        except FileNotFoundError as error:
            raise BadCertificateFile(tr(f"找不到县级 CA 证书文件：{ca_bundle}（设置 → 县级同步）",
                                        f"The county CA certificate file is missing: {ca_bundle} "
                                        "(Settings → County sync)"), code="ca_bundle") from error
        except (ssl.SSLError, OSError, ValueError) as error:
            raise BadCertificateFile(tr(
                f"县级 CA 证书文件无法使用：{ca_bundle}。应为 PEM 格式（以 -----BEGIN CERTIFICATE----- 开头）的证书，"
                f"请向县级管理员索取（设置 → 县级同步）",
                f"The county CA certificate file cannot be used: {ca_bundle}. It should hold certificates in PEM "
                "format (starting with -----BEGIN CERTIFICATE-----); ask the county administrator for it "
                "(Settings → County sync)"), code="ca_bundle") from error
    return context


def _head_size(headers: httpx.Headers, first_line: str) -> int:
    return len(first_line) + 2 + sum(len(k) + len(v) + 4 for k, v in headers.raw) + 2


class Transport:
    """One county server. Thread rule: one Transport per sync run. The run's
    own threads may send at once (two push batches on their way, the next
    pull or snapshot page fetched ahead): httpx's client and its connection
    pool are thread-safe and the byte counts are kept under a lock; the rest
    (``adopt``) belongs to the run's own thread."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        ca_bundle: str | None = None,
        connect_timeout: float = 15.0,
        read_timeout: float = 90.0,
        client: httpx.Client | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.count = WireCount()
        self._counting = threading.Lock()
        self.protocol = 1
        self.push_encoding: str | None = None  # the compact push encoding, once the server offers it
        verify = tls_context(ca_bundle)
        self._timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout)
        self._client = client or httpx.Client(
            base_url=self.base_url, verify=verify, timeout=self._timeout, follow_redirects=False,
            headers={"User-Agent": f"OneWindow-desk/{__version__}", "OneWindow-Version": __version__,
                     "Accept-Encoding": "gzip"},
        )

    def adopt(self, meta: dict[str, Any]) -> None:
        """Speak the newest protocol both sides know, and the compact push
        encoding when the server reads this desk's dictionary (from ``meta``)."""
        versions = [v for v in (meta.get("protocol_versions") or []) if isinstance(v, int) and v <= PROTOCOL]
        self.protocol = max(versions, default=1)
        offered = meta.get("push_encodings") or []
        self.push_encoding = wire.DICTIONARY_ID if self.protocol >= 2 and wire.DICTIONARY_ID in offered else None

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- requests -----------------------------------------------------------------

    def get(self, path: str, *, params: dict[str, Any] | None = None, auth: bool = True,
            timeout: float | None = None) -> Any:
        return self._send("GET", path, params=params, auth=auth, timeout=timeout)

    def post(self, path: str, body: dict[str, Any], *, auth: bool = True, compress: bool = True,
             timeout: float | None = None) -> Any:
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if compress:
            raw = gzip.compress(raw, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
        return self._send("POST", path, content=raw, headers=headers, auth=auth, timeout=timeout)

    def push_body(self, body: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
        """A push body as it goes on the wire, with its headers: the compact
        encoding when the server reads it (and the batch allows), else gzip JSON."""
        if self.push_encoding is not None:
            data = wire.encode_push(body)
            if data is not None:
                return data, {"Content-Type": wire.MEDIA_TYPE}
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return gzip.compress(raw, compresslevel=6), {"Content-Type": "application/json", "Content-Encoding": "gzip"}

    def post_push(self, body: dict[str, Any], content: bytes, headers: dict[str, str], *,
                  timeout: float | None = None) -> Any:
        """POST a prepared push body. A server that cannot read the compact
        encoding after all (415, or 400 for the body) gets the batch again as
        JSON, and this run sends JSON from then on."""
        try:
            return self._send("POST", "push", content=content, headers=headers, auth=True, timeout=timeout)
        except Refused as error:
            compact = headers.get("Content-Type") == wire.MEDIA_TYPE
            if not compact or error.code not in ("unsupported_encoding", "malformed_body", "unsupported_protocol"):
                raise
            log.warning("the county did not read the compact push encoding (%s); sending JSON", error.reason)
            self.push_encoding = None
            content, headers = self.push_body(body)
            return self._send("POST", "push", content=content, headers=headers, auth=True, timeout=timeout)

    def _send(self, method: str, path: str, *, auth: bool, timeout: float | None, params: dict[str, Any] | None = None,
              content: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
        headers = dict(headers or {})
        headers["OneWindow-Protocol"] = str(self.protocol)
        if auth:
            if not self.token:
                raise NeedsEnrollment(tr("本机尚未在县级服务器注册", "This computer is not enrolled at the county server"),
                                      code="not_enrolled")
            headers["Authorization"] = f"Bearer {self.token}"
        url = path if path.startswith("/") else f"{API}/{path}"
        request_timeout = self._timeout if timeout is None else httpx.Timeout(
            connect=min(timeout, self._timeout.connect or timeout), read=timeout, write=timeout, pool=timeout)
        request = self._client.build_request(method, url, params=params, content=content, headers=headers,
                                             timeout=request_timeout)
        with self._counting:
            self.count.requests += 1
            self.count.sent += _head_size(request.headers, f"{method} {request.url.raw_path.decode()} HTTP/1.1")
            self.count.sent += len(content or b"")
        try:
            response = self._client.send(request)
        except httpx.TimeoutException as error:
            if isinstance(error, (httpx.ConnectTimeout, httpx.PoolTimeout)):
                reason = tr("县级服务器长时间没有回应（连接超时），网络可能很慢或已断开",
                            "The county server did not answer for a long time (connecting timed out); "
                            "the network may be very slow or down")
            else:
                reason = tr("县级服务器长时间没有回应（等待回答超时），网络可能很慢或已断开",
                            "The county server did not answer for a long time (waiting for its answer timed out); "
                            "the network may be very slow or down")
            raise LinkDown(reason, timeout=True) from error
        except httpx.TransportError as error:
            raise LinkDown(_plain(error)) from error
        with self._counting:
            self.count.received += _head_size(response.headers, "HTTP/1.1 200 OK") + response.num_bytes_downloaded
        return _answer(response)


def _plain(error: Exception) -> str:
    """Why the link failed, in words a worker can act on (the raw text goes to the log)."""
    text = str(error) or type(error).__name__
    log.info("link error: %s", text)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        return tr("服务器证书无法验证（如县级使用自己的证书，请在设置中选择 CA 证书文件）",
                  "The server's certificate cannot be verified (if the county uses its own certificates, "
                  "choose the CA certificate file in the settings)")
    if "SSL" in text or "TLS" in text:
        return tr("与县级服务器的加密连接未能建立（请检查服务器地址是 https 还是 http）",
                  "No encrypted connection to the county server could be made (check whether the server "
                  "address is https or http)")
    if "Name or service not known" in text or "getaddrinfo" in text or "nodename nor servname" in text \
            or "No address associated" in text or "Temporary failure in name resolution" in text:
        return tr("找不到县级服务器（地址有误，或本机没有联网）",
                  "The county server cannot be found (a wrong address, or this computer is not online)")
    if "Connection refused" in text or "10061" in text:
        return tr("县级服务器没有响应连接（服务器未启动，或地址、端口有误）",
                  "The county server refused the connection (it is not running, or the address or port is wrong)")
    if "Network is unreachable" in text or "No route to host" in text or "10051" in text or "10065" in text:
        return tr("本机网络不通，连不上县级服务器", "This computer's network is down; the county server cannot be reached")
    if isinstance(error, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)) or "reset" in text.lower():
        return tr("与县级服务器的连接中途断开", "The connection to the county server broke off")
    return tr("无法连接县级服务器", "Cannot connect to the county server")


def _answer(response: httpx.Response) -> Any:
    status = response.status_code
    try:
        body = response.json() if response.content else None
    except (json.JSONDecodeError, UnicodeDecodeError):
        body = None
        if status < 400:
            raise LinkDown(tr("县级服务器的回答不完整（连接可能中断），稍后重试",
                              "The county server's answer was incomplete (the connection may have broken); "
                              "trying again later")) from None
    if status < 400:
        if body is None:
            raise LinkDown(tr("县级服务器的回答为空，稍后重试", "The county server's answer was empty; trying again later"))
        return body
    detail = body.get("detail") if isinstance(body, dict) else None
    detail = detail if isinstance(detail, dict) else {}
    code = str(detail.get("error", ""))
    reason = str(detail.get("reason", "")) or tr(f"县级服务器返回 HTTP {status}", f"The county server answered HTTP {status}")
    if status >= 500 or status in (502, 503, 504):
        raise LinkDown(tr(f"县级服务器暂时出错（HTTP {status}），稍后重试",
                          f"The county server has a passing fault (HTTP {status}); trying again later"), status=status)
    if status == 429:
        try:
            wait = float(response.headers.get("retry-after", "30"))
        except ValueError:
            wait = 30.0
        raise RateLimited(reason, retry_after=wait, code=code, status=status)
    if status == 413:
        raise TooLarge(reason, code=code, status=status)
    if status == 401:
        raise NeedsEnrollment(reason or tr("设备令牌无效，请重新注册本机", "The device token is not valid; enroll this computer again"),
                              code=code, status=status)
    if status == 403 and code == "device_revoked":
        raise DeviceRevoked(reason, code=code, status=status)
    raise Refused(reason, code=code, status=status, detail=detail)
