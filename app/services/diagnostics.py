"""复制诊断信息: what IT needs to help a desk, without personal data.

The text holds the versions, where the data lives, the sync and update state
(given by the caller) and the log's most recent lines. Every line passes
through :func:`app.services.log_redaction.redact` here, although the log
handler already redacts what it writes: a log kept from a version before
the redaction, or a fact the caller passes (a server address with a query
string), must not carry an ID number or a phone into a chat group either.
"""
from __future__ import annotations

import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app import __version__
from app.services.log_redaction import redact
from app.text import tr

LOG_NAME = "onewindow.log"
#: How many of the log's last lines the text carries.
LOG_LINES = 200


@dataclass(frozen=True)
class Diagnostics:
    """The copied text, and how many log lines it holds."""

    text: str
    log_lines: int


def library_versions() -> list[tuple[str, str]]:
    """The program's and its main libraries' versions (Qt's are added by the screen)."""
    from importlib import metadata

    rows = [
        ("OneWindow", __version__),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()}, {platform.machine()})"),
        (tr("系统", "System"), platform.platform()),
        (tr("安装方式", "Installed as"), tr("安装包", "bundle") if getattr(sys, "frozen", False) else tr("源代码", "source")),
    ]
    for distribution in ("SQLAlchemy", "alembic", "sqlcipher3", "reportlab", "httpx", "keyring"):
        try:
            rows.append((distribution, metadata.version(distribution)))
        except metadata.PackageNotFoundError:
            rows.append((distribution, _module_version(distribution)))
    return rows


def _module_version(distribution: str) -> str:
    """A bundle may lack a library's metadata; the module usually knows its version."""
    import importlib

    try:
        module = importlib.import_module(distribution.lower())
    except ImportError:
        return tr("未安装", "not installed")
    return str(getattr(module, "__version__", tr("未知", "unknown")))


def recent_log_lines(data_dir: Path, limit: int = LOG_LINES) -> list[str]:
    """The log's last ``limit`` lines, the rotated file's end first if the current one is short."""
    lines: list[str] = []
    for name in (LOG_NAME, f"{LOG_NAME}.1"):
        path = data_dir / name
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        lines = text.splitlines()[-(limit - len(lines)):] + lines
        if len(lines) >= limit:
            break
    return [redact(line) for line in lines[-limit:]]


def diagnostics(data_dir: Path, facts: Sequence[tuple[str, str]], *, limit: int = LOG_LINES) -> Diagnostics:
    """The text for 复制诊断信息: ``facts`` (label, value) first, then the log's end."""
    log = recent_log_lines(data_dir, limit)
    parts = [tr("一窗通诊断信息（已隐去身份证号、手机号和查询码）",
                "OneWindow diagnostics (ID numbers, phones and query codes hidden)"), ""]
    parts += [f"{label}: {value}" for label, value in facts]
    parts += ["", tr("最近 {n} 行日志：", "The last {n} log lines:").format(n=len(log))]
    parts += log if log else [tr("（没有日志）", "(no log)")]
    return Diagnostics(text=redact("\n".join(parts)) + "\n", log_lines=len(log))


__all__ = ["LOG_LINES", "Diagnostics", "diagnostics", "library_versions", "recent_log_lines"]
