"""Chinese line breaking (避头点) for reportlab paragraphs.

reportlab keeps a list of marks that may not start a line, taken from
Japanese typography: it has 、。） but not the full-width comma, semicolon,
colon, question and exclamation marks or the closing quotes of Chinese
text, so a line of a notice could begin with "，". A mark on that list
instead hangs at the end of the previous line (within the right indent the
styles keep free, see :mod:`app.printing.sheet`).

reportlab reads the list from a module global when it breaks a paragraph
(one in ``textsplit`` for plain paragraphs, a copy in ``paragraph`` for
paragraphs with markup), so the marks are added to both, once. Adding marks
only ever stops a line from starting with punctuation, for any text any
other code sets.
"""
from __future__ import annotations

from reportlab.lib import textsplit
from reportlab.platypus import paragraph

CHINESE_CANNOT_START = "，；：？！”’》〉」』〗"


def forbid_chinese_marks_at_line_start() -> None:
    for module in (textsplit, paragraph):
        missing = "".join(mark for mark in CHINESE_CANNOT_START if mark not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START += missing
