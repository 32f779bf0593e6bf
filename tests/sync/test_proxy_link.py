"""The fault proxy's link is one link: connections opened at once share its rate."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from tests.sync.proxy import FaultProxy


class _Sink(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


def test_two_connections_share_the_rate() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rate, size = 16_384.0, 8_192
    proxy = FaultProxy(server.server_address[1], rate=rate).start()
    try:
        def post() -> None:
            with httpx.Client() as client:
                assert client.post(f"{proxy.base}/push", content=b"x" * size).text == "ok"

        started = time.monotonic()
        threads = [threading.Thread(target=post) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        elapsed = time.monotonic() - started
    finally:
        proxy.stop()
        server.shutdown()
    # Each body alone takes size / rate = 0.5 s; on one shared link both take 1 s,
    # on a link per connection they would both be through in 0.5 s.
    assert elapsed >= 0.9 * 2 * size / rate, elapsed
