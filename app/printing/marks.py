"""Things drawn rather than typeset: the heavy title with its 补打 mark,
the seal box and the cut line."""
from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from app.printing.sheet import MIN_TYPE_SIZE, Sheet

INK = Color(0.15, 0.15, 0.15)


class TitleLine(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """The document title, centred, letter-spaced and set heavy, with the
    补打 mark boxed at the right margin when the paper is a reprint.

    One regular face serves the whole document; stroking the glyph outlines
    as well as filling them gives the title the weight of a bold face.
    """

    def __init__(self, text: str, sheet: Sheet, *, mark: str = "") -> None:
        super().__init__()
        self.text = text
        self.mark = mark
        self.font = sheet.font
        self.size = sheet.paper.title_size
        self.mark_size = sheet.paper.table_size
        # Short titles are spread out as on printed forms; long ones less so.
        self.spacing = self.size * (0.25 if len(text) <= 6 else 0.1)
        self.spaceBefore = sheet.paper.body_size * 0.2
        self.spaceAfter = sheet.paper.body_size * 0.5

    def _text_width(self) -> float:
        width: float = stringWidth(self.text, self.font, self.size)
        return width + self.spacing * (len(self.text) - 1)

    def _mark_width(self) -> float:
        return stringWidth(self.mark, self.font, self.mark_size) + self.mark_size * 1.2 if self.mark else 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # A title wider than the room the mark leaves is set smaller, never cut.
        room = available_width - 2 * (self._mark_width() + self.mark_size) if self.mark else available_width
        while self._text_width() > room and self.size > MIN_TYPE_SIZE:
            self.size -= 0.5
            self.spacing = self.size * 0.1
        self.width = available_width
        self.height = self.size * 1.3
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        text = canvas.beginText((self.width - self._text_width()) / 2, self.size * 0.3)
        text.setFont(self.font, self.size)
        text.setCharSpace(self.spacing)
        text.setTextRenderMode(2)
        canvas.setLineWidth(self.size * 0.035)
        text.textOut(self.text)
        # Tc and Tr outlive the text object: reset them for the mark.
        text.setCharSpace(0)
        text.setTextRenderMode(0)
        canvas.drawText(text)
        if self.mark:
            width = self._mark_width()
            box_height = self.mark_size * 1.8
            bottom = (self.height - box_height) / 2
            canvas.setLineWidth(1)
            canvas.rect(self.width - width, bottom, width, box_height)
            canvas.setFont(self.font, self.mark_size)
            canvas.drawCentredString(self.width - width / 2, bottom + self.mark_size * 0.6, self.mark)
        canvas.restoreState()


class SealBox(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """An empty dashed box where a seal (e.g. 受理专用章) is stamped."""

    def __init__(self, sheet: Sheet, label: str, width: float, height: float) -> None:
        super().__init__()
        self.font = sheet.font
        self.size = sheet.paper.small_size
        self.label = label
        self.width, self.height = width, height
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.6)
        canvas.setDash(3, 2)
        canvas.rect(0, 0, self.width, self.height)
        canvas.setFillGray(0.35)
        canvas.setFont(self.font, self.size)
        canvas.drawCentredString(self.width / 2, self.size * 0.8, f"（{self.label}）")
        canvas.restoreState()


class CutLine(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """A dashed line across the page with a note where to cut."""

    def __init__(self, sheet: Sheet, note: str) -> None:
        super().__init__()
        self.font = sheet.font
        self.size = sheet.paper.small_size
        self.note = note
        self.spaceBefore = self.spaceAfter = sheet.paper.body_size * 0.8

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.size * 1.4
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        middle = self.height / 2
        note_width = stringWidth(self.note, self.font, self.size) + self.size
        gap_left = (self.width - note_width) / 2
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.7)
        canvas.setDash(4, 3)
        canvas.line(0, middle, gap_left, middle)
        canvas.line(gap_left + note_width, middle, self.width, middle)
        canvas.setFont(self.font, self.size)
        canvas.setFillGray(0.3)
        canvas.drawCentredString(self.width / 2, middle - self.size * 0.35, self.note)
        canvas.restoreState()
