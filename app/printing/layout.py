"""Laying a story out on pages, with the furniture every page carries.

:func:`build_pdf` lays a story of flowables on a sheet and returns the PDF
bytes. Every page gets the footer (worker, print time, 第 N 页 共 M 页) and
every page after the first a running header, so a page that comes loose
still says what it belongs to. The page count is known only at the end; the
canvas keeps the pages back and draws the footers when the document is
saved, so the story is laid out once.

The 80 mm roll is one page as long as its content: the story is measured at
the roll's width and the page made that tall.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from io import BytesIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate

from app.printing.data import Document
from app.printing.sheet import Sheet
from app.printing.text import moment, reprint_mark

# A PDF page may be at most 200 inches long; a longer roll flows onto more pages.
_MAX_ROLL_HEIGHT: float = 5000 * mm


class _PageCountingCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """Holds pages back until save, then draws each footer knowing the total."""

    def __init__(self, *args: object, furniture: Callable[[Canvas, int, int], None], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, object]] = []
        self._furniture = furniture

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        for state in self._held:
            self.__dict__.update(state)
            self._furniture(self, self._pageNumber, total)
            Canvas.showPage(self)
        Canvas.save(self)


def build_pdf(story: Sequence[Flowable], *, sheet: Sheet, doc: Document, title: str) -> bytes:
    """Lay ``story`` out on ``sheet`` and return the PDF."""
    paper = sheet.paper
    header_height = 0 if sheet.roll else paper.small_size * 2.2
    footer_height = paper.small_size * 2.2
    page_height = sheet.page_height or _roll_height(story, sheet, footer_height)
    frame_width = sheet.width
    left = paper.side_margin

    def frame(name: str, top_reserve: float) -> Frame:
        bottom = paper.bottom_margin + footer_height
        height = page_height - paper.top_margin - top_reserve - bottom
        return Frame(left, bottom, frame_width, height, id=name,
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    buffer = BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=(sheet.page_width, page_height),
        leftMargin=left, rightMargin=left, topMargin=paper.top_margin, bottomMargin=paper.bottom_margin,
        title=f"{title} {doc.doc_number}",
        author=doc.center.name,
        creator="OneWindow 一窗通",
        # The canvas starts every page with a font; left to itself that is
        # Helvetica, which would be listed in the PDF and never embedded.
        initialFontName=sheet.font,
        initialFontSize=paper.body_size,
    )
    template.addPageTemplates([
        PageTemplate("first", frames=[frame("first", 0)], autoNextPageTemplate="later"),
        PageTemplate("later", frames=[frame("later", header_height)]),
    ])

    def furniture(canvas: Canvas, page: int, total: int) -> None:
        _draw_furniture(canvas, sheet=sheet, doc=doc, title=title, page=page, total=total, page_height=page_height)

    template.build(list(story), canvasmaker=lambda *a, **k: _PageCountingCanvas(*a, furniture=furniture, **k))
    return buffer.getvalue()


def _draw_furniture(canvas: Canvas, *, sheet: Sheet, doc: Document, title: str,
                    page: int, total: int, page_height: float) -> None:
    paper = sheet.paper
    size = paper.small_size
    left = paper.side_margin
    right = sheet.page_width - paper.side_margin
    canvas.saveState()
    canvas.setFont(sheet.font, size)
    canvas.setFillGray(0.25)
    canvas.setStrokeGray(0.5)
    canvas.setLineWidth(0.4)
    if page > 1 and not sheet.roll:
        # What the loose page belongs to: the document and its number whole,
        # the center's name (printed in full on page 1) shortened if need be.
        y = page_height - paper.top_margin - size
        mark = reprint_mark(doc.reprint_count)
        which = f"{title}　编号：{doc.doc_number}" + (f"　{mark}" if mark else "")
        canvas.drawRightString(right, y, which)
        room = right - left - canvas.stringWidth(which, sheet.font, size) - size * 2
        canvas.drawString(left, y, _fit(canvas, doc.center.name, sheet.font, size, room))
        canvas.line(left, y - size * 0.6, right, y - size * 0.6)
    y = paper.bottom_margin
    canvas.line(left, y + size * 1.3, right, y + size * 1.3)
    worker = f"经办人：{doc.staff_name}" + (f"（{doc.window_no}号窗口）" if doc.window_no else "")
    printed = f"打印时间：{moment(doc.printed_at)}"
    if sheet.roll:
        canvas.drawString(left, y, _fit(canvas, printed, sheet.font, size, right - left))
        if total > 1:
            canvas.drawRightString(right, y, f"{page}/{total}")
    else:
        pages = f"第 {page} 页 共 {total} 页"
        canvas.drawRightString(right, y, pages)
        room = right - left - canvas.stringWidth(pages, sheet.font, size) - size * 2
        canvas.drawString(left, y, _fit(canvas, f"{worker}　{printed}", sheet.font, size, room))
    canvas.restoreState()


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    """``text`` cut to ``width`` with an ellipsis (page furniture only: the
    full text is in the body of the document)."""
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _roll_height(story: Sequence[Flowable], sheet: Sheet, footer_height: float) -> float:
    paper = sheet.paper
    content = sum(_flowable_height(f, sheet.width) for f in story)
    # A little slack: the frame's own rounding must never push a line over.
    height: float = paper.top_margin + content + footer_height + paper.bottom_margin + 3 * mm
    return min(height, _MAX_ROLL_HEIGHT)


def _flowable_height(flowable: Flowable, width: float) -> float:
    if isinstance(flowable, KeepTogether):
        return sum(_flowable_height(f, width) for f in flowable._content)
    _, height = flowable.wrap(width, _MAX_ROLL_HEIGHT)
    total: float = height + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total
