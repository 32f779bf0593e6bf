"""A fake ID card reader service on 127.0.0.1, as vendors' drivers run one:
HTTP (``GET`` answers the card on the reader as JSON) or WebSocket (a message
per card placed). Tests put a card on it and lift it off."""
from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PHOTO = b"\xff\xd8\xff\xe0" + b"JFIF-fake-photo" * 10


def vendor_answer(id_number: str, name: str) -> dict[str, Any]:
    """Shaped like a common vendor service's answer (华视-style field names)."""
    return {"resultFlag": 0, "errorMsg": "", "resultContent": "ok",
            "data": {"partyName": name, "certNumber": id_number, "gender": "男", "nation": "汉",
                     "certAddress": "示例县青山村3组", "picture": base64.b64encode(PHOTO).decode()}}


class FakeCardService:
    def __init__(self) -> None:
        self.card: dict[str, Any] | None = None
        self.requests = 0
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                service.requests += 1
                body = json.dumps(service.card if service.card is not None else {"status": "no_card"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/card=idcard"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeCardService:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
