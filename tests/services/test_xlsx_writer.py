"""The ledgers' .xlsx writer: what it writes reads back in openpyxl as meant."""
from __future__ import annotations

import zipfile
from io import BytesIO
from xml.etree import ElementTree

import pytest

from app.services.xlsx_writer import Style, Workbook, column_letter

openpyxl = pytest.importorskip("openpyxl")


def _book() -> bytes:
    book = Workbook()
    sheet = book.add_sheet("办件台账", widths=[6, 22, 10], freeze_rows=2, print_title_rows=2, footer="第 &P 页，共 &N 页")
    sheet.append([("某中心 办件台账", Style(bold=True, size=14))])
    sheet.append([(text, Style(bold=True, fill="DDE6F0", center=True, wrap=True)) for text in ("序号", "申请人", "比率")])
    sheet.append([1, "张三 & <李四>", 0.5])
    sheet.append([2, "控制\x07字符", ("—", None)])
    sheet.append([3, "", (0.1234, Style(number_format="0.00%"))])
    sheet.append([4, "  前后空格 ", (2.25, Style(number_format="0.0"))])
    sheet.append(["合计", "共 4 件", None], style=Style(bold=True))
    book.add_sheet("办件台账")  # the same name again: made unique
    return book.save()


def test_every_part_is_well_formed_xml() -> None:
    with zipfile.ZipFile(BytesIO(_book())) as package:
        names = package.namelist()
        assert "[Content_Types].xml" in names and "xl/workbook.xml" in names and "xl/styles.xml" in names
        for name in names:
            ElementTree.fromstring(package.read(name))


def test_values_and_types_read_back() -> None:
    book = openpyxl.load_workbook(BytesIO(_book()))
    assert book.sheetnames == ["办件台账", "办件台账(2)"]
    sheet = book["办件台账"]
    assert sheet["A1"].value == "某中心 办件台账"
    assert [c.value for c in sheet[2]] == ["序号", "申请人", "比率"]
    assert sheet["A3"].value == 1 and isinstance(sheet["A3"].value, int)
    assert sheet["B3"].value == "张三 & <李四>" and sheet["C3"].value == 0.5
    assert sheet["B4"].value == "控制字符"  # a character XML cannot hold is dropped, the rest kept
    assert sheet["B5"].value is None
    assert sheet["B6"].value == "  前后空格 "
    assert [c.value for c in sheet[7]] == ["合计", "共 4 件", None]
    assert sheet.max_row == 7


def test_styles_page_and_frozen_header() -> None:
    book = openpyxl.load_workbook(BytesIO(_book()))
    sheet = book["办件台账"]
    assert sheet["A1"].font.b and sheet["A1"].font.sz == 14
    header = sheet["A2"]
    assert header.font.b and header.fill.fgColor.rgb.endswith("DDE6F0") and header.alignment.wrap_text
    assert header.alignment.horizontal == "center"
    assert sheet["C5"].number_format == "0.00%" and sheet["C6"].number_format == "0.0"
    assert sheet["A7"].font.b and not sheet["A3"].font.b
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["B"].width == 22
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == "9"
    assert str(sheet.page_setup.fitToWidth) == "1" and str(sheet.page_setup.fitToHeight) == "0"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_column_letters() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]


def test_a_workbook_needs_a_sheet() -> None:
    with pytest.raises(ValueError):
        Workbook().save()
