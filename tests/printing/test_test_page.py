"""打印机测试页: one page on each paper, with millimetre rulers on the edges,
the font check (rare characters included) and a QR code that reads back."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.printing import PAPERS, font_chain, render
from app.printing.documents.test_page import RARE_CHARACTERS, TITLE, TestPageData, story
from app.printing.layout import build_pdf
from app.printing.sheet import sheet
from tests.printing import samples
from tests.printing.pdftools import RenderedPdf

MM = 72 / 25.4
RARE = "".join(chars for _block, chars in RARE_CHARACTERS)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("zbarimg") is None,
                                reason="poppler-utils and zbar-tools")


def _rendered(tmp_path: Path, paper: str, data: TestPageData | None = None) -> RenderedPdf:
    path = tmp_path / f"test-page-{paper}.pdf"
    path.write_bytes(render(data or samples.test_page(), paper))
    return RenderedPdf(path)


@pytest.mark.parametrize("paper", ["A4", "A5", "80mm"])
def test_one_page_with_the_font_check_and_a_qr_that_reads_back(tmp_path: Path, paper: str) -> None:
    data = samples.test_page()
    pdf = _rendered(tmp_path, paper, data)
    assert pdf.pages == 1
    assert pdf.shows(TITLE) and pdf.shows(data.center.name) and pdf.shows(data.doc_number)
    for char in RARE:  # every CJK extension, A to G, through the font chain
        assert char in pdf.text, f"U+{ord(char):04X} lost"
    assert pdf.shows("以上生僻字均能打印，无缺字。")
    assert pdf.shows("0123456789") and pdf.shows("一窗通便民服务中心受理回执")
    assert pdf.fonts and all(font.embedded for font in pdf.fonts)
    assert pdf.qr_payloads() == [data.qr_payload] == [f"ONEWINDOW-PRINT-TEST {data.doc_number}"]


@pytest.mark.parametrize("paper", ["A4", "A5", "80mm"])
def test_the_rulers_are_numbered_in_millimetres_from_the_edges(tmp_path: Path, paper: str) -> None:
    pdf = _rendered(tmp_path, paper)
    width, height = pdf.page_sizes[0]
    numbers = [w for w in pdf.words if w.text.isdigit() and int(w.text) % 10 == 0 and int(w.text) >= 10]
    # Top ruler: counted from the left edge, every 10 mm, right under the top edge.
    top = {int(w.text): w for w in numbers if w.y_min < 8 * MM}
    expected = set(range(10, int(width / MM) - 2, 10))
    assert expected <= set(top)
    for value in expected:
        centre = (top[value].x_min + top[value].x_max) / 2
        assert centre == pytest.approx(value * MM, abs=0.5)
    if PAPERS[paper].roll:
        return  # the roll's side margins are too narrow for numbers
    # Left ruler: counted from the top edge, in the margin outside the text.
    left = {int(w.text): w for w in numbers if w.x_max < PAPERS[paper].side_margin}
    assert set(range(10, int(height / MM) - 2, 10)) <= set(left)
    for value in (10, 100):
        middle = (left[value].y_min + left[value].y_max) / 2
        assert middle == pytest.approx(value * MM, abs=2)


def test_the_page_fits_the_paper_it_was_made_for(tmp_path: Path) -> None:
    sizes = {paper: _rendered(tmp_path, paper).page_sizes[0] for paper in ("A4", "A5", "80mm")}
    assert (sizes["A4"][0] / MM, sizes["A4"][1] / MM) == pytest.approx((210, 297), abs=0.5)
    assert (sizes["A5"][0] / MM, sizes["A5"][1] / MM) == pytest.approx((148, 210), abs=0.5)
    assert sizes["80mm"][0] / MM == pytest.approx(80, abs=0.5)
    assert "A4纸" in _rendered(tmp_path, "A4").flat and "80毫米卷纸" in _rendered(tmp_path, "80mm").flat


def test_without_fonts_for_rare_characters_the_page_names_what_is_missing(tmp_path: Path) -> None:
    # The check is the point of the page: a missing font does not stop it, it is named on it.
    chain = font_chain(fallbacks=[])
    page = sheet(chain.name, "A4")
    data = samples.test_page()
    path = tmp_path / "no-fallbacks.pdf"
    path.write_bytes(build_pdf(story(data, page), sheet=page, doc=data, title=TITLE))
    pdf = RenderedPdf(path)
    assert pdf.shows("缺字（请安装生僻字字体后再试）")
    assert "U+2020C" in pdf.flat  # 𠈌, Ext B, which the main font lacks
    assert "生僻字补充字体" in pdf.flat and "无" in pdf.flat
    assert pdf.qr_payloads() == [data.qr_payload]
