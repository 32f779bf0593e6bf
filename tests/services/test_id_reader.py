"""The local-service adapter for ID card readers, against fake services on 127.0.0.1."""
from __future__ import annotations

import json
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from app.services import id_reader
from app.services.errors import DomainError, PermissionDenied
from app.services.id_reader import (
    MODE_LOCAL_SERVICE,
    CardWatcher,
    LocalServiceReader,
    ReaderFault,
    ReaderSettings,
    parse_card,
    read_settings,
    save_settings,
    store_photo,
)
from app.services.identity import fictional_id_number
from tests.id_card_service import PHOTO, FakeCardService, vendor_answer

CARD = fictional_id_number(region_code="449901", birth_date=date(1948, 3, 9), sequence=21, gender="男")


def test_common_vendor_shapes_give_the_number_and_the_photo_only_when_asked() -> None:
    answer = vendor_answer(CARD, "张三丰")
    read = parse_card(answer, keep_photo=False)
    assert read is not None and read.id_number == CARD and read.name == "张三丰" and read.photo is None
    assert parse_card(json.dumps(answer), keep_photo=True).photo == PHOTO  # type: ignore[union-attr]
    assert parse_card({"IDCardNo": CARD.lower()}, keep_photo=False).id_number == CARD  # type: ignore[union-attr]
    assert parse_card({"status": "no_card"}, keep_photo=False) is None
    assert parse_card({"id_number": "not a number"}, keep_photo=False) is None
    assert parse_card(b"<html>", keep_photo=False) is None
    with pytest.raises(ReaderFault, match="请放卡"):
        parse_card({"status": "error", "message": "请放卡"}, keep_photo=False)


def test_a_card_left_on_the_reader_is_read_once() -> None:
    watcher, card = CardWatcher(), parse_card({"id_number": CARD}, keep_photo=False)
    assert watcher.feed(card) == card
    assert watcher.feed(card) is None
    assert watcher.feed(None) is None  # lifted off
    assert watcher.feed(card) == card


def test_the_http_service_is_polled(tmp_path: Path) -> None:
    with FakeCardService() as service:
        reader = LocalServiceReader(ReaderSettings(MODE_LOCAL_SERVICE, service.url))
        assert reader.read() is None
        service.card = vendor_answer(CARD, "张三丰")
        read = reader.read()
        assert read is not None and read.id_number == CARD and read.photo is None
        assert store_photo(tmp_path, read) is None and not (tmp_path / id_reader.PHOTO_DIR).exists()
        keeping = LocalServiceReader(ReaderSettings(MODE_LOCAL_SERVICE, service.url, keep_photo=True)).read()
        assert keeping is not None and keeping.photo == PHOTO
        stored = store_photo(tmp_path, keeping)
        assert stored is not None and stored.read_bytes() == PHOTO and CARD not in stored.name
    with pytest.raises(ReaderFault, match="读卡服务"):
        reader.read()  # the service is gone


def test_a_websocket_service_pushes_the_card() -> None:
    from websockets.sync.server import serve

    def handler(connection) -> None:
        assert connection.recv() == '{"cmd":"readcard"}'
        connection.send(json.dumps({"status": "ok", "id_number": CARD, "name": "张三丰"}))
        time.sleep(0.5)

    with serve(handler, "127.0.0.1", 0) as server:
        port = server.socket.getsockname()[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        reader = LocalServiceReader(ReaderSettings(MODE_LOCAL_SERVICE, f"ws://127.0.0.1:{port}",
                                                   poll_ms=2000, request='{"cmd":"readcard"}'))
        try:
            read = reader.read()
        finally:
            reader.close()
        server.shutdown()
    assert read is not None and read.id_number == CARD


def test_only_the_head_sets_the_reader_and_only_to_this_pc(desk) -> None:
    with desk.db.session_factory.begin() as session:
        wanted = ReaderSettings(MODE_LOCAL_SERVICE, "http://127.0.0.1:38088/card=idcard", 500, False)
        saved = save_settings(session, desk.head, wanted)
        assert read_settings(session) == saved and saved.active
        with pytest.raises(DomainError, match="本机"):
            save_settings(session, desk.head, ReaderSettings(MODE_LOCAL_SERVICE, "http://10.0.0.5:38088/"))
        with pytest.raises(DomainError, match="毫秒"):
            save_settings(session, desk.head, ReaderSettings(MODE_LOCAL_SERVICE, wanted.url, poll_ms=5))
        with pytest.raises(PermissionDenied):
            save_settings(session, desk.clerk, wanted)


class FakeDllBackend:
    """What a vendor DLL backend of tools/idcard_helper.py returns, without the DLL."""

    def __init__(self) -> None:
        self.card: dict[str, str] | None = None
        self.fail = False

    def open(self) -> None:
        pass

    def read(self) -> dict[str, str] | None:
        if self.fail:
            raise OSError("CVR_Read_Content failed")
        return self.card

    def close(self) -> None:
        pass


def test_the_dll_helper_speaks_the_local_protocol_the_adapter_reads() -> None:
    from tools.idcard_helper import make_server

    backend = FakeDllBackend()
    server = make_server(backend, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        reader = LocalServiceReader(ReaderSettings(MODE_LOCAL_SERVICE, f"http://127.0.0.1:{server.server_address[1]}/card"))
        assert reader.read() is None
        backend.card = {"id_number": CARD, "name": "张三丰", "photo": "AAAA"}
        read = reader.read()
        assert read is not None and read.id_number == CARD and read.photo is None
        backend.fail = True
        with pytest.raises(ReaderFault, match="读卡器出错"):
            reader.read()
    finally:
        server.shutdown()
        server.server_close()
