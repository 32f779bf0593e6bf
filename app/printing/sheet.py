"""Paper and type: what every document is set on.

A :class:`Sheet` is one paper in one orientation with the registered font and
the paragraph styles sized for it, made once per process and paper.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from app.printing import cjk

ROLL_WIDTH = 80 * mm


#: The smallest type any document uses (the furniture of every page included).
MIN_TYPE_SIZE = 8


@dataclass(frozen=True)
class Paper:
    """A paper the desk prints on, its margins and type sizes (points)."""

    name: str
    width: float
    height: float  # 0 for the roll: as long as the content
    side_margin: float
    top_margin: float
    bottom_margin: float
    title_size: float
    body_size: float
    table_size: float
    small_size: float
    qr_size: float  # the QR symbol without its quiet zone

    @property
    def roll(self) -> bool:
        return self.height == 0


PAPERS: dict[str, Paper] = {
    "A4": Paper("A4", A4[0], A4[1], 16 * mm, 14 * mm, 14 * mm, 20, 10.5, 9.5, 8, 26 * mm),
    "A5": Paper("A5", A5[0], A5[1], 10 * mm, 9 * mm, 9 * mm, 15, 9, 8, 8, 22 * mm),
    # Nothing on a slip a resident keeps is set under 8 pt.
    "80mm": Paper("80mm", ROLL_WIDTH, 0, 4 * mm, 4 * mm, 6 * mm, 12.5, 8.5, 8, 8, 30 * mm),
}


@dataclass(frozen=True)
class Sheet:
    """One paper, one orientation, one font: the styles to set a document with.

    Styles are made once per sheet (see :func:`sheet`), not per document.
    """

    paper: Paper
    landscape: bool
    font: str
    page_width: float
    page_height: float
    width: float  # of the text frame
    heading: ParagraphStyle  # 一、申请材料
    subheading: ParagraphStyle  # a heading inside a block, no space above
    body: ParagraphStyle
    indented: ParagraphStyle  # a paragraph of a letter, first line indented two characters
    listed: ParagraphStyle  # lines set in from the left like the paragraphs
    numbered: ParagraphStyle  # 1. … with the number hanging
    center_name: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    small: ParagraphStyle
    signature: ParagraphStyle
    issuer: ParagraphStyle

    @property
    def roll(self) -> bool:
        return self.paper.roll

    @property
    def narrow(self) -> bool:
        """Too narrow for two label/value pairs side by side."""
        narrow: bool = self.width < 100 * mm
        return narrow


@cache
def sheet(font: str, paper_name: str, landscape: bool = False) -> Sheet:
    cjk.install()
    paper = PAPERS[paper_name]
    page_width, page_height = paper.width, paper.height
    if landscape and not paper.roll:
        page_width, page_height = page_height, page_width
    size = paper.body_size
    table = paper.table_size

    def style(name: str, font_size: float, **extra: object) -> ParagraphStyle:
        extra.setdefault("leading", font_size * 1.45)
        # CJK line breaking lets a closing mark (，。）) that may not start a
        # line hang past the right edge by one character. A character kept
        # free on the right keeps it inside the frame.
        if extra.get("alignment") == TA_CENTER:
            extra.setdefault("leftIndent", font_size * 0.5)
            extra.setdefault("rightIndent", font_size * 0.5)
        elif extra.get("alignment") != TA_RIGHT:
            extra.setdefault("rightIndent", font_size)
        return ParagraphStyle(name, fontName=font, fontSize=font_size, wordWrap="CJK", **extra)

    def cell(name: str, **extra: object) -> ParagraphStyle:
        # In a table the cell padding takes part of a hanging mark, so less
        # is kept free: a one-character column still holds its character.
        if extra.get("alignment") == TA_CENTER:
            extra.update(leftIndent=0, rightIndent=0)
        elif extra.get("alignment") != TA_RIGHT:
            extra.setdefault("rightIndent", table * 0.6)
        return style(name, table, leading=table * 1.3, **extra)

    hang = size * 1.6
    return Sheet(
        paper=paper,
        landscape=landscape,
        font=font,
        page_width=page_width,
        page_height=page_height,
        width=page_width - 2 * paper.side_margin,
        heading=style("heading", size + 0.5, spaceBefore=size * 0.7, spaceAfter=size * 0.3),
        subheading=style("subheading", size + 0.5, spaceAfter=size * 0.3),
        body=style("body", size, spaceAfter=size * 0.25),
        indented=style("indented", size, firstLineIndent=2 * size, spaceAfter=size * 0.25),
        listed=style("listed", size, leftIndent=2 * size, spaceAfter=size * 0.15),
        numbered=style("numbered", size, leftIndent=2 * size + hang, firstLineIndent=-hang, spaceAfter=size * 0.15),
        center_name=style("center", size + 1, alignment=TA_CENTER),
        cell=cell("cell"),
        cell_center=cell("cell_center", alignment=TA_CENTER),
        cell_right=cell("cell_right", alignment=TA_RIGHT),
        small=style("small", paper.small_size, alignment=TA_LEFT),
        signature=style("signature", size, spaceBefore=size, leading=size * 2.2),
        issuer=style("issuer", size, leading=size * 1.6, alignment=TA_CENTER),
    )
