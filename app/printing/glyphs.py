"""No character lost: the data of a document checked against the font chain
before the document is issued.

A paper with a wrong name is invalid, and a character the fonts cannot set
would print as a blank or vanish. So before any document is rendered every
string of its data is checked against the chain (:class:`FontChain`); a
character no font has stops printing with a message naming the character,
its code point and the field it is in, so the worker can install a font (or
choose one in 打印中心) rather than hand out a wrong paper.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from app.printing.fonts import FontChain
from app.services.errors import DomainError
from app.text import tr

__all__ = ["FIELD_NAMES", "MissingGlyph", "check_glyphs", "strings_of"]

#: The Chinese names of data fields, for the message; others print as their path.
FIELD_NAMES: dict[str, str] = {
    "name": "名称", "applicant": "申请人", "applicant.name": "申请人姓名", "applicant.address": "申请人地址",
    "asker_name": "来访人姓名", "applicant_name": "申请人姓名", "item_name": "事项名称", "question": "咨询事项",
    "answer": "首问答复", "referred_to": "承办单位", "referred_person": "承办联系人",
    "referred_address": "办理地址", "reason": "延期理由", "reasons": "理由", "result": "办理结果说明",
    "note": "备注", "notes": "其他事项", "materials": "申请材料", "missing": "补正材料", "deferred": "容缺材料",
    "center": "中心信息", "center.name": "中心名称", "center.address": "中心地址", "staff_name": "经办人",
    "legal_basis": "法律依据", "conditions": "申请条件", "process": "办理流程", "location": "办理地点",
    "department": "主管部门", "decided_by": "决定机关", "approved_by": "批准人", "rows": "台账行",
    "promise": "申请人承诺", "appeal": "救济途径", "seal_name": "印章名称",
}


class MissingGlyph(DomainError):
    """A character of the data is in no font of the chain."""

    def __init__(self, char: str, path: str) -> None:
        label = field_label(path)
        code = f"U+{ord(char):04X}"
        super().__init__(tr(
            f"无法打印：{label}中的“{char}”（{code}）在打印字体中没有字形，打印出来会缺字。"
            "请在“打印中心”选择含该字的字体（如 Windows 的 SimSun-ExtB / SimSun-ExtG），"
            "或安装生僻字字体（Linux：fonts-hanazono、fonts-babelstone-han）后再打印。",
            f"Cannot print: “{char}” ({code}) in {path} has no glyph in the printing fonts and would be lost. "
            "Choose a font that has it in the print center, or install a font for rare characters, then print again.",
        ), field=path)
        self.char = char
        self.path = path


def field_label(path: str) -> str:
    """申请材料第3项（名称） from ``materials[2].name``."""
    plain = re.sub(r"\[\d+\]", "", path)
    if plain in FIELD_NAMES and "[" not in path:
        return f"“{FIELD_NAMES[plain]}”"
    head, _, rest = path.partition(".")
    base, bracket, index = head.partition("[")
    if bracket and base in FIELD_NAMES:
        number = int(index.rstrip("]")) + 1
        detail = FIELD_NAMES.get(rest.split("[")[0], rest) if rest else ""
        return f"“{FIELD_NAMES[base]}”第{number}项" + (f"（{detail}）" if detail else "")
    last = path.split(".")[-1].split("[")[0]
    return f"“{FIELD_NAMES.get(last, path)}”"


def strings_of(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a document's data, with its dotted path."""
    if isinstance(value, str):
        yield path, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from strings_of(getattr(value, field.name), f"{path}.{field.name}" if path else field.name)
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from strings_of(item, f"{path}[{index}]")


def check_glyphs(data: Any, chain: FontChain) -> None:
    """Raise MissingGlyph for the first character of ``data`` no font of the chain has."""
    for path, text in strings_of(data):
        missing = chain.missing(text)
        if missing:
            raise MissingGlyph(missing[0], path)
