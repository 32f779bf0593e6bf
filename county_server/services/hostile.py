"""Values no record of a desk can hold, found before an operation is stored.

PostgreSQL refuses ``\\x00`` in text and JSON, a lone surrogate cannot be
encoded as UTF-8, a number beyond 64 bits fits no column, and JSON nested
deeper than any record is an attack on the parser. Each is found here, with
the field it sits in, so that the one operation carrying it is refused with a
reason while the rest of its batch is applied (never a 500 for the batch).
The walk is iterative: a deep value cannot exhaust the stack.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Nesting a desk record never needs (an op's payload is two or three levels deep).
MAX_DEPTH = 32
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


class TooDeep:
    """An operation whose JSON nests too deep to parse at all (found while
    reading the body): answered for itself, the rest of its batch goes on."""

    def __init__(self, op_id: str | None) -> None:
        self.op_id = op_id


@dataclass(frozen=True)
class Hostile:
    code: str  # bad_text | number_out_of_range | too_deep
    field: str
    reason: str


def _where(path: tuple[str, ...]) -> str:
    return ".".join(path) or "(整体)"


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text, or None."""
    if "\x00" in value:
        return "含有空字符（\\x00）"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "含有无法编码的字符（孤立的代理项）"
    return None


def find_hostile(value: Any, *, max_depth: int = MAX_DEPTH) -> Hostile | None:
    """The first value in ``value`` no record can hold, with where it is."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(value, ())]
    while stack:
        item, path = stack.pop()
        if len(path) > max_depth:
            return Hostile("too_deep", _where(path[:max_depth]),
                           f"数据嵌套超过 {max_depth} 层")
        if isinstance(item, str):
            problem = text_problem(item)
            if problem:
                return Hostile("bad_text", _where(path), f"字段「{_where(path)}」{problem}")
        elif isinstance(item, bool):
            continue
        elif isinstance(item, int):
            if not INT64_MIN <= item <= INT64_MAX:
                return Hostile("number_out_of_range", _where(path),
                               f"字段「{_where(path)}」的数值超出范围")
        elif isinstance(item, dict):
            for key, child in item.items():
                name = str(key)
                problem = text_problem(name)
                if problem:
                    return Hostile("bad_text", _where(path), f"字段名{problem}")
                stack.append((child, (*path, name)))
        elif isinstance(item, list):
            stack.extend((child, (*path, str(index))) for index, child in enumerate(item))
    return None
