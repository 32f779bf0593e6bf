"""Failures reach the worker as sentences, with details for IT."""
from __future__ import annotations

import errno

from app.services.calendar import CalendarFileError
from app.services.identity import parse_id_number
from app.ui.operations import describe_error


def test_a_rule_broken_by_the_input_is_shown_as_is() -> None:
    try:
        parse_id_number("110101199003074515")
    except ValueError as error:
        failure = describe_error(error)
    assert "校验位" in failure.message and failure.field == "id_number"
    assert "Traceback" in failure.details


def test_a_bad_calendar_file_lists_its_problems() -> None:
    failure = describe_error(CalendarFileError(["a.csv 第 2 行「date」：日期无效"]))
    assert failure.message == "a.csv 第 2 行「date」：日期无效" and failure.field == "calendar_file"


def test_a_full_disk_says_nothing_was_saved(qapp) -> None:
    failure = describe_error(OSError(errno.ENOSPC, "No space left on device"))
    assert "磁盘已满" in failure.message and "未保存" in failure.message


def test_an_unexpected_error_says_nothing_changed_and_whom_to_ask(qapp) -> None:
    failure = describe_error(RuntimeError("boom"))
    assert "没有做任何更改" in failure.message and "技术人员" in failure.message
    assert "boom" in failure.details and "boom" not in failure.message
