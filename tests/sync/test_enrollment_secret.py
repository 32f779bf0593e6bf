"""A lost enrollment answer is recovered only by the PC that asked: it proves
the secret whose hash went with its first request (protocol §2)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from app.services.setup import this_device
from app.sync.enroll import ENROLLMENT_SECRET_FILENAME
from tests.sync.conftest import one_backend
from tests.sync.live import CountyProcess
from tests.sync.proxy import FaultProxy


@pytest.fixture
def proxy(county: CountyProcess) -> Iterator[FaultProxy]:
    link = FaultProxy(county.port).start()
    yield link
    link.stop()


@one_backend
def test_a_lost_enrollment_answer_is_recovered_with_the_desks_secret(county: CountyProcess, proxy: FaultProxy,
                                                                      new_desk: Any) -> None:
    desk = new_desk(1)
    code = county.issue_code(desk.center_code)
    proxy.plan("/api/v1/enroll", "drop_after")  # the county answered; the answer never arrived
    desk.enroll(county, base=proxy.base, code=code)
    assert proxy.stats.faults == {"drop_after": 1}
    assert not (desk.data_dir / ENROLLMENT_SECRET_FILENAME).exists()
    report = desk.sync()
    assert report.ok, report.message
    with desk.factory() as session:
        device_id = str(this_device(session).id)
    # Anyone else with the code and the device id (every desk of the center knows it) gets nothing.
    replay = httpx.post(county.base + "/api/v1/enroll", json={"code": code, "device_id": device_id}, timeout=10)
    assert (replay.status_code, replay.json()["detail"]["error"]) == (400, "code_used")
    assert desk.sync().ok
