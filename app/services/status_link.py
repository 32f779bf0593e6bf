"""The progress-query link printed as a QR code on case documents.

One format, shared by the printed documents (which encode it), the desk
(where a scanner types it back followed by Enter) and the county server
(which answers it):

    {base}/status?case={case_number}&code={verification_code}

The base is the county server's public address, configured per center.
"""
from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from app.text import tr

STATUS_PATH = "/status"
# Center code (2–16 letters or digits), device number, date, sequence.
CASE_NUMBER_RE = re.compile(r"^[A-Z0-9]{2,16}-\d{2,3}-\d{8}-\d{4,6}$")


@dataclass(frozen=True)
class ScannedCase:
    case_number: str
    code: str | None  # the verification code, when the scan carried one


def status_url(base: str, case_number: str, code: str) -> str:
    """The link a resident scans to check progress."""
    return f"{base.rstrip('/')}{STATUS_PATH}?case={quote(case_number)}&code={quote(code)}"


def is_case_number(text: str) -> bool:
    return bool(CASE_NUMBER_RE.match(text.strip().upper()))


def parse_scan(text: str) -> ScannedCase | None:
    """A case number typed by hand or a scanned status link; None if neither."""
    text = text.strip()
    if not text:
        return None
    if is_case_number(text):
        return ScannedCase(text.upper(), None)
    if "://" not in text and "?" not in text:
        return None
    query = parse_qs(urlsplit(text).query)
    number = (query.get("case") or [""])[0].strip().upper()
    if not is_case_number(number):
        return None
    code = (query.get("code") or [""])[0].strip().upper() or None
    return ScannedCase(number, code)


# 投诉受理回执: the same page answers a complaint's number and query code.
#     {base}/status?complaint={complaint_number}&code={query_code}
COMPLAINT_NUMBER_RE = re.compile(r"^TS-[A-Z0-9]{2,16}-\d{2,3}-\d{8}-\d{4,6}$")


def complaint_status_url(base: str, complaint_number: str, code: str) -> str:
    """The link a complainant scans to follow the complaint (status and dates only)."""
    return f"{base.rstrip('/')}{STATUS_PATH}?complaint={quote(complaint_number)}&code={quote(code)}"


def public_url_problem(url: str) -> str:
    """Why ``url`` cannot go into a QR code a resident scans at home ('' if it can).

    A phone reaches only a public https address: plain http is refused
    (browsers warn, operators rewrite it), and so are loopback, private,
    link-local and single-label host names, which answer only inside the
    center's or the county's network."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme != "https" or not parts.hostname:
        return tr(f"二维码地址须为 https:// 开头的公网地址，“{text}”不能使用，二维码将不打印",
                  f"The QR address must be a public https:// address; “{text}” cannot be used, so no QR is printed")
    host = parts.hostname.lower().rstrip(".")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    internal = (
        address.is_loopback or address.is_private or address.is_link_local or address.is_reserved
        or address.is_unspecified or address.is_multicast
        if address is not None
        else host == "localhost" or host.endswith((".localhost", ".local", ".lan", ".internal", ".intranet"))
        or "." not in host
    )
    if internal:
        return tr(f"二维码地址“{text}”是本机或内部网络地址，群众的手机无法访问，二维码将不打印；"
                  "请填写县级发布的公网 https 地址",
                  f"The QR address “{text}” is a local or internal address a phone cannot reach, so no QR is "
                  "printed; enter the public https address the county gives")
    return ""
