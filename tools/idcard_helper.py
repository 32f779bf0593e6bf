"""ID card reader helper for readers that only come with a vendor DLL (Windows).

The vendors' DLLs (华视 ``termb.dll``, the public-security ``sdtapi.dll``) are
often 32-bit and cannot load into the 64-bit desk. This helper runs in a
32-bit Python beside them and serves the card on 127.0.0.1 in OneWindow's
local protocol (``app/services/id_reader.PROTOCOL``)::

    py -3-32 tools\\idcard_helper.py --backend termb --port 38089

    GET /card  ->  {"status": "ok", "id_number": "...", "name": "..."}   a card
                   {"status": "no_card"}                                 none
                   {"status": "error", "message": "..."}                 a fault

and 设置 → 读卡器 → 本机读卡服务 names ``http://127.0.0.1:38089/card``.

A backend is a plug-in: a class with ``open()``, ``read() -> dict | None``
and ``close()`` (:class:`CardBackend`), chosen with ``--backend``; a vendor
not covered here is one more class. The two DLL backends below follow the
vendors' documented calls but could not be tested here (no Windows, no
reader): see docs/id-card-readers.md. The photo is never sent unless
``--photo`` is given (and OneWindow keeps it only if its setting asks).

Standard library only (ctypes, http.server): nothing to install beside the DLL.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol


class CardBackend(Protocol):
    """The plug-in interface: one reader, one thread at a time (the helper serialises calls)."""

    def open(self) -> None: ...

    def read(self) -> dict[str, str] | None:
        """The card on the reader ({"id_number", "name", optional "photo" base64}), or None."""

    def close(self) -> None: ...


class TermbBackend:
    """华视 CVR-100 family: termb.dll (ports 1001..1016 are USB)."""

    def __init__(self, dll: str = "termb.dll") -> None:
        self.dll_name = dll
        self.dll: Any = None

    def open(self) -> None:
        self.dll = ctypes.WinDLL(self.dll_name)  # type: ignore[attr-defined]
        for port in range(1001, 1017):
            if self.dll.CVR_InitComm(port) == 1:
                return
        raise OSError("no termb reader on USB ports 1001-1016")

    def read(self) -> dict[str, str] | None:
        if self.dll.CVR_Authenticate() != 1:  # no card (or it was not lifted off since the last read)
            return None
        if self.dll.CVR_Read_Content(4) != 1:
            raise OSError("CVR_Read_Content failed")
        return {"id_number": self._text("GetPeopleIDCode", 40), "name": self._text("GetPeopleName", 64)}

    def _text(self, function: str, size: int) -> str:
        buffer = ctypes.create_string_buffer(size)
        length = ctypes.c_int(size)
        getattr(self.dll, function)(buffer, ctypes.byref(length))
        return buffer.value.decode("gbk", errors="replace").strip()

    def close(self) -> None:
        if self.dll is not None:
            self.dll.CVR_CloseComm()


class SdtapiBackend:
    """The public-security standard sdtapi.dll (SDT_OpenPort … SDT_ReadBaseMsg)."""

    PORT = 1001

    def __init__(self, dll: str = "sdtapi.dll") -> None:
        self.dll_name = dll
        self.dll: Any = None

    def open(self) -> None:
        self.dll = ctypes.WinDLL(self.dll_name)  # type: ignore[attr-defined]
        if self.dll.SDT_OpenPort(self.PORT) != 0x90:
            raise OSError("SDT_OpenPort failed")

    def read(self) -> dict[str, str] | None:
        manage = ctypes.create_string_buffer(8)
        if self.dll.SDT_StartFindIDCard(self.PORT, manage, 1) != 0x9F:
            return None
        if self.dll.SDT_SelectIDCard(self.PORT, manage, 1) != 0x90:
            return None
        text, photo = ctypes.create_string_buffer(256), ctypes.create_string_buffer(1024)
        text_len, photo_len = ctypes.c_uint(0), ctypes.c_uint(0)
        if self.dll.SDT_ReadBaseMsg(self.PORT, text, ctypes.byref(text_len), photo, ctypes.byref(photo_len), 1) != 0x90:
            raise OSError("SDT_ReadBaseMsg failed")
        fields = text.raw[:text_len.value].decode("utf-16-le", errors="replace")
        # GA 467 layout: name 15 chars, sex 1, nation 2, birth 8, address 35, ID number 18, ...
        return {"name": fields[0:15].strip(), "id_number": fields[61:79].strip()}

    def close(self) -> None:
        if self.dll is not None:
            self.dll.SDT_ClosePort(self.PORT)


BACKENDS: dict[str, type] = {"termb": TermbBackend, "sdtapi": SdtapiBackend}


def make_server(backend: CardBackend, *, port: int, photo: bool = False) -> ThreadingHTTPServer:
    """The local protocol over one backend (tests serve a fake one)."""
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            try:
                with lock:
                    card = backend.read()
                answer: dict[str, Any] = {"status": "no_card"} if card is None else {"status": "ok", **card}
                if not photo:
                    answer.pop("photo", None)
            except OSError as error:
                answer = {"status": "error", "message": f"读卡器出错：{error}"}
            body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="OneWindow ID card reader helper (vendor DLL -> local service)")
    parser.add_argument("--backend", choices=sorted(BACKENDS), required=True)
    parser.add_argument("--dll", help="the DLL's path, if not beside the helper")
    parser.add_argument("--port", type=int, default=38089)
    parser.add_argument("--photo", action="store_true", help="also send the card's photo")
    args = parser.parse_args(argv)
    backend = BACKENDS[args.backend](args.dll) if args.dll else BACKENDS[args.backend]()
    backend.open()
    server = make_server(backend, port=args.port, photo=args.photo)
    print(f"OneWindow ID card helper: http://127.0.0.1:{args.port}/card", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        backend.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
