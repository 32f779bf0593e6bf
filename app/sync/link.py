"""Calling the county over a weak link: exponential backoff with full jitter,
cancel and a time bound (SYNC.md: resend the same request; it is safe)."""
from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from app.sync.transport import LinkDown, RateLimited, SyncError, Transport
from app.text import Text

CANCELLED = Text("同步已取消", "Sync cancelled")
OUT_OF_TIME = Text("同步时间已到，其余数据下次再同步", "The time for this sync is up; the rest goes next time")

log = logging.getLogger(__name__)
T = TypeVar("T")


class Cancelled(SyncError):
    """The sync was cancelled (the worker, exit, or its time bound)."""


@dataclass
class Backoff:
    """Delays of ``base * 2**n`` seconds, capped, each drawn uniformly from
    [0, delay] (full jitter: 300 desks back online at once do not retry in step)."""

    base: float = 1.0
    cap: float = 60.0
    attempts: int = 6
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        return self.rng.uniform(0, min(self.cap, self.base * (2 ** attempt)))


class Link:
    """One sync run's connection: the transport, how to retry, when to stop."""

    def __init__(
        self,
        transport: Transport,
        *,
        backoff: Backoff | None = None,
        cancel: threading.Event | None = None,
        deadline: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport = transport
        self.backoff = backoff or Backoff()
        self.cancel = cancel or threading.Event()
        self.deadline = deadline
        self.clock = clock
        self.retries = 0

    def remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - self.clock()

    def check(self) -> None:
        if self.cancel.is_set():
            raise Cancelled(str(CANCELLED), code="cancelled")
        left = self.remaining()
        if left is not None and left <= 0:
            raise Cancelled(str(OUT_OF_TIME), code="time_bound")

    def timeout(self, default: float | None = None) -> float | None:
        """A request's timeout: never past the run's time bound."""
        left = self.remaining()
        if left is None:
            return default
        return max(0.5, min(left, default) if default else left)

    def wait(self, seconds: float) -> None:
        left = self.remaining()
        if left is not None and seconds >= left:
            raise Cancelled(str(OUT_OF_TIME), code="time_bound")
        if self.cancel.wait(seconds):
            raise Cancelled(str(CANCELLED), code="cancelled")

    def call(self, fn: Callable[[], T], *, what: str = "") -> T:
        """``fn`` with retries on a link error, 5xx or 429; other errors pass through."""
        attempt = 0
        while True:
            self.check()
            try:
                return fn()
            except RateLimited as error:
                log.info("county server busy (%s): waiting %.0f s", what, error.retry_after)
                attempt += 1
                if attempt >= self.backoff.attempts:
                    raise
                self.retries += 1
                self.wait(error.retry_after)
            except LinkDown as error:
                attempt += 1
                if attempt >= self.backoff.attempts:
                    raise
                delay = self.backoff.delay(attempt)
                log.info("%s failed (%s); retry %d in %.1f s", what or "request", error.reason, attempt, delay)
                self.retries += 1
                self.wait(delay)
