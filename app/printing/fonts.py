"""The Chinese font the documents are set in, embedded as a TrueType subset.

Adobe's CID fonts (``UnicodeCIDFont('STSong-Light')``) are not embedded and
print as blanks on a PC without them, so the documents embed the glyphs they
use from a TrueType font found on this machine. Looked up in order: the
configured path, then the usual places of WenQuanYi Micro Hei (Linux) and
SimSun / Microsoft YaHei (Windows). OpenType CFF fonts (Noto Sans CJK .otf)
do not work in reportlab and are not looked for.

Registration parses the font file (a few hundred ms), so it happens once per
process and font file; later calls are a dictionary lookup.
"""
from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from app.services.errors import DomainError

__all__ = ["FontNotFound", "default_font_candidates", "find_font", "font_name"]

_LINUX_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
)
# File names that are TrueType (glyf outlines) and hold Simplified Chinese.
_LINUX_FONT_FILES = (
    "truetype/wqy/wqy-microhei.ttc",
    "truetype/wqy/wqy-zenhei.ttc",
    "wqy-microhei/wqy-microhei.ttc",
    "wenquanyi/wqy-microhei/wqy-microhei.ttc",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "truetype/arphic/uming.ttc",
)
_WINDOWS_FONT_FILES = ("simsun.ttc", "msyh.ttc", "simhei.ttf", "simsun.ttf")
# A font shipped with the program (e.g. by the Windows installer) goes here.
_BUNDLED_FONT_DIR = Path(__file__).resolve().parent / "bundled_fonts"

_registered: dict[Path, str] = {}
_lock = threading.Lock()


class FontNotFound(DomainError):
    """No usable Chinese TrueType font: the documents cannot be printed."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="font_path")


def default_font_candidates(
    *, environ: Mapping[str, str] | None = None, platform: str | None = None
) -> list[Path]:
    """Where to look for a font when none is configured, in order."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    candidates = sorted(_BUNDLED_FONT_DIR.glob("*.tt[cf]")) if _BUNDLED_FONT_DIR.is_dir() else []
    if platform.startswith("win"):
        windir = env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows"
        local = env.get("LOCALAPPDATA")
        folders = [Path(windir) / "Fonts"]
        if local:  # fonts installed for the current user only
            folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        candidates += [folder / name for folder in folders for name in _WINDOWS_FONT_FILES]
    else:
        for folder in _LINUX_FONT_DIRS:
            root = Path(folder).expanduser()
            candidates += [root / name for name in _LINUX_FONT_FILES]
    return candidates


def find_font(configured: str | os.PathLike[str] | None = None, *, candidates: Iterable[Path] | None = None) -> Path:
    """The font file to use, or FontNotFound saying what to install.

    A configured path that does not exist is an error of its own: silently
    printing in another font would hide a wrong setting.
    """
    if configured:
        path = Path(configured).expanduser()
        if not path.is_file():
            raise FontNotFound(
                f"设置的打印字体文件不存在：{path}。请在“设置”中改为存在的中文 TrueType 字体"
                "（.ttf 或 .ttc，例如 simsun.ttc），或清空该设置以自动查找。"
            )
        return path
    for path in default_font_candidates() if candidates is None else candidates:
        if path.is_file():
            return path
    raise FontNotFound(
        "找不到可用于打印的中文字体，无法生成文书。"
        "Windows 电脑请确认 C:\\Windows\\Fonts 中有宋体（simsun.ttc）或微软雅黑（msyh.ttc）；"
        "Linux 电脑请安装文泉驿微米黑（软件包 fonts-wqy-microhei）；"
        "也可以在“设置”中指定一个中文 TrueType 字体文件（.ttf 或 .ttc）。"
    )


def font_name(configured: str | os.PathLike[str] | None = None, *, candidates: Iterable[Path] | None = None) -> str:
    """Register the font with reportlab once per process; its registered name."""
    path = find_font(configured, candidates=candidates).resolve()
    name = _registered.get(path)
    if name is not None:
        return name
    with _lock:
        if path not in _registered:
            _registered[path] = _register(path, f"OneWindowCJK{len(_registered)}")
        return _registered[path]


def _register(path: Path, name: str) -> str:
    # Imported here so that finding out a font is missing stays cheap.
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        # subfontIndex 0 of a .ttc is the regular face (宋体, 微软雅黑, 微米黑).
        font = TTFont(name, str(path), subfontIndex=0)
    except (TTFError, OSError) as error:
        raise FontNotFound(
            f"无法使用打印字体 {path}：{error}。请改用中文 TrueType 字体（.ttf 或 .ttc，"
            "例如 simsun.ttc、msyh.ttc 或文泉驿微米黑 wqy-microhei.ttc）。"
        ) from error
    pdfmetrics.registerFont(font)
    # One face serves all four styles, so <b> in a paragraph never asks for
    # a font that is not there.
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return name
