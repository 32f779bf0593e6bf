"""Sliding-window rate limits: per client address, per limit.

On PostgreSQL the hits are rows of one table (``rate_limit_hits``), so every
worker process of the server (``serve --workers N``) counts against the same
limit. On the embedded SQLite file the server is one process, and the hits
stay in its memory (a write per request would queue behind SQLite's single
write lock).

``hit`` counts a request and says how long to wait when over the limit (a
refused request is not counted); ``blocked`` only asks. Both touch the
database: from async code call ``ahit`` / ``ablocked``, which run on a worker
thread.
"""
from __future__ import annotations

import random
import threading
import time
from collections import deque
from datetime import datetime, timedelta, timezone
from typing import Protocol

import anyio.to_thread
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from county_server.models import RateHit

#: Hits older than this are deleted now and then (the longest window is 15 minutes).
KEEP = timedelta(hours=1)


class Limiter(Protocol):
    def hit(self, key: str) -> float | None: ...

    def blocked(self, key: str) -> float | None: ...

    async def ahit(self, key: str) -> float | None: ...

    async def ablocked(self, key: str) -> float | None: ...


class RateLimiter:
    """In this process's memory (one server process, the SQLite setup)."""

    def __init__(self, limit: int, window_seconds: float, *, max_keys: int = 100_000) -> None:
        self.limit = limit
        self.window = window_seconds
        self.max_keys = max_keys
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, *, now: float | None = None) -> float | None:
        """Count one request; the seconds to wait when over the limit, else None."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._hits) >= self.max_keys:
                self._prune(now)
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(1.0, hits[0] + self.window - now)
            hits.append(now)
            return None

    def blocked(self, key: str, *, now: float | None = None) -> float | None:
        """The seconds to wait when ``key`` is over the limit now, without counting a request."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.get(key)
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if hits is not None and len(hits) >= self.limit:
                return max(1.0, hits[0] + self.window - now)
            return None

    async def ahit(self, key: str) -> float | None:
        return self.hit(key)

    async def ablocked(self, key: str) -> float | None:
        return self.blocked(key)

    def _prune(self, now: float) -> None:
        for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window]:
            del self._hits[key]
        if len(self._hits) >= self.max_keys:  # still full: forget the oldest half
            for key in list(self._hits)[: self.max_keys // 2]:
                del self._hits[key]


class SharedRateLimiter:
    """In the database: every worker process counts against the same limit.

    Two workers may both let the last request under the limit through at the
    same moment; a limit is a bound on abuse, not an exact count.
    """

    def __init__(self, factory: sessionmaker[Session], name: str, limit: int, window_seconds: float) -> None:
        self.factory = factory
        self.name = name
        self.limit = limit
        self.window = timedelta(seconds=window_seconds)

    def _over(self, session: Session, key: str, now: datetime) -> float | None:
        count, oldest = session.execute(
            select(func.count(), func.min(RateHit.at)).where(RateHit.key == key, RateHit.at > now - self.window)
        ).one()
        if count < self.limit:
            return None
        first: datetime = oldest if oldest.tzinfo else oldest.replace(tzinfo=timezone.utc)  # SQLite: naive UTC
        return max(1.0, (first + self.window - now).total_seconds())

    def hit(self, key: str) -> float | None:
        now = datetime.now(timezone.utc)
        full = f"{self.name}:{key}"[:200]
        with self.factory.begin() as session:
            retry = self._over(session, full, now)
            if retry is None:
                session.execute(insert(RateHit).values(key=full, at=now))
                if random.random() < 0.01:  # housekeeping now and then
                    session.execute(delete(RateHit).where(RateHit.at < now - KEEP))
            return retry

    def blocked(self, key: str) -> float | None:
        with self.factory() as session:
            return self._over(session, f"{self.name}:{key}"[:200], datetime.now(timezone.utc))

    async def ahit(self, key: str) -> float | None:
        return await anyio.to_thread.run_sync(self.hit, key)

    async def ablocked(self, key: str) -> float | None:
        return await anyio.to_thread.run_sync(self.blocked, key)


def limiter(factory: sessionmaker[Session], *, shared: bool, name: str, limit: int, window_seconds: float) -> Limiter:
    """The limit in the database when several processes serve (PostgreSQL), else in memory."""
    if shared:
        return SharedRateLimiter(factory, name, limit, window_seconds)
    return RateLimiter(limit, window_seconds)
