"""The recovery-key sheet: the key readable in groups, with what it is for and how to keep it."""
from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.keystore import new_key, parse_recovery_key, recovery_key_text
from app.printing import CenterInfo
from app.printing.data import RecoveryKeyData
from app.printing.documents.recovery_key import render


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")
def test_the_key_prints_in_groups_that_read_back(tmp_path: Path) -> None:
    key = new_key()
    data = RecoveryKeyData(doc_number="MY-QS01-20261201", center=CenterInfo(name="青山村党群服务中心"),
                           staff_name="王建国", printed_at=datetime(2026, 12, 1, 8, tzinfo=timezone.utc),
                           center_code="QS01", key_text=recovery_key_text(key), key_store="file")
    pdf = tmp_path / "key.pdf"
    pdf.write_bytes(render(data))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    compact = text.replace(" ", "")
    assert "数据库恢复密钥" in compact and "青山村党群服务中心" in compact and "中心主任签收" in compact
    lines = [line.replace(" ", "") for line in text.splitlines()]
    printed = "".join(line for line in lines if len(line) == 16 and parse_recovery_key(line * 4) is not None)
    assert parse_recovery_key(printed) == key  # what the head types from the paper opens the database
