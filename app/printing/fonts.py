"""The Chinese fonts the documents are set in, embedded as TrueType subsets.

Adobe's CID fonts (``UnicodeCIDFont('STSong-Light')``) are not embedded and
print as blanks on a PC without them, so the documents embed the glyphs they
use from a TrueType font found on this machine. Looked up in order: the
configured path, then the usual places of WenQuanYi Micro Hei (Linux) and
SimSun / Microsoft YaHei (Windows). OpenType CFF fonts (Noto Sans CJK .otf)
do not work in reportlab and are not looked for.

No one font holds every Chinese character: WenQuanYi Micro Hei, SimSun and
YaHei stop at the basic block, while rare name characters (生僻字) live in CJK
Extensions A to G. The main font is therefore the head of a *chain*: fonts
that cover the extensions (HanaMin A/B and BabelStone Han on Linux, from the
Debian packages fonts-hanazono and fonts-babelstone-han; SimSun-ExtB and
SimSun-ExtG on Windows). The chain is registered with reportlab as one font
(:class:`ChainedFont`): every string drawn in it, by any document, table or
canvas call, is split into runs and each run set in the first font of the
chain that has its glyphs, so no document has to know about the fallback.
:meth:`FontChain.missing` says what even the chain cannot set, so that a
document is stopped before it is issued with a character lost.

Registration parses the font file (a few hundred ms), so it happens once per
process and font file; later calls are a dictionary lookup. The fallback
fonts are parsed only when a text needs a glyph the main font lacks.
"""
from __future__ import annotations

import functools
import os
import struct
import sys
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.services.errors import DomainError
from app.text import tr

__all__ = [
    "ChainedFont",
    "FontChain",
    "chain_of",
    "FontNotFound",
    "default_fallback_candidates",
    "default_font_candidates",
    "find_font",
    "font_chain",
    "font_name",
]

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
# Fonts for the CJK extensions, tried in order after the main font. Linux:
# HanaMinA (basic block, Ext A and part of B), HanaMinB (Ext B to F) from
# fonts-hanazono, BabelStone Han (part of Ext G and H) from fonts-babelstone-han.
_LINUX_FALLBACK_FILES = (
    "truetype/hanazono/HanaMinA.ttf",
    "truetype/hanazono/HanaMinB.ttf",
    "truetype/babelstone/BabelStoneHan.ttf",
    "hanazono/HanaMinA.ttf",
    "hanazono/HanaMinB.ttf",
    "babelstone/BabelStoneHan.ttf",
)
# Windows: SimSun-ExtB (Ext A–B, shipped with every Windows since Vista) and
# SimSun-ExtG (Windows 11, Ext G), then the Micro Hei / Hanazono files if the
# installer bundled them.
_WINDOWS_FALLBACK_FILES = ("simsunb.ttf", "SimsunExtG.ttf", "simsunextg.ttf", "HanaMinA.ttf", "HanaMinB.ttf")
# A font shipped with the program (e.g. by the Windows installer) goes here.
_BUNDLED_FONT_DIR = Path(__file__).resolve().parent / "bundled_fonts"

_lock = threading.Lock()


def _utf16_hex(code: int) -> str:
    return "".join(f"{unit:04X}" for unit in struct.unpack(">" + "H" * (2 if code > 0xFFFF else 1),
                                                           chr(code).encode("utf-16-be")))


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map of a subset, with characters past U+FFFF
    written as UTF-16 surrogate pairs as the PDF reference asks.

    reportlab writes the code point as it is (<2020C>), which readers take
    as U+2020 and a stray digit: a name with an Ext B character would then
    be copied, searched and checked (pdftotext) wrongly, though it prints."""
    cmap = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ]
    return "\n".join(cmap)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


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


def default_fallback_candidates(
    *, environ: Mapping[str, str] | None = None, platform: str | None = None
) -> list[Path]:
    """The fonts for the CJK extensions, in the order they are tried."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    bundled = _BUNDLED_FONT_DIR / "fallback"
    candidates = sorted(bundled.glob("*.tt[cf]")) if bundled.is_dir() else []
    if platform.startswith("win"):
        windir = env.get("WINDIR") or env.get("SystemRoot") or r"C:\Windows"
        local = env.get("LOCALAPPDATA")
        folders = [Path(windir) / "Fonts"]
        if local:
            folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        candidates += [folder / name for folder in folders for name in _WINDOWS_FALLBACK_FILES]
    else:
        for folder in _LINUX_FONT_DIRS:
            root = Path(folder).expanduser()
            candidates += [root / name for name in _LINUX_FALLBACK_FILES]
    return candidates


def font_name(configured: str | os.PathLike[str] | None = None, *, candidates: Iterable[Path] | None = None,
              fallbacks: Iterable[Path] | None = None) -> str:
    """Register the font chain with reportlab once per process; its registered name.

    ``fallbacks`` are the extension fonts to try after the main one (by
    default those found on this machine, see :func:`default_fallback_candidates`).
    """
    return font_chain(configured, candidates=candidates, fallbacks=fallbacks).name


def font_chain(configured: str | os.PathLike[str] | None = None, *, candidates: Iterable[Path] | None = None,
               fallbacks: Iterable[Path] | None = None) -> FontChain:
    """The registered chain whose head is the configured (or found) font."""
    plain = candidates is None and fallbacks is None
    known = _by_setting.get(str(configured or "")) if plain else None
    if known is not None and known.main.is_file():
        return known  # the usual call: one stat, no search
    path = find_font(configured, candidates=candidates).resolve()
    found = _installed_fallbacks() if fallbacks is None else _existing(fallbacks)
    extra = tuple(f for f in found if f != path)
    key = (path, extra)
    chain = _chains.get(key)
    if chain is not None:
        if plain:
            _by_setting[str(configured or "")] = chain
        return chain
    with _lock:
        if key not in _chains:
            _chains[key] = _register_chain(path, extra, f"OneWindowCJK{len(_chains)}")
        if plain:
            _by_setting[str(configured or "")] = _chains[key]
        return _chains[key]


@functools.cache
def _installed_fallbacks() -> tuple[Path, ...]:
    """The fallback fonts on this machine, looked up once per process (a
    font installed later is found after a restart)."""
    return _existing(default_fallback_candidates())


def _existing(paths: Iterable[Path]) -> tuple[Path, ...]:
    return tuple(dict.fromkeys(path.resolve() for path in paths if path.is_file()))


def chain_of(name: str) -> FontChain | None:
    """The chain registered under ``name`` (None for any other font)."""
    return next((chain for chain in _chains.values() if chain.name == name), None)


class FontChain:
    """The main font and its fallbacks, in order; knows who has which glyph.

    Thread-safe: a fallback font is parsed once, under a lock, the first time
    a character is asked for that the fonts before it lack.
    """

    def __init__(self, name: str, main: Path, fallbacks: tuple[Path, ...]) -> None:
        self.name = name
        self.main = main
        self.fallbacks = fallbacks
        self._fonts: list[Any] = []  # reportlab TTFonts, head first, loaded as needed
        self._covers: list[Mapping[int, int]] = []
        self._lock = threading.Lock()

    @property
    def paths(self) -> tuple[Path, ...]:
        return (self.main, *self.fallbacks)

    def describe(self) -> str:
        """The main font and the fonts for rare characters, for the print center."""
        if not self.fallbacks:
            return tr(f"{self.main}（未找到生僻字补充字体：扩展B区及以后的生僻字无法打印）",
                      f"{self.main} (no font for rare characters: CJK Ext B and later cannot be printed)")
        names = "、".join(path.name for path in self.fallbacks)
        return tr(f"{self.main}；生僻字补充字体：{names}", f"{self.main}; for rare characters: {names}")

    def _load(self, index: int) -> bool:
        """Parse fonts up to ``index``; False when the chain is shorter."""
        if index < len(self._fonts):
            return True
        with self._lock:
            while len(self._fonts) <= index:
                position = len(self._fonts)
                if position >= len(self.paths):
                    return False
                name = self.name if position == 0 else f"{self.name}_F{position}"
                font = _ttfont(name, self.paths[position], main=position == 0, chain=self)
                self._fonts.append(font)
                self._covers.append(font.face.charToGlyph)
        return True

    def index_of(self, char: str) -> int | None:
        """Which font of the chain sets ``char`` (0 is the main font), or None."""
        code = ord(char)
        index = 0
        while self._load(index):
            if code in self._covers[index]:
                return index
            index += 1
        return None

    def font(self, index: int) -> Any:
        self._load(index)
        return self._fonts[index]

    def covers(self, char: str) -> bool:
        return _ignorable(char) or self.index_of(char) is not None

    def missing(self, text: str) -> list[str]:
        """The characters of ``text`` no font of the chain has, each once, in order."""
        return list(dict.fromkeys(ch for ch in text if not self.covers(ch)))

    def runs(self, text: str) -> list[tuple[int, str]]:
        """``text`` cut into runs set in one font each: (font index, run).

        Characters no font has (and control characters) stay with the main
        font; the check before printing keeps the former off paper."""
        result: list[tuple[int, str]] = []
        for ch in text:
            index = 0 if _ignorable(ch) else (self.index_of(ch) or 0)
            if result and result[-1][0] == index:
                result[-1] = (index, result[-1][1] + ch)
            else:
                result.append((index, ch))
        return result


def _ignorable(char: str) -> bool:
    """Line breaks and other control characters are never drawn."""
    return unicodedata.category(char) in ("Cc", "Cf")


_chains: dict[tuple[Path, tuple[Path, ...]], FontChain] = {}
_by_setting: dict[str, FontChain] = {}  # the chain each font setting ('' = none) gave


def _register_chain(main: Path, fallbacks: tuple[Path, ...], name: str) -> FontChain:
    from reportlab.pdfbase import pdfmetrics

    chain = FontChain(name, main, fallbacks)
    font = chain.font(0)
    pdfmetrics.registerFont(font)
    # One face serves all four styles, so <b> in a paragraph never asks for
    # a font that is not there.
    pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
    return chain


def _ttfont(name: str, path: Path, *, main: bool, chain: FontChain) -> TTFont:
    cls = ChainedFont if main else TTFont
    try:
        # subfontIndex 0 of a .ttc is the regular face (宋体, 微软雅黑, 微米黑).
        font = cls(name, str(path), subfontIndex=0, shapable=False)
    except (TTFError, OSError) as error:
        if not main:
            raise FontNotFound(f"无法使用生僻字补充字体 {path}：{error}。") from error
        raise FontNotFound(
            f"无法使用打印字体 {path}：{error}。请改用中文 TrueType 字体（.ttf 或 .ttc，"
            "例如 simsun.ttc、msyh.ttc 或文泉驿微米黑 wqy-microhei.ttc）。"
        ) from error
    if isinstance(font, ChainedFont):
        font.chain = chain
        font.own_chars = frozenset(chr(code) for code in font.face.charToGlyph)
    return font


# A subset number of a chained font says which font of the chain it is in:
# font index × _STRIDE + the subset's number in that font.
_STRIDE = 100_000


class ChainedFont(TTFont):  # type: ignore[misc]  # reportlab ships no type hints
    """The head of a chain as reportlab sees it: one font whose text is set
    run by run in whichever font of the chain has the glyphs.

    reportlab asks a TrueType font to cut text into subsets
    (``splitString``) and to name each subset in the PDF
    (``getSubsetInternalName``); here the subsets of the fallback fonts are
    handed out too, so they are embedded with the document like the main
    font's. Widths come from the font that sets each run.
    """

    chain: FontChain
    own_chars: frozenset[str]

    def _plain(self, text: str) -> bool:
        return set(text) <= self.own_chars

    def splitString(self, text: str | bytes, doc: Any, encoding: str = "utf-8") -> list[tuple[int, str]]:  # noqa: N802 - reportlab's name
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if self._plain(text):
            return list(super().splitString(text, doc, encoding))
        parts: list[tuple[int, str]] = []
        for index, run in self.chain.runs(text):
            font = self if index == 0 else self.chain.font(index)
            splitter = super().splitString if index == 0 else font.splitString
            parts += [(index * _STRIDE + subset, chunk) for subset, chunk in splitter(run, doc, encoding)]
        return parts

    def getSubsetInternalName(self, subset: int, doc: Any) -> str:  # noqa: N802 - reportlab's name
        index, own = divmod(subset, _STRIDE)
        if index == 0:
            name: str = super().getSubsetInternalName(own, doc)
            return name
        fallback_name: str = self.chain.font(index).getSubsetInternalName(own, doc)
        return fallback_name

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:  # noqa: N802 - reportlab's name
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if self._plain(text):
            width: float = super().stringWidth(text, size, encoding)
            return width
        total = 0.0
        for index, run in self.chain.runs(text):
            font = self.chain.font(index)
            total += TTFont.stringWidth(font, run, size, encoding)
        return total
