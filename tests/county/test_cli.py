"""The admin CLI, run as a county IT person runs it (a real process)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.services.passwords import verify_password
from county_server.models import CountyUser
from tests.county.harness import County

REPO = Path(__file__).resolve().parents[2]
PASSWORD = "Tr0ub4dor&3-county"


def cli(database_url: str, *args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("COUNTY_")}
    environment |= {"COUNTY_DATABASE_URL": database_url, "PYTHONPATH": str(REPO)} | (env or {})
    return subprocess.run([sys.executable, "-m", "county_server", *args], input=stdin, capture_output=True,
                          text=True, env=environment, cwd=REPO, timeout=60, check=False)


def test_create_admin_reads_the_password_and_never_prints_it(county: County, database_url: str) -> None:
    made = cli(database_url, "create-admin", "--username", "root", stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    assert PASSWORD not in made.stdout + made.stderr and "root" in made.stdout
    with county.session() as session:
        user = session.scalar(select(CountyUser).where(CountyUser.username == "root"))
        assert user.role == "admin" and verify_password(PASSWORD, user.password_hash)
        assert PASSWORD not in user.password_hash
    # From the environment (for provisioning scripts), also never echoed.
    officer = cli(database_url, "create-admin", "--username", "clerk", "--role", "officer",
                  env={"COUNTY_ADMIN_PASSWORD": PASSWORD})
    assert officer.returncode == 0 and PASSWORD not in officer.stdout + officer.stderr
    weak = cli(database_url, "create-admin", "--username", "weak", stdin="123\n")
    assert weak.returncode == 1 and "密码至少需要 8 位" in weak.stderr
    nothing = cli(database_url, "create-admin", "--username", "empty")
    assert nothing.returncode == 1 and "COUNTY_ADMIN_PASSWORD" in nothing.stderr


def test_center_code_and_catalog_from_the_command_line(county: County, database_url: str, tmp_path: Path) -> None:
    assert cli(database_url, "create-center", "--code", "CLI01", "--name", "命令行村").returncode == 0
    issued = cli(database_url, "issue-code", "--center", "CLI01", "--hours", "2")
    assert issued.returncode == 0
    code = issued.stdout.strip().splitlines()[-1]
    assert county.client.post("/api/v1/enroll", json={"code": code}).status_code == 200
    listed = cli(database_url, "list-devices", "--center", "CLI01")
    assert listed.stdout.startswith("01\t")
    revoked = cli(database_url, "revoke-device", "--center", "CLI01", "--device-number", "1")
    assert revoked.returncode == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "onewindow-catalog", "format_version": 1, "version": "x", '
                   '"departments": [{"code": "MZ", "name": "民政"}], "items": [{"code": "A-1"}]}', encoding="utf-8")
    refused = cli(database_url, "publish-catalog", str(bad))
    assert refused.returncode == 1
    assert "bad.json 事项「A-1」 字段「name」：缺少此字段" in refused.stderr
    missing = cli(database_url, "issue-code", "--center", "NOPE")
    assert missing.returncode == 1 and "找不到中心" in missing.stderr
