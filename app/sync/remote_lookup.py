"""Asking the county for a resident while this desk's history is still arriving.

A replacement PC takes in cases long before the center's whole history has
come down the link. When a lookup by ID number finds nobody here during that
time, the person may well be registered already: asking the county first
saves a duplicate registration (to be merged later). The county sends the
resident with its open cases; they are stored as if pulled, so the intake
goes on with the county's record. Short timeouts: a worker is waiting, and
when the link is down the desk says so and lets the worker register.
"""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.services import settings
from app.services.setup import find_this_device
from app.sync.apply import apply_record, context
from app.sync.credentials import read_token
from app.sync.pull import bootstrap_state
from app.sync.transport import SyncError, Transport
from app.text import tr

log = logging.getLogger(__name__)

#: Seconds a worker waits for the county's answer at most (connect and read each).
TIMEOUT_S = 5.0

FOUND = "found"
NOT_FOUND = "not_found"
OFFLINE = "offline"
SKIPPED = "skipped"  # the desk holds the whole history: its own "not found" is the answer


@dataclass(frozen=True)
class RemoteLookup:
    state: str
    resident_id: uuid.UUID | None = None
    message: str = ""

    @property
    def found(self) -> bool:
        return self.state == FOUND


def lookup_resident(
    factory: sessionmaker[Session],
    data_dir: Path,
    id_number: str,
    *,
    timeout: float = TIMEOUT_S,
    transport_factory: Callable[..., Transport] | None = None,
) -> RemoteLookup:
    """Ask the county for this center's resident with ``id_number`` when this
    desk's snapshot is not complete; store what it sends. Never raises for the
    link: the answer says what happened, in words for the worker."""
    with factory() as session:
        state = bootstrap_state(session)
        device = find_this_device(session)
        url = (device.server_url or "") if device is not None else ""
        ca = settings.get(session, settings.SYNC_CA_BUNDLE)
    if not state.active:
        return RemoteLookup(SKIPPED)
    token = read_token(data_dir)
    if not url or not token:
        return RemoteLookup(OFFLINE, message=_unconfirmed())
    make = transport_factory or Transport
    try:
        with make(url, token=token, ca_bundle=ca or None, connect_timeout=timeout, read_timeout=timeout) as transport:
            answer: Any = transport.get("residents/lookup", params={"id_number": id_number.strip().upper()},
                                        timeout=timeout)
    except SyncError as error:
        log.info("county lookup failed: %s", error.code or type(error).__name__)
        return RemoteLookup(OFFLINE, message=_unconfirmed())
    rows = [row for row in (answer.get("rows") or []) if isinstance(row, dict)]
    resident_ids = [str(row.get("id")) for row in rows if row.get("entity") == "resident"]
    if not resident_ids:
        return RemoteLookup(NOT_FOUND, message=tr("县级也没有此证件号的登记，可以新登记",
                                                  "The county has no record of this document number either; "
                                                  "the resident can be registered"))
    with factory.begin() as session:
        ctx = context(session)
        for row in rows:
            apply_record(session, ctx, str(row.get("entity")), str(row.get("id")), int(row.get("version") or 1),
                         row.get("data") or {})
    return RemoteLookup(FOUND, uuid.UUID(resident_ids[0]), tr(
        "本机历史记录尚未同步完：此人已在县级登记，已从县级取回其登记和在办事项",
        "This computer's history is still arriving: the resident is registered at the county; the record and "
        "the open cases were fetched from there"))


def _unconfirmed() -> str:
    return tr("本机历史记录尚未同步完，且暂时连不上县级，无法确认此人是否已登记过；确认未登记后再新登记",
              "This computer's history is still arriving and the county cannot be reached, so it cannot be "
              "confirmed whether this person is registered; register them only once you are sure they are not")
