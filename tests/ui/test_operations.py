"""Failures reach the worker as sentences, with details for IT."""
from __future__ import annotations

import errno

from app.services.calendar import CalendarFileError
from app.services.identity import parse_id_number
from app.ui.operations import Failure, Lane, describe_error


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


def test_an_operation_announces_what_it_wrote_and_hands_its_result_over(runner) -> None:
    from app.services import settings
    from app.services.changes import Change

    announced: list[frozenset[Change]] = []
    results: list[int] = []
    runner.changed.connect(announced.append)

    def save(session) -> int:
        settings.put(session, settings.DEADLINE_SOON_DAYS, 3)
        return 3

    runner.op(save).success(results.append).run()
    assert results == [3] and announced == [frozenset({Change.SETTINGS})]
    runner.op(lambda session: settings.get(session, settings.DEADLINE_SOON_DAYS)).success(results.append).run()
    assert results == [3, 3] and len(announced) == 1  # a read changes nothing


def test_a_failed_operation_changed_nothing_and_says_so(runner) -> None:
    from app.services import settings

    announced: list[object] = []
    failures: list[Failure] = []
    runner.changed.connect(announced.append)

    def half_done(session) -> None:
        settings.put(session, settings.DEADLINE_SOON_DAYS, 3)
        raise RuntimeError("boom")

    runner.op(half_done).failure(failures.append).run()
    assert announced == [] and "boom" in failures[0].details


def test_every_lane_runs_inline_under_the_test_executor_and_busy_follows_the_writer(runner) -> None:
    busy: list[bool] = []
    runner.busy_changed.connect(busy.append)
    done: list[str] = []
    for lane in Lane:
        runner.task(lambda lane=lane: lane.value, lane=lane).success(done.append).run()
    assert done == [lane.value for lane in Lane]
    assert busy == [True, False]  # only the writer lane shows as busy
    assert runner.wait_idle(1000)


def test_idle_means_nothing_out_on_any_lane(qapp) -> None:
    """`--screenshot` grabs once the runner has been idle a while: a network or
    printer task still out is not idle, though the writer lane is not busy."""
    import threading

    from app.ui.operations import OperationRunner

    runner = OperationRunner()
    release = threading.Event()
    assert runner.is_idle()
    runner.task(lambda: release.wait(5), lane=Lane.NETWORK).run()
    assert not runner.is_idle() and not runner.is_busy()
    release.set()
    assert runner.wait_idle(5000)
    assert runner.is_idle()
