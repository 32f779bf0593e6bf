"""A fault proxy on loopback between a desk and the county server.

It understands just enough HTTP/1.1 (Content-Length and chunked bodies) to
act per request:

* ``drop_before`` — close the desk's connection before forwarding anything;
* ``drop_after`` — forward, read the server's whole answer, then close
  without passing it on (the server applied it; the desk never hears so);
* ``truncate`` — pass on only part of the answer, then close;
* ``cut_up`` — forward only part of the request, then close both sides;

and it can throttle every byte to a 2G-like link (a rate per direction and a
one-way delay per message). The rate is the link's, not a connection's: the
connections a desk opens at once take turns on it, piece by piece, as they
would share one radio link, so sending on two connections gains no bandwidth. Faults come from a plan (the next requests whose
path starts with a prefix) or at random with a probability per request.
"""
from __future__ import annotations

import asyncio
import random
import threading
from collections import deque
from dataclasses import dataclass, field

FAULTS = ("drop_before", "drop_after", "truncate", "cut_up")


@dataclass
class Stats:
    requests: int = 0
    bytes_up: int = 0  # desk -> server, as forwarded
    bytes_down: int = 0  # server -> desk, as passed on
    faults: dict[str, int] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)


class Closed(Exception):
    pass


async def _read_message(reader: asyncio.StreamReader) -> tuple[bytes, bytes] | None:
    """(head, body) of one HTTP message, or None at a clean end of stream."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if error.partial:
            raise Closed from None
        return None
    except (ConnectionError, asyncio.LimitOverrunError):
        raise Closed from None
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
    body = b""
    try:
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size_line = await reader.readuntil(b"\r\n")
                chunks.append(size_line)
                size = int(size_line.split(b";")[0].strip(), 16)
                data = await reader.readexactly(size + 2)
                chunks.append(data)
                if size == 0:
                    break
            body = b"".join(chunks)
    except (asyncio.IncompleteReadError, ConnectionError):
        raise Closed from None
    return head, body


class FaultProxy:
    """Runs its own event loop on a thread; ``port`` is where desks connect."""

    def __init__(
        self,
        upstream_port: int,
        *,
        rate: float | None = None,  # bytes per second, each direction
        latency: tuple[float, float] = (0.0, 0.0),  # round trip, seconds: each way gets half
        fault_rate: float = 0.0,
        faults: tuple[str, ...] = FAULTS,
        seed: int = 0,
    ) -> None:
        self.upstream_port = upstream_port
        self.rate = rate
        self.latency = latency
        self.fault_rate = fault_rate
        self.random_faults = faults
        self.rng = random.Random(seed)
        self.stats = Stats()
        self._plan: deque[tuple[str, str]] = deque()
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._link: dict[bool, asyncio.Lock] = {}  # up / down: one link each way, made on the loop
        self._server: asyncio.base_events.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="fault-proxy", daemon=True)
        self.port = 0
        self.on_request: list = []  # callbacks(path, phase) for tests that act at a moment

    # -- control ----------------------------------------------------------------------

    def start(self) -> FaultProxy:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        future.result(10)
        return self

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        async def _stop() -> None:
            if self._server is not None:
                self._server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        asyncio.run_coroutine_threadsafe(_stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def plan(self, prefix: str, *faults: str) -> None:
        """The next requests whose path starts with ``prefix`` get these faults, in order."""
        with self._lock:
            for fault in faults:
                assert fault in FAULTS + ("pass",), fault
                self._plan.append((prefix, fault))

    def planned(self) -> int:
        with self._lock:
            return len(self._plan)

    def _choose(self, path: str) -> str:
        with self._lock:
            for index, (prefix, fault) in enumerate(self._plan):
                if path.startswith(prefix):
                    del self._plan[index]
                    return fault
            if self.fault_rate and self.rng.random() < self.fault_rate:
                return self.rng.choice(self.random_faults)
        return "pass"

    def _count(self, fault: str) -> None:
        if fault != "pass":
            with self._lock:
                self.stats.faults[fault] = self.stats.faults.get(fault, 0) + 1

    # -- the link ------------------------------------------------------------------------

    async def _delay(self) -> None:
        low, high = self.latency
        if high > 0:
            await asyncio.sleep(self.rng.uniform(low, high) / 2)

    async def _send(self, writer: asyncio.StreamWriter, data: bytes, *, up: bool, limit: int | None = None) -> None:
        """Write ``data`` (or its first ``limit`` bytes) at the link's pace."""
        data = data if limit is None else data[:limit]
        step = 256 if self.rate else len(data) or 1
        link = self._link.setdefault(up, asyncio.Lock())
        for start in range(0, len(data), step):
            piece = data[start:start + step]
            async with link:  # the link carries one piece at a time, whichever connection it is for
                writer.write(piece)
                await writer.drain()
                with self._lock:
                    if up:
                        self.stats.bytes_up += len(piece)
                    else:
                        self.stats.bytes_down += len(piece)
                if self.rate:
                    await asyncio.sleep(len(piece) / self.rate)

    async def _handle(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        upstream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        try:
            while True:
                message = await _read_message(client_reader)
                if message is None:
                    return
                head, body = message
                first = head.split(b"\r\n", 1)[0].decode("latin-1")
                path = first.split(" ")[1] if " " in first else ""
                fault = self._choose(path)
                with self._lock:
                    self.stats.requests += 1
                    self.stats.paths.append(f"{first.split(' ')[0]} {path} {fault}")
                self._count(fault)
                for callback in list(self.on_request):
                    callback(path, "received")
                if fault == "drop_before":
                    return
                # A new connection to the server for each request, as a
                # county's nginx makes one (or retries on one when a kept one
                # was closed): the server closes a connection after 5 s idle,
                # and an answer that takes longer to cross the slow side must
                # not leave the desk's next request on a dead one.
                if upstream is not None:
                    upstream[1].close()
                upstream = await asyncio.open_connection("127.0.0.1", self.upstream_port)
                await self._delay()
                request = head + body
                if fault == "cut_up":  # the request breaks off somewhere on the way
                    await self._send(upstream[1], request, up=True, limit=max(1, int(len(request) * self.rng.uniform(0.1, 0.9))))
                    return
                await self._send(upstream[1], request, up=True)
                for callback in list(self.on_request):
                    callback(path, "forwarded")
                answer = await _read_message(upstream[0])
                if answer is None:
                    return
                response = answer[0] + answer[1]
                for callback in list(self.on_request):
                    callback(path, "answered")
                if fault == "drop_after":
                    return
                await self._delay()
                if fault == "truncate":  # the answer breaks off somewhere on the way
                    await self._send(client_writer, response, up=False,
                                     limit=max(1, int(len(response) * self.rng.uniform(0.1, 0.9))))
                    return
                await self._send(client_writer, response, up=False)
        except (Closed, ConnectionError, asyncio.CancelledError, OSError):
            return
        finally:
            for writer in (client_writer, upstream[1] if upstream else None):
                if writer is not None:
                    writer.close()
