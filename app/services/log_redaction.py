"""No personal data in the desk's log (个人信息不落日志).

The log file goes to IT, onto USB drives and into chat groups. Whatever the
desk logs passes through :func:`redact` first (the log handler's formatter,
:class:`RedactingFormatter`), after the message and any traceback have been
formatted, so no call site can forget it:

- ID numbers (18 digits with a final X, the old 15-digit ones) and phone
  numbers (mobiles, landlines with their area code) are masked to their
  last digits, as the screens show them;
- a verification code (查询码) after its name, and every URL query string,
  are replaced;
- SQL parameters in database errors are dropped (the engine also hides
  them: ``hide_parameters=True`` in app.db).
"""
from __future__ import annotations

import logging
import re

_ID_18 = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_ID_15 = re.compile(r"(?<![0-9A-Za-z])\d{11}(\d{4})(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d([- ]?)\d{4}\1(\d{4})(?![0-9A-Za-z])")
_LANDLINE = re.compile(r"(?<![0-9A-Za-z])0\d{2,3}[- ]?\d{3,4}[- ]?(\d{4})(?![0-9A-Za-z])")
_CODE = re.compile(r"(?i)((?:verification_code|verify_code|query_code|code|查询码|验证码)[\"']?\s*[:=：]\s*[\"']?)"
                   r"[0-9A-Za-z]{4,12}")
_QUERY = re.compile(r"(https?://[^\s?#\"'<>]+)\?[^\s#\"'<>]*")
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\(Background|\n|$))", re.S)

MASK = "****"


def redact(text: str) -> str:
    """``text`` with ID numbers, phones, verification codes, query strings and SQL parameters hidden."""
    text = _SQL_PARAMETERS.sub("[parameters: hidden]", text)
    text = _QUERY.sub(r"\1?<hidden>", text)
    text = _CODE.sub(rf"\g<1>{MASK}", text)
    text = _ID_18.sub(rf"\g<1>{MASK}****\g<2>", text)
    text = _ID_15.sub(rf"{MASK}\g<1>", text)
    text = _MOBILE.sub(rf"1**{MASK}\g<2>", text)
    return _LANDLINE.sub(rf"0**{MASK}\g<1>", text)


class RedactingFormatter(logging.Formatter):
    """A formatter whose every line, traceback included, has been through :func:`redact`."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


__all__ = ["MASK", "RedactingFormatter", "redact"]
