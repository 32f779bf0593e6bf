"""No personal data in the desk's log (issue 17, failure 2's log and section 'Logs and web').

Before: an operation's failure was logged with its traceback as it came,
SQL parameters (full ID numbers, phones) included.
"""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from app.db import create_sqlite_engine
from app.models import Resident
from app.services.log_redaction import RedactingFormatter, redact
from tests.services.desk import Desk

ID = "44011119400506012X"
PHONE = "13812345678"


@pytest.mark.parametrize(("text", "hidden", "kept"), [
    (f"登记群众：张三（{ID}）", ID, "440111"),
    (f"电话 {PHONE}，另 138-1234-5678，+86 13812345678", "1234", "5678"),
    ("座机 0571-88123456", "88123456", "3456"),
    ("GET https://county.example/api/v1/status?case=QS01-03-20260212-0001&code=ABC234 200", "ABC234", "/status?"),
    ("{'verification_code': 'K7M2QX'}", "K7M2QX", "verification_code"),
    ("旧证号 440111400506123", "440111400506123", "6123"),
    (f"[SQL: INSERT INTO residents (id_number) VALUES (?)]\n[parameters: ('{ID}', '张三')]\n(Background on this error)",
     "张三", "[SQL: INSERT"),
])
def test_personal_data_is_hidden(text: str, hidden: str, kept: str) -> None:
    out = redact(text)
    assert hidden not in out and kept in out


@pytest.mark.parametrize("text", [
    "case QS01-03-20260212-0001 took 12345 ms", "2026-12-01 15:14:12,196 INFO onewindow: sync: ok, 3 sent",
    "database check: ok in 0.043 s", "uuid 0193a5b2-7c1d-7e4f-8a9b-0c1d2e3f4a5b",
])
def test_ordinary_lines_stay_readable(text: str) -> None:
    assert redact(text) == text


def test_a_database_error_carries_no_values(desk: Desk) -> None:
    with desk.db.session_factory() as session:
        existing = session.get(Resident, desk.resident_id)
        assert existing is not None
        number = existing.id_number
    engine = create_sqlite_engine(desk.db.path)
    try:
        with pytest.raises(IntegrityError) as caught, engine.begin() as connection:
            connection.exec_driver_sql("INSERT INTO residents (id, id_number) VALUES (?, ?)", ("x", number))
    finally:
        engine.dispose()
    assert number not in str(caught.value)


def test_the_log_file_holds_no_id_numbers_phones_or_codes(tmp_path: Path) -> None:
    log_file = tmp_path / "onewindow.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    log = logging.getLogger("onewindow.test-redaction")
    log.addHandler(handler)
    try:
        try:
            raise ValueError(f"cannot register {ID} / {PHONE}")
        except ValueError:
            log.exception("operation failed for %s, phone %s, verification_code=%s", ID, PHONE, "K7M2QX")
    finally:
        log.removeHandler(handler)
        handler.close()
    text = log_file.read_text(encoding="utf-8")
    assert "operation failed" in text and "Traceback" in text
    assert ID not in text and PHONE not in text and "K7M2QX" not in text
