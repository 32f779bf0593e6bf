"""Pull: each stream from its saved cursor, a page at a time; the page and
its new cursor are saved in one short transaction (docs/sync-protocol.md §2,
§5). Bootstrap: a new or restored PC reads the center's snapshot page by
page, saving the page token with each page, then pulls from the snapshot's
cursors.

Both ask for the next page as soon as a page has arrived (its token or cursor
is in it) and apply this page while the next one crosses the link
(:class:`Ahead`): on a 2G link the desk's own work and the request's round
trip would otherwise leave the link idle between pages. Nothing is saved for
a page before it is applied, so an interruption loses at most a page that is
fetched again.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from app.models import SyncCursor
from app.services import settings
from app.sync.apply import apply_record, context
from app.sync.link import Link
from app.sync.transport import LinkDown
from app.text import tr

log = logging.getLogger(__name__)

#: The county's recommended order: who and what first, then the records, then
#: the county's events on them (each names the records head it needs).
STREAMS = ("center", "staff", "catalog", "calendar", "records", "county_events")
COUNTY_OWNED = STREAMS[:4]
PAGE_LIMITS = {"catalog": 2, "calendar": 20}
DEFAULT_PAGE = 200
#: Snapshot rows per page once the desk is usable: the history is hours at
#: 2 KB/s, and with 200-row pages a 1–2 s round trip per 5 s of data was a
#: quarter of it. 1000 rows (the county's limit) are about 30 s at 2 KB/s:
#: a cut costs no more than that.
HISTORY_PAGE = 1000


#: How often a caller waiting for a page fetched ahead looks at cancel and the
#: time bound (the request itself is bounded by the run's time).
WAIT_STEP_S = 0.2


class Ahead:
    """One page's GET on a helper thread, started as soon as its token or
    cursor is known, so that it crosses the link while the caller applies the
    page before it.

    Only the HTTP request runs there. The database work, the checks for
    cancel and the time bound, and the retries (``Link.call``, its backoff and
    counters) stay on the calling thread: :meth:`first_then` makes the answer
    the first attempt of the caller's next ``link.call``, so a ``LinkDown`` in
    it is retried there as any failed request is, after the page before it
    was saved. A page fetched ahead but never taken (a cancel, a cut, the
    desk closed) is simply asked for again; the helper thread is a daemon and
    its request ends by its own timeout."""

    def __init__(self, fetch: Callable[[], Any]) -> None:
        self._fetch = fetch
        self._done = threading.Event()
        self._answer: Any = None
        self._error: BaseException | None = None
        threading.Thread(target=self._run, name="sync-page-ahead", daemon=True).start()

    def _run(self) -> None:
        try:
            self._answer = self._fetch()
        except BaseException as error:  # noqa: BLE001 -- handed to the caller's thread, raised there
            self._error = error
        finally:
            self._done.set()

    def take(self, link: Link) -> Any:
        """The answer (or its error), as soon as it is here; ``Cancelled`` as
        soon as the run is cancelled or out of time."""
        while not self._done.wait(WAIT_STEP_S):
            link.check()
        if self._error is not None:
            raise self._error
        return self._answer

    @staticmethod
    def first_then(ahead: Ahead | None, link: Link, fetch: Callable[[], Any]) -> Callable[[], Any]:
        """For ``link.call``: the page fetched ahead first, then ``fetch`` again."""
        waiting = [ahead] if ahead is not None else []

        def attempt() -> Any:
            if waiting:
                return waiting.pop().take(link)
            return fetch()

        return attempt


@dataclass
class PullStats:
    received: int = 0
    applied: int = 0
    pages: int = 0


def cursor_of(session: Session, stream: str) -> int:
    row = session.get(SyncCursor, stream)
    return row.cursor if row is not None else 0


def save_cursor(session: Session, stream: str, value: int) -> None:
    """Cursors only move forward, whatever a page says."""
    row = session.get(SyncCursor, stream)
    if row is None:
        session.add(SyncCursor(stream=stream, cursor=value))
    elif value > row.cursor:
        row.cursor = value


def pull_streams(
    factory: sessionmaker[Session],
    link: Link,
    *,
    streams: tuple[str, ...] = STREAMS,
    page_size: int = DEFAULT_PAGE,
    progress: Callable[[str, int, int], None] | None = None,
) -> PullStats:
    """Each stream in order, from its saved cursor.

    Most streams have nothing new on most runs, and each request costs a
    round trip (1–2 s on 2G): a stream's first page is asked for one stream
    early (while the stream before it is asked for or applied), so a run's
    small streams take about half the round trips. At most two requests are
    under way at once. A stream moves only its own cursor, so the cursors
    read here are the ones each stream starts from.
    """
    stats = PullStats()
    with factory() as session:
        cursors = {stream: cursor_of(session, stream) for stream in streams}
    early: dict[str, Ahead] = {}

    def ask_early(index: int) -> None:
        if index < len(streams) and streams[index] not in early:
            stream = streams[index]
            limit = PAGE_LIMITS.get(stream, page_size)
            early[stream] = Ahead(partial(_fetch_page, link, stream, cursors[stream], limit))

    ask_early(1)
    for index, stream in enumerate(streams):
        _pull_stream(factory, link, stream, page_size=PAGE_LIMITS.get(stream, page_size), stats=stats,
                     progress=progress, cursor=cursors[stream], first=early.pop(stream, None),
                     last_arrived=partial(ask_early, index + 2))
    return stats


def _fetch_page(link: Link, stream: str, cursor: int, limit: int) -> Any:
    return link.transport.get(f"pull/{stream}", params={"cursor": cursor, "limit": limit}, timeout=link.timeout())


def _pull_stream(factory: sessionmaker[Session], link: Link, stream: str, *, page_size: int, stats: PullStats,
                 progress: Callable[[str, int, int], None] | None, cursor: int, first: Ahead | None = None,
                 last_arrived: Callable[[], None] | None = None) -> None:
    """``first``: the page at ``cursor``, asked for already; ``last_arrived``
    runs once the stream's last page has arrived, before it is applied."""
    with factory() as session:
        # County events wait for the records head they name; no other stream
        # moves it while this one is pulled (one run at a time).
        records_cursor = cursor_of(session, "records") if stream == "county_events" else 0

    def fetch_page(at: int) -> Any:
        return _fetch_page(link, stream, at, page_size)

    ahead = first
    while True:
        link.check()
        page = link.call(Ahead.first_then(ahead, link, partial(fetch_page, cursor)), what=f"pull {stream}")
        ahead = None
        entries: list[dict[str, Any]] = page.get("entries") or []
        next_cursor = int(page.get("next_cursor", cursor))
        if next_cursor < cursor or any(int(e["seq"]) <= cursor for e in entries):
            raise LinkDown(tr(f"县级服务器返回的「{stream}」数据顺序异常，稍后重试",
                              f"The county server sent the \"{stream}\" data out of order; trying again later"))
        waits = stream == "county_events" and any(
            int((e.get("data") or {}).get("records_seq") or 0) > records_cursor for e in entries)
        if page.get("has_more") and not waits:
            ahead = Ahead(partial(fetch_page, next_cursor))  # the next page crosses the link meanwhile
        elif last_arrived is not None:
            last_arrived()
        blocked = False
        with factory.begin() as session:
            ctx = context(session)
            last = cursor
            for entry in entries:
                data = entry.get("data") or {}
                if stream == "county_events" and int(data.get("records_seq") or 0) > records_cursor:
                    blocked = True  # the case is not here yet: pull records first, next run
                    break
                if apply_record(session, ctx, entry["entity"], entry["id"], int(entry.get("version") or 1), data):
                    stats.applied += 1
                stats.received += 1
                last = int(entry["seq"])
            save_cursor(session, stream, next_cursor if not blocked else last)
        stats.pages += 1
        cursor = next_cursor if not blocked else last
        if progress is not None:
            progress(stream, cursor, int(page.get("head") or cursor))
        if blocked or not page.get("has_more"):
            return


@dataclass(frozen=True)
class BootstrapState:
    """Where this desk's snapshot stands, for the worker's banner and the lookup."""

    active: bool  # the snapshot has begun here and is not finished
    usable: bool  # the open cases, their residents and last year's residents are here
    rows: int  # rows received so far
    estimate: int  # about how many rows the whole snapshot has (0: not known)

    @property
    def arriving(self) -> bool:
        return self.active and self.rows > 0


def bootstrap_state(session: Session) -> BootstrapState:
    state = dict(settings.get(session, settings.SYNC_BOOTSTRAP))
    active = bool(state) and not state.get("done")
    return BootstrapState(active=active, usable=bool(state.get("usable") or state.get("done")),
                          rows=int(state.get("rows") or 0), estimate=int(state.get("estimate") or 0))


def bootstrap(factory: sessionmaker[Session], link: Link, *, page_size: int = DEFAULT_PAGE,
              progress: Callable[[str, int, int], None] | None = None,
              between_pages: Callable[[], None] | None = None) -> PullStats:
    """Read the center's snapshot to its end, resuming from the saved page token.

    Asked in the priority order: the county sends the records a desk needs to
    work first (open cases, their residents, last year's residents); once they
    are here the state says ``usable`` and the history follows. A county that
    does not know the order answers in its own, and the desk is usable at the
    end. ``between_pages`` runs after each page once usable (the engine sends
    the intakes made meanwhile, so they do not wait hours for the history).
    """
    stats = PullStats()
    with factory() as session:
        state = dict(settings.get(session, settings.SYNC_BOOTSTRAP))
    if state.get("done"):
        return stats
    token = state.get("page_token") or None
    rows_done = int(state.get("rows") or 0)
    usable = bool(state.get("usable"))
    estimate = int(state.get("estimate") or 0)

    def ask(token: str | None, usable: bool) -> dict[str, Any]:
        # Small pages asked for explicitly (tests) stay small.
        limit = max(page_size, HISTORY_PAGE) if usable and page_size >= DEFAULT_PAGE else page_size
        params: dict[str, Any] = {"limit": limit}
        if token:
            params["page_token"] = token
        else:
            params["order"] = "priority"
        return params

    def fetch_rows(params: dict[str, Any]) -> Any:
        return link.transport.get("bootstrap", params=params, timeout=link.timeout())

    ahead: Ahead | None = None
    while True:
        link.check()
        params = ask(token, usable)
        page = link.call(Ahead.first_then(ahead, link, partial(fetch_rows, params)), what="bootstrap")
        ahead = None
        rows = page.get("rows") or []
        estimate = int(page.get("estimate") or estimate or 0)
        usable = usable or bool(page.get("done") or page.get("usable")) \
            or (page.get("tier") is not None and int(page["tier"]) >= 1)
        token = None if page.get("done") else page.get("next_page_token")
        if token:  # the next page crosses the link while this one is applied
            ahead = Ahead(partial(fetch_rows, ask(token, usable)))
        with factory.begin() as session:
            ctx = context(session)
            for row in rows:
                if apply_record(session, ctx, row["entity"], row["id"], int(row.get("version") or 1), row.get("data") or {}):
                    stats.applied += 1
                stats.received += 1
            rows_done += len(rows)
            cursors = {k: int(v) for k, v in (page.get("cursors") or {}).items()}
            if page.get("done"):
                for stream, value in cursors.items():
                    save_cursor(session, stream, value)
                settings.put(session, settings.SYNC_BOOTSTRAP, {"done": True, "usable": True, "rows": rows_done})
            else:
                settings.put(session, settings.SYNC_BOOTSTRAP,
                             {"done": False, "page_token": token, "rows": rows_done, "cursors": cursors,
                              "usable": usable, "estimate": estimate})
        stats.pages += 1
        if progress is not None:
            total = max(estimate, rows_done + (0 if page.get("done") else int(params["limit"])))
            progress("bootstrap", rows_done, rows_done if page.get("done") else total)
        if page.get("done") or not token:
            return stats
        if usable and between_pages is not None:
            between_pages()
