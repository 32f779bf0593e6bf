"""What a text field may hold: characters a person can type, nothing hidden.

A pasted NUL, a stray escape, a C1 control or half of a surrogate pair is
invisible on the screen, breaks printed documents, and is refused by the
county's PostgreSQL (a NUL sinks a whole push batch there). So every service
that saves text a person typed or a file brought in checks it here, once, at
the service layer, and refuses the input with a sentence naming the field::

    name = check_text(data.name, field="name", label=Text("姓名", "The name"))
    check_fields(request, {"note": Text("备注", "The note")}, multiline={"note"})

Refused everywhere: C0 controls (U+0000-U+001F) and DEL (U+007F), C1
controls (U+0080-U+009F), and lone surrogates (U+D800-U+DFFF, which Python
lets a str hold but no encoding can write). A multi-line field (notes,
answers, reasons) may hold line breaks and tabs. Everything else passes,
including right-to-left marks and characters beyond the BMP (rare surnames
such as 𠮷 are real names).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from typing import Any

from app.services.errors import DomainError
from app.text import Text, tr

#: What a multi-line field may hold beyond printable text.
MULTILINE_ALLOWED = frozenset("\t\n\r")


def _refused(char: str, *, multiline: bool) -> bool:
    code = ord(char)
    if code < 0x20 or code == 0x7F:
        return not (multiline and char in MULTILINE_ALLOWED)
    return 0x80 <= code <= 0x9F or 0xD800 <= code <= 0xDFFF


def first_refused(value: str, *, multiline: bool = False) -> int | None:
    """The index of the first character a text field may not hold, or None."""
    for index, char in enumerate(value):
        if _refused(char, multiline=multiline):
            return index
    return None


def _describe(char: str) -> str:
    code = ord(char)
    return "U+0000 NUL" if code == 0 else f"U+{code:04X}"


def text_problem(value: str, *, label: Text, multiline: bool = False) -> str | None:
    """The sentence refusing ``value`` for the field ``label``, or None when it may be saved."""
    index = first_refused(value, multiline=multiline)
    if index is None:
        return None
    shown = _describe(value[index])
    return tr(f"{label.zh}的第 {index + 1} 个字符是看不见的控制字符（{shown}），常由复制粘贴带入；"
              "请删除该处内容后重新输入",
              f"{label.en} holds an invisible control character ({shown}) at position {index + 1}, "
              "often brought in by copy and paste; delete it there and type it again")


def check_text(value: str, *, field: str, label: Text, multiline: bool = False) -> str:
    """``value`` unchanged, or a :class:`DomainError` naming ``field``."""
    problem = text_problem(value, label=label, multiline=multiline)
    if problem is not None:
        raise DomainError(problem, field=field)
    return value


def check_fields(data: Any, labels: Mapping[str, Text], *, multiline: Collection[str] = ()) -> None:
    """Check every text a request carries: each ``str`` field of the
    dataclass ``data``, the strings in its tuples and dicts, and the fields of
    the dataclasses it holds (e.g. an intake's materials).

    ``labels`` names every field that can hold text (a field missing here is a
    programming error, raised as ``KeyError`` so a test finds it).
    """
    for item in dataclasses.fields(data):
        _check_value(getattr(data, item.name), item.name, labels, multiline)


def _check_value(value: Any, name: str, labels: Mapping[str, Text], multiline: Collection[str]) -> None:
    if isinstance(value, str):
        check_text(value, field=name, label=labels[name], multiline=name in multiline)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        check_fields(value, labels, multiline=multiline)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for element in value:
            _check_value(element, name, labels, multiline)
    elif isinstance(value, Mapping):
        for key, element in value.items():
            _check_value(key, name, labels, multiline)
            _check_value(element, name, labels, multiline)
