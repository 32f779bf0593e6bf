"""打印机测试页 — the printer test page, from 设置.

One page on the chosen paper (A4, A5 or the 80 mm roll) that shows a worker
or the county's IT person at a glance whether the printer is set up right:

- millimetre rulers along all four edges, numbered from the edge, so the
  first tick that reached the paper says how many millimetres the printer
  cuts on that side (80 mm printers print about 72 mm of the roll);
- the font check: common characters at the sizes the documents use, and the
  rare name characters (生僻字) of CJK Ext A to G through the font chain; one
  the fonts lack is named by its code point instead of stopping the page;
- a QR code that a phone (or the desk's own check) must read back.

It prints through the same path as every document, with a number and a
print record, so the print center shows when the printer was last checked.
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.printing.blocks import heading, numbered, para, space, title_block
from app.printing.data import Document
from app.printing.fonts import chain_of
from app.printing.qr import QRCode
from app.printing.sheet import Sheet
from app.printing.tables import Field, field_grid
from app.printing.text import markup

TITLE = "打印机测试页"
QR_PREFIX = "ONEWINDOW-PRINT-TEST "

#: What the paper is, as the page names it.
PAPER_TEXT = {"A4": "A4纸（210×297毫米）", "A5": "A5纸（148×210毫米）", "80mm": "80毫米卷纸"}

#: Common characters: the documents' own words, digits and Latin letters.
COMMON_TEXT = "一窗通便民服务中心受理回执：材料齐全，承诺二十个工作日办结。0123456789 ABCabc（）《》“”；？！"
#: The same at title size, short enough for one line of A5.
SHORT_TEXT = "便民服务 0123456789"

#: One rare name character of each CJK block the font chain covers (as in the tests of rare names).
RARE_CHARACTERS: tuple[tuple[str, str], ...] = (
    ("扩展A", "䶮"), ("扩展B", "𠈌𪚥"), ("扩展C", "𫚉"), ("扩展D", "𫝀"), ("扩展E", "𬺰"), ("扩展F", "𮯠"), ("扩展G", "𰻝"),
)

_TICK_MINOR: float = 1.5 * mm
_TICK_HALF: float = 2.5 * mm
_TICK_MAJOR: float = 4 * mm
_LABEL_EVERY = 10  # millimetres


@dataclass(frozen=True, kw_only=True)
class TestPageData(Document):
    """The header only: everything else on the page is the printer's check."""

    __test__ = False  # not a pytest test class, whatever its name

    @property
    def qr_payload(self) -> str:
        return QR_PREFIX + self.doc_number


class EdgeRulers(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Millimetre rulers along the page's four edges, drawn in page space.

    Takes no room in the story; it draws when the frame places it, from the
    page size the canvas was made with (the roll's length is known by then).
    The top ruler counts from the left edge, the bottom one from the right,
    the left ruler from the top and the right one from the bottom: on every
    side, the first number that printed is what that side lost.
    """

    def __init__(self, sheet: Sheet) -> None:
        super().__init__()
        self.sheet = sheet
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803 - reportlab's names
        self.canv = canvas
        self.draw()
        del self.canv

    def draw(self) -> None:
        canvas = self.canv
        width, height = canvas._pagesize
        size = self.sheet.paper.small_size
        # On the roll the side margins are too narrow for numbers beside the text.
        side_numbers = not self.sheet.roll
        canvas.saveState()
        canvas.setLineWidth(0.3)
        canvas.setStrokeGray(0)
        canvas.setFillGray(0)
        canvas.setFont(self.sheet.font, size)
        for n in range(int(width / mm) + 1):
            tick = self._tick(n)
            canvas.line(n * mm, height, n * mm, height - tick)  # top, from the left
            canvas.line(width - n * mm, 0, width - n * mm, tick)  # bottom, from the right
            if n and n % _LABEL_EVERY == 0 and n * mm < width - 3 * mm:
                canvas.drawCentredString(n * mm, height - _TICK_MAJOR - size, str(n))
                if side_numbers:
                    canvas.drawCentredString(width - n * mm, _TICK_MAJOR + 1, str(n))
        # The side ticks stay clear of the text, even in the roll's 4 mm margins.
        side = min(1.0, (self.sheet.paper.side_margin - 1 * mm) / _TICK_MAJOR)
        for n in range(int(height / mm) + 1):
            tick = self._tick(n) * side
            canvas.line(0, height - n * mm, tick, height - n * mm)  # left, from the top
            canvas.line(width, n * mm, width - tick, n * mm)  # right, from the bottom
            if side_numbers and n and n % _LABEL_EVERY == 0 and n * mm < height - 3 * mm:
                canvas.drawString(_TICK_MAJOR + 1, height - n * mm - size * 0.35, str(n))
                canvas.drawRightString(width - _TICK_MAJOR - 1, n * mm - size * 0.35, str(n))
        canvas.restoreState()

    @staticmethod
    def _tick(n: int) -> float:
        if n % 10 == 0:
            return _TICK_MAJOR
        return _TICK_HALF if n % 5 == 0 else _TICK_MINOR


def rare_lines(sheet: Sheet) -> tuple[list[tuple[str, str]], list[str]]:
    """(the rare characters the fonts set, by block; those they lack, by code point)."""
    chain = chain_of(sheet.font)
    printed: list[tuple[str, str]] = []
    missing: list[str] = []
    for block, chars in RARE_CHARACTERS:
        have = "".join(ch for ch in chars if chain is not None and chain.covers(ch))
        lacking = [ch for ch in chars if ch not in have]
        if have:
            printed.append((block, have))
        missing += [f"{block} U+{ord(ch):04X}" for ch in lacking]
    return printed, missing


def story(data: TestPageData, sheet: Sheet) -> list[Flowable]:
    paper = sheet.paper
    chain = chain_of(sheet.font)
    fonts = chain.main.name if chain is not None else sheet.font
    fallbacks = "、".join(path.name for path in chain.fallbacks) if chain is not None and chain.fallbacks else "无"
    printed, missing = rare_lines(sheet)
    sizes = sorted({paper.small_size, paper.table_size, paper.body_size, paper.title_size})
    size_lines = [
        Paragraph(f"{size:g}磅：{markup(SHORT_TEXT if size == paper.title_size else COMMON_TEXT)}",
                  sheet.body.clone(f"size-{size}", fontSize=size, leading=size * 1.45))
        for size in sizes
    ]
    rare_style = sheet.body.clone("rare", fontSize=paper.title_size, leading=paper.title_size * 1.5)
    small = paper.body_size
    # Room under the top ruler's numbers (the roll has almost no top margin).
    top_room = max(0.0, _TICK_MAJOR + paper.small_size * 1.6 - paper.top_margin)
    return [
        EdgeRulers(sheet),
        Spacer(1, top_room),
        *title_block(sheet, data, TITLE),
        field_grid(sheet, [
            Field("纸张", PAPER_TEXT.get(paper.name, paper.name)),
            Field("打印字体", fonts),
            Field("测试人", data.staff_name),
            Field("生僻字补充字体", fallbacks, wide=True),
        ]),
        heading(sheet, "一、边距（四边毫米标尺）"),
        *numbered(sheet, [
            "上边标尺从左边缘起算，下边从右边缘起算，左边从上边缘起算，右边从下边缘起算。",
            "每边第一条印出来的刻度就是该边被裁掉的毫米数；文书的页边距应大于它。",
        ]),
        heading(sheet, "二、字体检查"),
        *size_lines,
        Paragraph(f'<font size="{small}">生僻字</font>　' + "　".join(
            f'<font size="{small}">{markup(block)}</font>{markup(chars)}' for block, chars in printed), rare_style),
        para("缺字（请安装生僻字字体后再试）：" + "、".join(missing) if missing else "以上生僻字均能打印，无缺字。",
             sheet.body),
        heading(sheet, "三、二维码"),
        QRCode(data.qr_payload, paper.qr_size),
        para(f"用手机扫描，应显示：{markup(data.qr_payload)}", sheet.small),
        space(sheet, 0.4),
        para("标尺完整、各号文字清晰、二维码能扫出，即打印机设置正确。", sheet.body),
    ]
