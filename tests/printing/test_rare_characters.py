"""No character lost: rare name characters (生僻字) of CJK Ext A to G print,
and one no font has stops the document with a message naming it and its field."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.printing import MissingGlyph, font_chain, render
from app.printing.glyphs import check_glyphs, field_label
from tests.printing import samples
from tests.printing.pdftools import RenderedPdf, squash

# 王𠈌䶮: Ext B (U+2020C) and Ext A (U+4DAE); 𪚥 Ext B; 𫚉 Ext C; 𬺰 Ext E; 𰻝 Ext G.
RARE_NAME = "王𠈌䶮"
RARE_ITEM = "𪚥𫚉𬺰𰻝生僻字测试事项"


def _rare_receipt() -> samples.ReceiptData:
    data = samples.receipt()
    return replace(data, applicant=replace(data.applicant, name=RARE_NAME, address="𠈌䶮村三组"),
                   item_name=RARE_ITEM)


@pytest.mark.parametrize("paper", ["A4", "A5", "80mm"])
def test_names_with_ext_a_and_ext_b_characters_are_on_the_page(paper: str, tmp_path: Path) -> None:
    path = tmp_path / f"rare-{paper}.pdf"
    path.write_bytes(render(_rare_receipt(), paper))
    pdf = RenderedPdf(path)
    for text in (RARE_NAME, RARE_ITEM):
        assert squash(text) in pdf.flat or pdf.shows(text), text
    for char in RARE_NAME + RARE_ITEM:
        assert char in pdf.text, f"U+{ord(char):04X} lost"
    # Every font the characters came from is embedded.
    assert pdf.fonts and all(font.embedded for font in pdf.fonts)
    assert len({font.name for font in pdf.fonts}) >= 2


def test_the_chain_covers_every_cjk_extension_with_a_debian_font() -> None:
    chain = font_chain()
    samples_by_block = {"A": "䶮", "B": "𠈌", "C": "𫚉", "D": "𫝀", "E": "𬺰", "F": "𮯠", "G": "𰻝"}
    assert {block: chain.missing(char) for block, char in samples_by_block.items()} == {
        block: [] for block in samples_by_block}


def test_without_the_fallback_fonts_a_rare_name_stops_printing_naming_character_and_field() -> None:
    chain = font_chain(fallbacks=[])
    with pytest.raises(MissingGlyph) as raised:
        check_glyphs(_rare_receipt(), chain)
    assert raised.value.char == "𠈌"
    assert raised.value.field == "applicant.name"
    assert "申请人姓名" in str(raised.value) and "𠈌" in str(raised.value) and "U+2020C" in str(raised.value)


def test_a_character_no_font_has_stops_the_document_before_it_is_rendered() -> None:
    # U+2EBF0 is in CJK Extension I (Unicode 15.1), which no installed font covers yet.
    data = samples.receipt()
    bad = data.materials[2]
    data = replace(data, materials=(*data.materials[:2], replace(bad, name=bad.name + "\U0002EBF0"), *data.materials[3:]))
    with pytest.raises(MissingGlyph) as raised:
        render(data, "A4")
    assert raised.value.field == "materials[2].name"
    assert "“申请材料”第3项（名称）" in str(raised.value)


def test_field_labels_read_as_chinese() -> None:
    assert field_label("item_name") == "“事项名称”"
    assert field_label("rows[4].applicant_name") == "“台账行”第5项（申请人姓名）"
