"""--export-samples: one PDF of every document type from real records, QR included."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.__main__ import main
from app.db import DB_FILENAME, create_sqlite_engine, make_session_factory
from app.printing import DOC_TYPES
from app.services.demo import DEMO_STATUS_URL_BASE, build_demo
from app.services.status_link import parse_scan


@pytest.fixture(scope="module")
def demo_dir(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("samples-demo")
    shutil.copy(template_db, folder / DB_FILENAME)
    engine = create_sqlite_engine(folder / DB_FILENAME)
    build_demo(make_session_factory(engine), residents=20, cases=120, days=30)
    engine.dispose()
    return folder


def test_export_samples_writes_every_document_type(demo_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "samples"
    assert main(["--demo", "--data-dir", str(demo_dir), "--export-samples", str(out)]) == 0
    files = sorted(p.name for p in out.glob("*.pdf"))
    for code in DOC_TYPES:
        assert any(name.endswith(f"-{code}.pdf") for name in files), code
    assert "01-receipt-80mm.pdf" in files and "08-referral_slip-80mm.pdf" in files
    assert "已生成" in capsys.readouterr().err
    # The receipt's QR decodes, with an independent decoder, to the demo's status link.
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(out / "01-receipt.pdf"),
                    str(tmp_path / "receipt")], check=True)
    (page,) = tmp_path.glob("receipt*.png")
    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True).stdout.split()
    assert decoded and decoded[0].startswith(DEMO_STATUS_URL_BASE + "/status?case=")
    scan = parse_scan(decoded[0])
    text = subprocess.run(["pdftotext", str(out / "01-receipt.pdf"), "-"], capture_output=True, text=True).stdout
    assert scan is not None and scan.case_number in text and scan.code in text


def test_export_samples_without_a_center_says_what_to_do(tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path / "empty"), "--export-samples", str(tmp_path / "out")]) == 2
    assert "--demo" in capsys.readouterr().err
