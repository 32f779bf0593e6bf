"""A real PostgreSQL for the county tests, started by the tests themselves.

Preference: the ``pgserver`` wheel (a private PostgreSQL in a temporary folder,
works as root, shares nothing with other test runs on the machine); else the
Debian cluster (``pg_ctlcluster 15 main start``), reached over TCP with a test
role of the run's own. If neither starts, the run fails with the reasons:
a county suite that silently skipped PostgreSQL would prove nothing.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class PgServer:
    admin_url: str  # a URL on the maintenance database, allowed to create databases
    how: str


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False, **kwargs)  # type: ignore[call-overload]


def _debian_cluster() -> tuple[str, str] | None:
    """(version, port) of the first Debian cluster, if pg_lsclusters knows one."""
    if shutil.which("pg_lsclusters") is None:
        return None
    listing = _run(["pg_lsclusters", "--no-header"])
    for line in listing.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] == "main":
            return parts[0], parts[2]
    return None


@contextmanager
def _debian(version: str, port: str) -> Iterator[PgServer]:
    status = _run(["pg_ctlcluster", version, "main", "status"])
    started = False
    if status.returncode != 0:
        start = _run(["pg_ctlcluster", version, "main", "start"])
        if start.returncode != 0:
            raise RuntimeError(f"pg_ctlcluster {version} main start failed: {start.stderr.strip()}")
        started = True
    # A role of its own per run: test runs on the same machine never change
    # each other's password.
    role = f"county_test_{os.getpid()}_{secrets.token_hex(3)}"
    password = secrets.token_hex(16)
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def psql(sql: str) -> subprocess.CompletedProcess[str]:
        return _run([*as_postgres, "psql", "-p", port, "-v", "ON_ERROR_STOP=1", "-qAtc", sql])

    made = psql(f"CREATE ROLE {role} LOGIN CREATEDB PASSWORD '{password}'")
    if made.returncode != 0:
        raise RuntimeError(f"could not create the test role: {made.stderr.strip()}")
    try:
        yield PgServer(f"postgresql+psycopg://{role}:{password}@127.0.0.1:{port}/postgres", f"Debian cluster {version}/main")
    finally:
        psql(f"DROP ROLE IF EXISTS {role}")
        # Stop the cluster this run started, unless another run is using it.
        others = psql("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'county\\_test\\_%'")
        if started and others.returncode == 0 and others.stdout.strip() == "0":
            _run(["pg_ctlcluster", version, "main", "stop"])


@contextmanager
def _pgserver() -> Iterator[PgServer]:
    import pgserver  # PostgreSQL inside a wheel

    folder = tempfile.mkdtemp(prefix="county-pg-")
    server = pgserver.get_server(folder, cleanup_mode="delete")
    try:
        uri = server.get_uri()  # postgresql://postgres:@/postgres?host=/tmp/...
        yield PgServer(re.sub(r"^postgresql://", "postgresql+psycopg://", uri), "pgserver wheel")
    finally:
        server.cleanup()


@contextmanager
def postgres() -> Iterator[PgServer]:
    """A private server first (nothing shared with other runs on the machine),
    else the Debian cluster."""
    url = os.environ.get("COUNTY_TEST_PG_ADMIN_URL")
    if url:
        yield PgServer(url, "COUNTY_TEST_PG_ADMIN_URL")
        return
    problems = []
    try:
        server_cm = _pgserver()
        server = server_cm.__enter__()
    except Exception as error:  # noqa: BLE001 - every reason goes into the failure message
        problems.append(f"pgserver: {error!r}")
    else:
        try:
            yield server
        finally:
            server_cm.__exit__(None, None, None)
        return
    cluster = _debian_cluster()
    if cluster is None:
        problems.append("no Debian PostgreSQL cluster (pg_lsclusters)")
    else:
        try:
            with _debian(*cluster) as server:
                yield server
            return
        except RuntimeError as error:
            problems.append(str(error))
    raise RuntimeError("no PostgreSQL could be started for the county tests: " + "; ".join(problems))


def create_database(admin_url: str) -> str:
    """A fresh database for this test session; returns its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    name = f"county_test_{int(time.time())}_{secrets.token_hex(3)}"
    url = make_url(admin_url)
    with psycopg.connect(**_connect_args(url), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, database_url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    name = make_url(database_url).database
    with psycopg.connect(**_connect_args(make_url(admin_url)), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _connect_args(url) -> dict[str, object]:  # url: sqlalchemy URL
    args: dict[str, object] = {"dbname": url.database, "user": url.username}
    if url.password:
        args["password"] = url.password
    host = url.host or url.query.get("host")
    if host:
        args["host"] = host
    if url.port:
        args["port"] = url.port
    return args
