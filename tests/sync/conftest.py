"""Fixtures for the desk's sync engine: the service-test desk, and live county
servers on loopback (tests/sync/live.py)."""
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.county import pg
from tests.services.desk import desk, desk_template  # noqa: F401 - fixtures
from tests.sync.live import CountyProcess, DeskPC, make_desk

BACKENDS = [b.strip() for b in os.environ.get("COUNTY_TEST_BACKENDS", "postgresql,sqlite").split(",") if b.strip()]


#: For tests about the link rather than the database: the first backend only
#: (PostgreSQL unless COUNTY_TEST_BACKENDS says otherwise).
one_backend = pytest.mark.parametrize("county", BACKENDS[:1], indirect=True)


def new_county_database(request: pytest.FixtureRequest, backend: str, folder: Path) -> str:
    if backend == "postgresql":
        server: pg.PgServer = request.getfixturevalue("pg_server")
        url = pg.create_database(server.admin_url)
        request.addfinalizer(lambda: pg.drop_database(server.admin_url, url))
        return url
    return f"sqlite:///{folder / 'county.sqlite3'}"


@pytest.fixture(scope="session", params=BACKENDS)
def county(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CountyProcess]:
    """A live county server shared by the session's tests; each test makes its own center."""
    folder = tmp_path_factory.mktemp(f"county-{request.param}")
    server = CountyProcess(new_county_database(request, request.param, folder), folder)
    server.start()
    server.publish_test_catalog()
    yield server
    server.close()


@pytest.fixture
def center(county: CountyProcess) -> str:
    return county.make_center()


@pytest.fixture
def new_desk(template_db: Path, tmp_path: Path, center: str) -> Iterator:
    """desk(n) -> a desk PC numbered n of this test's center (not enrolled)."""
    made: list[DeskPC] = []

    def build(number: int = 1, **kwargs) -> DeskPC:
        pc = make_desk(template_db, tmp_path / f"desk{number}-{uuid.uuid4().hex[:4]}", center,
                       device_number=number, **kwargs)
        made.append(pc)
        return pc

    yield build
    for pc in made:
        pc.close()


@pytest.fixture
def own_county(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CountyProcess]:
    """A county server of this test alone: it gets killed."""
    backend = BACKENDS[0]
    server = CountyProcess(new_county_database(request, backend, tmp_path), tmp_path)
    server.start()
    server.publish_test_catalog()
    yield server
    server.close()
