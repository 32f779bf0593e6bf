"""复制诊断信息: the log's end and the versions, with personal data hidden."""
from __future__ import annotations

from pathlib import Path

from app import __version__
from app.services.diagnostics import diagnostics, library_versions, recent_log_lines

ID_NUMBER = "44990119480309021X"
MOBILE = "13912345678"
LANDLINE = "0755-83456789"


def _write_log(folder: Path, name: str, lines: list[str]) -> None:
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_an_old_unredacted_log_is_redacted_in_the_copy(tmp_path: Path) -> None:
    # A log written before the redaction existed (or by hand) still holds the raw values.
    _write_log(tmp_path, "onewindow.log", [
        "2026-11-30 09:00:00,000 INFO onewindow: started",
        f"2026-11-30 09:01:00,000 ERROR app.services.residents: duplicate {ID_NUMBER} phone {MOBILE}",
        "2026-11-30 09:02:00,000 INFO app.sync: GET https://county.example.org/status?case=A1&code=ABC234",
        f"2026-11-30 09:03:00,000 INFO app.ui: 查询码: XK42PQ 电话 {LANDLINE}",
    ])
    report = diagnostics(tmp_path, [("版本", __version__), ("数据库", str(tmp_path / "onewindow.sqlite3"))])
    text = report.text
    assert report.log_lines == 4
    for secret in (ID_NUMBER, MOBILE, "83456789", "ABC234", "XK42PQ", "case=A1"):
        assert secret not in text, secret
    assert "449901****" in text and "021X" in text  # masked as the screens show them, the end kept
    assert "5678" in text and "started" in text
    assert f"版本: {__version__}" in text and "onewindow.sqlite3" in text


def test_a_fact_with_personal_data_is_redacted_too(tmp_path: Path) -> None:
    report = diagnostics(tmp_path, [("同步状态", f"error for {MOBILE}")])
    assert MOBILE not in report.text and "1**" in report.text
    assert report.log_lines == 0


def test_the_last_lines_come_from_the_rotated_log_when_the_current_one_is_short(tmp_path: Path) -> None:
    _write_log(tmp_path, "onewindow.log.1", [f"old {n}" for n in range(300)])
    _write_log(tmp_path, "onewindow.log", [f"new {n}" for n in range(50)])
    lines = recent_log_lines(tmp_path, limit=200)
    assert len(lines) == 200
    assert lines[0] == "old 150" and lines[149] == "old 299" and lines[-1] == "new 49"
    assert recent_log_lines(tmp_path, limit=20) == [f"new {n}" for n in range(30, 50)]


def test_versions_name_the_program_and_its_libraries() -> None:
    rows = dict(library_versions())
    assert rows["OneWindow"] == __version__
    assert rows["SQLAlchemy"][0].isdigit() and rows["sqlcipher3"][0].isdigit()
