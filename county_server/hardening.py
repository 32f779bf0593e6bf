"""What every response and every log line of the server gets: security
headers, no personal data or verification codes in the logs, and an error
answer that tells nothing.

- Access log lines lose their query string (the status page's link carries
  the case's verification code: ``/status?case=…&code=…``).
- A request that fails unexpectedly is logged by the route and the
  exception's type and frames only: an exception's message may quote the
  payload (an ID number, a phone), so it is never written.
- SQL parameters are kept out of error messages (``hide_parameters`` on the
  engine, county_server.db).
- Any line still carrying something shaped like an ID number or a mobile
  phone number has it masked, whichever logger wrote it.
"""
from __future__ import annotations

import json
import logging
import re
import traceback
from typing import Any

from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("county_server.errors")

# Pages are built from our own templates and static files only: no inline
# script or style, no frames, forms post back to us.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}
# FastAPI's interactive API pages load their scripts from a CDN: they get the
# other headers, and no personal data is on them.
_NO_CSP_PATHS = ("/docs", "/redoc")


class SecurityHeaders:
    """Adds the security headers to every HTTP response (pages, API, static files)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._all = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
        self._no_csp = [h for h in self._all if h[0] != b"content-security-policy"]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self._no_csp if str(scope.get("path", "")).startswith(_NO_CSP_PATHS) else self._all

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _value in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, with_headers)


#: The unauthenticated routes no other limit covers: cheap, but not free.
OPEN_PATHS = ("/healthz", "/static/", "/admin/login")


class OpenRoutesLimit:
    """A per-address limit on ``OPEN_PATHS``, counted in this process's memory
    (they cost too little to pay a database round trip per request): past it,
    429 with Retry-After, before any work."""

    def __init__(self, app: ASGIApp, *, per_minute: int, trusted: tuple[str, ...]) -> None:
        from county_server.ratelimit import RateLimiter

        self.app = app
        self.limiter = RateLimiter(per_minute, 60)
        self.trusted = trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] == "http" and path.startswith(OPEN_PATHS):
            from starlette.requests import Request

            from county_server.api.common import client_ip

            retry = self.limiter.hit(client_ip(Request(scope), trusted=self.trusted))
            if retry is not None:
                await send({"type": "http.response.start", "status": 429,
                            "headers": [(b"retry-after", str(max(1, int(retry))).encode()),
                                        (b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": "请求过于频繁，请稍后再试".encode()})
                return
        await self.app(scope, receive, send)


class QuietErrors:
    """The outermost layer: an unexpected failure becomes a plain 500 answer
    and one log line with the route, the exception's type and its frames, never
    its message (which may quote the payload)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except ClientDisconnect:
            return  # the client went away (a cut village link): nobody to answer, nothing wrong here
        except Exception as error:  # every failure is answered, and logged without its data
            log.error("%s %s failed: %s\n%s", scope.get("method", ""), scope.get("path", ""),
                      type(error).__name__, frames(error))
            if started:
                raise  # nothing more can be said to this client; uvicorn closes the connection
            body = json.dumps({"detail": {"error": "internal_error", "reason": "服务器内部错误，已记录；请稍后重试"}},
                              ensure_ascii=False).encode()
            await send({"type": "http.response.start", "status": 500, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                *((k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items())]})
            await send({"type": "http.response.body", "body": body})


def frames(error: BaseException) -> str:
    """Where it failed (file, line, function, source line), without any value."""
    return "".join(traceback.format_tb(error.__traceback__)).rstrip()


_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})(\d{8})(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")


def mask(text: str) -> str:
    """ID numbers and mobile numbers in ``text``, masked like the desk shows them."""
    text = _ID_NUMBER.sub(lambda m: f"{m.group(1)}********{m.group(3)}", text)
    return _MOBILE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)


class RedactQuery(logging.Filter):
    """uvicorn's access line, ``'%s - "%s %s HTTP/%s" %d'``, without the query string."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            path = args[2].split("?", 1)[0] + ("?…" if "?" in args[2] else "")
            record.args = (*args[:2], mask(path), *args[3:])
        return True


def redact_record(record: logging.LogRecord) -> None:
    """Mask ID numbers and mobile numbers in a record's message, and keep only
    the type and frames of its exception (whose message may quote a payload)."""
    try:
        message = record.getMessage()
    except (TypeError, ValueError):
        return
    masked = mask(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and record.exc_info[1] is not None:
        error = record.exc_info[1]
        record.msg, record.args = f"{mask(record.getMessage())}\n{type(error).__name__}\n{frames(error)}", None
        record.exc_info = None
        record.exc_text = None


# The loggers of the server process: uvicorn's, ours, the database's, the web framework's.
SERVER_LOGGERS = ("uvicorn", "county_server", "sqlalchemy", "fastapi", "starlette")
_installed = False


def install_log_redaction() -> None:
    """Every record of the server's loggers is redacted when it is made,
    whoever handles it later (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    logging.getLogger("uvicorn.access").addFilter(RedactQuery())
    make = logging.getLogRecordFactory()

    def redacting(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        if record.name.split(".", 1)[0] in SERVER_LOGGERS and record.name != "uvicorn.access":
            redact_record(record)
        return record

    logging.setLogRecordFactory(redacting)
