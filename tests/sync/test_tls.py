"""TLS: the desk always verifies the county's certificate; a county with its
own certificate authority is trusted through the CA bundle setting."""
from __future__ import annotations

import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from county_server.app import create_app
from county_server.settings import Settings
from tests.sync.live import free_port


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A county's own CA and a server certificate for 127.0.0.1 signed by it."""
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make the test certificates (Debian: apt-get install openssl)")
    folder = tmp_path_factory.mktemp("tls")
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
            "-subj", "/CN=Test County CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=127.0.0.1", cwd=folder)
    (folder / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                                    "extendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf", cwd=folder)
    return folder


@pytest.fixture
def tls_county(certificates: Path, tmp_path: Path, sqlite_county_template) -> Iterator[tuple[str, object]]:
    """The county app served over HTTPS by uvicorn on loopback (embedded SQLite)."""
    shutil.copy(sqlite_county_template, tmp_path / "county.sqlite3")
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'county.sqlite3'}", data_dir=tmp_path),
                     migrate_on_start=False)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           ssl_keyfile=str(certificates / "server.key"),
                                           ssl_certfile=str(certificates / "server.pem")))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"https://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the TLS county did not start"
        time.sleep(0.05)
    yield base, app
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def sqlite_county_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from county_server.db import create_db_engine, migrate

    path = tmp_path_factory.mktemp("tls-county") / "county.sqlite3"
    engine = create_db_engine(Settings(database_url=f"sqlite:///{path}"))
    migrate(engine)
    engine.dispose()
    return path


def test_a_county_certificate_is_verified_and_a_ca_bundle_makes_it_trusted(tls_county, certificates: Path,
                                                                           template_db: Path, tmp_path: Path) -> None:
    from county_server.services import admin
    from tests.sync.live import make_desk

    base, app = tls_county
    with app.state.db.begin() as session:
        admin.create_center(session, code="TLS01", name="加密测试中心", town="示范镇")
        code = admin.issue_enrollment_code(session, admin.find_center(session, "TLS01"), hours=1).code
    desk = make_desk(template_db, tmp_path / "desk", "TLS01")
    try:
        refused = desk.engine.check_connection(base, "")
        assert not refused.ok and "证书" in refused.message  # the system does not know the county's CA
        trusted = desk.engine.check_connection(base, str(certificates / "ca.pem"))
        assert trusted.ok, trusted.message
        from app.sync.enroll import enroll
        from app.sync.link import Backoff
        from app.sync.transport import LinkDown

        with pytest.raises(LinkDown, match="证书"):
            enroll(desk.factory, desk.data_dir, server_url=base, code=code, backoff=Backoff(base=0.01, attempts=1))
        enroll(desk.factory, desk.data_dir, server_url=base, code=code, ca_bundle=str(certificates / "ca.pem"))
        report = desk.sync()
        assert report.ok, report.message
        with desk.factory() as session:  # the choice is kept for every later sync
            from app.services import settings

            assert settings.get(session, settings.SYNC_CA_BUNDLE) == str(certificates / "ca.pem")

        # A file that is not a certificate is refused when saved, in words.
        from app.services.errors import DomainError
        from app.sync.config import save_settings

        junk = tmp_path / "not-a-cert.pem"
        junk.write_text("这不是证书\n", encoding="utf-8")
        with desk.factory.begin() as session, pytest.raises(DomainError, match="PEM"):
            save_settings(session, desk.actor, server_url=base, ca_bundle=str(junk), interval_minutes=5)
        checked = desk.engine.check_connection(base, str(junk))
        assert not checked.ok and "PEM" in checked.message
        # The saved file goes missing later: every sync says so; nothing crashes, nothing is lost.
        moved = tmp_path / "ca-moved.pem"
        (certificates / "ca.pem").rename(moved)
        try:
            desk.register("卫十三")
            failed = desk.sync()
            assert failed.state == "error" and "找不到县级 CA 证书文件" in failed.message and failed.pending == 1
        finally:
            moved.rename(certificates / "ca.pem")
        assert desk.sync().ok
    finally:
        desk.close()
