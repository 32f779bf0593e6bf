"""Read a rendered PDF back with poppler-utils and zbar, as a person would
see it: its text, where every word sits, its fonts, its pages, its QR code."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import cached_property
from html import unescape
from pathlib import Path

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60).stdout


def squash(text: str) -> str:
    """Text without any whitespace: pdftotext breaks lines wherever the
    paper did, so compare like this."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Word:
    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool
    subset: bool


class RenderedPdf:
    """One PDF on disk, its readings made once and kept."""

    def __init__(self, path: Path, *, furniture: tuple[float, float] = (0, 0)) -> None:
        """``furniture``: the heights of the running header (pages after the
        first) and of the footer, left out of :attr:`body`."""
        self.path = path
        self.furniture = furniture

    @cached_property
    def text(self) -> str:
        return _run("pdftotext", "-enc", "UTF-8", str(self.path), "-")

    @cached_property
    def flat(self) -> str:
        return squash(self.text)

    @cached_property
    def page_texts(self) -> list[str]:
        return self.text.split("\f")[: self.pages]

    @cached_property
    def _bbox(self) -> str:
        return _run("pdftotext", "-enc", "UTF-8", "-bbox", str(self.path), "-")

    @cached_property
    def page_sizes(self) -> list[tuple[float, float]]:
        return [(float(w), float(h)) for w, h in _PAGE.findall(self._bbox)]

    @cached_property
    def words(self) -> list[Word]:
        words = []
        for page, chunk in enumerate(self._bbox.split("<page ")[1:], start=1):
            words += [Word(page, float(a), float(b), float(c), float(d), unescape(t))
                      for a, b, c, d, t in _WORD.findall(chunk)]
        return words

    @cached_property
    def columns(self) -> str:
        """The words of each left edge read top to bottom, page after page.

        pdftotext reads a table row by row, so the lines of a wrapped cell
        come out interleaved with its neighbours; the lines of one cell do
        share their left edge, and read in order here.
        """
        streams: dict[tuple[int, float], list[Word]] = {}
        for word in self.words:
            streams.setdefault((word.page, round(word.x_min)), []).append(word)
        return "\n".join(
            "".join(w.text for w in sorted(words, key=lambda w: w.y_min))
            for _, words in sorted(streams.items())
        )

    @cached_property
    def body(self) -> str:
        """All words in reading order without the running header and footer,
        so a paragraph broken over a page reads as one."""
        header, footer = self.furniture
        kept = []
        for word in self.words:
            height = self.page_sizes[word.page - 1][1]
            if (word.page > 1 and word.y_max <= header) or word.y_min >= height - footer:
                continue
            kept.append(word.text)
        return squash("".join(kept))

    def shows(self, text: str) -> bool:
        """Whether ``text`` is printed whole, however the lines broke."""
        wanted = squash(text)
        return wanted in self.flat or wanted in self.columns or wanted in self.body

    @cached_property
    def pages(self) -> int:
        return len(self.page_sizes)

    @cached_property
    def fonts(self) -> list[Font]:
        lines = _run("pdffonts", str(self.path)).splitlines()[2:]
        fonts = []
        for line in lines:
            # name, type (may hold spaces), encoding, emb, sub, uni, object, id
            parts = line.split()
            fonts.append(Font(parts[0], " ".join(parts[1:-6]), parts[-5] == "yes", parts[-4] == "yes"))
        return fonts

    def qr_payloads(self, *, dpi: int = 150) -> list[str]:
        """Every QR code zbar finds on the pages rendered at ``dpi``.

        Only pages that print a 查询码 (the line under a progress QR code)
        are rendered, or all pages if none does."""
        pages = sorted({w.page for w in self.words if w.text.startswith("查询码")}) or range(1, self.pages + 1)
        payloads = []
        for page in pages:
            prefix = self.path.with_name(f"{self.path.stem}-p{page}")
            _run("pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                 str(self.path), str(prefix))
            done = subprocess.run(["zbarimg", "-q", "--raw", f"{prefix}.png"], capture_output=True, text=True,
                                  timeout=60)
            payloads += [line for line in done.stdout.splitlines() if line]
        return payloads
