"""Chinese line breaking (禁则) for reportlab paragraphs.

reportlab's CJK wrapping breaks between any two characters and knows only a
Japanese list of marks that may not start a line. Chinese documents need
more, and a notice an inspector checks must not show any of it broken:

- no closing punctuation at the start of a line (，。、；：？！）》” …): such a
  mark hangs at the end of the line before (the styles keep a character free
  on the right, see :mod:`app.printing.sheet`);
- no opening bracket or quote at the end of a line (（《“【 …): it moves down
  with what it opens;
- a case number, a document number, a code, a URL or any other run of Latin
  letters and digits, a date (2026年11月22日), a phone number with its label
  (监督电话：0903-12345) and a count of working days are never split, unless
  one alone is longer than the line.

:func:`install` puts :func:`cjk_frag_split` and :func:`word_split` in
place of reportlab's ``cjkFragSplit`` and ``wordSplit`` (module globals it
looks up when it breaks a paragraph whose style says ``wordWrap="CJK"``,
with markup and without), once; every document, and every one added later,
is broken by these rules.
"""
from __future__ import annotations

import re
from typing import Any

from reportlab.lib import textsplit
from reportlab.platypus import paragraph
from reportlab.rl_config import _FUZZ

CHINESE_CANNOT_START = "，；：？！”’》〉」』〗、。）】〕…—％"
CANNOT_START = frozenset(textsplit.ALL_CANNOT_START + CHINESE_CANNOT_START + ")]}%")
CANNOT_END = frozenset(textsplit.ALL_CANNOT_END + "（《“‘【〔〈「『〖([{")

# Runs that must stay on one line (each alone shorter than a line).
_KEEP_WHOLE = re.compile(
    "|".join((
        r"[A-Za-z0-9][A-Za-z0-9\-_/.:@%+=?&#~]*[A-Za-z0-9]",  # case numbers, codes, URLs, 09:30
        r"\d{4}\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?",  # 2026年11月22日
        r"(?:[\u4e00-\u9fff]{1,4})?电话[：:]\s?[0-9\-－()（）]{3,}(?:\s?转\s?\d+)?",  # 监督电话：0903-12345
        r"致电\s?[0-9\-－]{3,}",
        r"\d+\s?个\s?工作日",
        r"第\s?\d+\s?[次项号页日]",
        r"[（(][^（()）]{1,6}[）)]",  # short brackets: （签字）（盖章）（第1次）
    ))
)


def forbid_chinese_marks_at_line_start() -> None:
    for module in (textsplit, paragraph):
        missing = "".join(mark for mark in CHINESE_CANNOT_START if mark not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing


def break_allowed(text: str) -> list[bool]:
    """``allowed[i]``: a line may break before ``text[i]`` (i ≥ 1).

    No rule is absolute: :func:`cjk_frag_split` breaks where it must when a
    line offers no allowed place (a URL longer than the line)."""
    allowed = [True] * (len(text) + 1)
    allowed[0] = False
    for match in _KEEP_WHOLE.finditer(text):
        for i in range(match.start() + 1, match.end()):
            allowed[i] = False
    for i in range(1, len(text)):
        if text[i] in CANNOT_START or text[i - 1] in CANNOT_END:
            allowed[i] = False
    return allowed


def _width(glyph: Any, max_width: float) -> float:
    width = glyph.width
    if hasattr(width, "normalizedValue"):
        width._normalizer = max_width
        width = width.normalizedValue(max_width)
    return float(width)


def line_spans(text: str, widths: list[float], max_widths: list[float],
               forced: frozenset[int] = frozenset()) -> list[tuple[int, int, float]]:
    """Where the lines of ``text`` start and end, and how wide each is.

    Greedy filling; at the first character that does not fit, a closing
    mark hangs in the margin, otherwise the line ends at the last place
    :func:`break_allowed` allows (or where it must, if none). ``forced``
    are positions after which a line ends (a ``<br/>``)."""
    allowed = break_allowed(text)
    spans: list[tuple[int, int, float]] = []
    count = len(text)
    start = 0
    i = 0
    used = 0.0

    def limit() -> float:
        return max_widths[min(len(spans), len(max_widths) - 1)]

    while i < count:
        width = widths[i]
        if i in forced:
            spans.append((start, i + 1, used + width))
            start = i = i + 1
            used = 0.0
            continue
        if used + width <= limit() + _FUZZ or i == start:
            used += width
            i += 1
            continue
        if text[i] in CANNOT_START and (i + 1 >= count or text[i + 1] not in CANNOT_START):
            # A closing mark hangs in the margin (one only).
            i += 1
            end = i if i >= count or allowed[i] else (_last_break(allowed, start, i - 1) or i)
        else:
            end = _last_break(allowed, start, i) or i
        spans.append((start, end, sum(widths[start:end])))
        start = i = end
        used = 0.0
    if start < count or not spans:
        spans.append((start, count, sum(widths[start:count])))
    return spans


def cjk_frag_split(frags: Any, max_widths: list[float], calc_bounds: Any, encoding: str = "utf8") -> Any:
    """reportlab's CJK line breaking of a paragraph with markup, by the rules of this module."""
    glyphs: list[Any] = []
    for frag in frags:
        text = frag.text
        if isinstance(text, bytes):
            text = text.decode(encoding)
        if text:
            glyphs.extend(paragraph.cjkU(t, frag, encoding) for t in text)
        else:
            glyphs.append(paragraph.cjkU(text, frag, encoding))
    chars = "".join(str(g)[:1] or "\ufffc" for g in glyphs)
    widths = [_width(g, max_widths[0]) for g in glyphs]
    forced = frozenset(i for i, g in enumerate(glyphs) if hasattr(g.frag, "lineBreak"))
    lines = []
    for n, (start, end, used) in enumerate(line_spans(chars, widths, max_widths, forced)):
        max_width = max_widths[min(n, len(max_widths) - 1)]
        line_break = end - 1 in forced
        lines.append(paragraph.makeCJKParaLine(glyphs[start:end], max_width, used, max_width - used, line_break,
                                               calc_bounds))
    return paragraph.ParaLines(kind=1, lines=lines)


def word_split(word: str | bytes, max_widths: float | list[float], font_name: str, font_size: float,
               encoding: str = "utf8") -> list[list[Any]]:
    """reportlab's splitting of a one-style paragraph, by the rules of this module."""
    text = word.decode(encoding) if isinstance(word, bytes) else word
    limits = list(max_widths) if isinstance(max_widths, (list, tuple)) else [max_widths]
    widths = [float(w) for w in textsplit.getCharWidths(text, font_name, font_size)]
    result: list[list[Any]] = []
    for n, (start, end, used) in enumerate(line_spans(text, widths, limits)):
        result.append([limits[min(n, len(limits) - 1)] - used, text[start:end]])
    return result


def _last_break(allowed: list[bool], start: int, end: int) -> int | None:
    """The last position in (start, end] a line may break before, if any."""
    for position in range(end, start, -1):
        if allowed[position]:
            return position
    return None


_installed = False


def install() -> None:
    """Put the Chinese rules in place (once per process)."""
    global _installed
    if _installed:
        return
    forbid_chinese_marks_at_line_start()
    paragraph.cjkFragSplit = cjk_frag_split
    paragraph.wordSplit = word_split
    _installed = True
